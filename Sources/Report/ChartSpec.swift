import Foundation
import Geometry
import Layers
import Style

/// A ```` ```chart ```` block: counts or sums of a field per month, quarter or year, optionally stacked by a category,
/// from a data source chosen with the map specs' filter language.
///
/// ```yaml
/// source: builtin:massacres
/// y: sum(fatalities_high)            # or count
/// x: quarter                         # month, quarter or year
/// by: perpetrator_type               # optional: one bar segment (or line) per value
/// where: 'country == "Niger"'        # optional
/// caption: Civilians killed in massacres per quarter, by type of perpetrator.
/// ```
struct ChartSpec {
    enum Period: String, CaseIterable, Sendable { case month, quarter, year }
    enum Kind: String, CaseIterable, Sendable { case bar, line }
    enum Measure: Equatable, Sendable {
        case count
        case sum(String)
        var field: String? { if case .sum(let f) = self { return f }; return nil }
    }

    var source = ""
    var measure: Measure = .count
    var period: Period = .year
    var by: String?
    var filter: Style.Expression?
    var kind: Kind = .bar
    /// The property holding each row's date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    var date = "date"
    var from: PartialDate?, to: PartialDate?
    var caption = ""
    /// The axis title above the y axis; by default from `y`.
    var yTitle: String?
    /// Legend text per category value (`jihadist: Jihadist groups`); by default the value, capitalised.
    var labels: [(String, String)] = []
    /// Category order (the legend's and the stack's, bottom up); by default largest total first.
    var order: [String] = []
    /// A name for cross-references: `[@fig:name]`.
    var id: String?
    /// Height as a fraction of the width.
    var heightRatio = 0.45

    static let schema = Schema<ChartSpec>([
        "source": { $0.source = $1.string() ?? "" },
        "y": { s, v in
            guard let text = v.string() else { return }
            let t = text.replacingOccurrences(of: " ", with: "")
            if t == "count" || t == "count()" { s.measure = .count }
            else if t.hasPrefix("sum("), t.hasSuffix(")"), t.count > 5 { s.measure = .sum(String(t.dropFirst(4).dropLast())) }
            else { v.problem("expected count or sum(FIELD), found \"\(text)\"") }
        },
        "x": { $0.period = $1.oneOf(Period.self) ?? .year },
        "by": { $0.by = $1.string() },
        "where": { $0.filter = $1.expression() },
        "type": { $0.kind = $1.oneOf(Kind.self) ?? .bar },
        "date": { $0.date = $1.string() ?? "date" },
        "from": { s, v in
            guard let t = v.string() else { return }
            if let d = PartialDate(t) { s.from = d } else { v.problem("expected a date like 2019, 2019-01 or 2019-01-01, found \"\(t)\"") }
        },
        "to": { s, v in
            guard let t = v.string() else { return }
            if let d = PartialDate(t) { s.to = d } else { v.problem("expected a date like 2021, 2021-12 or 2021-12-31, found \"\(t)\"") }
        },
        "caption": { $0.caption = $1.string() ?? "" },
        "y-title": { $0.yTitle = $1.string() },
        "labels": { s, v in s.labels = (v.entries() ?? []).compactMap { e in e.value.string().map { (e.key, $0) } } },
        "order": { $0.order = $1.list { $0.string() } ?? [] },
        "id": { $0.id = $1.string() },
        "height": { s, v in
            guard let t = v.string() else { return }
            if t.hasSuffix("%"), let p = Double(t.dropLast()), (20...120).contains(p) { s.heightRatio = p / 100 }
            else { v.problem("expected a percentage of the width like 50%, found \"\(t)\"") }
        },
    ])

    /// Reads a chart block's YAML; positions in messages are the Markdown file's.
    /// - Throws: `StyleError` with every problem in the block.
    static func parse(_ yaml: String, file: String, at: SourcePosition) throws -> ChartSpec {
        let reader = YAMLReader(text: yaml, file: file, lineOffset: at.line)
        var spec = ChartSpec()
        if let root = reader.root, schema.read(root, into: &spec) {
            if spec.source.isEmpty { root.problem(missing: "source", "expected a source like builtin:massacres") }
            if spec.caption.isEmpty { root.problem(missing: "caption", "expected a caption (the text after \"Figure N.\")") }
        }
        try reader.finish()
        return spec
    }

    /// What the y axis measures, in words: "Count" or "Sum of fatalities_high".
    var measureTitle: String {
        switch measure {
        case .count: "Count"
        case .sum(let f): "Sum of \(f)"
        }
    }
}

/// A chart's numbers: one value per period and category, and what was left out.
struct ChartData: Equatable {
    /// The periods on the x axis, in order, with no gaps.
    var periods: [ChartPeriod]
    /// Category values in stack and legend order; `[""]` when the chart is not split.
    var categories: [String]
    /// `values[category][period]`.
    var values: [[Double]]
    /// Rows that matched the filter.
    var rows = 0
    /// Rows left out, with why ("2 rows whose date is known only to the year").
    var leftOut: [String] = []

    var totals: [Double] { periods.indices.map { p in values.map { $0[p] }.reduce(0, +) } }
    func total(of category: Int) -> Double { values[category].reduce(0, +) }
}

/// A month, quarter or year.
struct ChartPeriod: Hashable, Comparable, Sendable {
    var year: Int
    /// Month 1–12, quarter 1–4, or 0 for a year.
    var part: Int
    var period: ChartSpec.Period

    init(year: Int, part: Int, _ period: ChartSpec.Period) { self.year = year; self.part = part; self.period = period }

    /// The period holding `date`, or nil when the date is not precise enough (a year-only date in a quarterly chart).
    init?(_ date: PartialDate, _ period: ChartSpec.Period) {
        switch period {
        case .year: self.init(year: date.year, part: 0, .year)
        case .quarter:
            guard let m = date.month else { return nil }
            self.init(year: date.year, part: (m - 1) / 3 + 1, .quarter)
        case .month:
            guard let m = date.month else { return nil }
            self.init(year: date.year, part: m, .month)
        }
    }

    static func < (a: ChartPeriod, b: ChartPeriod) -> Bool { (a.year, a.part) < (b.year, b.part) }

    var next: ChartPeriod {
        let parts = period == .month ? 12 : (period == .quarter ? 4 : 0)
        if parts == 0 { return ChartPeriod(year: year + 1, part: 0, period) }
        return part >= parts ? ChartPeriod(year: year + 1, part: 1, period) : ChartPeriod(year: year, part: part + 1, period)
    }

    /// "2021", "2021 Q3", "2021-07".
    var name: String {
        switch period {
        case .year: "\(year)"
        case .quarter: "\(year) Q\(part)"
        case .month: String(format: "%04d-%02d", year, part)
        }
    }

    /// The label under its bar ("Q3", "Jul", "2021").
    var shortName: String {
        switch period {
        case .year: "\(year)"
        case .quarter: "Q\(part)"
        case .month: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][part - 1]
        }
    }
}

extension ChartSpec {
    /// Bins the rows that pass the filter by period and category. A row without a date precise enough for the
    /// period, or without a number in the summed field, is left out and counted in `leftOut` (unknown is not zero).
    /// - Throws: `ReportError` naming a field the source lacks.
    func aggregate(_ rows: [[String: JSONValue]], fail: (String) -> ReportError) throws -> ChartData {
        let known = Set(rows.flatMap(\.keys))
        for f in [date, measure.field, by].compactMap({ $0 }) where !known.contains(f) && !rows.isEmpty {
            throw fail("field \"\(f)\": not in \(source); it has \(known.sorted().joined(separator: ", "))")
        }
        let matching = rows.filter { filter?.matches($0) ?? true }
        var undated = 0, imprecise = 0, noValue = 0, outside = 0
        var cells: [String: [ChartPeriod: Double]] = [:]
        let lower = from.flatMap { ChartPeriod($0, period) ?? ChartPeriod(year: $0.year, part: period == .year ? 0 : 1, period) }
        let upper = to.flatMap { ChartPeriod($0, period) ?? ChartPeriod(year: $0.year, part: period == .year ? 0 : (period == .month ? 12 : 4), period) }
        for r in matching {
            guard case .string(let s)? = r[date], let d = PartialDate(s) else { undated += 1; continue }
            guard let p = ChartPeriod(d, period) else { imprecise += 1; continue }
            if let lower, p < lower { outside += 1; continue }
            if let upper, upper < p { outside += 1; continue }
            let v: Double
            switch measure {
            case .count: v = 1
            case .sum(let f):
                guard case .number(let n)? = r[f] else { noValue += 1; continue }
                v = n
            }
            let category: String
            if let by {
                switch r[by] {
                case .string(let s)? where !s.isEmpty: category = s
                case .number(let n)?: category = JSONValue.format(n)
                case .bool(let b)?: category = b ? "yes" : "no"
                default: category = "unknown"
                }
            } else {
                category = ""
            }
            cells[category, default: [:]][p, default: 0] += v
        }
        let seen = cells.values.flatMap(\.keys)
        var periods: [ChartPeriod] = []
        if let first = lower ?? seen.min(), let last = upper ?? seen.max(), first <= last {
            var p = first
            while p <= last { periods.append(p); p = p.next }
        }
        let totals = cells.mapValues { $0.values.reduce(0, +) }
        var categories = order.filter { cells[$0] != nil }
        categories += cells.keys.filter { !categories.contains($0) }.sorted { a, b in
            // Largest first; "unknown" last, whatever its size.
            if (a == "unknown") != (b == "unknown") { return b == "unknown" }
            return totals[a]! != totals[b]! ? totals[a]! > totals[b]! : a < b
        }
        if categories.isEmpty { categories = [""] }
        let values = categories.map { c in periods.map { cells[c]?[$0] ?? 0 } }
        var leftOut: [String] = []
        func count(_ n: Int) -> String { n == 1 ? "1 row" : "\(n) rows" }
        if undated > 0 { leftOut.append("\(count(undated)) without a date in \(date)") }
        if imprecise > 0 { leftOut.append("\(count(imprecise)) dated only to the year") }
        if noValue > 0, let f = measure.field { leftOut.append("\(count(noValue)) with \(f) unknown") }
        if outside > 0 { leftOut.append("\(count(outside)) outside \(periods.first?.name ?? "") to \(periods.last?.name ?? "")") }
        return ChartData(periods: periods, categories: categories, values: values, rows: matching.count, leftOut: leftOut)
    }
}
