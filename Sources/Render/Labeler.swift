import Geometry
import Layers

/// A label waiting to be placed.
struct LabelRequest {
    enum Anchor {
        /// Beside a point symbol of the given radius.
        case point(PagePoint, radius: Double, symbol: Int?)
        /// Centred on a point inside a polygon that has `room` points of clearance around it.
        case inside(PagePoint, room: Double)
    }
    var layer: String
    var layerIndex: Int
    var text: String
    var style: TextStyle
    var anchor: Anchor
    var priority: Int
    /// Breaks ties between equal priorities: larger first (population, fatalities).
    var weight: Double
    /// Index in the input order, the final tie-break, so placement is deterministic.
    var order: Int
}

/// Greedy label placement: the most important labels first, each at the first candidate position that
/// overlaps no placed label, no symbol and stays inside the frame.
struct Labeler {
    let frame: PageRect
    let text: TextEngine
    /// Boxes of point symbols that labels must not cover.
    var symbols: [PageRect]

    /// Gap between a symbol and its label, in points.
    static let gap = 1.2

    mutating func place(_ requests: [LabelRequest]) -> (ops: [SceneOp], placed: [RenderReport.PlacedLabel], dropped: [RenderReport.DroppedLabel]) {
        let ordered = requests.sorted {
            ($0.priority, $0.weight, -$0.order) > ($1.priority, $1.weight, -$1.order)
        }
        var boxes: [(PageRect, String)] = []
        var ops: [SceneOp] = []
        var placed: [RenderReport.PlacedLabel] = []
        var dropped: [RenderReport.DroppedLabel] = []
        let inner = frame.insetBy(2)
        for r in ordered {
            let m = text.measure(r.text, r.style)
            let pad = r.style.halo == nil ? 0.5 : r.style.haloWidthPoints
            var reason = "outside the frame"
            var chosen: PageRect?
            for candidate in candidates(r, m) {
                let box = PageRect(x: candidate.x - pad, y: candidate.y - pad, width: m.width + 2 * pad, height: m.height + 2 * pad)
                guard inner.contains(box) else { continue }
                if let hit = boxes.first(where: { $0.0.intersects(box) }) {
                    reason = "overlaps \"\(hit.1)\""
                    continue
                }
                if case .point(_, _, let own) = r.anchor,
                   symbols.indices.contains(where: { $0 != own && symbols[$0].intersects(box) }) {
                    reason = "overlaps a symbol"
                    continue
                }
                chosen = box
                break
            }
            if case .inside(_, let room) = r.anchor, room < m.height * 0.6 {
                chosen = nil
                reason = "feature too small for its label"
            }
            guard let box = chosen else {
                dropped.append(.init(layer: r.layer, text: r.text, reason: reason))
                continue
            }
            boxes.append((box, r.text))
            placed.append(.init(layer: r.layer, text: r.text, box: box))
            ops.append(.text(r.text, origin: PagePoint(x: box.x + pad, y: box.y + pad), r.style))
        }
        return (ops, placed, dropped)
    }

    /// Top-left corners to try, best first.
    private func candidates(_ r: LabelRequest, _ m: TextMetrics) -> [PagePoint] {
        switch r.anchor {
        case .inside(let p, _):
            return [PagePoint(x: p.x - m.width / 2, y: p.y - m.height / 2)]
        case .point(let p, let radius, _):
            let d = radius + Self.gap
            let midY = p.y - m.height / 2
            let diag = d * 0.7
            return [
                PagePoint(x: p.x + d, y: midY),                                  // right
                PagePoint(x: p.x - d - m.width, y: midY),                        // left
                PagePoint(x: p.x + diag, y: p.y - diag - m.height * 0.85),       // upper right
                PagePoint(x: p.x + diag, y: p.y + diag - m.height * 0.15),       // lower right
                PagePoint(x: p.x - diag - m.width, y: p.y - diag - m.height * 0.85),   // upper left
                PagePoint(x: p.x - diag - m.width, y: p.y + diag - m.height * 0.15),   // lower left
                PagePoint(x: p.x - m.width / 2, y: p.y - d - m.height),           // above
                PagePoint(x: p.x - m.width / 2, y: p.y + d),                      // below
            ]
        }
    }
}
