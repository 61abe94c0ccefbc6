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
        /// Text alone, in italics (a note such as which year's levels are shown).
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
    /// Per rule of a layer, noted the first time one of its features is: whether later features can add more.
    private struct RuleKey: Hashable { var layer: Int, rule: Int }
    private final class RuleNotes {
        let dataDriven: Bool, templated: Bool
        /// The properties of the rule's `match` colours (what a later feature can add to the legend) and its sizes
        /// proportional to a value (`sqrt`), in symbolizer order.
        let categories: [String], sizes: [SizeKey]
        /// The `match` categories this rule's features already showed (a few): looked at before the set below.
        var shown: [String] = []
        init(_ rule: Rule, layer: String, style: LayerStyle) {
            templated = rule.legend?.utf8.contains(UInt8(ascii: "{")) ?? false
            var categories: [String] = [], sizes: [SizeKey] = [], interpolated = false
            for s in rule.symbolizers {
                switch s {
                case .fill(let f): if case .match(let p, _, _)? = f.color { categories.append(p) }
                case .marker(let m):
                    if case .match(let p, _, _)? = m.fill { categories.append(p) }
                    if case .interpolate(let p, let curve, _) = m.radiusPoints {
                        interpolated = true
                        if curve == .sqrt {
                            sizes.append(SizeKey(layer: layer, value: m.radiusPoints, property: p, heading: style.sizeLegend ?? LegendBuilder.words(p)))
                        }
                    }
                case .line: break
                }
            }
            (self.categories, self.sizes, dataDriven) = (categories, sizes, !categories.isEmpty || interpolated)
        }
    }
    /// A size proportional to a value, as a rule draws it: its key in the legend shows circles of that scale.
    private final class SizeKey {
        let layer: String, value: Value<Double>, property: String, heading: String
        init(layer: String, value: Value<Double>, property: String, heading: String) {
            (self.layer, self.value, self.property, self.heading) = (layer, value, property, heading)
        }
    }
    private var rules: [RuleKey: RuleNotes] = [:]
    /// The categories of `match` values already in the legend (checked for every feature, so without building text).
    private struct CategoryKey: Hashable { var layer: Int, property: String, value: String }
    private var categories: Set<CategoryKey> = []

    /// Proportional sizes by layer index: the scale of the last rule seen, up to the largest value of any.
    private var sizes: [Int: (rule: Int, max: Double, key: SizeKey)] = [:]

    private mutating func noteSize(_ size: SizeKey, layerIndex: Int, ruleIndex: Int, properties: [String: JSONValue]) {
        guard let v = properties[size.property]?.numberValue else { return }
        let old = sizes[layerIndex]
        if let old, old.rule == ruleIndex, old.max >= v { return }
        sizes[layerIndex] = (ruleIndex, max(old?.max ?? 0, v), size)
    }

    /// Records what drawing one feature with `rule` adds to the legend.
    mutating func note(layer: String, layerIndex: Int, style: LayerStyle, ruleIndex: Int, properties: [String: JSONValue]) {
        // Each rule of a layer is looked at once; only its data-driven categories and sizes need every feature.
        let ruleKey = RuleKey(layer: layerIndex, rule: ruleIndex)
        let notes: RuleNotes
        let firstTime: Bool
        if let known = rules[ruleKey] { notes = known; firstTime = false } else {
            notes = RuleNotes(style.rules[ruleIndex], layer: layer, style: style)
            rules[ruleKey] = notes
            firstTime = true
        }
        let templated = notes.templated
        if !firstTime && !templated {
            // Most of 100,000 events show no category not shown yet: their sizes are noted without copying the rule
            // and its symbolizers; a feature that may add a category is looked at in full.
            guard notes.dataDriven else { return }
            if !notes.categories.contains(where: { p in Self.key(properties[p]).map { !notes.shown.contains($0) } ?? false }) {
                for size in notes.sizes { noteSize(size, layerIndex: layerIndex, ruleIndex: ruleIndex, properties: properties) }
                return
            }
        }
        let rule = style.rules[ruleIndex]
        /// A category not in the rule's own list (checked by the caller) nor yet in the layer's legend.
        func isNew(_ p: String, _ key: String) -> Bool {
            notes.shown.append(key)
            return categories.insert(CategoryKey(layer: layerIndex, property: p, value: key)).inserted
        }
        var sizeIndex = 0
        for symbolizer in rule.symbolizers {
            switch symbolizer {
            case .fill(let f):
                if case .match(let p, let cases, _)? = f.color, let key = Self.key(properties[p]), !notes.shown.contains(key),
                   let c = cases[key], isNew(p, key) {
                    add("\(layer)|\(p)=\(key)", Item(swatch: .fill(color: c.withOpacity(f.opacity), hatch: nil, outline: nil), text: Self.words(key),
                                                     order: [layerIndex, 0, cases.keys.sorted().firstIndex(of: key) ?? 0]))
                }
            case .marker(let m):
                if case .match(let p, let cases, _)? = m.fill, let key = Self.key(properties[p]), !notes.shown.contains(key),
                   let c = cases[key], isNew(p, key) {
                    add("\(layer)|\(p)=\(key)", Item(swatch: .mark(Mark(shape: m.shape, radiusPoints: 3.5, fill: c.withOpacity(m.opacity), stroke: nil)),
                                                     text: Self.words(key), order: [layerIndex, 0, cases.keys.sorted().firstIndex(of: key) ?? 0]))
                }
                if case .interpolate(_, .sqrt, _) = m.radiusPoints {
                    noteSize(notes.sizes[sizeIndex], layerIndex: layerIndex, ruleIndex: ruleIndex, properties: properties)
                    sizeIndex += 1
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
        for (layerIndex, s) in sizes.sorted(by: { $0.key < $1.key }) where s.max > 0 {
            let values = Self.niceValues(upTo: s.max)
            let circles = values.compactMap { v in s.key.value.value(for: [s.key.property: .number(v)]).map { (v, $0) } }
            add("\(s.key.layer)|size", Item(swatch: .circles(circles, fill: nil, stroke: LineStyle(color: .hex("#4a4a4a"), widthPoints: 0.6)),
                                            text: s.key.heading, order: [layerIndex, 2, 0]))
        }
        items.sort { $0.order.lexicographicallyPrecedes($1.order) }
    }

    /// Adds the item under `key` unless one is there already (the item is only made the first time: this runs
    /// for every feature).
    private mutating func add(_ key: String, _ item: @autoclosure () -> Item) {
        if seen.insert(key).inserted { items.append(item()) }
    }

    /// A rule's legend text for a feature: a template such as "{group_name}: regular activity" names the group as
    /// it was called on the map's date, so one rule gives an entry per name drawn ("ISGS: …", "ISWAP: …").
    static func legendText(_ rule: Rule, _ properties: [String: JSONValue]) -> String? {
        guard let raw = rule.legend else { return nil }
        guard raw.utf8.contains(UInt8(ascii: "{")) else { return raw }
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

/// The legend as a grid of columns at one type size: measured once, then drawn wherever the furniture layout
/// puts it (a corner of the frame, or a strip under it). Items flow down the columns in legend order, the columns
/// balanced in height. Any item the builder makes (a swatch and its text, nested circles, a note) takes one cell.
struct LegendGrid {
    struct Cell {
        var item: LegendBuilder.Item
        /// Top-left inside the legend box.
        var x: Double, y: Double
        var width: Double, height: Double
    }
    var cells: [Cell]
    var width: Double, height: Double
    var columns: Int
    var style: TextStyle
    /// Values of nested circles.
    var small: TextStyle
    /// Scale of the swatches with the type (1 at 6.5 pt).
    var unit: Double
    /// Scale of nested circles: the map's symbol scale, so they match the map's circles.
    var symbolScale: Double

    static let pad = 5.0, gap = 2.5, columnGap = 8.0

    /// Measures `items` at `sizePoints` in `columns` columns (fewer when there are fewer items).
    /// - Parameter maxCellWidth: Entries wider than this are broken into lines (a narrow strip).
    static func measure(_ items: [LegendBuilder.Item], columns: Int, sizePoints: Double, minimumPoints: Double,
                        theme: Theme, text: TextEngine, symbolScale: Double, maxCellWidth: Double? = nil) -> LegendGrid {
        let unit = sizePoints / 6.5
        let style = TextStyle(family: theme.fontFamily, sizePoints: sizePoints, color: theme.text)
        let note = TextStyle(family: theme.fontFamily, sizePoints: sizePoints, italic: true, color: theme.mutedText)
        let small = TextStyle(family: theme.fontFamily, sizePoints: max(minimumPoints, sizePoints * 0.9), color: theme.mutedText)
        let swatchW = 14 * unit
        var sizes: [(Double, Double)] = []
        for item in items {
            switch item.swatch {
            case .circles(let cs, _, _):
                let m = text.measure(item.text, style)
                let r = (cs.first?.1 ?? 0) * symbolScale
                let labelW = cs.map { text.measure(JSONValue.format($0.0), small).width }.max() ?? 0
                let lh = text.measure("0", small).height   // the top value's label sits on the top circle's top
                let last = valueLabelCentres(cs.map { 2 * r - 2 * $0.1 * symbolScale }, height: lh).last ?? 0
                sizes.append((max(m.width, 2 * r + 4 + labelW), m.height + lh / 2 + max(2 * r, last + lh / 2) + 2))
            case .note:
                let m = text.measure(item.text, note)
                sizes.append((m.width, m.height))
            default:
                let room = (maxCellWidth ?? .infinity) - swatchW - 4 * unit
                let lines = Self.lines(item.text, style: style, room: room, text: text)
                let widest = lines.map { text.measure($0, style).width }.max() ?? 0
                let h = lines.map { text.measure($0, style).height }.reduce(0, +)
                sizes.append((swatchW + 4 * unit + widest, max(h, 9 * unit)))
            }
        }
        let k = max(1, min(columns, items.count))
        // Column-major, balanced: a new column starts once the current one reaches its share of the height.
        let total = sizes.map(\.1).reduce(0, +) + gap * Double(max(0, items.count - k))
        var groups: [[Int]] = [[]]
        var h = 0.0
        for i in items.indices {
            let remaining = items.count - i, columnsLeft = k - groups.count
            if !groups[groups.count - 1].isEmpty, columnsLeft > 0,
               h + sizes[i].1 > total / Double(k) + 0.5 || remaining <= columnsLeft {
                groups.append([])
                h = 0
            }
            groups[groups.count - 1].append(i)
            h += sizes[i].1 + gap
        }
        var cells: [Cell] = []
        var x = pad, height = 0.0
        for g in groups {
            let w = g.map { sizes[$0].0 }.max() ?? 0
            var y = pad
            for i in g {
                cells.append(Cell(item: items[i], x: x, y: y, width: sizes[i].0, height: sizes[i].1))
                y += sizes[i].1 + gap
            }
            height = max(height, y - gap + pad)
            x += w + columnGap
        }
        return LegendGrid(cells: cells, width: x - columnGap + pad, height: height, columns: groups.count, style: style,
                          small: small, unit: unit, symbolScale: symbolScale, maxCellWidth: maxCellWidth)
    }

    /// Entries wider than the room are broken between words.
    var maxCellWidth: Double?

    static func lines(_ s: String, style: TextStyle, room: Double, text: TextEngine) -> [String] {
        guard room.isFinite, text.measure(s, style).width > room else { return [s] }
        return PageLayout.breakLines(s, width: max(20, room), style: style, text: text)
    }

    /// Where the values of nested circles go: at each circle's top, pushed down until no two labels of `height`
    /// overlap (small circles' tops are close together).
    static func valueLabelCentres(_ tops: [Double], height: Double) -> [Double] {
        var out: [Double] = []
        for t in tops { out.append(max(t, (out.last ?? -.infinity) + height)) }
        return out
    }

    /// The most columns whose grid is at most `width` wide (a strip under the map).
    static func fitting(width: Double, _ items: [LegendBuilder.Item], sizePoints: Double, minimumPoints: Double,
                        theme: Theme, text: TextEngine, symbolScale: Double) -> LegendGrid? {
        var best: LegendGrid?
        for k in 1...max(1, items.count) {
            let g = measure(items, columns: k, sizePoints: sizePoints, minimumPoints: minimumPoints, theme: theme, text: text,
                            symbolScale: symbolScale)
            guard g.width <= width else { break }
            if best == nil || g.height < best!.height - 0.01 { best = g }
        }
        if best == nil {
            // Too narrow for the widest entry on one line: one column, long entries broken into lines.
            let g = measure(items, columns: 1, sizePoints: sizePoints, minimumPoints: minimumPoints, theme: theme, text: text,
                            symbolScale: symbolScale, maxCellWidth: width - 2 * pad)
            if g.width <= width + 0.01 { best = g }
        }
        return best
    }

    /// Draws the grid with its top-left corner at `origin`: a paper box, then each cell. Returns the ops, the box,
    /// and the box of every text drawn.
    func ops(at origin: PagePoint, theme: Theme, text: TextEngine, boxed: Bool = true)
        -> (ops: [SceneOp], box: PageRect, texts: [(String, PageRect)]) {
        let box = PageRect(x: origin.x, y: origin.y, width: width, height: height)
        var ops: [SceneOp] = boxed ? [.fillRect(box, theme.paper.withOpacity(0.92)),
                                      .strokeRect(box, LineStyle(color: .hex("#9a9a9a"), widthPoints: 0.4))] : []
        var texts: [(String, PageRect)] = []
        let swatchW = 14 * unit
        func label(_ s: String, _ p: PagePoint, _ st: TextStyle) {
            ops.append(.text(s, origin: p, st))
            let m = text.measure(s, st)
            texts.append((s, PageRect(x: p.x, y: p.y, width: m.width, height: m.height)))
        }
        /// An entry's text, in lines when it is too wide for its cell.
        func entry(_ s: String, _ p: PagePoint) {
            var y = p.y
            for line in Self.lines(s, style: style, room: (maxCellWidth ?? .infinity) - swatchW - 4 * unit, text: text) {
                label(line, PagePoint(x: p.x, y: y), style)
                y += text.measure(line, style).height
            }
        }
        for cell in cells {
            let x = origin.x + cell.x, y = origin.y + cell.y
            let mid = y + 4.5 * unit
            switch cell.item.swatch {
            case .fill(let color, let hatch, let outline):
                let r = [PagePoint(x: x, y: mid - 3.5 * unit), PagePoint(x: x + swatchW, y: mid - 3.5 * unit),
                         PagePoint(x: x + swatchW, y: mid + 3.5 * unit), PagePoint(x: x, y: mid + 3.5 * unit),
                         PagePoint(x: x, y: mid - 3.5 * unit)]
                ops.append(.fill(rings: [r], color: color, outline: outline ?? LineStyle(color: .hex("#8a8a8a"), widthPoints: 0.3)))
                if let hatch { ops.append(.hatch(rings: [r], hatch)) }
                entry(cell.item.text, PagePoint(x: x + swatchW + 4 * unit, y: y))
            case .line(let l):
                ops.append(.stroke(lines: [[PagePoint(x: x, y: mid), PagePoint(x: x + swatchW, y: mid)]], l))
                entry(cell.item.text, PagePoint(x: x + swatchW + 4 * unit, y: y))
            case .mark(let m):
                var mark = m
                mark.radiusPoints = min(m.radiusPoints * unit, 4.5 * unit)
                ops.append(.marker(PagePoint(x: x + swatchW / 2, y: mid), mark))
                entry(cell.item.text, PagePoint(x: x + swatchW + 4 * unit, y: y))
            case .note:
                label(cell.item.text, PagePoint(x: x, y: y),
                      TextStyle(family: style.family, sizePoints: style.sizePoints, italic: true, color: theme.mutedText))
            case .circles(let unscaled, let fill, let stroke):
                let cs = unscaled.map { ($0.0, $0.1 * symbolScale) }
                label(cell.item.text, PagePoint(x: x, y: y), style)
                let top = y + text.measure(cell.item.text, style).height + text.measure("0", small).height / 2 + 2
                let r0 = cs.first?.1 ?? 0
                let cx = x + r0, bottom = top + 2 * r0
                let ys = Self.valueLabelCentres(cs.map { bottom - 2 * $0.1 }, height: text.measure("0", small).height)
                for ((v, r), ly) in zip(cs, ys) {
                    ops.append(.marker(PagePoint(x: cx, y: bottom - r), Mark(shape: .circle, radiusPoints: r, fill: fill, stroke: stroke)))
                    ops.append(.stroke(lines: [[PagePoint(x: cx, y: bottom - 2 * r), PagePoint(x: cx + r0 + 2, y: bottom - 2 * r),
                                                PagePoint(x: cx + r0 + 3, y: ly)]],
                                       LineStyle(color: .hex("#7a7a7a"), widthPoints: 0.3)))
                    let m = text.measure(JSONValue.format(v), small)
                    label(JSONValue.format(v), PagePoint(x: cx + r0 + 4, y: ly - m.height / 2), small)
                }
            }
        }
        return (ops, box, texts)
    }
}

extension LegendBuilder {
    /// The legend of what the compiled layers drew, in layer order.
    static func build(from layers: [CompiledLayer]) -> [Item] {
        var legend = LegendBuilder()
        for layer in layers {
            // By index: each feature's rule and properties read where they lie, not the feature copied out first.
            for k in layer.drawn.indices {
                legend.note(layer: layer.id, layerIndex: layer.index, style: layer.style, ruleIndex: layer.drawn[k].ruleIndex,
                            properties: layer.drawn[k].properties)
            }
        }
        legend.finish()
        return legend.items
    }
}
