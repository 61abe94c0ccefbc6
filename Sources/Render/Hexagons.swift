import Foundation
import Geometry
import Style

/// Bins point events into a hexagonal grid on the page, so crowded events read as density instead of a pile.
enum Hexagons {
    /// Cells graduated by their number of events, when the theme has no "<layer>-hexagons" style.
    static let defaultStyle = LayerStyle(rules: [
        (100.0, "#7f2704", "100 or more events"), (30, "#d94801", "30–99 events"), (10, "#fd8d3c", "10–29 events"),
        (1, "#fdd0a2", "1–9 events"),
    ].map { min, color, legend in
        Rule(filter: .compare(.property("count"), .ge, .literal(.number(min))),
             symbolizers: [.fill(FillStyle(color: .constant(Color(hex: color)!), opacity: 0.85,
                                           outline: LineStyle(color: .hex("#ffffff"), widthPoints: 0.3)))],
             legend: legend)
    })

    struct Cell {
        var center: PagePoint
        var ring: [PagePoint]
        /// `count`, plus the sum of `fatalities` (or `fatalities_high`) over the events in the cell.
        var properties: [String: JSONValue]
    }

    private static func add(_ fatalities: Double, to c: inout (col: Int, row: Int, count: Int, fatalities: Double)) {
        c.count += 1
        c.fatalities += fatalities
    }

    /// Pointy-top hexagons `sizePoints` across (flat side to flat side), on a grid anchored at the page origin.
    static func bin<Points: Sequence>(_ points: Points, sizePoints: Double) -> [Cell] where Points.Element == (PagePoint, [String: JSONValue]) {
        let w = sizePoints, r = w / 3.0.squareRoot(), h = 1.5 * r
        var cells: [Int: (col: Int, row: Int, count: Int, fatalities: Double)] = [:]
        var order: [Int] = []
        for (p, props) in points {
            // Nearest centre among the candidates of the two row parities.
            var best = (col: 0, row: 0, d: Double.infinity)
            let row0 = Int((p.y / h).rounded(.down))
            for row in row0...(row0 + 1) {
                let shift = row & 1 == 0 ? 0 : w / 2
                let col = Int(((p.x - shift) / w).rounded())
                let cx = Double(col) * w + shift, cy = Double(row) * h
                let d = (p.x - cx) * (p.x - cx) + (p.y - cy) * (p.y - cy)
                if d < best.d { best = (col, row, d) }
            }
            let key = best.row &* 100_003 &+ best.col
            let f = props["fatalities"]?.numberValue ?? props["fatalities_high"]?.numberValue ?? 0
            // One lookup per event: the cell is made on its first event, and cells kept in the order first met.
            let known = cells.count
            Self.add(f, to: &cells[key, default: (best.col, best.row, 0, 0)])
            if cells.count > known { order.append(key) }
        }
        return order.map { key in
            let c = cells[key]!
            let shift = c.row & 1 == 0 ? 0 : w / 2
            let center = PagePoint(x: Double(c.col) * w + shift, y: Double(c.row) * h)
            var ring = (0..<6).map { k -> PagePoint in
                let a = Double.pi / 3 * Double(k) + .pi / 6
                return PagePoint(x: center.x + r * cos(a), y: center.y + r * sin(a))
            }
            ring.append(ring[0])
            return Cell(center: center, ring: ring,
                        properties: ["count": .number(Double(c.count)), "fatalities": .number(c.fatalities)])
        }
    }
}
