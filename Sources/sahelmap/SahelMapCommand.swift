import ArgumentParser
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
        _ = try resolvedPage(specPage: nil, specDPI: nil)
        for (name, value) in [("--as-of", asOf), ("--from", from), ("--to", to)] {
            if let value, PartialDate(value) == nil {
                throw ValidationError("\(name): expected a date like 2021-12-31, 2021-12 or 2021, found \"\(value)\"")
            }
        }
        if let e = extent { _ = try Self.parseExtent(e) }
    }

    func resolvedPage(specPage: String?, specDPI: Double?) throws -> Page {
        let dpi = self.dpi ?? specDPI ?? 300
        let page = self.page ?? specPage ?? "a4-landscape"
        if let preset {
            guard let p = Page.preset(preset, dpi: self.dpi ?? specDPI) else {
                throw ValidationError("--preset: expected one of \(Page.presets.keys.sorted().joined(separator: ", ")), found \"\(preset)\"")
            }
            return p
        }
        if let size {
            guard let p = Page.sized(size, dpi: dpi) else {
                throw ValidationError("--size: expected WIDTHxHEIGHT with mm, px, in or pt (e.g. 297x210mm, 1920x1080px), found \"\(size)\"")
            }
            guard p.pixelWidth * p.pixelHeight <= 200_000_000 else {
                throw ValidationError("--size: \(p.pixelWidth)×\(p.pixelHeight) px at \(Int(dpi)) dpi is too large (at most 200 megapixels)")
            }
            return p
        }
        if let p = Page.preset(page, dpi: self.dpi ?? specDPI) { return p }
        guard let p = Page.named(page, dpi: dpi) else {
            throw ValidationError("--page: expected a3, a4, a5 or letter, optionally with -portrait or -landscape, found \"\(page)\"")
        }
        return p
    }

    static func parseExtent(_ text: String) throws -> Extent {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = parts.compactMap(Double.init)
        if numbers.count == parts.count {
            guard numbers.count == 4 else {
                throw ValidationError("--extent: expected four numbers west,south,east,north, found \(numbers.count)")
            }
            let b = BoundingBox(west: numbers[0], south: numbers[1], east: numbers[2], north: numbers[3])
            guard b.west < b.east, b.south < b.north, b.west >= -180, b.east <= 180, b.south >= -90, b.north <= 90 else {
                throw ValidationError("--extent: expected west < east and south < north in degrees, found \(text)")
            }
            return .bbox(b)
        }
        guard parts.allSatisfy({ !$0.isEmpty }) else { throw ValidationError("--extent: empty name in \"\(text)\"") }
        // The value is taken whatever it looks like, so a forgotten value swallows the next option.
        if let option = parts.first(where: { $0.hasPrefix("-") && Double($0) == nil }) {
            throw ValidationError("--extent: expected four numbers west,south,east,north or names, found \"\(option)\"")
        }
        return .features(parts)
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
        let page = try resolvedPage(specPage: map.page, specDPI: map.dpi)
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
        let result = try renderer.write(composed, to: targets)
        if let report {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            // A RenderError, so the failure exits 1 like any failed render ("could not write PATH: reason").
            try AtomicFile.writeAll([.init(path: report, bytes: Array(try encoder.encode(result)))])
        }
        if !targets.contains(where: { $0.path == "-" }) {
            for o in result.outputs {
                let px = o.widthPixels.map { ", \($0)×\(o.heightPixels!) px at \(Int(o.dpi!)) dpi" } ?? ""
                print("wrote \(o.path) (\(o.bytes / 1024) KiB\(px))")
            }
        }
    }
}

/// `--strict` (or `strict: true`) with warnings: nothing was written.
struct StrictError: Error, CustomStringConvertible {
    var count: Int, spec: String
    var description: String {
        "\(spec): \(count) warning\(count == 1 ? "" : "s") with --strict (or strict: true in the spec); nothing written, previous outputs untouched"
    }
}
