import Foundation
import Geometry
import Style

/// The legend, built from what was drawn: a rule's class only when a feature used it, a category of a `match`
/// only when it occurred, and nested circles for sizes proportional to a value.
struct LegendBuilder {
    enum Swatch {
        case fill(color: Color?, hatch: HatchStyle?, outline: LineStyle?)
        case line(LineStyle)
        case mark(Mark)
        /// Nested proportional circles: (value, radius), largest first.
        case circles([(Double, Double)], fill: Color?, stroke: LineStyle?)
        /// A line of text without a swatch, after a layer's classes: what the classes rest on ("levels as coded
        /// for 2021").
        case note
    }
    struct Item {
        var swatch: Swatch
        var text: String
        /// Layer order, then categories, rule classes, sizes, each in style order.
        var order: [Int] = []
    }

    private(set) var items: [Item] = []
    private var seen: Set<String> = []
    private var seenRules: Set<[Int]> = []

    private func ruleIsDataDriven(_ rule: Rule) -> Bool {
        rule.symbolizers.contains { s in
            switch s {
            case .fill(let f): if case .match? = f.color { return true }
            case .marker(let m):
                if case .match? = m.fill { return true }
                if case .interpolate = m.radiusPoints { return true }
            case .line: break
            }
            return false
        }
    }
    private var sizes: [String: (value: Value<Double>, property: String, max: Double, heading: String, layerIndex: Int)] = [:]

    /// Records what drawing one feature with `rule` adds to the legend.
    mutating func note(layer: String, layerIndex: Int, style: LayerStyle, ruleIndex: Int, properties: [String: JSONValue]) {
        let rule = style.rules[ruleIndex]
        // Each rule of a layer is looked at once; only its data-driven categories and sizes need every feature.
        let firstTime = seenRules.insert([layerIndex, ruleIndex]).inserted
        let templated = rule.legend?.contains("{") ?? false
        if !firstTime && !ruleIsDataDriven(rule) && !templated { return }
        for symbolizer in rule.symbolizers {
            switch symbolizer {
            case .fill(let f):
                if case .match(let p, let cases, _)? = f.color, let key = Self.key(properties[p]), let c = cases[key] {
                    add("\(layer)|\(p)=\(key)", Item(swatch: .fill(color: c.withOpacity(f.opacity), hatch: nil, outline: nil), text: Self.words(key),
                                                     order: [layerIndex, 0, cases.keys.sorted().firstIndex(of: key) ?? 0]))
                }
            case .marker(let m):
                if case .match(let p, let cases, _)? = m.fill, let key = Self.key(properties[p]), let c = cases[key] {
                    add("\(layer)|\(p)=\(key)", Item(swatch: .mark(Mark(shape: m.shape, radiusPoints: 3.5, fill: c.withOpacity(m.opacity), stroke: nil)),
                                                     text: Self.words(key), order: [layerIndex, 0, cases.keys.sorted().firstIndex(of: key) ?? 0]))
                }
                if case .interpolate(let p, .sqrt, _) = m.radiusPoints, let v = properties[p]?.numberValue {
                    let k = "\(layer)|size"
                    let old = sizes[k]?.max ?? 0
                    sizes[k] = (m.radiusPoints, p, max(old, v), style.sizeLegend ?? Self.words(p), layerIndex)
                }
            case .line:
                break
            }
        }
        guard firstTime || templated, let text = Self.legendText(rule, properties) else { return }
        let swatch: Swatch
        switch rule.symbolizers.first {
        case .fill(let f)?:
            swatch = .fill(color: f.color.flatMap { Self.constant($0) }?.withOpacity(f.opacity), hatch: f.hatch, outline: f.outline)
        case .line(let l)?:
            swatch = .line(l)
        case .marker(let m)?:
            let fill = m.fill.flatMap { Self.constant($0) } ?? (m.fill == nil ? nil : Color(hex: "#bdbdbd"))
            swatch = .mark(Mark(shape: m.shape, radiusPoints: min(4, Self.constant(m.radiusPoints) ?? 3.5),
                                fill: fill?.withOpacity(m.opacity), stroke: m.stroke))
        case nil:
            return
        }
        add("\(layer)|rule=\(text)", Item(swatch: swatch, text: text, order: [layerIndex, 1, ruleIndex]))
        // Levels shown after their last coded year say which year they are from, once per map.
        if let note = properties["level_note"]?.stringValue {
            add("note|\(note)", Item(swatch: .note, text: note.prefix(1).uppercased() + note.dropFirst(), order: [layerIndex, 3, 0]))
        }
    }

    /// Adds the size keys once every feature is noted.
    mutating func finish() {
        for (k, s) in sizes.sorted(by: { $0.key < $1.key }) where s.max > 0 {
            let values = Self.niceValues(upTo: s.max)
            let circles = values.compactMap { v in s.value.value(for: [s.property: .number(v)]).map { (v, $0) } }
            add(k, Item(swatch: .circles(circles, fill: nil, stroke: LineStyle(color: .hex("#4a4a4a"), widthPoints: 0.6)),
                        text: s.heading, order: [s.layerIndex, 2, 0]))
        }
        items.sort { $0.order.lexicographicallyPrecedes($1.order) }
    }

    private mutating func add(_ key: String, _ item: Item) {
        if seen.insert(key).inserted { items.append(item) }
    }

    /// A rule's legend text for a feature: a template such as "{group_name}: regular activity" names the group as
    /// it was called on the map's date, so one rule gives an entry per name drawn ("ISGS: …", "ISWAP: …").
    static func legendText(_ rule: Rule, _ properties: [String: JSONValue]) -> String? {
        guard let raw = rule.legend else { return nil }
        guard raw.contains("{") else { return raw }
        let template = LabelStyle(text: raw, sizePoints: 1, color: .hex("#000000"))
        if let s = template.text(for: properties) { return s }
        // Data without the dated name (a user's table): its plain group name, else the words after the template.
        if let s = LabelStyle(text: raw.replacingOccurrences(of: "{group_name}", with: "{group}"), sizePoints: 1,
                              color: .hex("#000000")).text(for: properties) { return s }
        let stripped = raw.replacingOccurrences(of: #"\{[^}]*\}:?\s*"#, with: "", options: .regularExpression)
        return stripped.isEmpty ? nil : stripped.prefix(1).uppercased() + stripped.dropFirst()
    }

    static func key(_ v: JSONValue?) -> String? {
        switch v {
        case .string(let s)?: s
        case .number(let n)?: JSONValue.format(n)
        default: nil
        }
    }

    static func constant<T>(_ v: Value<T>) -> T? {
        if case .constant(let c) = v { return c }
        return nil
    }

    /// "militia" → "Militia", "handed-over" → "Handed over".
    static func words(_ key: String) -> String {
        let s = key.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return s.prefix(1).uppercased() + s.dropFirst()
    }

    /// Round values for nested circles: the largest 1-2-5 step at or below `max`, then its half and a fifth.
    static func niceValues(upTo max: Double) -> [Double] {
        var step = 1.0
        while step * 10 <= max { step *= 10 }
        let top = [5.0, 2, 1].map { $0 * step }.first { $0 <= max } ?? step
        return [top, top / 2, top / 5].filter { $0 >= 1 }
    }
}

/// Lays the legend out in the frame's lower-left corner.
enum LegendLayout {
    /// Lays the legend out in the corner of `frame` where it covers the fewest `symbols` (area of overlap), among
    /// the lower-left, upper-left and lower-right corners; `avoid` (scale bar, inset) is never covered.
    static func ops(_ items: [LegendBuilder.Item], frame: PageRect, theme: Theme, text: TextEngine, scale: Double,
                    symbols: [PageRect] = [], avoid: [PageRect] = []) -> (ops: [SceneOp], box: PageRect)? {
        guard !items.isEmpty else { return nil }
        let style = TextStyle(family: theme.fontFamily, sizePoints: max(6, 6.5 * scale), color: theme.text)
        let small = TextStyle(family: theme.fontFamily, sizePoints: 6, color: theme.mutedText)
        let pad = 5.0, gap = 2.5, swatchW = 14.0
        // Measure rows.
        var rows: [(item: LegendBuilder.Item, height: Double, swatchWidth: Double)] = []
        var textW = 0.0
        for item in items {
            let m = text.measure(item.text, style)
            textW = max(textW, m.width)
            switch item.swatch {
            case .circles(let cs, _, _):
                let r = (cs.first?.1 ?? 0) * scale
                let labelW = cs.map { text.measure(JSONValue.format($0.0), small).width }.max() ?? 0
                textW = max(textW, 2 * r + 4 + labelW - swatchW - 4)
                rows.append((item, m.height + 2 * r + 2, 2 * r))
            case .note:
                rows.append((item, m.height, swatchW))
            default:
                rows.append((item, max(m.height, 9), swatchW))
            }
        }
        let width = pad * 2 + swatchW + 4 + textW
        let height = pad * 2 + rows.map(\.height).reduce(0, +) + gap * Double(rows.count - 1)
        // On a page too small for it (a thumbnail), a legend would hide the map: leave it out.
        guard width * height <= 0.22 * frame.width * frame.height else { return nil }
        let lowest = avoid.filter { $0.x > frame.x + frame.width / 2 && $0.y > frame.y + frame.height / 2 }.map(\.y).min() ?? frame.maxY
        var corners = [PageRect(x: frame.x + 6, y: frame.maxY - 6 - height, width: width, height: height),
                       PageRect(x: frame.x + 6, y: frame.y + 6, width: width, height: height),
                       PageRect(x: frame.maxX - 6 - width, y: lowest - 6 - height, width: width, height: height)]
        // Then along the frame's edges, should every corner hide something.
        var ex = frame.x + 6 + width / 4
        while ex + width <= frame.maxX - 6 {
            corners.append(PageRect(x: ex, y: frame.maxY - 6 - height, width: width, height: height))
            corners.append(PageRect(x: ex, y: frame.y + 6, width: width, height: height))
            ex += width / 4
        }
        var ey = frame.y + 6 + height / 4
        while ey + height <= frame.maxY - 6 {
            corners.append(PageRect(x: frame.x + 6, y: ey, width: width, height: height))
            corners.append(PageRect(x: frame.maxX - 6 - width, y: ey, width: width, height: height))
            ey += height / 4
        }
        func covered(_ r: PageRect) -> Double {
            if avoid.contains(where: { $0.intersects(r) }) || !frame.contains(r) { return .infinity }
            return symbols.reduce(0) { sum, s in
                let w = min(r.maxX, s.maxX) - max(r.x, s.x), h = min(r.maxY, s.maxY) - max(r.y, s.y)
                return sum + (w > 0 && h > 0 ? w * h : 0)
            }
        }
        let box = corners.min { covered($0) < covered($1) }!
        var ops: [SceneOp] = [.fillRect(box, theme.paper.withOpacity(0.92)), .strokeRect(box, LineStyle(color: .hex("#9a9a9a"), widthPoints: 0.4))]
        var y = box.y + pad
        for row in rows {
            let x = box.x + pad
            switch row.item.swatch {
            case .fill(let color, let hatch, let outline):
                let r = [PagePoint(x: x, y: y + 1), PagePoint(x: x + swatchW, y: y + 1), PagePoint(x: x + swatchW, y: y + 8),
                         PagePoint(x: x, y: y + 8), PagePoint(x: x, y: y + 1)]
                ops.append(.fill(rings: [r], color: color, outline: outline ?? LineStyle(color: .hex("#8a8a8a"), widthPoints: 0.3)))
                if let hatch { ops.append(.hatch(rings: [r], hatch)) }
                ops.append(.text(row.item.text, origin: PagePoint(x: x + swatchW + 4, y: y), style))
            case .note:
                ops.append(.text(row.item.text, origin: PagePoint(x: x, y: y), small))
            case .line(let l):
                ops.append(.stroke(lines: [[PagePoint(x: x, y: y + 4.5), PagePoint(x: x + swatchW, y: y + 4.5)]], l))
                ops.append(.text(row.item.text, origin: PagePoint(x: x + swatchW + 4, y: y), style))
            case .mark(let m):
                var mark = m
                mark.radiusPoints = min(m.radiusPoints, 4.5)
                ops.append(.marker(PagePoint(x: x + swatchW / 2, y: y + 4.5), mark))
                ops.append(.text(row.item.text, origin: PagePoint(x: x + swatchW + 4, y: y), style))
            case .circles(let unscaled, let fill, let stroke):
                let cs = unscaled.map { ($0.0, $0.1 * scale) }
                ops.append(.text(row.item.text, origin: PagePoint(x: x, y: y), style))
                let top = y + text.measure(row.item.text, style).height + 2
                let r0 = cs.first?.1 ?? 0
                let cx = x + r0, bottom = top + 2 * r0
                for (v, r) in cs {
                    ops.append(.marker(PagePoint(x: cx, y: bottom - r), Mark(shape: .circle, radiusPoints: r, fill: fill, stroke: stroke)))
                    let ly = bottom - 2 * r
                    ops.append(.stroke(lines: [[PagePoint(x: cx, y: ly), PagePoint(x: cx + r0 + 3, y: ly)]],
                                       LineStyle(color: .hex("#7a7a7a"), widthPoints: 0.3)))
                    let m = text.measure(JSONValue.format(v), small)
                    ops.append(.text(JSONValue.format(v), origin: PagePoint(x: cx + r0 + 4, y: ly - m.height / 2), small))
                }
            }
            y += row.height + gap
        }
        return (ops, box)
    }
}

extension LegendBuilder {
    /// The legend of what the compiled layers drew, in layer order.
    static func build(from layers: [CompiledLayer]) -> [Item] {
        var legend = LegendBuilder()
        for layer in layers {
            for f in layer.drawn {
                legend.note(layer: layer.id, layerIndex: layer.index, style: layer.style, ruleIndex: f.ruleIndex, properties: f.properties)
            }
        }
        legend.finish()
        return legend.items
    }
}
