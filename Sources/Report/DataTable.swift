import Foundation
import Geometry
import Layers
import Style

/// A ```` ```table ```` block: rows of a data source chosen with the filter language, as a GFM table.
///
/// ```yaml
/// source: builtin:massacres
/// columns: [date, name, country, fatalities_high]
/// headers: [Date, Massacre, Country, Killed (high)]
/// where: 'country = "Niger"'
/// sort: -fatalities_high
/// limit: 10
/// ```
struct DataTable {
    var source = ""
    var columns: [String] = []
    var headers: [String] = []
    var filter: Style.Expression?
    var sort: String?
    var limit: Int?

    static let schema = Schema<DataTable>([
        "source": { $0.source = $1.string() ?? "" },
        "columns": { $0.columns = $1.list { $0.string() } ?? [] },
        "headers": { $0.headers = $1.list { $0.string() } ?? [] },
        "where": { $0.filter = $1.expression() },
        "sort": { $0.sort = $1.string() },
        "limit": { $0.limit = $1.int() },
    ])

    /// Replaces every table block in `blocks` (recursively) by the table it describes.
    /// - Throws: `StyleError` for problems in a block's YAML (with the Markdown file's lines), `ReportError` for a
    ///   source that cannot be read or a column it lacks.
    static func expand(_ blocks: [Block], file: String, resources: Resources, sources: SourceSet,
                       credits: inout [String]) throws -> [Block] {
        var out: [Block] = []
        for b in blocks {
            switch b {
            case .code(let info, let text, let at) where info.trimmingCharacters(in: .whitespaces) == "table":
                let (block, credit) = try table(text, file: file, at: at, resources: resources, sources: sources)
                out.append(block)
                // The table's sources under it, as a figure's are, and in the report's Sources section.
                if !credit.isEmpty {
                    out.append(.paragraph([.emphasis([.text("Source: " + credit.joined(separator: "; ") + ".")])], at: at))
                    for c in credit where !credits.contains(c) { credits.append(c) }
                }
            case .quote(let inner, let at):
                out.append(.quote(try expand(inner, file: file, resources: resources, sources: sources, credits: &credits), at: at))
            case .list(let o, let s, let t, let items, let at):
                out.append(.list(ordered: o, start: s, tight: t, items: try items.map {
                    try expand($0, file: file, resources: resources, sources: sources, credits: &credits)
                }, at: at))
            default:
                out.append(b)
            }
        }
        return out
    }

    private static func table(_ yaml: String, file: String, at: SourcePosition, resources: Resources, sources: SourceSet) throws -> (Block, [String]) {
        let reader = YAMLReader(text: yaml, file: file, lineOffset: at.line)
        var t = DataTable()
        if let root = reader.root, schema.read(root, into: &t) {
            if t.source.isEmpty { root.problem(missing: "source", "expected a source like builtin:massacres") }
            if t.columns.isEmpty { root.problem(missing: "columns", "expected a list of columns") }
            if !t.headers.isEmpty && t.headers.count != t.columns.count {
                root.problem("expected as many headers (\(t.headers.count)) as columns (\(t.columns.count))")
            }
        }
        try reader.finish()
        func fail(_ m: String) -> ReportError { ReportError(file: file, at: at, "table: \(m)") }
        let source = Self.source(t.source, file: file)
        let features: [Feature]
        do { features = try sources.features(source).features } catch { throw fail("source \"\(t.source)\": \(error)") }
        var rows: [[String: JSONValue]] = features.map(\.properties).filter { t.filter?.matches($0) ?? true }
        let known = Set(features.flatMap { $0.properties.keys })
        for c in t.columns + [t.sort.map { $0.hasPrefix("-") ? String($0.dropFirst()) : $0 }].compactMap({ $0 }) where !known.contains(c) {
            throw fail("column \"\(c)\": not in \(t.source); it has \(known.sorted().joined(separator: ", "))")
        }
        if let sort = t.sort {
            let descending = sort.hasPrefix("-"), key = descending ? String(sort.dropFirst()) : sort
            rows.sort { a, b in
                let x: JSONValue = a[key] ?? .null, y: JSONValue = b[key] ?? .null
                return descending ? less(y, x) : less(x, y)
            }
        }
        if let limit = t.limit { rows = Array(rows.prefix(max(0, limit))) }
        let numeric: [Bool] = t.columns.map { c in
            rows.allSatisfy { r in
                switch r[c] { case .number?, .null?, nil: true; default: false }
            }
        }
        let headers = t.headers.isEmpty ? t.columns : t.headers
        let alignments: [ColumnAlignment] = numeric.map { $0 ? .right : .left }
        let cells: [[[Inline]]] = rows.map { r in t.columns.map { c in [Inline.text(text(r[c] ?? JSONValue.null))] } }
        return (.table(alignments: alignments, header: headers.map { [Inline.text($0)] }, rows: cells, at: at), sources.catalog.credits(for: source))
    }

    /// `builtin:NAME`, or a CSV or GeoJSON path relative to the report.
    static func source(_ name: String, file: String) -> DataSource {
        if name.hasPrefix("builtin:") { return .builtIn(String(name.dropFirst(8))) }
        let dir = (file as NSString).deletingLastPathComponent
        let path = name.hasPrefix("/") || dir.isEmpty ? name : dir + "/" + name
        return name.lowercased().hasSuffix(".csv") ? .csv(path: path) : .geoJSON(path: path)
    }

    private static func less(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): x < y
        case (.null, .null): false
        case (.null, _): true
        case (_, .null): false
        default: text(a) < text(b)
        }
    }

    private static func text(_ v: JSONValue) -> String {
        switch v {
        case .null: ""
        case .bool(let b): b ? "yes" : "no"
        case .number(let n): JSONValue.format(n)
        case .string(let s): s
        case .array(let a): a.map(text).joined(separator: ", ")
        case .object: "…"
        }
    }
}
