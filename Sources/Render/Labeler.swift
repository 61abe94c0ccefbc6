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
    /// How the symbol keeps labels off it: a soft one (a translucent event disc) may be crossed by a more
    /// important label, which is drawn over it with its halo; the symbol stays.
    var obstacle: LabelObstacle = .hard
}

/// A label waiting to be placed.
struct LabelRequest {
    enum Anchor {
        /// Beside a point symbol of the given radius (`symbol`: the feature's own, if it has one).
        case point(PagePoint, radius: Double, symbol: SymbolID?)
        /// Centred on a point inside a polygon that has `room` points of clearance around it; the label must
        /// stay inside the polygon's `rings`.
        case inside(PagePoint, room: Double, rings: [[PagePoint]])
        /// Along one of these lines (the visible pieces of a river), glyph by glyph.
        case along([[PagePoint]])
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

    /// Calls `body` with the key of each cell `r` touches until it returns false (no array made: this runs for
    /// every candidate position of 100,000 labels).
    private func forEachKey(_ r: PageRect, _ body: (Int) -> Bool) {
        let x0 = Int((r.x / cell).rounded(.down)), x1 = Int((r.maxX / cell).rounded(.down))
        let y0 = Int((r.y / cell).rounded(.down)), y1 = Int((r.maxY / cell).rounded(.down))
        for y in y0...y1 { for x in x0...x1 { if !body(y &* 65_537 &+ x) { return } } }
    }

    mutating func insert(_ r: PageRect) {
        let k = boxes.count
        boxes.append(r)
        var keys: [Int] = []
        forEachKey(r) { keys.append($0); return true }
        for key in keys { buckets[key, default: []].append(k) }
    }

    /// The first box found intersecting `r`, if any.
    func firstHit(_ r: PageRect) -> Int? {
        var hit: Int?
        forEachHit(r) { hit = $0; return false }
        return hit
    }

    /// Calls `body` for each box intersecting `r` (a box spanning several cells may come more than once) until
    /// it returns false.
    func forEachHit(_ r: PageRect, _ body: (Int) -> Bool) {
        forEachKey(r) { key in
            guard let bucket = buckets[key] else { return true }
            for k in bucket where boxes[k].intersects(r) { if !body(k) { return false } }
            return true
        }
    }
}

/// What placement decided.
struct LabelPlacement {
    var ops: [SceneOp] = []
    var placed: [RenderReport.PlacedLabel] = []
    var dropped: [RenderReport.DroppedLabel] = []
    /// Symbols to leave out of the scene.
    var hiddenSymbols: Set<SymbolID> = []
    var quality = RenderReport.LabelQuality()

    func isHidden(_ id: SymbolID?) -> Bool { !hiddenSymbols.isEmpty && (id.map(hiddenSymbols.contains) ?? false) }
}

/// Greedy label placement: the most important labels first, each at the first of its ordered candidate positions
/// (above the symbol, then the eight around it, then the same a size smaller) that overlaps no placed label, no
/// furniture and no hard obstacle, inside the frame.
///
/// Symbols are obstacles of three strengths (`label-obstacle` per layer in the theme): a hard one blocks labels
/// of equal or lower priority; a soft one (a translucent event disc) may be crossed by a more important label,
/// drawn over it with its halo; `none` is ignored. A label may also cover a less important symbol that is there
/// for its own label (a village's dot), which is then hidden with its label. Among candidates that are not
/// blocked, the first that hides and crosses least wins.
/// Area labels (country names) must fit inside their polygon and avoid other labels, but may lie under symbols;
/// line labels (river names) follow their line glyph by glyph and avoid labels and hard symbols.
struct Labeler {
    let frame: PageRect
    let text: TextEngine
    let symbols: [Symbol]
    /// Page furniture (the legend) that no label may cover.
    var obstacles: [PageRect] = []

    /// Gap between a symbol and its label, in points.
    static let gap = 1.2
    /// A point label is left out when the same name is already placed this close to its point (in points), or
    /// within three times the name's width if that is more.
    static let repeatDistance = 36.0

    /// A point label request, as far as placement can tell two apart.
    private struct FailureKey: Hashable {
        var text: String
        /// What decides the label's box: family, size, weight, slant, spacing, capitals, halo.
        var family: String, size: Double, bold: Bool, italic: Bool, spacing: Double, uppercase: Bool, halo: Double
        var x: Double, y: Double, radius: Double
    }
    /// The largest turn between neighbouring glyphs of a line label (Mapnik's `max-char-angle-delta` default).
    static let maxGlyphTurnDegrees = 22.5

    /// What is on the page so far: placed labels, every symbol, and which symbols were hidden by whom.
    private struct Occupancy {
        var labels = GridIndex(cellPoints: 24)
        var labelTexts: [String] = []
        var symbols = GridIndex(cellPoints: 24)
        /// By symbol index: what hid it (a label's text, or why), nil while it shows. An array, not a dictionary:
        /// it is looked up for every symbol under every candidate position.
        var hiddenBy: [String?] = []

        mutating func insertLabel(_ box: PageRect, _ text: String) {
            labels.insert(box)
            labelTexts.append(text)
        }
    }

    /// A position found for a label: its box, the less important symbols it hides, whether it crosses soft
    /// obstacles (which ones does not matter: crossing one costs as much as crossing many), the text and style
    /// shown, and for a line label its glyphs.
    private struct Choice {
        var box: PageRect
        var hides: [Int] = []
        var crosses = false
        var text: String
        var style: TextStyle
        var path: PathText?
        var glyphBoxes: [PageRect] = []
    }

    func place(_ requests: [LabelRequest]) -> LabelPlacement {
        // The requests' order sorted, not the requests themselves (100,000 of them are 24 MB to move about).
        let ordered = requests.indices.sorted {
            let a = requests[$0], b = requests[$1]
            return (a.priority, a.weight, -a.order) > (b.priority, b.weight, -b.order)
        }
        var result = LabelPlacement()
        var occupancy = Occupancy()
        for s in symbols { occupancy.symbols.insert(s.box) }
        occupancy.hiddenBy = Array(repeating: nil, count: symbols.count)
        var position: [SymbolID: Int] = [:]   // the first symbol of each id
        position.reserveCapacity(symbols.count)
        for (k, s) in symbols.enumerated() where position[s.id] == nil { position[s.id] = k }
        var owners: [Int?] = []   // per placed label: the index of its own symbol
        var placedPoints: [String: [PageRect]] = [:]   // point labels placed, by text
        var failedAt: [FailureKey: String] = [:]
        failedAt.reserveCapacity(requests.count / 2)   // crowded maps drop most of their labels
        for i in ordered {
            let r = requests[i]
            var own: Int?
            if case .point(_, _, let s?) = r.anchor { own = position[s] }
            if let own, let by = occupancy.hiddenBy[own] {
                result.dropped.append(.init(layer: r.layer, text: r.text, reason: "symbol hidden under \"\(by)\"", priority: r.priority))
                continue
            }
            var key: FailureKey?
            if case .point(let p, let radius, _) = r.anchor, !r.callout {
                // The same name already beside a symbol close by (events at a town labelled by the town's name,
                // next to the town's own label): once is enough.
                let reach = max(Self.repeatDistance, 3 * text.measure(r.text, r.style).width)
                if let boxes = placedPoints[r.text], boxes.contains(where: { Self.distance(p, $0) <= reach }) {
                    result.dropped.append(.init(layer: r.layer, text: r.text, reason: "repeats \"\(r.text)\" placed nearby", priority: r.priority))
                    continue
                }
                // Placement only fills the page, and later labels are no more important: a label that found no room
                // at this very point finds none the second time (events geocoded to the same place).
                let st = r.style
                key = FailureKey(text: r.text, family: st.family, size: st.sizePoints, bold: st.bold, italic: st.italic,
                                 spacing: st.letterSpacingPoints, uppercase: st.uppercase, halo: st.halo == nil ? -1 : st.haloWidthPoints,
                                 x: p.x, y: p.y, radius: radius)
                if let reason = failedAt[key!] {
                    result.dropped.append(.init(layer: r.layer, text: r.text, reason: reason, priority: r.priority))
                    if r.symbolNeedsLabel, let own { occupancy.hiddenBy[own] = "no room for its label" }
                    continue
                }
            }
            let found: Result<Choice, Failure>
            if case .along(let lines) = r.anchor { found = bestAlong(r, lines, occupancy) } else { found = bestPosition(r, own: own, occupancy) }
            switch found {
            case .failure(let failure):
                result.dropped.append(.init(layer: r.layer, text: r.text, reason: failure.reason, priority: r.priority))
                if r.symbolNeedsLabel, let own { occupancy.hiddenBy[own] = "no room for its label" }
                if let key { failedAt[key] = failure.reason }
            case .success(let choice):
                if key != nil { placedPoints[r.text, default: []].append(choice.box) }
                for k in choice.hides { occupancy.hiddenBy[k] = r.text }
                for b in choice.glyphBoxes.isEmpty ? [choice.box] : choice.glyphBoxes { occupancy.insertLabel(b, r.text) }
                var anchor: PagePoint?
                if case .point(let p, _, _) = r.anchor { anchor = p }
                result.placed.append(.init(layer: r.layer, text: r.text, box: choice.box, anchor: anchor, priority: r.priority,
                                           glyphBoxes: choice.glyphBoxes.isEmpty ? nil : choice.glyphBoxes))
                owners.append(own)
                if choice.crosses, anchor != nil { result.quality.crossingSoftObstacles += 1 }
                result.ops += ops(r, choice)
            }
        }
        result.hiddenSymbols = Set(occupancy.hiddenBy.indices.filter { occupancy.hiddenBy[$0] != nil }.map { symbols[$0].id })
        measure(&result, requests: requests, owners: owners, occupancy: occupancy)
        return result
    }

    /// The label quality figures: placement rate per priority, overlapping pairs, and labels nearer another
    /// drawn symbol than their own.
    private func measure(_ result: inout LabelPlacement, requests: [LabelRequest], owners: [Int?], occupancy: Occupancy) {
        var requested: [Int: Int] = [:], placed: [Int: Int] = [:]
        for r in requests { requested[r.priority, default: 0] += 1 }
        for p in result.placed { placed[p.priority, default: 0] += 1 }
        result.quality.byPriority = requested.keys.sorted(by: >).map { k in
            let n = requested[k]!, m = placed[k] ?? 0
            return .init(priority: k, requested: n, placed: m, rate: n == 0 ? 0 : Double(m) / Double(n))
        }
        // Overlaps, counted afresh from the placed boxes (not from what placement believed).
        var grid = GridIndex(cellPoints: 24)
        var ownerOfBox: [Int] = []
        for (k, p) in result.placed.enumerated() {
            for b in p.glyphBoxes ?? [p.box] { grid.insert(b); ownerOfBox.append(k) }
        }
        var pairs = Set<[Int]>()
        for (k, p) in result.placed.enumerated() {
            for b in p.glyphBoxes ?? [p.box] {
                grid.forEachHit(b) { j in
                    if ownerOfBox[j] != k { pairs.insert([min(k, ownerOfBox[j]), max(k, ownerOfBox[j])]) }
                    return true
                }
            }
        }
        result.quality.overlaps = pairs.count
        // Association: the distance from each drawn symbol's centre to the label box.
        for (k, p) in result.placed.enumerated() {
            guard let own = owners[k] else { continue }
            let ownDistance = Self.distance(symbols[own].box.center, p.box)
            let reach = p.box.insetBy(-(ownDistance + 0.01))
            var nearer = false, nearerSameLayer = false
            occupancy.symbols.forEachHit(reach) { j in
                guard j != own, occupancy.hiddenBy[j] == nil, symbols[j].box.center != symbols[own].box.center else { return true }
                if Self.distance(symbols[j].box.center, p.box) < ownDistance - 0.01 {
                    nearer = true
                    if symbols[j].id.layer == symbols[own].id.layer { nearerSameLayer = true; return false }
                }
                return true
            }
            if nearer { result.quality.nearestSymbolNotOwn += 1 }
            if nearerSameLayer { result.quality.nearestSameLayerSymbolNotOwn += 1 }
        }
    }

    static func distance(_ p: PagePoint, _ r: PageRect) -> Double {
        let dx = max(r.x - p.x, 0, p.x - r.maxX), dy = max(r.y - p.y, 0, p.y - r.maxY)
        return (dx * dx + dy * dy).squareRoot()
    }

    private struct Failure: Error { var reason: String }

    /// The texts and styles to try, best first. Beside a point: the label, then a size smaller. Inside a
    /// polygon: letter-spaced to the room the name has, then as styled, on two lines, and a little smaller.
    private func variants(_ r: LabelRequest) -> [(String, TextStyle)] {
        var smaller = r.style
        smaller.sizePoints = max(6, smaller.sizePoints * 0.85)   // never under 6 pt on paper
        smaller.letterSpacingPoints *= 0.7
        guard case .inside(let p, _, let rings) = r.anchor else {
            return smaller.sizePoints < r.style.sizePoints - 0.01 ? [(r.text, r.style), (r.text, smaller)] : [(r.text, r.style)]
        }
        var out: [(String, TextStyle)] = []
        if r.style.letterSpacingPoints > 0, let span = Self.span(rings, at: p) {
            var fitted = r.style
            fitted.letterSpacingPoints = fittedSpacing(r.text, r.style, room: span)
            if abs(fitted.letterSpacingPoints - r.style.letterSpacingPoints) > 0.05 { out.append((r.text, fitted)) }
        }
        let wrapped = Self.wrappedInTwo(r.text)
        return out + [(r.text, r.style)] + (wrapped.map { [($0, r.style)] } ?? [])
            + [(r.text, smaller)] + (wrapped.map { [($0, smaller)] } ?? [])
    }

    /// Letter spacing that makes a name fill about 60 % of `room` (the width of the polygon through its centre):
    /// from none in a small country to three times the theme's spacing in a wide one, never over half the size.
    func fittedSpacing(_ name: String, _ style: TextStyle, room: Double) -> Double {
        var tight = style
        tight.letterSpacingPoints = 0
        let natural = text.measure(name, tight).width
        let gaps = Double(max(1, name.count - 1))
        let wanted = (0.6 * room - natural) / gaps
        return min(max(0, wanted), style.letterSpacingPoints * 3, style.sizePoints * 0.5)
    }

    /// The width of the polygon along the horizontal through `p`: the stretch between the outline crossings
    /// on either side of it.
    static func span(_ rings: [[PagePoint]], at p: PagePoint) -> Double? {
        var xs: [Double] = []
        for ring in rings where ring.count >= 2 {
            for k in ring.indices {
                let a = ring[k], b = ring[(k + 1) % ring.count]
                if (a.y <= p.y) != (b.y <= p.y) { xs.append(a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x)) }
            }
        }
        guard let left = xs.filter({ $0 <= p.x }).max(), let right = xs.filter({ $0 > p.x }).min() else { return nil }
        return right - left
    }

    /// The first candidate that hides and crosses nothing, else the one hiding the least important symbols, then
    /// crossing fewest soft ones; or why none would do.
    private func bestPosition(_ r: LabelRequest, own: Int?, _ occupancy: Occupancy) -> Result<Choice, Failure> {
        let inner = frame.insetBy(2)
        // Why the last candidate failed; the overlapped label's name is written only if the label is dropped.
        var reason = "outside the frame"
        var overlapped: Int?
        var best: Choice?
        // Area names lie under point symbols, as in an atlas; only point labels avoid and displace them.
        var isArea = false
        if case .inside = r.anchor { isArea = true }
        // Hiding a village's dot costs its priority (hide the least important); crossing translucent discs costs
        // least, and the same however many: among positions that cross some, the candidate order decides, so
        // dense data does not push a name around its dot.
        func cost(_ c: Choice) -> (Int, Int) { (c.hides.reduce(0) { $0 + symbols[$1].priority + 1 }, c.crosses ? 1 : 0) }
        func worse(_ a: Choice, than b: Choice) -> Bool { cost(a) > cost(b) }
        for (t, style) in variants(r) where best == nil {
            let m = text.measure(t, style)
            let pad = style.halo == nil ? 0.5 : style.haloWidthPoints
            if case .inside(_, let room, _) = r.anchor, room < min(m.height, 12) * 0.6 {
                reason = "feature too small for its label"; overlapped = nil
                continue
            }
            for candidate in candidates(r, m) {
                let box = PageRect(x: candidate.x - pad, y: candidate.y - pad, width: m.width + 2 * pad, height: m.height + 2 * pad)
                guard inner.contains(box) else { continue }
                if case .inside(_, _, let rings) = r.anchor, !Self.holds(rings, box) {
                    reason = "does not fit inside its feature"; overlapped = nil
                    continue
                }
                if obstacles.contains(where: { $0.intersects(box) }) {
                    reason = "overlaps the legend"; overlapped = nil
                    continue
                }
                if let hit = occupancy.labels.firstHit(box) {
                    overlapped = hit
                    continue
                }
                var choice = Choice(box: box, text: t, style: style)
                if !isArea, !symbolsAllow(box, r, own: own, occupancy, into: &choice) { reason = "overlaps a symbol"; overlapped = nil; continue }
                if case .inside(let p, let room, _) = r.anchor {
                    // An area name may lie under symbols, but near its centre (within half its room) it takes a
                    // place clear of them if there is one.
                    if best != nil, ((box.center.x - p.x) * (box.center.x - p.x) + (box.center.y - p.y) * (box.center.y - p.y)).squareRoot() > room / 2 { break }
                    occupancy.symbols.forEachHit(box) { k in
                        if occupancy.hiddenBy[k] == nil && symbols[k].obstacle != .none { choice.crosses = true; return false }
                        return true
                    }
                }
                if best == nil || worse(best!, than: choice) { best = choice }
                if choice.hides.isEmpty && !choice.crosses { break }
            }
        }
        if let best { return .success(best) }
        return .failure(Failure(reason: overlapped.map { "overlaps \"\(occupancy.labelTexts[$0])\"" } ?? reason))
    }

    /// Whether the symbols under `box` let the label be there, noting those it would hide or cross.
    private func symbolsAllow(_ box: PageRect, _ r: LabelRequest, own: Int?, _ occupancy: Occupancy, hiding: Bool = true,
                              into choice: inout Choice) -> Bool {
        var blocked = false
        occupancy.symbols.forEachHit(box) { k in
            guard k != own, occupancy.hiddenBy[k] == nil else { return true }
            let s = symbols[k]
            if s.obstacle == .none { return true }
            if s.priority < r.priority {
                if hiding && s.hideable { if !choice.hides.contains(k) { choice.hides.append(k) }; return true }
                if s.obstacle == .soft { choice.crosses = true; return true }
            }
            blocked = true
            return false
        }
        return !blocked
    }

    // MARK: Labels along lines

    /// A river's name along the longest visible piece of it that holds the name without bending sharply:
    /// tried at the piece's middle, then further out on either side, above the line, then below it; positions
    /// where the name reads at 45° or flatter first.
    private func bestAlong(_ r: LabelRequest, _ lines: [[PagePoint]], _ occupancy: Occupancy) -> Result<Choice, Failure> {
        let m = text.measure(r.text, r.style)
        let shaped = text.clusters(r.text, r.style)
        var reason = "its line is too short for it"
        let pieces = lines.map { Polyline(Self.smoothed($0, window: max(6, m.height * 3))) }.filter { $0.length > m.width * 1.2 }
            .sorted { $0.length > $1.length }
        let lifts = [r.style.sizePoints * 0.25 + 1, -(m.baseline + 1)]
        for steepest in [Double.pi / 4, .pi / 2] {
            for piece in pieces {
                let reversed = Polyline(piece.points.reversed())
                for start in Self.starts(length: piece.length, width: m.width) {
                    // Kept upright: read left to right, so a line drawn westwards is followed from its other end.
                    let a = piece.point(at: start), b = piece.point(at: start + m.width)
                    let (path, s0) = b.x >= a.x ? (piece, start) : (reversed, piece.length - start - m.width)
                    for lift in lifts {
                        guard let glyphs = Self.glyphs(shaped, on: path, from: s0, lift: lift, steepest: steepest) else {
                            reason = "its line bends too sharply"
                            continue
                        }
                        switch alongFits(glyphs, r, m, occupancy) {
                        case .success(let choice): return .success(choice)
                        case .failure(let f): reason = f.reason
                        }
                    }
                }
            }
        }
        return .failure(Failure(reason: reason))
    }

    /// Arc lengths at which to start a name `width` long on a line `length` long: the middle, then outwards.
    static func starts(length: Double, width: Double) -> [Double] {
        let middle = (length - width) / 2, step = max(width / 2, 8)
        var out = [middle]
        var k = 1.0
        while out.count < 200 {
            let a = middle - k * step, b = middle + k * step
            if a < 0 && b > length - width { break }
            if a >= 0 { out.append(a) }
            if b <= length - width { out.append(b) }
            k += 1
        }
        return out
    }

    /// Whether glyphs placed along a line keep inside the frame and off furniture, labels and hard symbols.
    private func alongFits(_ glyphs: [(PathText.Glyph, Double)], _ r: LabelRequest, _ m: TextMetrics,
                           _ occupancy: Occupancy) -> Result<Choice, Failure> {
        let pad = r.style.halo == nil ? 0.5 : r.style.haloWidthPoints
        let boxes = glyphs.map { Self.box(of: $0, width: $1, ascent: m.baseline, descent: m.height - m.baseline, pad: pad) }
        guard boxes.allSatisfy(frame.insetBy(2).contains) else { return .failure(Failure(reason: "outside the frame")) }
        if boxes.contains(where: { b in obstacles.contains { $0.intersects(b) } }) { return .failure(Failure(reason: "overlaps the legend")) }
        if let hit = boxes.lazy.compactMap({ occupancy.labels.firstHit($0) }).first {
            return .failure(Failure(reason: "overlaps \"\(occupancy.labelTexts[hit])\""))
        }
        var choice = Choice(box: Self.union(boxes), text: r.text, style: r.style)
        guard boxes.allSatisfy({ symbolsAllow($0, r, own: nil, occupancy, hiding: false, into: &choice) }) else {
            return .failure(Failure(reason: "overlaps a symbol"))
        }
        choice.path = PathText(text: r.text, style: r.style, glyphs: glyphs.map(\.0))
        choice.glyphBoxes = boxes
        return .success(choice)
    }

    /// Each cluster's glyph placed at its arc length along `path` from `start`, lifted `lift` points off the
    /// line to its left (above, for an upright label); nil where neighbouring glyphs would turn by more than
    /// `maxGlyphTurnDegrees` or any glyph is steeper than `steepest` (at most upright: π/2).
    static func glyphs(_ clusters: [ShapedCluster], on path: Polyline, from start: Double, lift: Double,
                       steepest: Double = .pi / 2) -> [(PathText.Glyph, Double)]? {
        var out: [(PathText.Glyph, Double)] = []
        var previous: Double?
        let limit = maxGlyphTurnDegrees * .pi / 180
        for c in clusters {
            let s0 = start + c.x, s1 = s0 + max(c.width, 0.1)
            let p0 = path.point(at: s0), p1 = path.point(at: s1)
            let angle = atan2(p1.y - p0.y, p1.x - p0.x)
            if let previous {
                var turn = angle - previous
                while turn > .pi { turn -= 2 * .pi }
                while turn < -.pi { turn += 2 * .pi }
                if abs(turn) > limit { return nil }
            }
            if abs(angle) > min(steepest, .pi / 2) + 0.01 { return nil }   // too steep, or would read upside down
            previous = angle
            let up = PagePoint(x: sin(angle), y: -cos(angle))
            out.append((PathText.Glyph(text: c.text, origin: PagePoint(x: p0.x + up.x * lift, y: p0.y + up.y * lift), angleRadians: angle), c.width))
        }
        return out
    }

    /// The page box of a glyph cell rotated about the left end of its baseline.
    static func box(of g: PathText.Glyph, width: Double, ascent: Double, descent: Double, pad: Double) -> PageRect {
        let t = PagePoint(x: cos(g.angleRadians), y: sin(g.angleRadians)), up = PagePoint(x: t.y, y: -t.x)
        var xs: [Double] = [], ys: [Double] = []
        for (u, v) in [(0.0, -descent), (width, -descent), (0, ascent), (width, ascent)] {
            xs.append(g.origin.x + t.x * u + up.x * v)
            ys.append(g.origin.y + t.y * u + up.y * v)
        }
        let x = xs.min()! - pad, y = ys.min()! - pad
        return PageRect(x: x, y: y, width: xs.max()! + pad - x, height: ys.max()! + pad - y)
    }

    static func union(_ boxes: [PageRect]) -> PageRect {
        let x = boxes.map(\.x).min() ?? 0, y = boxes.map(\.y).min() ?? 0
        return PageRect(x: x, y: y, width: (boxes.map(\.maxX).max() ?? 0) - x, height: (boxes.map(\.maxY).max() ?? 0) - y)
    }

    /// The line resampled every 2 points and averaged over `window` points of arc, ends kept: glyphs follow
    /// the river's course, not every bend of its digitised line.
    static func smoothed(_ line: [PagePoint], window: Double) -> [PagePoint] {
        let path = Polyline(line)
        guard path.length > 4 else { return line }
        let step = 2.0
        let n = Int(path.length / step)
        let samples = (0...n).map { path.point(at: Double($0) * path.length / Double(n)) }
        let half = max(1, Int(window / step / 2))
        return samples.indices.map { k in
            let lo = max(0, k - half), hi = min(samples.count - 1, k + half)
            let w = min(k - lo, hi - k)   // symmetric, so the ends stay put
            var x = 0.0, y = 0.0
            for j in (k - w)...(k + w) { x += samples[j].x; y += samples[j].y }
            return PagePoint(x: x / Double(2 * w + 1), y: y / Double(2 * w + 1))
        }
    }

    // MARK: Drawing and candidates

    /// The label's text and, for a callout, its leader from the symbol's edge to the nearest point of the box.
    private func ops(_ r: LabelRequest, _ choice: Choice) -> [SceneOp] {
        if let path = choice.path { return [.pathText(path)] }
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
        for fx in [0.0, 0.5, 1] {
            for fy in [0.0, 0.5, 1] where !(fx == 0.5 && fy == 0.5) {
                let p = PagePoint(x: box.x + fx * box.width, y: box.y + fy * box.height)
                // Inside by the even-odd rule, or on an outline (as LabelPoint.signedDistance counts it: not < 0).
                if !Coverage.contains(rings, p) && !onOutline(p, rings) { return false }
            }
        }
        return true
    }

    /// Whether `p` lies exactly on an edge of the rings.
    private static func onOutline(_ p: PagePoint, _ rings: [[PagePoint]]) -> Bool {
        for ring in rings where ring.count > 1 {
            var j = ring.count - 1
            for i in ring.indices {
                let a = ring[i], b = ring[j]   // in LabelPoint.signedDistance's order, so rounding is the same
                j = i
                var x = a.x, y = a.y
                let dx = b.x - x, dy = b.y - y
                if dx != 0 || dy != 0 {
                    let t = ((p.x - x) * dx + (p.y - y) * dy) / (dx * dx + dy * dy)
                    if t > 1 { x = b.x; y = b.y } else if t > 0 { x += dx * t; y += dy * t }
                }
                if (p.x - x) * (p.x - x) + (p.y - y) * (p.y - y) == 0 { return true }
            }
        }
        return false
    }

    /// The candidate positions of a point label in order: above the symbol (where readers look first), then
    /// right, upper right, lower right, left, upper left, lower left, below.
    static func pointCandidates(_ p: PagePoint, radius: Double, _ m: TextMetrics) -> [PagePoint] {
        let d = radius + gap
        let midY = p.y - m.height / 2
        let diag = d * 0.7
        return [
            PagePoint(x: p.x - m.width / 2, y: p.y - d - m.height),                // above
            PagePoint(x: p.x + d, y: midY),                                        // right
            PagePoint(x: p.x + diag, y: p.y - diag - m.height * 0.85),             // upper right
            PagePoint(x: p.x + diag, y: p.y + diag - m.height * 0.15),             // lower right
            PagePoint(x: p.x - d - m.width, y: midY),                              // left
            PagePoint(x: p.x - diag - m.width, y: p.y - diag - m.height * 0.85),   // upper left
            PagePoint(x: p.x - diag - m.width, y: p.y + diag - m.height * 0.15),   // lower left
            PagePoint(x: p.x - m.width / 2, y: p.y + d),                           // below
        ]
    }

    /// Top-left corners to try, best first.
    private func candidates(_ r: LabelRequest, _ m: TextMetrics) -> [PagePoint] {
        switch r.anchor {
        case .inside(let p, _, let rings):
            // The centre of the largest inscribed circle first, then a grid over the polygon's box, nearest first.
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
            return Self.pointCandidates(p, radius: radius, m)
        case .along:
            return []
        }
    }
}

/// A polyline measured along its length.
struct Polyline {
    let points: [PagePoint]
    /// Arc length at each point.
    let lengths: [Double]
    var length: Double { lengths.last ?? 0 }

    init<S: Sequence>(_ points: S) where S.Element == PagePoint {
        self.points = Array(points)
        var acc = [0.0]
        for k in self.points.indices.dropFirst() {
            let a = self.points[k - 1], b = self.points[k]
            acc.append(acc[k - 1] + ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot())
        }
        lengths = self.points.isEmpty ? [] : acc
    }

    /// The point at arc length `s`, clamped to the ends.
    func point(at s: Double) -> PagePoint {
        guard let first = points.first else { return PagePoint(x: 0, y: 0) }
        if s <= 0 || points.count == 1 { return first }
        if s >= length { return points[points.count - 1] }
        var lo = 0, hi = lengths.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if lengths[mid] <= s { lo = mid } else { hi = mid }
        }
        let a = points[lo], b = points[hi], span = lengths[hi] - lengths[lo]
        let t = span > 0 ? (s - lengths[lo]) / span : 0
        return PagePoint(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t)
    }
}

extension PageRect {
    var center: PagePoint { PagePoint(x: x + width / 2, y: y + height / 2) }
}
