import Foundation
import Geometry
import Layers
import Style

/// Which symbol a drawing op is: the layer (in the spec's order), the feature's place in the layer's drawing
/// order, and the marker within the feature. Placement decides by this identity, never by a position in the scene.
struct SymbolID: Hashable, Sendable {
    var layer: Int
    var feature: Int
    var part: Int
}

/// What a layer draws, in paint order: ops drawn together, or one point symbol that placement may leave out (its
/// own case, so that 100,000 events' markers need no list each).
enum DrawItem {
    case ops([SceneOp])
    case marker(PagePoint, Mark, SymbolID)

    var ops: [SceneOp] {
        switch self {
        case .ops(let ops): ops
        case .marker(let p, let mark, _): [.marker(p, mark)]
        }
    }

    var symbol: SymbolID? {
        if case .marker(_, _, let id) = self { return id }
        return nil
    }

    /// How many ops it draws, without making a marker's list of one.
    var opCount: Int {
        switch self {
        case .ops(let ops): ops.count
        case .marker: 1
        }
    }
}

/// One feature as the layer draws it: its rule (by index in the layer's style, not a copy per feature),
/// properties and shape, for the legend and the description.
struct DrawnFeature {
    var ruleIndex: Int
    var properties: [String: JSONValue]
    var shape: ProjectedFeature
}

/// A layer ready to be drawn: its ops in paint order, the point symbols labels avoid, the labels it asks for,
/// and what happened to its features.
struct CompiledLayer {
    var index: Int
    var id: String
    /// The style that drew it: the layer's own, or the cells' or regions' style when aggregated.
    var style: LayerStyle
    var aggregated: Bool
    var items: [DrawItem] = []
    var symbols: [Symbol] = []
    var labels: [LabelRequest] = []
    var drawn: [DrawnFeature] = []
    var stats: RenderReport.LayerStats
    /// Label template fields no feature of the layer has (`{locaton}`), as warnings.
    var warnings: [MapWarning] = []
    /// What the map says about its data beyond the legend: left out for an unknown opening date, levels carried
    /// past their last coded year, symbols spread apart, parts not counted twice (the render report's notes).
    var notes: [String] = []
}

/// What every layer of one map shares: the view, the resolution and the type scale.
struct MapContext {
    let spec: MapSpec
    let view: ViewTransform
    let transform: Transform
    /// Simplification tolerance, in projected metres: a quarter of a device pixel (300 dpi at least).
    let tolerance: Double
    /// Where geometry is cut: a little outside the frame, so cut edges never show.
    let clip: MapRect
    /// Type scale for the page (1 on A4, larger on slides).
    let scale: Double
    /// Point symbol scale for the page (as `scale`, but grows less on slides).
    var symbolScale = 1.0
    /// The smallest type on this page (6 pt on paper).
    var minimumTypePoints = 6.0
    /// How many runs at once a large layer's symbols are drawn in (`Symbolizer.draw`): one per core, of 4096
    /// features at least.
    var symbolRuns = (count: ProcessInfo.processInfo.activeProcessorCount, minimumFeatures: 4096)

    /// A type size on this page: scaled, never under the page's minimum (6 pt on paper).
    func sized(_ points: Double) -> Double { max(minimumTypePoints, points * scale) }
}

/// A feature's page shape with its properties and the index of the rule that styles it. A struct, not a tuple: the
/// compiler copied 100,000 labelled tuples through the runtime's generic value witnesses (about 25 ms a draft).
struct StyledShape {
    var shape: ProjectedFeature
    var props: [String: JSONValue]
    var rule: Int
}

/// What compiling a layer finds that does not depend on the frame: the features its filter and the map's time keep,
/// each kept feature's rule and the order they are drawn in. A legend beside the map or under it composes the body
/// again for a smaller frame; that composition takes these from the first (100,000 events: about 50 ms a draft).
final class FrameFreeWork {
    struct Layer {
        var kept: [(index: Int, props: [String: JSONValue])]
        var openingUnknown: [String]
        var filtered: Int, outsideTime: Int
        /// Once the layer is drawn feature by feature: the rule of each kept feature (nil: no rule draws it).
        var rules: [Int?]?
        /// Once drawn largest first: the drawing order of the features a rule draws.
        var order: [Int]?
    }
    /// By layer index.
    var layers: [Int: Layer] = [:]
}

/// Filter → time → projection, simplification and clipping → aggregation → rules → symbolization, for one layer.
struct LayerCompiler {
    let context: MapContext
    let sources: SourceSet
    /// Shared by the compositions of one map body (see `FrameFreeWork`).
    let frameFree: FrameFreeWork
    /// Projected shapes by source and feature index: a source drawn by several layers is projected once.
    private var cache: [DataSource: [Int: ProjectedFeature]] = [:]

    init(context: MapContext, sources: SourceSet, frameFree: FrameFreeWork = FrameFreeWork()) {
        self.context = context
        self.sources = sources
        self.frameFree = frameFree
    }

    mutating func compile(_ index: Int) throws -> CompiledLayer {
        let spec = context.spec, layer = spec.layers[index]
        guard let layerStyle = spec.style.layers[layer.style] else {
            throw RenderError.layout("the theme \"\(spec.style.name)\" has no style \"\(layer.style)\" for layer \"\(layer.id)\"")
        }
        let collection = try sources.features(layer.source)
        var stats = RenderReport.LayerStats(id: layer.id, source: describe(layer.source))
        stats.featuresRead = collection.features.count
        try refuseLevelsTooOld(layer)
        var done = frameFree.layers[index] ?? {
            var kept: [(index: Int, props: [String: JSONValue])] = []
            var openingUnknown: [String] = []
            var filtered = 0, outsideTime = 0
            for (k, feature) in collection.features.enumerated() {
                if let f = layer.filter, !f.matches(feature.properties) { filtered += 1; continue }
                guard let props = layer.time.apply(feature.properties, spec.time) else {
                    outsideTime += 1
                    if feature.properties["opening_known"] == .bool(false) { openingUnknown.append(feature.string("name") ?? feature.id ?? "?") }
                    continue
                }
                kept.append((k, props))
            }
            return FrameFreeWork.Layer(kept: kept, openingUnknown: openingUnknown, filtered: filtered, outsideTime: outsideTime)
        }()
        let (kept, openingUnknown) = (done.kept, done.openingUnknown)
        stats.featuresFiltered += done.filtered
        stats.featuresOutsideTime += done.outsideTime
        // Events that may be binned are projected as bare points first: binned, a million of them need no shape each.
        var points = projectedPoints(layer, kept, collection)
        var shapes = points == nil ? projectedShapes(layer.source, kept.map(\.index), collection) : []
        let clip = context.clip
        let binSize = hexagonSize(layer.aggregation, inView: points.map { $0.lazy.filter(clip.contains).count }
                                      ?? shapes.lazy.filter({ !$0.points.isEmpty }).count)
        if binSize == nil, sources.isSlim(layer.source) {
            // Read for binning, drawn one by one after all (few events in view): read the rest, compile again.
            _ = try sources.features(layer.source, whole: true)
            cache[layer.source] = nil
            frameFree.layers[index] = nil
            return try compile(index)
        }
        defer { frameFree.layers[index] = done }   // as found or completed below, for the next composition
        if binSize == nil, let p = points {
            shapes = p.map { ProjectedFeature(point: $0, clip: context.clip, view: context.view) }
            points = nil
        }
        var compiled = CompiledLayer(index: index, id: layer.id, style: layerStyle, aggregated: false, stats: stats)
        if !openingUnknown.isEmpty {
            compiled.notes.append("\(layer.id): opening date unknown, not drawn before it is known open: \(openingUnknown.joined(separator: ", "))")
        }
        if let note = kept.lazy.compactMap({ $0.props["level_note"]?.stringValue }).first {
            compiled.notes.append("\(layer.id): \(note)")
        }
        var items: [StyledShape]
        let aggregate = binSize != nil || layer.aggregation == .regions
        // A part of another kept event (part_of) is counted once, in its whole, by aggregation: `counted` lists
        // the events counted, nil for all of them.
        var counted: [Int]?
        // The ids are gathered only when some event is a part (a million events usually have none).
        if aggregate, kept.contains(where: { $0.props["part_of"]?.stringValue != nil }) {
            let keptIDs = Set(kept.compactMap { $0.props["id"]?.stringValue })
            counted = kept.indices.filter { k in kept[k].props["part_of"]?.stringValue.map { !keptIDs.contains($0) } ?? true }
        }
        if let counted, counted.count < kept.count {
            compiled.notes.append("\(layer.id): \(kept.count - counted.count) event(s) counted once, as part of another (part_of)")
        }
        if let size = binSize {
            // Each event's point on the page (nil outside the view) with its properties, found as binning reads them.
            let clip = context.clip, view = context.view
            let event = { [shapes, points, kept] (k: Int) -> (page: PagePoint?, props: [String: JSONValue]) in
                let page = points.map { p in clip.contains(p[k]) ? view.page(p[k]) : nil } ?? shapes[k].points.first
                return (page, kept[k].props)
            }
            if let counted {
                items = hexagons(layer, counted.lazy.map(event), size: size, into: &compiled)
            } else {
                items = hexagons(layer, kept.indices.lazy.map(event), size: size, into: &compiled)
            }
        } else if layer.aggregation == .regions {
            items = try regions(layer, (counted ?? Array(kept.indices)).map { collection.features[kept[$0].index] }, into: &compiled)
        } else {
            let rules = done.rules ?? kept.map { layerStyle.ruleIndex(for: $0.props) }
            done.rules = rules
            items = []
            items.reserveCapacity(kept.count)
            for k in kept.indices {
                guard let rule = rules[k] else { compiled.stats.featuresFiltered += 1; continue }
                items.append(StyledShape(shape: shapes[k], props: kept[k].props, rule: rule))
            }
            shapes = []   // the items own the shapes now: spreading a point moves it without copying its array
        }
        if let key = compiled.style.drawLargestFirstBy {
            // Largest first, so small symbols stay visible on top; ties keep their order.
            // The sort keys looked up once, indices sorted, then the items swapped into place (a copy of each
            // would retain its properties and shape, and release them again). Binned cells are sorted each time.
            let byFeature = !compiled.aggregated && layer.aggregation != .regions
            let order = (byFeature ? done.order : nil) ?? {
                let values = items.map { $0.props[key]?.numberValue ?? 0 }
                return items.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
            }()
            if byFeature { done.order = order }
            items.permute(by: order)
        }
        if !compiled.aggregated { spread(&items, into: &compiled) }
        compiled = Symbolizer.draw(items, context: context, into: compiled)
        compiled.warnings += unknownTemplateFields(layer, compiled.style, kept.map(\.props), features: collection.features)
        return compiled
    }

    /// Yearly levels read too long after their last coded year are refused (`max-level-gap:`), not silently shown.
    private func refuseLevelsTooOld(_ layer: Layer) throws {
        guard case .yearLevels(_, let years, _) = layer.time, let day = context.spec.time.stateDay, let last = years.max() else { return }
        let gap = day.year - last
        if gap > context.spec.time.maxLevelGapYears {
            throw RenderError.layout("layer \"\(layer.id)\": its levels are coded up to \(last), \(gap) years before the map's date " +
                "(\(TimeContext.words(day))); the limit is \(context.spec.time.maxLevelGapYears) (max-level-gap: in the spec); refused rather than showing \(last)'s levels as current")
        }
    }

    /// Point symbols that would fall on one spot (bases sharing a town point, massacres on one proxy town) are
    /// spread on a small ring around it, in the layer's order, so none hides another. The data keeps the point.
    private func spread(_ items: inout [StyledShape],
                        into compiled: inout CompiledLayer) {
        struct Key: Hashable { var x: Int, y: Int }
        // Each spot's group by number, in the order spots are first met, and each point's group: no list per spot
        // (100,000 events are mostly alone on theirs).
        var groupOf: [Key: Int] = [:], sizes: [Int] = [], member: [(item: Int, group: Int)] = []
        groupOf.reserveCapacity(items.count)
        member.reserveCapacity(items.count)
        for k in items.indices where items[k].shape.points.count == 1 && items[k].shape.polygons.isEmpty {
            let p = items[k].shape.points[0]
            let key = Key(x: Int((p.x * 4).rounded()), y: Int((p.y * 4).rounded()))   // within a quarter point
            let g = groupOf[key] ?? sizes.count
            if g == sizes.count { groupOf[key] = g; sizes.append(0) }
            sizes[g] += 1
            member.append((k, g))
        }
        let ring = 4.5 * context.scale
        let spots = sizes.lazy.filter { $0 > 1 }.count, spreadCount = sizes.lazy.filter { $0 > 1 }.reduce(0, +)
        var seen = [Int](repeating: 0, count: sizes.count)
        for (k, g) in member where sizes[g] > 1 {
            // The n-th of its spot's members, in the layer's order, as before.
            let n = seen[g]
            seen[g] += 1
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(n) / Double(sizes[g])
            let c = items[k].shape.points[0]
            items[k].shape.points[0] = PagePoint(x: c.x + ring * cos(angle), y: c.y + ring * sin(angle))
        }
        if spots > 0 {
            compiled.notes.append("\(compiled.id): \(spreadCount) symbols sharing \(spots) point(s) spread on a \(JSONValue.format(ring)) pt ring so none hides another")
        }
    }

    /// Fields of the layer's label templates that no feature has: each label of that rule silently went missing.
    private func unknownTemplateFields(_ layer: Layer, _ style: LayerStyle, _ kept: [[String: JSONValue]],
                                       features: [Feature]) -> [MapWarning] {
        let templates = style.rules.compactMap(\.label)
        guard !templates.isEmpty, !(kept.isEmpty && features.isEmpty) else { return [] }
        // Usually every field is found in the first features: look until then, and gather every property name
        // (for the suggestions) only when one is missing.
        var unfound = Set(templates.flatMap(\.fields))
        for p in kept where !unfound.isEmpty { unfound = unfound.filter { p[$0] == nil } }
        for f in features where !unfound.isEmpty { unfound = unfound.filter { f.properties[$0] == nil } }
        guard !unfound.isEmpty else { return [] }
        var known = sources.propertiesLeftOut(layer.source)   // as if the source had been read whole
        for p in kept { known.formUnion(p.keys) }
        for f in features { known.formUnion(f.properties.keys) }
        var out: [MapWarning] = [], seen = Set<String>()
        for t in templates {
            for field in t.fields where !known.contains(field) && seen.insert(field).inserted {
                let near = known.sorted().filter { Self.closeEnough($0, field) }
                out.append(MapWarning(kind: .unknownTemplateField, layer: layer.id, message:
                    "label template \"\(t.text)\": no feature has a property \"\(field)\", so no label uses it" +
                    (near.isEmpty ? "" : "; did you mean \(near.map { "{\($0)}" }.joined(separator: ", "))?")))
            }
        }
        return out
    }

    /// Names within two edits of each other (a typo), by Levenshtein distance.
    static func closeEnough(_ a: String, _ b: String) -> Bool {
        let x = Array(a), y = Array(b)
        guard abs(x.count - y.count) <= 2 else { return false }
        var row = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var prev = row[0]; row[0] = i
            for j in 1...max(1, y.count) where !y.isEmpty {
                let cur = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (x[i - 1] == y[j - 1] ? 0 : 1))
                prev = cur
            }
        }
        return row[y.count] <= 2
    }

    /// - Parameter inView: How many features have a point in the view.
    private func hexagonSize(_ aggregation: Layer.Aggregation, inView: @autoclosure () -> Int) -> Double? {
        switch aggregation {
        case .none, .regions: return nil
        case .hexagons(let size): return size
        case .auto(let threshold, let size): return inView() > threshold ? size : nil
        }
    }

    /// Events binned into hexagons, styled by "<style>-hexagons" in the theme, else by a plain graduated default.
    /// - Parameter events: Each event's point on the page (nil outside the view) and properties; read twice.
    private func hexagons<Events: Collection>(_ layer: Layer, _ events: Events, size: Double, into compiled: inout CompiledLayer)
        -> [StyledShape] where Events.Element == (page: PagePoint?, props: [String: JSONValue]) {
        let cellStyle = context.spec.style.layers[layer.style + "-hexagons"] ?? Hexagons.defaultStyle
        compiled.style = cellStyle
        compiled.aggregated = true
        // The events in view, without an array of a million pairs.
        let points = events.lazy.compactMap { e in e.page.map { ($0, e.props) } }
        let inView = events.lazy.filter { $0.page != nil }.count
        compiled.stats.featuresOutside += events.count - inView
        compiled.stats.featuresAggregated = inView
        var items: [StyledShape] = []
        for cell in Hexagons.bin(points, sizePoints: size) {
            guard let rule = cellStyle.ruleIndex(for: cell.properties) else { compiled.stats.featuresFiltered += 1; continue }
            items.append(StyledShape(shape: ProjectedFeature(polygon: cell.ring, center: cell.center), props: cell.properties, rule: rule))
        }
        return items
    }

    /// Events counted per first-level region; regions with none are left out.
    private func regions(_ layer: Layer, _ events: [Feature],
                         into compiled: inout CompiledLayer) throws -> [StyledShape] {
        let regionStyle = context.spec.style.layers[layer.style + "-regions"] ?? RegionCounts.defaultStyle
        compiled.style = regionStyle
        let regions = try sources.features(.builtIn("regions"))
        let counts = RegionCounts.count(events, in: regions)
        compiled.stats.featuresAggregated = counts.values.reduce(0) { $0 + $1.count }
        let uncounted = events.count - compiled.stats.featuresAggregated
        compiled.stats.featuresOutside += uncounted
        if uncounted > 0 {
            let which = sources.catalog.regions.map { "of \($0.displayName)" } ?? "(built-in regions)"
            compiled.warnings.append(MapWarning(kind: .outsideRegions, layer: layer.id, message:
                "\(uncounted) of \(events.count) events lie in no region \(which) and are not counted"))
        }
        var kept: [(region: Feature, props: [String: JSONValue], rule: Int)] = []
        compiled.stats.regionCounts = []
        for (k, region) in regions.features.enumerated() {
            guard let c = counts[k] else { continue }
            compiled.stats.regionCounts?.append(.init(id: region.id ?? region.string("id") ?? "#\(k + 1)",
                                                      name: region.string("name") ?? "", count: c.count, fatalities: c.fatalities))
            var props = region.properties
            props["count"] = .number(Double(c.count))
            props["fatalities"] = .number(c.fatalities)
            guard let rule = regionStyle.ruleIndex(for: props) else { compiled.stats.featuresFiltered += 1; continue }
            kept.append((region, props, rule))
        }
        let shapes = ProjectedFeature.many(kept.map(\.region), transform: context.transform, tolerance: context.tolerance,
                                           clip: context.clip, view: context.view)
        return zip(kept, shapes).map { StyledShape(shape: $1, props: $0.props, rule: $0.rule) }
    }

    /// The points of a layer that may be binned (`aggregate: SIZE` or `auto`), projected, in `kept`'s order; nil
    /// when a feature is not a point, or another layer draws the source (its shapes are then kept for that one).
    private func projectedPoints(_ layer: Layer, _ kept: [(index: Int, props: [String: JSONValue])], _ collection: FeatureCollection) -> [MapPoint]? {
        switch layer.aggregation {
        case .hexagons, .auto: break
        case .none, .regions: return nil
        }
        guard context.spec.layers.lazy.filter({ $0.source == layer.source }).count == 1 else { return nil }
        var points: [MapPoint] = []
        points.reserveCapacity(kept.count)
        for k in kept {
            guard case .point(let p)? = collection.features[k.index].geometry else { return nil }
            points.append(MapPoint(x: p.longitude, y: p.latitude))
        }
        context.transform.project(inPlace: &points)
        return points
    }

    /// The features of a source, projected, simplified, clipped and on the page; each computed once per render.
    /// Point features are projected together in one PROJ call (10,000 events cost one call, not 10,000). Only a
    /// source that several layers draw keeps its shapes for the next layer (a million events are not kept twice).
    private mutating func projectedShapes(_ source: DataSource, _ indices: [Int], _ collection: FeatureCollection) -> [ProjectedFeature] {
        let shared = context.spec.layers.lazy.filter { $0.source == source }.count > 1
        var known = cache[source] ?? [:]
        var out: [ProjectedFeature] = []
        out.reserveCapacity(indices.count)
        var pointSlots: [Int] = [], points: [GeoPoint] = []
        var shapeSlots: [Int] = [], shaped: [Feature] = []
        for k in indices {
            if let done = known[k] { out.append(done); continue }
            if case .point(let p)? = collection.features[k].geometry {
                pointSlots.append(out.count)
                points.append(p)
            } else {
                shapeSlots.append(out.count)
                shaped.append(collection.features[k])
            }
            out.append(ProjectedFeature(point: nil, clip: context.clip, view: context.view))   // projected below
        }
        for (slot, p) in zip(pointSlots, context.transform.project(points)) {
            out[slot] = ProjectedFeature(point: p, clip: context.clip, view: context.view)
        }
        let shapes = ProjectedFeature.many(shaped, transform: context.transform, tolerance: context.tolerance,
                                           clip: context.clip, view: context.view)
        for (slot, shape) in zip(shapeSlots, shapes) { out[slot] = shape }
        if shared {
            for (slot, k) in indices.enumerated() where known[k] == nil { known[k] = out[slot] }
            cache[source] = known
        }
        return out
    }

    private func describe(_ s: DataSource) -> String { sources.catalog.describe(s) }
}
