import Foundation
import Geometry
import Layers
import Render
import Style

/// Makes a chart figure from a ```` ```chart ```` block: reads the source through the report's `SourceSet`, bins it
/// (`ChartSpec.aggregate`), and draws a bar or line chart as scene ops at (0, 0) — axes, nice ticks, gridlines,
/// legend, tick labels as real text — with "Figure N." and the caption and the source line under it, like a map.
struct ChartMaker {
    let t: Typography
    let printer: DocumentPrinter
    let file: String
    let sources: SourceSet
    /// The theme whose colours the chart takes: the same colours as the data's own layer on the maps.
    let style: StyleSheet?

    /// The Okabe & Ito colour-blind-safe palette the shipped themes use, for categories the theme does not colour.
    static let palette = ["#d55e00", "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#f0e442", "#000000"].map(Color.hex)

    func make(_ yaml: String, at: SourcePosition, number: Int, x: Double, width: Double, outlineLevel: Int,
              numbering: FootnoteNumbering) throws -> FigureItem {
        let spec = try ChartSpec.parse(yaml, file: file, at: at)
        func fail(_ m: String) -> ReportError { ReportError(file: file, at: at, "chart: \(m)") }
        let source = DataTable.source(spec.source, file: file)
        let features: [Feature]
        do { features = try sources.features(source).features } catch { throw fail("source \"\(spec.source)\": \(error)") }
        let data = try spec.aggregate(features.map(\.properties), fail: fail)
        guard !data.periods.isEmpty else { throw fail("no row of \(spec.source) matches\(spec.filter.map { " \"\($0)\"" } ?? ""); nothing to draw") }

        let colors = colours(for: data.categories, spec: spec, source: source)
        let labels = data.categories.map { label($0, spec) }
        let height = min(width * spec.heightRatio, (t.bodyBottom - t.bodyTop) * 0.6)
        let ops = draw(data, spec: spec, colors: colors, labels: labels, width: width, height: height)

        let credits = sources.catalog.credits(for: source)
        var line = "Source: " + (credits.isEmpty ? spec.source : credits.joined(separator: "; "))
        line += ". \(data.rows) rows; \(spec.measureTitle.lowercased()) per \(spec.period.rawValue), "
            + "\(data.periods.first!.name) to \(data.periods.last!.name)."
        if !data.leftOut.isEmpty { line += " Not shown: " + data.leftOut.joined(separator: "; ") + "." }

        var caption = InlineText(plain: "")
        caption.append("Figure \(number). ", .bold)
        caption.append(spec.caption)
        let captionBlock = t.sans(caption.text, spans: caption.spans, size: t.captionSize, width: width)
        let sourcesBlock = t.sans(line, size: t.figureSourcesSize, width: width, color: t.muted)
        return FigureItem(number: number, mapOps: ops, mapSize: (width, height),
                          caption: captionBlock, captionMetrics: printer.measure(captionBlock),
                          sources: sourcesBlock, sourcesMetrics: printer.measure(sourcesBlock),
                          x: x, captionText: spec.caption, altText: altText(data, spec: spec, labels: labels, credits: line),
                          specPath: spec.source, credits: credits, outlineLevel: outlineLevel, kind: .chart, name: spec.id)
    }

    // MARK: Colours and words

    /// Each category's colour: the theme's own colour for that value on the source's map layer (a `match` on the
    /// same property), else the next free colour of the palette; "unknown" is grey.
    private func colours(for categories: [String], spec: ChartSpec, source: DataSource) -> [Color] {
        var themed: [String: Color] = [:]
        if let by = spec.by, case .builtIn(let layer) = source, let rules = style?.layers[layer]?.rules {
            for rule in rules {
                for s in rule.symbolizers {
                    let v: Value<Color>? = switch s {
                    case .marker(let m): m.fill
                    case .fill(let f): f.color
                    case .line: nil
                    }
                    if case .match(let p, let cases, _)? = v, p == by { themed.merge(cases) { a, _ in a } }
                }
            }
        }
        var free = Self.palette.filter { c in !themed.values.contains(c) }[...]
        return categories.map { c in
            if c.isEmpty { return t.accent }
            if c == "unknown" { return .hex("#9a9a9a") }
            if let known = themed[c] { return known }
            return free.popFirst() ?? .hex("#7f7f7f")
        }
    }

    private func label(_ category: String, _ spec: ChartSpec) -> String {
        if let l = spec.labels.first(where: { $0.0 == category }) { return l.1 }
        guard let f = category.first else { return "" }
        return f.uppercased() + category.dropFirst()
    }

    private func altText(_ d: ChartData, spec: ChartSpec, labels: [String], credits: String) -> String {
        let what = spec.kind == .bar ? (d.categories.count > 1 ? "Stacked bar chart" : "Bar chart") : "Line chart"
        var s = "\(what) of \((spec.yTitle ?? spec.measureTitle).lowercased()) per \(spec.period.rawValue), "
            + "\(d.periods.first!.name) to \(d.periods.last!.name)"
        if let by = spec.by {
            s += ", by \(by.replacingOccurrences(of: "_", with: " ")): "
                + d.categories.indices.map { "\(labels[$0]) \(Self.number(d.total(of: $0)))" }.joined(separator: ", ")
        }
        let totals = d.totals
        if let top = totals.indices.max(by: { totals[$0] < totals[$1] }) {
            s += ". Highest: \(d.periods[top].name), \(Self.number(totals[top])). Total \(Self.number(totals.reduce(0, +)))"
        }
        return s + ". " + credits
    }

    /// 1234 → "1,234"; fractions keep one decimal.
    static func number(_ v: Double) -> String {
        if v != v.rounded() { return String(format: "%.1f", v) }
        let digits = String(Int64(abs(v)))
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (v < 0 ? "-" : "") + out
    }

    /// A tick step of 1, 2, 2.5 or 5 × 10ⁿ giving about `target` intervals up to `maximum`, and the axis top.
    static func ticks(maximum: Double, target: Double = 5) -> (step: Double, top: Double) {
        guard maximum > 0 else { return (1, 1) }
        let raw = maximum / target
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw * 0.999 } ?? 10 * magnitude
        let s = step < 1 ? 1 : step   // counts of whole things: no fractional ticks
        return (s, (maximum / s).rounded(.up) * s)
    }

    // MARK: Drawing

    private func text(_ s: String, size: Double, width: Double, color: Color? = nil, bold: Bool = false,
                      alignment: TextBlock.Alignment = .left) -> (TextBlock, TextBlockMetrics) {
        let b = t.sans(s, size: size, width: width, bold: bold, color: color, alignment: alignment)
        return (b, printer.measure(b))
    }

    private func draw(_ d: ChartData, spec: ChartSpec, colors: [Color], labels: [String], width: Double, height: Double) -> [SceneOp] {
        var ops: [SceneOp] = []
        let small = 7.2, tiny = 6.4
        let ink = t.ink, muted = t.muted
        // Legend, top left, wrapping.
        var y = 0.0
        if d.categories.count > 1 || !(d.categories.first ?? "").isEmpty {
            var lx = 0.0
            var rowHeight = 0.0
            for (k, l) in labels.enumerated() {
                let (b, m) = text(l, size: small, width: -1, color: ink)
                let w = 11 + m.width + 12
                if lx > 0, lx + w > width { lx = 0; y += rowHeight + 3 }
                let lineH = m.height
                ops.append(.fillRect(PageRect(x: lx, y: y + (lineH - 7) / 2, width: 7, height: 7), colors[k]))
                ops.append(.textBlock(b, origin: PagePoint(x: lx + 10, y: y), lines: 0..<1))
                lx += w
                rowHeight = max(rowHeight, lineH)
            }
            y += rowHeight + 6
        }
        let title = spec.yTitle ?? spec.measureTitle
        let (tb, tm) = text(title, size: small, width: width, color: muted)
        ops.append(.textBlock(tb, origin: PagePoint(x: 0, y: y), lines: 0..<1))
        y += tm.height + 4

        // The y scale: stacked totals for bars, the largest single value for lines.
        let maximum = spec.kind == .bar ? (d.totals.max() ?? 0) : (d.values.flatMap { $0 }.max() ?? 0)
        let (step, top) = Self.ticks(maximum: maximum * 1.06)
        let tickCount = Int((top / step).rounded())
        let tickLabels = (0...tickCount).map { Self.number(Double($0) * step) }
        let labelWidth = tickLabels.map { text($0, size: tiny, width: -1).1.width }.max() ?? 10
        let (_, probe) = text("0", size: tiny, width: -1)
        let lineH = probe.height
        let twoRows = spec.period != .year
        let plotLeft = labelWidth + 5, plotRight = width - 2
        let plotTop = y + lineH / 2, plotBottom = height - lineH * (twoRows ? 2 : 1) - 6
        let plotHeight = max(10, plotBottom - plotTop)
        func yAt(_ v: Double) -> Double { plotBottom - v / top * plotHeight }

        // Gridlines and tick labels.
        for k in 0...tickCount {
            let v = Double(k) * step, gy = yAt(v)
            if k > 0 {
                ops.append(.stroke(lines: [[PagePoint(x: plotLeft, y: gy), PagePoint(x: plotRight, y: gy)]],
                                   LineStyle(color: .hex("#dde1e6"), widthPoints: 0.4)))
            }
            let (b, _) = text(tickLabels[k], size: tiny, width: labelWidth, color: muted, alignment: .right)
            ops.append(.textBlock(b, origin: PagePoint(x: 0, y: gy - lineH / 2), lines: 0..<1))
        }

        let n = d.periods.count
        let slot = (plotRight - plotLeft) / Double(n)
        func xCentre(_ p: Int) -> Double { plotLeft + slot * (Double(p) + 0.5) }
        switch spec.kind {
        case .bar:
            let barWidth = slot * 0.72
            for p in 0..<n {
                var base = 0.0
                for c in d.categories.indices where d.values[c][p] > 0 {
                    let v = d.values[c][p]
                    let y0 = yAt(base + v), y1 = yAt(base)
                    ops.append(.fillRect(PageRect(x: xCentre(p) - barWidth / 2, y: y0, width: barWidth, height: y1 - y0), colors[c]))
                    base += v
                }
                // The total above the bar, when there is room for it.
                if base > 0, n <= 40 {
                    let (b, _) = text(Self.number(base), size: tiny, width: slot + 8, color: ink, alignment: .center)
                    ops.append(.textBlock(b, origin: PagePoint(x: xCentre(p) - slot / 2 - 4, y: yAt(base) - lineH - 0.5), lines: 0..<1))
                }
            }
        case .line:
            for c in d.categories.indices {
                let points = (0..<n).map { PagePoint(x: xCentre($0), y: yAt(d.values[c][$0])) }
                ops.append(.stroke(lines: [points], LineStyle(color: colors[c], widthPoints: 1.4)))
                for pt in points {
                    ops.append(.marker(pt, Mark(shape: .circle, radiusPoints: 1.7, fill: colors[c], stroke: LineStyle(color: .hex("#ffffff"), widthPoints: 0.5))))
                }
            }
        }
        // The x axis: the baseline, each period's short name, and the years under them.
        ops.append(.stroke(lines: [[PagePoint(x: plotLeft, y: plotBottom), PagePoint(x: plotRight, y: plotBottom)]],
                           LineStyle(color: ink, widthPoints: 0.8)))
        let every = spec.period == .month ? (slot < 14 ? 3 : 1) : 1
        for p in 0..<n where d.periods[p].period == .year || (d.periods[p].part - 1) % every == 0 {
            let (b, _) = text(d.periods[p].shortName, size: tiny, width: slot * Double(every) + 6, color: muted, alignment: .center)
            ops.append(.textBlock(b, origin: PagePoint(x: xCentre(p) - (slot * Double(every) + 6) / 2, y: plotBottom + 3), lines: 0..<1))
        }
        if twoRows {
            var start = 0
            while start < n {
                var end = start
                while end + 1 < n, d.periods[end + 1].year == d.periods[start].year { end += 1 }
                let x0 = plotLeft + slot * Double(start), x1 = plotLeft + slot * Double(end + 1)
                let (b, _) = text("\(d.periods[start].year)", size: tiny, width: x1 - x0, color: ink, bold: true, alignment: .center)
                ops.append(.textBlock(b, origin: PagePoint(x: x0, y: plotBottom + 3 + lineH), lines: 0..<1))
                if start > 0 {
                    ops.append(.stroke(lines: [[PagePoint(x: x0, y: plotBottom), PagePoint(x: x0, y: plotBottom + 2 + 2 * lineH)]],
                                       LineStyle(color: t.hairline, widthPoints: 0.5)))
                }
                start = end + 1
            }
        }
        return ops
    }
}
