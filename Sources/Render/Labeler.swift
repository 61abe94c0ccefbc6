import Foundation
import Geometry
import Style

/// A point symbol on the page that labels avoid.
struct Symbol {
    /// Which symbol this is, so placement can say which to leave out when the scene is assembled.
    var id: SymbolID
    var box: PageRect
    var priority: Int
    /// Only symbols that are there for their label (towns) may be hidden under a more important label; thematic
    /// symbols (bases, massacres) never are.
    var hideable: Bool
}

/// A label waiting to be placed.
struct LabelRequest {
    enum Anchor {
        /// Beside a point symbol of the given radius (`symbol`: the feature's own, if it has one).
        case point(PagePoint, radius: Double, symbol: SymbolID?)
        /// Centred on a point inside a polygon that has `room` points of clearance around it; the label must
        /// stay inside the polygon's `rings`.
        case inside(PagePoint, room: Double, rings: [[PagePoint]])
    }
    /// The layer's id, for the report.
    var layer: String
    var text: String
    var style: TextStyle
    var anchor: Anchor
    var priority: Int
    /// Breaks ties between equal priorities: larger first (population, fatalities).
    var weight: Double
    /// Index in the input order, the final tie-break, so placement is deterministic.
    var order: Int
    /// When the label cannot be placed its symbol is hidden too (a town dot without a name is noise).
    var symbolNeedsLabel: Bool
    /// Placed away from the symbol with a leader line.
    var callout = false
}

/// Boxes hashed into a uniform grid, so collision queries look at neighbours only (10,000 symbols stay cheap).
struct GridIndex {
    private let cell: Double
    private var buckets: [Int: [Int]] = [:]
    private(set) var boxes: [PageRect] = []

    init(cellPoints: Double) { cell = cellPoints }

    private func keys(_ r: PageRect) -> [Int] {
        let x0 = Int((r.x / cell).rounded(.down)), x1 = Int((r.maxX / cell).rounded(.down))
        let y0 = Int((r.y / cell).rounded(.down)), y1 = Int((r.maxY / cell).rounded(.down))
        var out: [Int] = []
        for y in y0...y1 { for x in x0...x1 { out.append(y &* 65_537 &+ x) } }
        return out
    }

    mutating func insert(_ r: PageRect) {
        let k = boxes.count
        boxes.append(r)
        for key in keys(r) { buckets[key, default: []].append(k) }
    }

    /// The first box found intersecting `r`, if any.
    func firstHit(_ r: PageRect) -> Int? {
        for key in keys(r) { for k in buckets[key] ?? [] where boxes[k].intersects(r) { return k } }
        return nil
    }

    /// Calls `body` for each box intersecting `r` (a box spanning several cells may come more than once) until
    /// it returns false.
    func forEachHit(_ r: PageRect, _ body: (Int) -> Bool) {
        for key in keys(r) { for k in buckets[key] ?? [] where boxes[k].intersects(r) { if !body(k) { return } } }
    }
}

/// What placement decided.
struct LabelPlacement {
    var ops: [SceneOp] = []
    var placed: [RenderReport.PlacedLabel] = []
    var dropped: [RenderReport.DroppedLabel] = []
    /// Symbols to leave out of the scene.
    var hiddenSymbols: Set<SymbolID> = []

    func isHidden(_ id: SymbolID?) -> Bool { id.map(hiddenSymbols.contains) ?? false }
}

/// Greedy label placement: the most important labels first, each at the first candidate position that
/// overlaps no placed label and no symbol of equal or higher priority, inside the frame. A label may cover
/// a less important symbol, which is then hidden along with its label (a capital's name beats a village's dot).
/// Area labels (country names) must fit inside their polygon and avoid other labels, but may lie under symbols.
struct Labeler {
    let frame: PageRect
    let text: TextEngine
    let symbols: [Symbol]
    /// Page furniture (the legend) that no label may cover.
    var obstacles: [PageRect] = []

    /// Gap between a symbol and its label, in points.
    static let gap = 1.2

    /// What is on the page so far: placed labels, every symbol, and which symbols were hidden by whom.
    private struct Occupancy {
        var labels = GridIndex(cellPoints: 24)
        var labelTexts: [String] = []
        var symbols = GridIndex(cellPoints: 24)
        var hiddenBy: [Int: String] = [:]
    }

    /// A position found for a label: its box, the less important symbols it hides, the text and style shown.
    private struct Choice {
        var box: PageRect
        var hides: [Int]
        var text: String
        var style: TextStyle
    }

    func place(_ requests: [LabelRequest]) -> LabelPlacement {
        let ordered = requests.sorted {
            ($0.priority, $0.weight, -$0.order) > ($1.priority, $1.weight, -$1.order)
        }
        var result = LabelPlacement()
        var occupancy = Occupancy()
        for s in symbols { occupancy.symbols.insert(s.box) }
        let position = Dictionary(symbols.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for r in ordered {
            var own: Int?
            if case .point(_, _, let s?) = r.anchor { own = position[s] }
            if let own, let by = occupancy.hiddenBy[own] {
                result.dropped.append(.init(layer: r.layer, text: r.text, reason: "symbol hidden under \"\(by)\""))
                continue
            }
            switch bestPosition(r, own: own, occupancy) {
            case .failure(let failure):
                result.dropped.append(.init(layer: r.layer, text: r.text, reason: failure.reason))
                if r.symbolNeedsLabel, let own { occupancy.hiddenBy[own] = "no room for its label" }
            case .success(let choice):
                for k in choice.hides { occupancy.hiddenBy[k] = r.text }
                occupancy.labels.insert(choice.box)
                occupancy.labelTexts.append(r.text)
                var anchor: PagePoint?
                if case .point(let p, _, _) = r.anchor { anchor = p }
                result.placed.append(.init(layer: r.layer, text: r.text, box: choice.box, anchor: anchor))
                result.ops += ops(r, choice)
            }
        }
        result.hiddenSymbols = Set(occupancy.hiddenBy.keys.map { symbols[$0].id })
        return result
    }

    private struct Failure: Error { var reason: String }

    /// The texts and styles to try: inside a polygon, a name of several words may also go on two lines and,
    /// failing that, a little smaller.
    private func variants(_ r: LabelRequest) -> [(String, TextStyle)] {
        guard case .inside = r.anchor else { return [(r.text, r.style)] }
        var smaller = r.style
        smaller.sizePoints = max(6, smaller.sizePoints * 0.85)   // never under 6 pt on paper
        smaller.letterSpacingPoints *= 0.7
        let wrapped = Self.wrappedInTwo(r.text)
        return [(r.text, r.style)] + (wrapped.map { [($0, r.style)] } ?? [])
            + [(r.text, smaller)] + (wrapped.map { [($0, smaller)] } ?? [])
    }

    /// The first candidate that hides no symbol, else the one hiding fewest; or why none would do.
    private func bestPosition(_ r: LabelRequest, own: Int?, _ occupancy: Occupancy) -> Result<Choice, Failure> {
        let inner = frame.insetBy(2)
        var reason = "outside the frame"
        var best: Choice?
        // Area names lie under point symbols, as in an atlas; only point labels avoid and displace them.
        var isArea = false
        if case .inside = r.anchor { isArea = true }
        for (t, style) in variants(r) where best == nil {
            let m = text.measure(t, style)
            let pad = style.halo == nil ? 0.5 : style.haloWidthPoints
            if case .inside(_, let room, _) = r.anchor, room < min(m.height, 12) * 0.6 {
                reason = "feature too small for its label"
                continue
            }
            for candidate in candidates(r, m) {
                let box = PageRect(x: candidate.x - pad, y: candidate.y - pad, width: m.width + 2 * pad, height: m.height + 2 * pad)
                guard inner.contains(box) else { continue }
                if case .inside(_, _, let rings) = r.anchor, !Self.holds(rings, box) {
                    reason = "does not fit inside its feature"
                    continue
                }
                if obstacles.contains(where: { $0.intersects(box) }) {
                    reason = "overlaps the legend"
                    continue
                }
                if let hit = occupancy.labels.firstHit(box) {
                    reason = "overlaps \"\(occupancy.labelTexts[hit])\""
                    continue
                }
                var hides: [Int] = []
                var blocked = false
                if !isArea {
                    occupancy.symbols.forEachHit(box) { k in
                        guard k != own, occupancy.hiddenBy[k] == nil else { return true }
                        if !symbols[k].hideable || symbols[k].priority >= r.priority { blocked = true; return false }
                        if !hides.contains(k) { hides.append(k) }
                        return true
                    }
                }
                if blocked { reason = "overlaps a symbol"; continue }
                if best == nil || hides.count < best!.hides.count { best = Choice(box: box, hides: hides, text: t, style: style) }
                if hides.isEmpty { break }
            }
        }
        return best.map { .success($0) } ?? .failure(Failure(reason: reason))
    }

    /// The label's text and, for a callout, its leader from the symbol's edge to the nearest point of the box.
    private func ops(_ r: LabelRequest, _ choice: Choice) -> [SceneOp] {
        var ops: [SceneOp] = []
        let box = choice.box
        let pad = r.style.halo == nil ? 0.5 : r.style.haloWidthPoints
        if r.callout, case .point(let p, let radius, _) = r.anchor {
            let target = PagePoint(x: min(max(p.x, box.x), box.maxX), y: min(max(p.y, box.y), box.maxY))
            let dx = target.x - p.x, dy = target.y - p.y, d = (dx * dx + dy * dy).squareRoot()
            if d > radius + 1 {
                let start = PagePoint(x: p.x + dx / d * radius, y: p.y + dy / d * radius)
                ops.append(.stroke(lines: [[start, target]], LineStyle(color: r.style.color.withOpacity(0.8), widthPoints: 0.5)))
            }
        }
        ops.append(.text(choice.text, origin: PagePoint(x: box.x + pad, y: box.y + pad), choice.style))
        return ops
    }

    /// The text with the space nearest its middle turned into a line break, or nil for a single word.
    static func wrappedInTwo(_ text: String) -> String? {
        let chars = Array(text)
        let spaces = chars.indices.filter { chars[$0] == " " }
        guard let k = spaces.min(by: { abs($0 - chars.count / 2) < abs($1 - chars.count / 2) }) else { return nil }
        var out = chars
        out[k] = "\n"
        return String(out)
    }

    /// Whether the polygon holds the box: its corners and edge midpoints lie inside.
    static func holds(_ rings: [[PagePoint]], _ box: PageRect) -> Bool {
        let mapRings = rings.map { $0.map { MapPoint(x: $0.x, y: $0.y) } }
        for fx in [0.0, 0.5, 1] {
            for fy in [0.0, 0.5, 1] where !(fx == 0.5 && fy == 0.5) {
                let p = MapPoint(x: box.x + fx * box.width, y: box.y + fy * box.height)
                if LabelPoint.signedDistance(p, mapRings) < 0 { return false }
            }
        }
        return true
    }

    /// Top-left corners to try, best first.
    private func candidates(_ r: LabelRequest, _ m: TextMetrics) -> [PagePoint] {
        switch r.anchor {
        case .inside(let p, _, let rings):
            // The pole of inaccessibility first, then a grid over the polygon's box, nearest the pole first.
            let c = PagePoint(x: p.x - m.width / 2, y: p.y - m.height / 2)
            let xs = rings.flatMap { $0.map(\.x) }, ys = rings.flatMap { $0.map(\.y) }
            guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return [c] }
            let step = max(3, m.height * 0.75)
            var out: [PagePoint] = []
            var y = minY
            while y + m.height <= maxY {
                var x = minX
                while x + m.width <= maxX {
                    out.append(PagePoint(x: x, y: y))
                    x += step
                }
                y += step
            }
            func d2(_ q: PagePoint) -> Double { (q.x - c.x) * (q.x - c.x) + (q.y - c.y) * (q.y - c.y) }
            out.sort { d2($0) < d2($1) }
            return [c] + out.prefix(400)
        case .point(let p, let radius, _) where r.callout:
            // Around the symbol at growing distances, in eight directions; nearest first.
            var out: [PagePoint] = []
            for gap in [10.0, 20, 32, 48] {
                for k in 0..<8 {
                    let a = Double(k) * .pi / 4
                    let ax = p.x + cos(a) * (radius + gap), ay = p.y - sin(a) * (radius + gap)
                    // The box hangs off the point on the side facing away from the symbol.
                    let x = cos(a) > 0.3 ? ax : (cos(a) < -0.3 ? ax - m.width : ax - m.width / 2)
                    let y = sin(a) > 0.3 ? ay - m.height : (sin(a) < -0.3 ? ay : ay - m.height / 2)
                    out.append(PagePoint(x: x, y: y))
                }
            }
            return out
        case .point(let p, let radius, _):
            let d = radius + Self.gap
            let midY = p.y - m.height / 2
            let diag = d * 0.7
            return [
                PagePoint(x: p.x + d, y: midY),                                        // right
                PagePoint(x: p.x - d - m.width, y: midY),                              // left
                PagePoint(x: p.x + diag, y: p.y - diag - m.height * 0.85),             // upper right
                PagePoint(x: p.x + diag, y: p.y + diag - m.height * 0.15),             // lower right
                PagePoint(x: p.x - diag - m.width, y: p.y - diag - m.height * 0.85),   // upper left
                PagePoint(x: p.x - diag - m.width, y: p.y + diag - m.height * 0.15),   // lower left
                PagePoint(x: p.x - m.width / 2, y: p.y - d - m.height),                // above
                PagePoint(x: p.x - m.width / 2, y: p.y + d),                           // below
            ]
        }
    }
}
