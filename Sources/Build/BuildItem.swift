import Foundation
import Geometry
import Layers
import Render
import Style

/// One thing a build makes and records under its own manifest key: a map, an atlas page
/// (`Maps/niger.yaml#NE-1`, `Maps/monthly.yaml#2021-03`, `Maps/x.yaml#NE-1/2021-Q1`), an atlas's multi-page PDF
/// (`Maps/niger.yaml#pdf`) or a report (`Reports/brief.md`). The sorted list of items is what shards split.
package struct BuildItem: Sendable {
    package enum Kind: Sendable {
        /// A map spec, or one page of an atlas (the spec with the page's extent, time, title and outputs).
        case map(MapSpec)
        /// Every page of an atlas, in order, in one PDF at `path`.
        case atlasPDF(path: String, pages: [BuildItem])
        /// A Markdown briefing, built through `BriefingReport`.
        case report
        /// The file could not be read into items; the error says why.
        case failed(String)
    }
    /// The manifest key and the name in progress lines.
    package var key: String
    /// The spec or report file it comes from.
    package var file: String
    package var kind: Kind
    /// The bookmark of an atlas page in the atlas PDF.
    package var title: String = ""

    package var isReport: Bool { if case .report = kind { true } else { false } }
    package var isAtlasPDF: Bool { if case .atlasPDF = kind { true } else { false } }
}

/// A period of an atlas by time: `2021-03`, `2021-Q1` or `2021`, from its first to its last day.
struct Period: Equatable {
    var id: String
    /// For titles: `March 2021`, `Q1 2021` (January–March), `2021`.
    var words: String
    var first: PartialDate
    var last: PartialDate

    /// Every period of `unit` that overlaps `from`…`to` (both whole days), the first and last clipped to them.
    static func periods(_ unit: AtlasPeriod, from: PartialDate, to: PartialDate) -> [Period] {
        let start = from.firstDay, end = to.lastDay
        guard start <= end else { return [] }
        let months: Int
        switch unit {
        case .month: months = 1
        case .quarter: months = 3
        case .year: months = 12
        }
        var y = start / 10_000, m = (start / 100 % 100 - 1) / months * months + 1
        var out: [Period] = []
        while y * 10_000 + m * 100 + 1 <= end {
            let lastMonth = m + months - 1
            let last = PartialDate(year: y, month: lastMonth).lastDay
            let id: String, words: String
            switch unit {
            case .month:
                id = String(format: "%04d-%02d", y, m)
                words = TimeContext.words(PartialDate(year: y, month: m))
            case .quarter:
                id = "\(y)-Q\((m - 1) / 3 + 1)"
                words = "Q\((m - 1) / 3 + 1) \(y)"
            case .year:
                id = "\(y)"
                words = "\(y)"
            }
            out.append(Period(id: id, words: words, first: day(max(start, y * 10_000 + m * 100 + 1)), last: day(min(end, last))))
            m += months
            if m > 12 { m -= 12; y += 1 }
        }
        return out
    }

    static func day(_ yyyymmdd: Int) -> PartialDate {
        PartialDate(year: yyyymmdd / 10_000, month: yyyymmdd / 100 % 100, day: yyyymmdd % 100)
    }
}

extension Builder {
    /// The items of one spec or report file, in order: one for a map or report; for an atlas, its pages (features
    /// in dataset order, each with its periods in order), then its PDF if it asks for one. Never throws: a file
    /// that cannot be read is one failed item.
    func items(of file: String) -> [BuildItem] {
        if file.lowercased().hasSuffix(".md") || file.lowercased().hasSuffix(".markdown") {
            return [BuildItem(key: file, file: file, kind: .report)]
        }
        do {
            let map = try MapSpec.load(path: file, resources: resources)
            guard let atlas = map.atlas else { return [BuildItem(key: file, file: file, kind: .map(map))] }
            return try atlasItems(file, map: map, atlas: atlas)
        } catch {
            return [BuildItem(key: file, file: file, kind: .failed("\(error)"))]
        }
    }

    private func atlasItems(_ spec: String, map: MapSpec, atlas: Atlas) throws -> [BuildItem] {
        func bad(_ m: String) -> BuildError { BuildError.badSpec(spec: spec, message: "atlas: " + m) }
        let base = URL(fileURLWithPath: spec).deletingPathExtension().lastPathComponent
        let outputs = map.outputs.map { $0.replacingOccurrences(of: "{spec}", with: base) }
        if atlas.over != nil, !outputs.allSatisfy({ $0.contains("{name}") }) {
            throw bad("every output must contain {name}, so each page has its own files")
        }
        if atlas.over == nil, atlas.filter != nil {
            throw bad("where: picks the features of over: (regions or countries), and this atlas has no over:; add one, or filter a layer with its own where:")
        }
        if atlas.each != nil, !outputs.allSatisfy({ $0.contains("{period}") }) {
            throw bad("every output must contain {period}, so each page has its own files")
        }

        // The features, each with its page name and properties; one nil entry for an atlas by time only.
        var features: [(name: String, extent: String, props: [String: JSONValue])?] = [nil]
        if let over = atlas.over {
            let fc = try DataCatalog(resources: resources, spec: map).load(.builtIn(over), gazetteer: { throw bad("no gazetteer") })
            features = []
            var seen = Set<String>()
            for f in fc.features {
                var props = f.properties
                if let id = f.id { props["id"] = .string(id) }
                if let filter = atlas.filter, !filter.matches(props) { continue }
                let name = Self.fill(atlas.name, props)
                guard !name.isEmpty, seen.insert(name).inserted else {
                    throw bad("name \"\(atlas.name)\" gives \(name.isEmpty ? "an empty name" : "\"\(name)\" twice"); use a template with {id}")
                }
                guard name != "pdf" else { throw bad("a page may not be named \"pdf\" (the key of the atlas PDF)") }
                props["name"] = props["name"] ?? .string(name)
                features.append((name, f.id ?? f.string("name") ?? name, props))
            }
            guard !features.isEmpty else { throw bad("no feature of \(over) matches its where; refused (an atlas of no pages)") }
        }
        var periods: [Period?] = [nil]
        if let unit = atlas.each {
            guard let from = map.time.from, let to = map.time.asOf ?? map.time.to else {
                throw bad("each: \(unit.rawValue) needs the spec's date range: from and to (or as-of)")
            }
            periods = Period.periods(unit, from: from, to: to)
            guard !periods.isEmpty else { throw bad("each: \(unit.rawValue): from \(from) is after \(to); no periods") }
        }

        var out: [BuildItem] = []
        for f in features {
            for p in periods {
                var page = map
                page.atlas = nil
                var title = map.title
                var props = f?.props ?? [:]
                var files = outputs
                var parts: [String] = []
                if let f {
                    page.extent = .features([f.extent])
                    title = title.replacingOccurrences(of: "{name}", with: f.props["name"]?.stringValue ?? f.name)
                    files = files.map { $0.replacingOccurrences(of: "{name}", with: f.name) }
                    parts.append(f.name)
                }
                if let p {
                    // The events inside the period, the state at its end.
                    page.time.from = p.first
                    page.time.to = p.last
                    page.time.asOf = nil
                    title = title.replacingOccurrences(of: "{period}", with: p.words)
                    files = files.map { $0.replacingOccurrences(of: "{period}", with: p.id) }
                    props["period"] = .string(p.words)
                    parts.append(p.id)
                }
                page.title = Self.fill(title, props)
                let name = parts.joined(separator: "-")
                page.outputs = files.isEmpty ? ["out/\(base)-\(name).png", "out/\(base)-\(name).pdf"] : files
                out.append(BuildItem(key: spec + "#" + parts.joined(separator: "/"), file: spec, kind: .map(page), title: page.title))
            }
        }
        if let pdf = atlas.pdf {
            out.append(BuildItem(key: spec + "#pdf", file: spec,
                                 kind: .atlasPDF(path: pdf.replacingOccurrences(of: "{spec}", with: base), pages: out), title: map.title))
        }
        return out
    }

    /// `{key}` fields replaced by the properties' values (numbers as written, missing ones as "").
    static func fill(_ template: String, _ props: [String: JSONValue]) -> String {
        var out = template
        for (k, v) in props where out.contains("{\(k)}") {
            let text: String
            switch v {
            case .string(let s): text = s
            case .number(let n): text = JSONValue.format(n)
            default: text = ""
            }
            out = out.replacingOccurrences(of: "{\(k)}", with: text)
        }
        return out
    }
}
