import ArgumentParser
import CMalloc
import Foundation
import Geometry
import Layers
import Render
import Style

@main
struct SahelMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sahelmap",
        abstract: "Publication-quality briefing maps of the Sahel, in one command.",
        subcommands: [RenderCommand.self, ReportCommand.self, BuildCommand.self, EventsCommand.self, RegionsCommand.self, CheckCommand.self, LayersCommand.self, AuditCommand.self],
        defaultSubcommand: RenderCommand.self)

    /// SIGINT, SIGTERM and SIGHUP remove the temporary files of an output set being written (exit 130, 143, 129).
    static func main() {
        TemporaryFiles.installSignalCleanup()
        // Large freed blocks (the CSV text, feature arrays, a draft's layers) go back to the system at once instead of
        // staying in glibc's heap: peak RSS of 10,000 events 81.4 → 79 MiB, of 100,000 241 → 225, of a million
        // binned 146 → 137 (interleaved runs). The price: a block asked for again is faulted in again (100,000
        // events' second draft, legend at the side, faults in again what the first freed: 72,000 → 108,000 faults).
        sahelmap_return_large_blocks()
        main(nil)
    }
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a map to PNG, PDF or SVG.",
        discussion: """
        Renders a map spec (YAML, see Maps/) to the outputs it names, or to out/<spec>.png and .pdf. With no \
        spec, writes the default Sahel overview to out/sahel-overview.png (A4 landscape, 300 dpi) and \
        out/sahel-overview.pdf. Options override the spec. Each file is written to a temporary file and renamed, \
        so a failed run leaves the previous map untouched.
        """)

    @Argument(help: ArgumentHelp("A map spec (YAML). Default: Maps/sahel-overview.yaml.", valueName: "spec"))
    var spec: String?

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp(
        "Output file; the format comes from the extension (.png, .pdf, .svg). Repeat for several. '-' writes to standard output (needs --format).",
        valueName: "path"))
    var outputs: [String] = []

    @Option(help: "Format for '-' output: png, pdf or svg.")
    var format: String?

    @Option(help: ArgumentHelp("Paper: a3, a4, a5 or letter, with -portrait or -landscape. Default: the spec's, else a4-landscape.", valueName: "name"))
    var page: String?

    @Option(help: ArgumentHelp("Page size instead of --page: 297x210mm, 1920x1080px, 11x8.5in.", valueName: "WxH<unit>"))
    var size: String?

    @Option(help: ArgumentHelp("A size for embedding: a4-landscape, a4-portrait, report-column (170×120 mm), column (85×70 mm), half-column (55×45 mm), slide (1920×1080 px, type for the back of a room), social (1200×675 px), thumbnail (480×320 px). A screen preset keeps its pixels at any --dpi, its type scaled to match.", valueName: "name"))
    var preset: String?

    @Option(help: "Resolution of PNG output, in dots per inch. Default: the spec's, else 300.")
    var dpi: Double?

    // `.unconditional`: western longitudes are negative, and `--extent -17.6,4.2,24.2,25.2` must not read as options.
    @Option(parsing: .unconditional, help: ArgumentHelp("What to show: west,south,east,north in degrees (-17.6,4.2,24.2,25.2), or country/region names or ISO codes separated by commas (\"Mali,Niger\", \"BFA\", \"Tillabéri\").", valueName: "bbox|names"))
    var extent: String?

    @Option(help: ArgumentHelp("Any CRS PROJ understands: EPSG:32631, ESRI:102022, a +proj string. Default: Lambert azimuthal equal-area centred 15° N 2° E.", valueName: "crs"))
    var projection: String?

    @Option(help: "Map title.")
    var title: String?

    @Option(help: ArgumentHelp("Theme: briefing, print, dark (Styles/<name>.yaml) or a path to a theme file.", valueName: "name"))
    var theme: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Show the state on this date: bases open or handed over, presence levels of that year.", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Keep events on or after this date.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Keep events on or before this date.", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Write a JSON render report: per-layer counts, labels placed and dropped, time per phase, outputs.", valueName: "path"))
    var report: String?

    @OptionGroup var date: DateOptions

    @Flag(help: "Warnings are errors: exit 1 and write nothing when a row was skipped, a name not placed, a label field unknown or the legend left out.")
    var strict = false

    @Flag(name: .customLong("no-alt-text"), help: "Write no description (NAME.alt.txt) beside the images.")
    var noAltText = false

    @Flag(help: "Only the map body, edge to edge: no title, sources, legend, scale bar or inset (for a document that captions it).")
    var bare = false

    @Flag(name: .customLong("no-title"), help: "Leave out the title, subtitle and date line.")
    var noTitle = false

    @Flag(name: .customLong("no-legend"), help: "Leave out the legend.")
    var noLegend = false

    @Flag(name: .customLong("no-inset"), help: "Leave out the locator inset.")
    var noInset = false

    @Flag(name: .customLong("no-credits"), help: "Leave out the sources line (the render report and alt text still cite the sources).")
    var noCredits = false

    func validate() throws {
        if let format, OutputFormat(rawValue: format.lowercased()) == nil {
            throw ValidationError("--format: expected png, pdf or svg, found \"\(format)\"")
        }
        for o in outputs where o != "-" && OutputFormat(path: o) == nil {
            throw ValidationError("--output \(o): expected a file ending in .png, .pdf or .svg")
        }
        if outputs.contains("-") && format == nil {
            throw ValidationError("--output -: standard output needs --format png, pdf or svg")
        }
        if outputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("--output -: only one output can go to standard output") }
        if let dpi, !(10...2400).contains(dpi) { throw ValidationError("--dpi: expected 10…2400, found \(dpi)") }
        _ = try resolvedPage(spec: nil)
        for (name, value) in [("--as-of", asOf), ("--from", from), ("--to", to)] {
            if let value, PartialDate(value) == nil {
                throw ValidationError("\(name): expected a date like 2021-12-31, 2021-12 or 2021, found \"\(value)\"")
            }
        }
        if let e = extent { _ = try Self.parseExtent(e) }
    }

    /// The page from the options, then the spec, then A4 landscape at 300 dpi. A bad option is a usage error
    /// (exit 64); a bad value from the spec names the spec's line and column (exit 1).
    func resolvedPage(spec: MapSpec?) throws -> Page {
        let dpi = self.dpi ?? spec?.dpi ?? 300
        if let preset {
            guard let p = Page.preset(preset, dpi: self.dpi ?? spec?.dpi) else {
                throw ValidationError("--preset: expected one of \(Page.presets.keys.sorted().joined(separator: ", ")), found \"\(InputFile.echo(preset))\"")
            }
            return p
        }
        if let size {
            guard let p = Page.sized(size, dpi: dpi) else {
                throw ValidationError("--size: expected WIDTHxHEIGHT with mm, px, in or pt (e.g. 297x210mm, 1920x1080px), found \"\(InputFile.echo(size))\"")
            }
            return p
        }
        let fromSpec = self.page == nil && spec?.page != nil
        let page = self.page ?? spec?.page ?? "a4-landscape"
        if let p = Page.preset(page, dpi: self.dpi ?? spec?.dpi) ?? Page.named(page, dpi: dpi) { return p }
        let expected = "expected a3, a4, a5 or letter, optionally with -portrait or -landscape, or a preset (\(Page.presets.keys.sorted().joined(separator: ", "))), found \"\(InputFile.echo(page))\""
        if fromSpec, let spec { throw SpecValueError(location: spec.keyLocations["page"], key: "page", message: expected) }
        throw ValidationError("--page: \(expected)")
    }

    /// Refuses a raster page too large to draw (`Page.rasterProblem`) before anything is read or drawn, naming
    /// the options or the spec's `dpi:`/`page:` it came from.
    func checkRaster(_ page: Page, spec: MapSpec) throws {
        guard let problem = page.rasterProblem() else { return }
        if dpi != nil || self.page != nil || size != nil || preset != nil {
            let options = [dpi.map { _ in "--dpi" }, self.page.map { _ in "--page" }, size.map { _ in "--size" }, preset.map { _ in "--preset" }]
            throw ValidationError("\(options.compactMap { $0 }.joined(separator: ", ")): \(problem)")
        }
        let key = spec.dpi != nil ? "dpi" : "page"
        throw SpecValueError(location: spec.keyLocations[key], key: key, message: problem)
    }

    static func parseExtent(_ text: String) throws -> Extent {
        switch Extent.parse(text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)) {
        case .success(let e): return e
        case .failure(let e): throw ValidationError("--extent: \(e.message)")
        }
    }

    func run() throws {
        let resources = try Resources.locate()
        let specPath = spec ?? resources.maps + "/sahel-overview.yaml"
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: specPath, isDirectory: &isFolder), isFolder.boolValue {
            throw ValidationError("\(specPath) is a folder; render takes one map spec (a .yaml file); to render every spec in it, run: sahelmap build \(specPath)")
        }
        var map = try MapSpec.load(path: specPath, resources: resources)
        if map.atlas != nil {
            throw ValidationError("\(specPath) is an atlas (one map per feature); render draws one map: run sahelmap build \(specPath)")
        }
        if let extent { map.extent = try Self.parseExtent(extent) }
        if let projection { map.projection = projection }
        if let title { map.title = title }
        if let theme {
            map.style = try StyleSheet.load(path: StyleSheet.resolve(theme: theme, relativeTo: nil, resources: resources), resources: resources)
        }
        if let asOf { map.time.asOf = PartialDate(asOf) }
        if let from { map.time.from = PartialDate(from) }
        if let to { map.time.to = PartialDate(to) }
        let page = try resolvedPage(spec: map)
        var paths = outputs
        if paths.isEmpty { paths = map.outputs }
        if paths.isEmpty {
            let name = URL(fileURLWithPath: specPath).deletingPathExtension().lastPathComponent
            paths = ["out/\(name).png", "out/\(name).pdf"]
        }
        var targets: [Output] = []
        for o in paths {
            if o == "-" {
                guard let f = format.flatMap({ OutputFormat(rawValue: $0.lowercased()) }) else {
                    throw ValidationError("--output -: standard output needs --format png, pdf or svg")
                }
                targets.append(Output(path: o, format: f))
                continue
            }
            guard let f = OutputFormat(path: o) else {
                throw ValidationError("\(specPath): outputs: \(o): expected a file ending in .png, .pdf or .svg")
            }
            targets.append(Output(path: o, format: f))
        }
        if targets.contains(where: { $0.format == .png }) { try checkRaster(page, spec: map) }
        if bare { map.layout = .bare(framed: false) }
        if noTitle { map.furniture.title = false }
        if noLegend { map.furniture.legend = false }
        if noInset { map.furniture.inset = false }
        if noCredits { map.furniture.credits = false }
        // The report is written after the maps; a path that can never be written fails before anything is drawn.
        if let report { try AtomicFile.checkWritable(report) }
        let info = DocumentInfo(title: map.title, author: "SahelMap",
                                creationDate: DocumentInfo.reproducibleDate(explicit: date.creationDate, time: map.time, stampToday: date.stampToday))
        let renderer = try MapRenderer(spec: map, page: page, resources: resources, info: info)
        let composed = try renderer.compose()
        for w in composed.report.warnings { FileHandle.standardError.write(Data("\(w)\n".utf8)) }
        if (strict || map.strict), !composed.report.warnings.isEmpty {
            throw StrictError(count: composed.report.warnings.count, spec: specPath)
        }
        // The report is written in the same set as the maps: a failure on either leaves both as they were.
        let result = try renderer.write(composed, to: targets, altText: !noAltText, reportPath: report)
        if !targets.contains(where: { $0.path == "-" }) {
            for o in result.outputs {
                let px = o.widthPixels.map { ", \($0)×\(o.heightPixels!) px at \(Int(o.dpi!)) dpi" } ?? ""
                print("wrote \(o.path) (\(o.bytes / 1024) KiB\(px))")
            }
        }
        // Done: everything is written and in place. Exit now rather than free the composition first (100,000
        // events take half a second to free); the C library flushes standard output.
        Foundation.exit(EXIT_SUCCESS)
    }
}

/// A value from a spec file that is wrong only in the light of the rest (a page too large at its dpi): named by the
/// spec's file, line and column like the spec reader's own errors, exit 1.
struct SpecValueError: Error, CustomStringConvertible {
    let location: String?
    let key: String
    let message: String
    var description: String { (location.map { "\($0): " } ?? "") + "\(key): \(message)" }
}

/// `--strict` (or `strict: true`) with warnings: nothing was written.
struct StrictError: Error, CustomStringConvertible {
    var count: Int, spec: String
    var description: String {
        "\(spec): \(count) warning\(count == 1 ? "" : "s") with --strict (or strict: true in the spec); nothing written, previous outputs untouched"
    }
}
