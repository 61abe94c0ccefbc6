import Geometry
import Layers
import Style

/// Turns one rule applied to one shape into draw items, point symbols and a label request, for one layer.
struct Symbolizer {
    let context: MapContext
    private var layer: CompiledLayer
    private var classes: [String] = []
    /// The layer's rules as each feature uses them, by rule index.
    private let plans: [Plan]

    /// One rule taken apart once per layer (issue 13): a feature borrows its rule's plan, where 100,000 events each
    /// copied their rule, its symbolizers and label style, looked for a `{` in its legend and made a text style.
    private final class Plan {
        enum Step {
            case fill(FillStyle)
            case line(LineStyle)
            case marker(MarkerPlan)
        }
        final class MarkerPlan {
            let style: MarkerStyle
            /// How far the mark reaches past its radius, as a factor: diamonds and triangles reach further.
            let reach: Double
            let halfStroke: Double
            init(_ m: MarkerStyle) {
                style = m
                reach = m.shape == .diamond || m.shape == .triangle ? 1.25 : 1
                halfStroke = (m.stroke?.widthPoints ?? 0) / 2
            }
        }
        let rule: Rule
        let steps: [Step]
        /// The legend's text when it reads no property; nil when it does (`templated`) or there is none.
        let legend: String?
        let templated: Bool
        let label: LabelStyle?
        let textStyle: TextStyle?

        init(_ rule: Rule, context: MapContext) {
            self.rule = rule
            steps = rule.symbolizers.map { s in
                switch s {
                case .fill(let f): .fill(f)
                case .line(let l): .line(l)
                case .marker(let m): .marker(MarkerPlan(m))
                }
            }
            templated = rule.legend?.utf8.contains(UInt8(ascii: "{")) ?? false
            legend = templated ? nil : rule.legend
            label = rule.label
            textStyle = rule.label.map { ls in
                TextStyle(family: context.spec.theme.fontFamily, sizePoints: context.sized(ls.sizePoints), bold: ls.bold,
                          italic: ls.italic, letterSpacingPoints: ls.letterSpacingPoints, uppercase: ls.uppercase,
                          color: ls.color, halo: ls.halo, haloWidthPoints: ls.halo == nil ? 0 : ls.haloWidthPoints)
            }
        }
    }

    /// - Parameter features: How many features it will draw, at most: its lists get their room at once, so that
    ///   100,000 events' symbols and labels are not copied into fresh pages as they grow.
    init(context: MapContext, layer: CompiledLayer, features: Int) {
        self.context = context
        self.layer = layer
        let rules = layer.style.rules
        plans = rules.map { Plan($0, context: context) }
        self.layer.drawn.reserveCapacity(features)
        self.layer.items.reserveCapacity(features)
        if rules.contains(where: { $0.symbolizers.contains { if case .marker = $0 { return true }; return false } }) {
            self.layer.symbols.reserveCapacity(features)
        }
        if rules.contains(where: { $0.label != nil }) { self.layer.labels.reserveCapacity(features) }
    }

    mutating func draw(_ shape: ProjectedFeature, _ props: [String: JSONValue], ruleIndex: Int) {
        let plan = plans[ruleIndex]
        let feature = layer.drawn.count
        if shape.wasClipped { layer.stats.featuresClipped += 1 }
        layer.stats.featuresDrawn += 1
        if let text = plan.templated ? LegendBuilder.legendText(plan.rule, props) : plan.legend, !classes.contains(text) {
            classes.append(text)
        }
        layer.drawn.append(DrawnFeature(ruleIndex: ruleIndex, properties: props, shape: shape))
        let priority = plan.label?.priority(for: props) ?? 0
        var radius = 0.0
        var ownSymbol: SymbolID?
        var plain: [SceneOp] = []
        func flush() {
            if !plain.isEmpty { layer.items.append(.ops(plain)) }
            plain = []
        }
        for step in plan.steps {
            switch step {
            case .fill(let f):
                let color = f.color?.value(for: props).map { $0.withOpacity(f.opacity) }
                for polygon in shape.polygons {
                    if color != nil || f.outline != nil { plain.append(.fill(rings: polygon, color: color, outline: nil)) }
                    if let h = f.hatch { plain.append(.hatch(rings: polygon, h)) }
                    if let o = f.outline { plain.append(.fill(rings: polygon, color: nil, outline: o)) }
                }
            case .line(let l):
                let lines = shape.polygons.flatMap { $0 } + shape.lines
                if !lines.isEmpty { plain.append(.stroke(lines: lines, l)) }
            case .marker(let m):
                guard let r = m.style.radiusPoints.value(for: props).map({ $0 * context.symbolScale }), r > 0 else { continue }
                let mark = Mark(shape: m.style.shape, radiusPoints: r,
                                fill: m.style.fill?.value(for: props).map { $0.withOpacity(m.style.opacity) }, stroke: m.style.stroke)
                radius = max(radius, r)
                flush()
                let e = r * m.reach + m.halfStroke
                for p in shape.points {
                    let id = SymbolID(layer: layer.index, feature: feature, part: layer.items.count)
                    layer.symbols.append(Symbol(id: id, box: PageRect(x: p.x - e, y: p.y - e, width: 2 * e, height: 2 * e),
                                                priority: priority, hideable: plan.label?.symbolNeedsLabel ?? false,
                                                obstacle: layer.style.labelObstacle))
                    layer.items.append(.marker(p, mark, id))
                    ownSymbol = id
                }
            }
        }
        flush()
        if let request = label(plan, props, shape, radius: radius, symbol: ownSymbol, priority: priority) { layer.labels.append(request) }
    }

    private func label(_ plan: Plan, _ props: [String: JSONValue], _ shape: ProjectedFeature, radius: Double,
                       symbol: SymbolID?, priority: Int) -> LabelRequest? {
        guard let ls = plan.label, let style = plan.textStyle, let text = ls.text(for: props) else { return nil }
        let anchor: LabelRequest.Anchor?
        switch ls.placement {
        case .point: anchor = shape.points.first.map { .point($0, radius: radius, symbol: radius > 0 ? symbol : nil) }
        case .area: anchor = shape.labelPoint.map { .inside($0.point, room: $0.room, rings: $0.rings) }
        case .line: anchor = shape.lines.isEmpty ? nil : .along(shape.lines)
        }
        guard let anchor else { return nil }
        // Among equal priorities: larger towns, larger events first.
        let weight = props["population"]?.numberValue ?? layer.style.drawLargestFirstBy.flatMap { props[$0]?.numberValue } ?? 0
        return LabelRequest(layer: layer.id, text: text, style: style, anchor: anchor, priority: priority, weight: weight,
                            order: layer.labels.count, symbolNeedsLabel: ls.symbolNeedsLabel, callout: ls.callout)
    }

    func finish() -> CompiledLayer {
        var out = layer
        out.stats.classesDrawn = classes
        return out
    }

    /// Draws `items` in their order into `layer` (which has drawn nothing yet); an item with an empty shape (out of
    /// view) is counted outside. A large layer (100,000 events) is drawn in one consecutive run of items per core at
    /// once, the runs joined in order: the same ops, symbols, labels, classes and counts as one run, the symbols'
    /// ids numbered as one run numbers them (`context.symbolRuns`: how many runs, of how many features at least).
    static func draw(_ items: [StyledShape], context: MapContext, into layer: CompiledLayer) -> CompiledLayer {
        let runs = context.symbolRuns
        let count = max(1, min(runs.count, items.count / max(1, runs.minimumFeatures)))
        let bounds = (0...count).map { $0 * items.count / count }
        let context = Lent(context), items = Lent(items), empty = Lent(layer)
        // The first run gets room for every feature, so the others are appended without growing it.
        var parts = concurrentMap(count) { c in
            var symbolizer = Symbolizer(context: context.value, layer: empty.value, features: c == 0 ? items.value.count : bounds[c + 1] - bounds[c])
            var outside = 0
            // By index: each item lent to the symbolizer where it lies, not copied out of the array first.
            for k in bounds[c]..<bounds[c + 1] {
                guard !items.value[k].shape.isEmpty else { outside += 1; continue }
                symbolizer.draw(items.value[k].shape, items.value[k].props, ruleIndex: items.value[k].rule)
            }
            var out = symbolizer.finish()
            out.stats.featuresOutside += outside
            return out
        }
        // Moved out of `parts`, so that the first run's lists are its own and grow in the room they have.
        var out = parts.removeFirst()
        for part in parts { out.append(part, drawnFrom: layer) }
        return out
    }
}

extension CompiledLayer {
    /// Appends what a later run of the same layer drew (`run`, begun from `start`): its symbols renumbered after
    /// this one's, as if one run had drawn both.
    fileprivate mutating func append(_ run: CompiledLayer, drawnFrom start: CompiledLayer) {
        let (features, parts, labelCount) = (drawn.count, items.count, labels.count)
        func moved(_ id: SymbolID) -> SymbolID { SymbolID(layer: id.layer, feature: id.feature + features, part: id.part + parts) }
        items += run.items.lazy.map { item in
            guard case .marker(let p, let mark, let id) = item else { return item }
            return .marker(p, mark, moved(id))
        }
        symbols += run.symbols.lazy.map { s in var s = s; s.id = moved(s.id); return s }
        labels += run.labels.lazy.map { r in
            var r = r
            r.order += labelCount
            if case .point(let p, let radius, let symbol) = r.anchor { r.anchor = .point(p, radius: radius, symbol: symbol.map(moved)) }
            return r
        }
        drawn += run.drawn
        stats.featuresDrawn += run.stats.featuresDrawn - start.stats.featuresDrawn
        stats.featuresClipped += run.stats.featuresClipped - start.stats.featuresClipped
        stats.featuresOutside += run.stats.featuresOutside - start.stats.featuresOutside
        for c in run.stats.classesDrawn where !stats.classesDrawn.contains(c) { stats.classesDrawn.append(c) }
    }
}
