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
        subcommands: [RenderCommand.self, CheckCommand.self],
        defaultSubcommand: RenderCommand.self)
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a map to PNG, PDF or SVG.",
        discussion: """
        With no arguments, writes the default Sahel overview to out/sahel-overview.png (A4 landscape, 300 dpi) \
        and out/sahel-overview.pdf. Each file is written to a temporary file and renamed, so a failed run \
        leaves the previous map untouched.
        """)

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp(
        "Output file; the format comes from the extension (.png, .pdf, .svg). Repeat for several. '-' writes to standard output (needs --format).",
        valueName: "path"))
    var outputs: [String] = []

    @Option(help: "Format for '-' output: png, pdf or svg.")
    var format: String?

    @Option(help: ArgumentHelp("Paper: a3, a4, a5 or letter, with -portrait or -landscape.", valueName: "name"))
    var page: String = "a4-landscape"

    @Option(help: ArgumentHelp("Page size instead of --page: 297x210mm, 1920x1080px, 11x8.5in.", valueName: "WxH<unit>"))
    var size: String?

    @Option(help: "Resolution of PNG output, in dots per inch.")
    var dpi: Double = 300

    @Option(help: ArgumentHelp("What to show: west,south,east,north in degrees, or country/region names or ISO codes separated by commas (\"Mali,Niger\", \"BFA\", \"Tillabéri\").", valueName: "bbox|names"))
    var extent: String?

    @Option(help: ArgumentHelp("Any CRS PROJ understands: EPSG:32631, ESRI:102022, a +proj string. Default: Lambert azimuthal equal-area centred 15° N 2° E.", valueName: "crs"))
    var projection: String?

    @Option(help: "Map title.")
    var title: String?

    @Option(help: ArgumentHelp("Write a JSON render report: per-layer counts, labels placed and dropped, time per phase, outputs.", valueName: "path"))
    var report: String?

    @Option(help: ArgumentHelp("PDF creation date (ISO 8601). Defaults to $SOURCE_DATE_EPOCH if set, else now.", valueName: "date"))
    var creationDate: String?

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
        guard dpi >= 10 && dpi <= 2400 else { throw ValidationError("--dpi: expected 10…2400, found \(dpi)") }
        _ = try resolvedPage()
        if let e = extent { _ = try Self.parseExtent(e) }
        if let d = creationDate, ISO8601DateFormatter().date(from: d) == nil {
            throw ValidationError("--creation-date: expected ISO 8601 like 2026-11-25T00:00:00Z, found \"\(d)\"")
        }
    }

    func resolvedPage() throws -> Page {
        if let size {
            guard let p = Page.sized(size, dpi: dpi) else {
                throw ValidationError("--size: expected WIDTHxHEIGHT with mm, px, in or pt (e.g. 297x210mm, 1920x1080px), found \"\(size)\"")
            }
            guard p.pixelWidth * p.pixelHeight <= 200_000_000 else {
                throw ValidationError("--size: \(p.pixelWidth)×\(p.pixelHeight) px at \(Int(dpi)) dpi is too large (at most 200 megapixels)")
            }
            return p
        }
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
        return .features(parts)
    }

    func run() throws {
        var spec = MapSpec.sahelOverview
        if let extent { spec.extent = try Self.parseExtent(extent) }
        if let projection { spec.projection = projection }
        if let title { spec.title = title }
        let page = try resolvedPage()
        var targets = outputs.map { o in
            Output(path: o, format: o == "-" ? OutputFormat(rawValue: format!.lowercased())! : OutputFormat(path: o)!)
        }
        if targets.isEmpty {
            targets = [Output(path: "out/sahel-overview.png", format: .png), Output(path: "out/sahel-overview.pdf", format: .pdf)]
        }
        let info = DocumentInfo(title: spec.title, author: "SahelMap", creationDate: creationDate ?? Self.defaultDate())
        let renderer = try MapRenderer(spec: spec, page: page, catalog: try DataCatalog.standard(), info: info)
        let map = try renderer.compose()
        let result = try renderer.write(map, to: targets)
        if let report {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(result)
            do { try data.write(to: URL(fileURLWithPath: report), options: .atomic) } catch {
                throw ValidationError("--report: cannot write \(report): \(error.localizedDescription)")
            }
        }
        if !targets.contains(where: { $0.path == "-" }) {
            for o in result.outputs {
                let px = o.widthPixels.map { ", \($0)×\(o.heightPixels!) px at \(Int(o.dpi!)) dpi" } ?? ""
                print("wrote \(o.path) (\(o.bytes / 1024) KiB\(px))")
            }
        }
    }

    static func defaultDate() -> String {
        let f = ISO8601DateFormatter()
        if let e = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let s = Double(e) {
            return f.string(from: Date(timeIntervalSince1970: s))
        }
        return f.string(from: Date())
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check GeoJSON files against RFC 7946 and report every problem with its feature and path.")

    @Argument(help: "GeoJSON files.")
    var files: [String]

    func run() throws {
        var failed = false
        for f in files {
            do {
                let fc = try GeoJSON.read(contentsOf: f)
                print("\(f): \(fc.features.count) features, valid")
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
