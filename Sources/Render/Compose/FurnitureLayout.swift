import Geometry
import Layers
import Style

/// The parts of a page besides the map body that a layout may ask for. The theme still decides whether a scale
/// bar, north arrow, inset or graticule is wanted at all; a part left out here is never drawn.
public struct MapParts: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Title, subtitle and the date line above the frame.
    public static let title = MapParts(rawValue: 1 << 0)
    /// The sources line below the frame.
    public static let credits = MapParts(rawValue: 1 << 1)
    public static let legend = MapParts(rawValue: 1 << 2)
    public static let scaleBar = MapParts(rawValue: 1 << 3)
    public static let northArrow = MapParts(rawValue: 1 << 4)
    /// The Africa locator.
    public static let inset = MapParts(rawValue: 1 << 5)

    /// The full page: everything.
    public static let all: MapParts = [.title, .credits, .legend, .scaleBar, .northArrow, .inset]
    /// Inside the frame only: what a figure in a document keeps when the document supplies caption and sources.
    public static let inFrame: MapParts = [.legend, .scaleBar, .northArrow, .inset]
}

/// What furniture placed over the map would hide: thematic point symbols, thematic areas, and the places labels are
/// asked for (a town's dot, a country's name). Furniture goes where it hides the least, and never over a labelled
/// place while some position hides none.
struct Coverage {
    /// Boxes of thematic point symbols (layers with a legend).
    var symbols: [PageRect] = [] { didSet { index = nil } }
    /// Rings of thematic areas, each with its bounding box.
    var areas: [(box: PageRect, rings: [[PagePoint]])] = []
    /// Anchors of the labels asked for, with their priority.
    var labelled: [PagePoint] = [] { didSet { index = nil } }
    var priorities: [Int] = []
    /// The room each label asked for would take beside its anchor (either side), by the same index.
    var labelRooms: [PageRect] = [] { didSet { index = nil } }
    /// Every other point symbol (town dots), the last tie-break.
    var others: [PageRect] = [] { didSet { index = nil } }
    /// The boxes and points above in cells, once `indexed()` has built them (dropped with any change to them).
    private var index: Index?

    /// This coverage with its cells built once, for a layout that scores spots many times (the legend tries each
    /// size and column count: 100,000 events' symbols, anchors and label rooms were put in cells for each try).
    func indexed() -> Coverage {
        var c = self
        c.index = Index(self)
        return c
    }

    /// The share of `r` over any thematic area, sampled on a 7×7 grid.
    private func areaFraction(_ r: PageRect) -> Double {
        let hits = areas.filter { $0.box.intersects(r) }
        guard !hits.isEmpty else { return 0 }
        var inside = 0
        for i in 0..<7 {
            for j in 0..<7 {
                let p = PagePoint(x: r.x + r.width * (Double(i) + 0.5) / 7, y: r.y + r.height * (Double(j) + 0.5) / 7)
                if hits.contains(where: { Self.contains($0.rings, p) }) { inside += 1 }
            }
        }
        return Double(inside) / 49
    }

    func cover(_ r: PageRect) -> RenderReport.Cover {
        var c = RenderReport.Cover()
        // Counted without building the filtered arrays: there may be 100,000 symbols, and many candidate boxes.
        c.symbols = Self.count(symbols) { $0.intersects(r) }
        c.labelledPlaces = Self.count(labelled) { $0.x >= r.x && $0.x <= r.maxX && $0.y >= r.y && $0.y <= r.maxY }
        c.areaFraction = areaFraction(r)
        return c
    }

    /// The order positions are compared in: the most important labelled place covered (a capital before a
    /// village), how many labelled places, then thematic symbols, thematic area, other symbols.
    /// Then the most important label whose room beside its place it takes.
    /// The spot that hides the least, in that order, the first of equals; each spot is scored once (a map of
    /// 100,000 events has that many symbols to test), with what it covers and the most important label room it takes.
    func least(_ spots: [PageRect]) -> (spot: PageRect, cover: RenderReport.Cover, topRoom: Int)? {
        guard !spots.isEmpty else { return nil }
        let index = self.index ?? Index(self)
        var best: (spot: PageRect, cost: (Int, Int, Int, Int, Double, Int), cover: RenderReport.Cover)?
        for spot in spots {
            guard let s = score(spot, index, toBeat: best?.cost) else { continue }
            if best == nil || s.cost < best!.cost { best = (spot, s.cost, s.cover) }
        }
        return best.map { ($0.spot, $0.cover, $0.cost.1) }
    }

    /// The spot's cost, or nil as soon as it is known to be no better than `toBeat` (the costs compare in order, so
    /// a spot over a more important place than the best so far needs no symbol counted).
    private func score(_ r: PageRect, _ index: Index, toBeat: (Int, Int, Int, Int, Double, Int)?) -> (cost: (Int, Int, Int, Int, Double, Int), cover: RenderReport.Cover)? {
        var c = RenderReport.Cover()
        var top = -1, topRoom = -1
        var rooms = 0
        func under(_ p: PagePoint) -> Bool { p.x >= r.x && p.x <= r.maxX && p.y >= r.y && p.y <= r.maxY }
        // The labels whose anchor is under the spot (each point is in one cell, so met once), stopping as soon as
        // one is more important than the best spot's: then the spot cannot win.
        var beaten = false
        index.labelled.forEach(near: r) { k in
            guard under(labelled[k]) else { return true }
            let priority = k < priorities.count ? priorities[k] : 0
            top = max(top, priority)
            c.labelledPlaces += 1
            if let b = toBeat, top > b.0 { beaten = true; return false }
            return true
        }
        if beaten { return nil }
        // Then those whose room beside their anchor the spot crowds, the anchor itself not under it.
        index.rooms.forEach(near: r) { k in
            guard labelRooms[k].intersects(r), !under(labelled[k]) else { return true }
            rooms += 1
            topRoom = max(topRoom, k < priorities.count ? priorities[k] : 0)
            return true
        }
        if let b = toBeat, (top, topRoom, c.labelledPlaces + rooms) > (b.0, b.1, b.2) { return nil }
        index.symbols.forEach(near: r) { k in if symbols[k].intersects(r) { c.symbols += 1 }; return true }
        if let b = toBeat, (top, topRoom, c.labelledPlaces + rooms, c.symbols) > (b.0, b.1, b.2, b.3) { return nil }
        c.areaFraction = areaFraction(r)
        var others = 0
        index.others.forEach(near: r) { k in if self.others[k].intersects(r) { others += 1 }; return true }
        return ((top, topRoom, c.labelledPlaces + rooms, c.symbols, (c.areaFraction * 20).rounded(), others), c)
    }

    /// The coverage's boxes and points in square cells, for scoring many spots: each box is in the cell of its
    /// top-left corner, and a query widens the spot by the largest box, so nothing is missed or counted twice.
    private final class Index {
        struct Cells {
            let cell = 32.0
            var buckets: [Int: [Int]] = [:]
            var reach = (x: 0.0, y: 0.0)

            init(_ boxes: [PageRect]) {
                for (k, b) in boxes.enumerated() where b.width >= 0 && b.height >= 0 && b.x.isFinite && b.y.isFinite {
                    buckets[key(Int((b.x / cell).rounded(.down)), Int((b.y / cell).rounded(.down))), default: []].append(k)
                    reach = (max(reach.x, b.width), max(reach.y, b.height))
                }
            }

            private func key(_ x: Int, _ y: Int) -> Int { y &* 1_000_003 &+ x }

            /// Every item whose box may meet `r` (the caller tests), each once, until `body` returns false.
            func forEach(near r: PageRect, _ body: (Int) -> Bool) {
                guard !buckets.isEmpty else { return }
                let x0 = Int(((r.x - reach.x) / cell).rounded(.down)), x1 = Int((r.maxX / cell).rounded(.down))
                let y0 = Int(((r.y - reach.y) / cell).rounded(.down)), y1 = Int((r.maxY / cell).rounded(.down))
                for y in y0...max(y0, y1) {
                    for x in x0...max(x0, x1) {
                        guard let bucket = buckets[key(x, y)] else { continue }
                        for k in bucket where !body(k) { return }
                    }
                }
            }
        }
        let symbols: Cells, others: Cells, labelled: Cells, rooms: Cells

        init(_ c: Coverage) {
            symbols = Cells(c.symbols)
            others = Cells(c.others)
            labelled = Cells(c.labelled.map { PageRect(x: $0.x, y: $0.y, width: 0, height: 0) })
            rooms = Cells(Array(c.labelRooms.prefix(c.labelled.count)))
        }
    }

    @inline(__always)
    private static func count<T>(_ items: [T], where test: (T) -> Bool) -> Int {
        var n = 0
        for item in items where test(item) { n += 1 }
        return n
    }

    /// Rings prepared for many even-odd point tests: their edges in horizontal bands, so a point is tested
    /// against the edges spanning its height only (the others cannot cross its ray). Same answers as `contains`.
    struct BandedRings {
        private let y0: Double, band: Double
        private var edges: [[(PagePoint, PagePoint)]]

        init(_ rings: [[PagePoint]], bands: Int = 64) {
            let ys = rings.lazy.filter { $0.count > 2 }.flatMap { $0.map(\.y) }
            let lo = ys.min() ?? 0, hi = ys.max() ?? 0
            y0 = lo
            band = max((hi - lo) / Double(bands), 1e-9)
            edges = Array(repeating: [], count: bands + 1)
            for ring in rings where ring.count > 2 {
                var j = ring.count - 1
                for i in ring.indices {
                    let a = ring[i], b = ring[j]
                    j = i
                    guard a.y.isFinite, b.y.isFinite else { continue }
                    let first = slot(min(a.y, b.y)), last = slot(max(a.y, b.y))
                    for k in first...last { edges[k].append((a, b)) }
                }
            }
        }

        private func slot(_ y: Double) -> Int { min(edges.count - 1, max(0, Int(((y - y0) / band).rounded(.down)))) }

        func contains(_ p: PagePoint) -> Bool {
            guard p.y.isFinite, !edges.isEmpty else { return false }
            var inside = false
            for (a, b) in edges[slot(p.y)] where (a.y > p.y) != (b.y > p.y) {
                if p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            }
            return inside
        }
    }

    /// Even-odd point in rings.
    static func contains(_ rings: [[PagePoint]], _ p: PagePoint) -> Bool {
        var inside = false
        for ring in rings where ring.count > 2 {
            var j = ring.count - 1
            for i in ring.indices {
                let a = ring[i], b = ring[j]
                if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
        }
        return inside
    }
}

/// The furniture laid out inside the frame: what goes under the layers, what goes over them, and the boxes
/// labels must avoid.
struct FurnitureLayout {
    /// Drawn before the layers (graticule lines).
    var underlay: [SceneOp] = []
    /// Drawn after the labels: graticule labels, scale bar, north arrow, inset, legend, in that order.
    var overlay: [SceneOp] = []
    /// Drawn outside the frame, after its outline: a legend strip under the map.
    var outside: [SceneOp] = []
    /// Boxes no label may cover.
    var boxes: [PageRect] = []
    var scaleBar: RenderReport.ScaleBarInfo?
    var inset: PageRect?
    var insetCovers: RenderReport.Cover?
    var legendBox: PageRect?
    var legendInfo: RenderReport.LegendInfo?
    /// What the legend shows; empty when it was left out.
    var legendEntries: [String] = []
    /// Every text drawn, with the box it belongs to.
    var texts: [RenderReport.TextBox] = []
    var notes: [String] = []
    /// Furniture left out where the layout asked for it.
    var warnings: [MapWarning] = []
    /// The height of the strip under the frame the legend needs when it fits nowhere in the frame and no strip
    /// (or too small a one) was reserved: compose again with the frame that much shorter.
    var wantsStrip: Double?
    /// The width of the column right of the frame the legend needs (a wide, short page such as a slide), as
    /// `wantsStrip`.
    var wantsSide: Double?

    /// How the legend is to be laid out: decided on the first composition, kept on a recomposition.
    enum LegendMode: Equatable {
        case choose
        /// In a strip of at most this height under the frame, at this type size.
        case strip(height: Double, sizePoints: Double)
        /// In a column of at most this width right of the frame, at this type size.
        case side(width: Double, sizePoints: Double)
    }

    /// The frame's inset from its edges.
    static let pad = 6.0
    /// The most of the frame a legend inside it may cover.
    static let legendShare = 0.22
    /// The most of the map's rectangle a legend strip under the frame may take.
    static let stripShare = 0.38
    /// The narrowest frame an inset is drawn in, in points (an inset narrower than about 15 mm does not read).
    static let insetMinimumFrame = 170.0

    /// Lays out the theme's furniture among `parts` in `view.frame`: scale bar and north arrow in the lower-right
    /// corner, then the inset in the corner where it hides the least, then the legend, in the frame where it hides
    /// the least, in as few columns and as large a type as fit, else in a strip under the frame (`strip`, the space
    /// reserved there), shrinking its type to the smallest allowed before it is left out.
    /// - Throws: `GeoDataError` when the inset's built-in outline of Africa cannot be read.
    static func layout(_ parts: MapParts, context: MapContext, legend: [LegendBuilder.Item], coverage: Coverage,
                       sources: SourceSet, text: TextEngine, strip: PageRect? = nil, side: PageRect? = nil,
                       mode: LegendMode = .choose, stripUnlimited: Bool = false) throws -> FurnitureLayout {
        let theme = context.spec.theme, view = context.view, frame = view.frame, transform = context.transform
        let coverage = coverage.indexed()
        var out = FurnitureLayout()
        let pad = Self.pad
        if theme.graticule {
            let g = Graticule.ops(view: view, transform: transform, theme: theme, text: text, sizePoints: context.sized(5.5))
            out.underlay = g.lines
            out.overlay += SceneOp.layer("graticule-labels", g.labels)
            out.boxes += g.boxes
            for (op, b) in zip(g.labels, g.boxes) {
                if case .text(let s, _, _) = op { out.texts.append(.init(part: "graticule", text: s, box: b.insetBy(1), within: frame)) }
            }
        }
        var cornerY = frame.maxY - pad   // the lower-right corner stacks the scale bar, then the north arrow
        if parts.contains(.scaleBar), theme.scaleBar {
            let style = TextStyle(family: theme.fontFamily, sizePoints: context.sized(6), color: theme.text, halo: theme.paper,
                                  haloWidthPoints: 1.2)
            if let bar = ScaleBar.choose(view: view, transform: transform, target: min(frame.width * 0.2, 140 * context.scale),
                                         style: style, text: text) {
                // Right-aligned on its last number and unit, which are centred on the bar's end and run past it.
                let boxes = ScaleBar.labelBoxes(km: bar.kilometres, length: bar.lengthPoints, middle: bar.middleLabel,
                                                origin: PagePoint(x: 0, y: cornerY), style: style, text: text)
                let right = max(bar.lengthPoints, boxes.last?.maxX ?? bar.lengthPoints)
                let origin = PagePoint(x: frame.maxX - pad - 2 - right, y: cornerY)
                let drawn = bar.ops(at: origin, theme: theme, text: text, style: style)
                out.overlay += SceneOp.layer("scale-bar", drawn.ops)
                out.boxes.append(drawn.box)
                out.scaleBar = .init(kilometres: bar.kilometres, lengthPoints: bar.lengthPoints, geodesicMeters: bar.geodesicMeters,
                                     box: drawn.box, labels: drawn.labels)
                out.texts += drawn.texts.map { .init(part: "scale-bar", text: $0.0, box: $0.1, within: drawn.box) }
                cornerY = drawn.box.y - 4
            } else {
                out.warnings.append(MapWarning(kind: .furnitureLeftOut, message:
                    "scale bar left out: no round length has room for its numbers in a \(Int(frame.width)) pt wide frame"))
            }
        }
        if parts.contains(.northArrow), theme.northArrow {
            let arrow = NorthArrow.ops(at: PagePoint(x: frame.maxX - pad - 8, y: cornerY), theme: theme, text: text,
                                       sizePoints: context.sized(7))
            out.overlay += SceneOp.layer("north-arrow", arrow.ops)
            out.boxes.append(arrow.box)
            if case .text(let s, let o, let st)? = arrow.ops.last {
                let m = text.measure(s, st)
                out.texts.append(.init(part: "north-arrow", text: s, box: PageRect(x: o.x, y: o.y, width: m.width, height: m.height), within: arrow.box))
            }
        }
        if parts.contains(.inset), theme.inset {
            if frame.width >= Self.insetMinimumFrame && frame.height >= Self.insetMinimumFrame * 0.5 {
                let w = min(frame.width * 0.17, 130 * context.scale, frame.height * 0.38), h = w * 0.95
                let corners = spots(width: w, height: h, in: frame, first: .topRight)
                    .filter { c in !out.boxes.contains { $0.intersects(c.insetBy(-2)) } }
                if let box = coverage.least(corners)?.spot {
                    let africa = try sources.features(.builtIn("africa"))
                    if let inset = Inset.ops(africa: africa, view: view, transform: transform, box: box, theme: theme) {
                        out.overlay += SceneOp.layer("inset", inset)
                        out.boxes.append(box.insetBy(-2))
                        out.inset = box
                        out.insetCovers = coverage.cover(box)
                    }
                }
            } else {
                out.warnings.append(MapWarning(kind: .furnitureLeftOut, message:
                    "locator inset left out: the frame is \(Int(frame.width))×\(Int(frame.height)) pt, an inset needs at least \(Int(insetMinimumFrame))×\(Int(insetMinimumFrame * 0.5)); use a larger page, or leave it out with --no-inset"))
            }
        }
        guard !legend.isEmpty else { return out }
        guard parts.contains(.legend) else {
            out.notes.append("legend left out: the layout draws none (\(legend.count) entries)")
            return out
        }
        out.placeLegend(legend, context: context, coverage: coverage, text: text, strip: strip, side: side, mode: mode,
                        unlimited: stripUnlimited)
        return out
    }

    enum Corner { case topRight, bottomLeft }

    /// Where a box of `width`×`height` may go in `frame`: the four corners (`first` first), then along the edges in
    /// quarter-box steps, should every corner hide something.
    static func spots(width w: Double, height h: Double, in frame: PageRect, first: Corner) -> [PageRect] {
        let pad = Self.pad
        let tl = PageRect(x: frame.x + pad, y: frame.y + pad, width: w, height: h)
        let tr = PageRect(x: frame.maxX - pad - w, y: frame.y + pad, width: w, height: h)
        let bl = PageRect(x: frame.x + pad, y: frame.maxY - pad - h, width: w, height: h)
        let br = PageRect(x: frame.maxX - pad - w, y: frame.maxY - pad - h, width: w, height: h)
        var out = first == .topRight ? [tr, tl, bl, br] : [bl, tl, tr, br]
        var ex = frame.x + pad + w / 4
        while ex + w <= frame.maxX - pad {
            out.append(PageRect(x: ex, y: frame.maxY - pad - h, width: w, height: h))
            out.append(PageRect(x: ex, y: frame.y + pad, width: w, height: h))
            ex += w / 4
        }
        var ey = frame.y + pad + h / 4
        while ey + h <= frame.maxY - pad {
            out.append(PageRect(x: frame.x + pad, y: ey, width: w, height: h))
            out.append(PageRect(x: frame.maxX - pad - w, y: ey, width: w, height: h))
            ey += h / 4
        }
        return out
    }

    /// Type sizes to try for the legend, largest first: the theme's size scaled for the page, down to the floor.
    static func legendSizes(_ context: MapContext) -> [Double] {
        let floor = context.minimumTypePoints
        var sizes: [Double] = []
        var s = max(floor, 6.5 * context.scale)
        while s > floor + 0.01 {
            sizes.append(s)
            s *= 0.88
        }
        sizes.append(floor)
        return sizes
    }

    private mutating func placeLegend(_ legend: [LegendBuilder.Item], context: MapContext, coverage: Coverage, text: TextEngine,
                                      strip: PageRect?, side: PageRect?, mode: LegendMode, unlimited: Bool) {
        let theme = context.spec.theme, frame = context.view.frame, pad = Self.pad
        let whole = PageRect(x: frame.x, y: frame.y, width: (side?.maxX ?? frame.maxX) - frame.x,
                             height: (strip?.maxY ?? frame.maxY) - frame.y)
        /// The fewest columns (up to 3) in which the legend is no taller than the map.
        func sideGrid(_ size: Double) -> LegendGrid? {
            for k in 1...3 where k <= legend.count {
                let g = grid(size, columns: k)
                if g.height <= whole.height { return g }
            }
            return nil
        }
        func grid(_ size: Double, columns: Int) -> LegendGrid {
            LegendGrid.measure(legend, columns: columns, sizePoints: size, minimumPoints: context.minimumTypePoints,
                               theme: theme, text: text, symbolScale: context.symbolScale)
        }
        func stripGrid(_ size: Double) -> LegendGrid? {
            LegendGrid.fitting(width: frame.width, legend, sizePoints: size, minimumPoints: context.minimumTypePoints,
                               theme: theme, text: text, symbolScale: context.symbolScale)
        }
        func inFrame(_ g: LegendGrid) -> (spot: PageRect, cover: RenderReport.Cover, topRoom: Int)? {
            guard g.width * g.height <= Self.legendShare * frame.width * frame.height,
                  g.width <= frame.width - 2 * pad, g.height <= frame.height - 2 * pad else { return nil }
            let spots = Self.spots(width: g.width, height: g.height, in: frame, first: .bottomLeft)
            return coverage.least(spots.filter { s in !boxes.contains { $0.intersects(s) } })
        }
        func put(_ g: LegendGrid, at origin: PagePoint, placement: String, boxed: Bool) {
            let drawn = g.ops(at: origin, theme: theme, text: text, boxed: boxed)
            if placement == "frame" {
                overlay += SceneOp.layer("legend", drawn.ops)
                boxes.append(drawn.box)
            } else {
                outside += SceneOp.layer("legend", drawn.ops)
            }
            legendBox = drawn.box
            legendEntries = legend.map(\.text)
            legendInfo = .init(sizePoints: g.style.sizePoints, columns: g.columns, placement: placement,
                               covers: placement == "frame" ? coverage.cover(drawn.box) : .init())
            texts += drawn.texts.map { .init(part: "legend", text: $0.0, box: $0.1, within: drawn.box) }
        }
        func putStrip(_ g: LegendGrid, in area: PageRect) {
            put(g, at: PagePoint(x: area.x, y: area.y), placement: "strip", boxed: false)
        }
        if case .side(let reserved, let size) = mode {
            if let g = sideGrid(size), let side, g.width <= side.width + 0.01 {
                put(g, at: PagePoint(x: side.x + 2, y: side.y), placement: "side", boxed: false)
            } else if let g = sideGrid(size), g.width > reserved + 0.01 {
                wantsSide = g.width + 4
            } else {
                leaveOut(legend, because: "it does not fit beside the map at \(JSONValue.format((size * 10).rounded() / 10)) pt")
            }
            return
        }
        if case .strip(let reserved, let size) = mode {
            if let g = stripGrid(size), let strip, g.height <= strip.height + 0.01 {
                putStrip(g, in: strip)
            } else if let g = stripGrid(size), g.height > reserved + 0.01 {
                wantsStrip = g.height
            } else {
                leaveOut(legend, because: "it does not fit a strip under the map at \(JSONValue.format((size * 10).rounded() / 10)) pt")
            }
            return
        }
        // A legend goes over the map only where it hides no data and no labelled place. Else, on a landscape page,
        // beside the map (a column of at most a quarter of the width, a third on a slide); else under it; over the
        // map where it hides the least only when neither has room.
        let landscape = !unlimited && whole.width >= whole.height
        let sideShare = whole.width >= 2 * whole.height ? 1.0 / 3 : 1.0 / 4
        var fallback: (LegendGrid, PageRect)?
        for size in Self.legendSizes(context) {
            for columns in 1...3 where columns <= legend.count {
                let g = grid(size, columns: columns)
                guard let (spot, c, topRoom) = inFrame(g) else { continue }
                // Nor over the room beside a place whose label matters most (a capital, a base: priority 95 and up),
                // which would lose its name.
                if c.labelledPlaces == 0 && c.symbols == 0 && c.areaFraction <= 0.05 && topRoom < 95 {
                    put(g, at: PagePoint(x: spot.x, y: spot.y), placement: "frame", boxed: true)
                    return
                }
                if fallback == nil { fallback = (g, spot) }
            }
            if landscape, let g = sideGrid(size), g.width + 4 <= whole.width * sideShare {
                if let side, g.width <= side.width + 0.01 {
                    put(g, at: PagePoint(x: side.x + 2, y: side.y), placement: "side", boxed: false)
                } else {
                    wantsSide = g.width + 4
                }
                stripSize = size
                return
            }
        }
        for size in Self.legendSizes(context) {
            if let g = stripGrid(size), unlimited || g.height + 4 <= Self.stripShare * whole.height {
                if let strip, g.height <= strip.height + 0.01 { putStrip(g, in: strip) } else { wantsStrip = g.height + 4 }
                stripSize = size
                return
            }
        }
        if let (g, spot) = fallback {
            put(g, at: PagePoint(x: spot.x, y: spot.y), placement: "frame", boxed: true)
            return
        }
        leaveOut(legend, because: "its \(legend.count) entries fit neither the frame nor beside or under it at \(JSONValue.format(context.minimumTypePoints)) pt")
    }

    /// The type size a strip was chosen at, for a recomposition with the strip reserved.
    var stripSize: Double?

    private mutating func leaveOut(_ legend: [LegendBuilder.Item], because reason: String) {
        notes.append("legend left out: \(reason)")
        warnings.append(MapWarning(kind: .legendLeftOut, message:
            "legend left out: \(reason); use a larger page, fewer layers, or --no-legend to leave it out on purpose"))
    }
}
