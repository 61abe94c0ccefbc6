import Geometry
import Layers
import Style

/// Turns one rule applied to one shape into draw items, point symbols and a label request, for one layer.
struct Symbolizer {
    let context: MapContext
    private var layer: CompiledLayer
    private var classes: [String] = []

    /// - Parameter features: How many features it will draw, at most: its lists get their room at once, so that
    ///   100,000 events' symbols and labels are not copied into fresh pages as they grow.
    init(context: MapContext, layer: CompiledLayer, features: Int) {
        self.context = context
        self.layer = layer
        let rules = layer.style.rules
        self.layer.drawn.reserveCapacity(features)
        self.layer.items.reserveCapacity(features)
        if rules.contains(where: { $0.symbolizers.contains { if case .marker = $0 { return true }; return false } }) {
            self.layer.symbols.reserveCapacity(features)
        }
        if rules.contains(where: { $0.label != nil }) { self.layer.labels.reserveCapacity(features) }
    }

    mutating func draw(_ shape: ProjectedFeature, _ props: [String: JSONValue], ruleIndex: Int) {
        let rule = layer.style.rules[ruleIndex]
        let feature = layer.drawn.count
        if shape.wasClipped { layer.stats.featuresClipped += 1 }
        layer.stats.featuresDrawn += 1
        if let text = LegendBuilder.legendText(rule, props), !classes.contains(text) { classes.append(text) }
        layer.drawn.append(DrawnFeature(ruleIndex: ruleIndex, properties: props, shape: shape))
        let priority = rule.label?.priority(for: props) ?? 0
        var radius = 0.0
        var ownSymbol: SymbolID?
        var plain: [SceneOp] = []
        func flush() {
            if !plain.isEmpty { layer.items.append(DrawItem(ops: plain, symbol: nil)) }
            plain = []
        }
        for symbolizer in rule.symbolizers {
            switch symbolizer {
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
                guard let r = m.radiusPoints.value(for: props).map({ $0 * context.symbolScale }), r > 0 else { continue }
                let mark = Mark(shape: m.shape, radiusPoints: r, fill: m.fill?.value(for: props).map { $0.withOpacity(m.opacity) },
                                stroke: m.stroke)
                radius = max(radius, r)
                flush()
                for p in shape.points {
                    let e = r * (m.shape == .diamond || m.shape == .triangle ? 1.25 : 1) + (m.stroke?.widthPoints ?? 0) / 2
                    let id = SymbolID(layer: layer.index, feature: feature, part: layer.items.count)
                    layer.symbols.append(Symbol(id: id, box: PageRect(x: p.x - e, y: p.y - e, width: 2 * e, height: 2 * e),
                                                priority: priority, hideable: rule.label?.symbolNeedsLabel ?? false,
                                                obstacle: layer.style.labelObstacle))
                    layer.items.append(DrawItem(ops: [.marker(p, mark)], symbol: id))
                    ownSymbol = id
                }
            }
        }
        flush()
        if let request = label(rule, props, shape, radius: radius, symbol: ownSymbol, priority: priority) { layer.labels.append(request) }
    }

    private func label(_ rule: Rule, _ props: [String: JSONValue], _ shape: ProjectedFeature, radius: Double,
                       symbol: SymbolID?, priority: Int) -> LabelRequest? {
        guard let ls = rule.label, let text = ls.text(for: props) else { return nil }
        let style = TextStyle(family: context.spec.theme.fontFamily, sizePoints: context.sized(ls.sizePoints), bold: ls.bold,
                              italic: ls.italic, letterSpacingPoints: ls.letterSpacingPoints, uppercase: ls.uppercase,
                              color: ls.color, halo: ls.halo, haloWidthPoints: ls.halo == nil ? 0 : ls.haloWidthPoints)
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
}
