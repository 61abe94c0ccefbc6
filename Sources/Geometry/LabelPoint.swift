/// Finds a good point to label a polygon: the pole of inaccessibility, the interior point farthest from the
/// outline (the "polylabel" algorithm: a quadtree search with a best-first queue, after Mapbox's polylabel).
package enum LabelPoint {
    /// - Parameters:
    ///   - rings: A polygon in projected metres, exterior first, then holes.
    ///   - precisionMeters: Stop refining when a cell cannot beat the best found by more than this.
    /// - Returns: The point and its distance to the outline in metres.
    ///
    /// Bounded work on any input: at most `maxStartCells` starting cells across the box, however thin or large it
    /// is (a world-covering polygon, a sliver), and at most `cellBudget(vertices:)` cells evaluated, each costing
    /// one pass over the vertices.
    package static func poleOfInaccessibility(_ rings: [[MapPoint]], precisionMeters: Double) -> (MapPoint, Double)? {
        guard let outer = rings.first, let box = MapRect(around: outer), box.width > 0, box.height > 0,
              box.width.isFinite, box.height.isFinite else { return nil }
        // Square cells as large as the short side, but never more than `maxStartCells` along the long side.
        let cellSize = max(min(box.width, box.height), max(box.width, box.height) / Double(maxStartCells))
        var h = cellSize / 2
        var queue: [Cell] = []
        // Counted, not stepped by adding: far from the origin `x + cellSize` can equal `x`.
        let columns = min(maxStartCells, max(1, Int((box.width / cellSize).rounded(.up))))
        let rows = min(maxStartCells, max(1, Int((box.height / cellSize).rounded(.up))))
        for r in 0..<rows {
            for c in 0..<columns {
                queue.append(Cell(box.minX + Double(c) * cellSize + h, box.minY + Double(r) * cellSize + h, h, rings))
            }
        }
        var best = Cell(box.center.x, box.center.y, 0, rings)
        let centroid = Cell(centroidOf(outer).x, centroidOf(outer).y, 0, rings)
        if centroid.d > best.d { best = centroid }
        var iterations = 0
        let budget = cellBudget(vertices: rings.reduce(0) { $0 + $1.count })
        while !queue.isEmpty && iterations < budget {
            iterations += 1
            // Take the cell with the highest potential.
            var k = 0
            for j in queue.indices where queue[j].max > queue[k].max { k = j }
            let cell = queue.swapRemoveAt(k)
            if cell.d > best.d { best = cell }
            if cell.max - best.d <= precisionMeters { continue }
            h = cell.h / 2
            queue.append(Cell(cell.x - h, cell.y - h, h, rings))
            queue.append(Cell(cell.x + h, cell.y - h, h, rings))
            queue.append(Cell(cell.x - h, cell.y + h, h, rings))
            queue.append(Cell(cell.x + h, cell.y + h, h, rings))
        }
        return (MapPoint(x: best.x, y: best.y), best.d)
    }

    /// Starting cells along the long side of the bounding box.
    package static let maxStartCells = 256

    /// Cells refined at most: 10,000, fewer for polygons with many vertices, so that the distance evaluations
    /// (cells × vertices) stay under about 10⁸.
    package static func cellBudget(vertices: Int) -> Int {
        max(64, min(10_000, 100_000_000 / max(1, vertices)))
    }

    /// Signed distance from a point to the polygon outline: positive inside, negative outside.
    package static func signedDistance(_ p: MapPoint, _ rings: [[MapPoint]]) -> Double {
        var inside = false
        var minD2 = Double.infinity
        for ring in rings where ring.count > 1 {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i], b = ring[j]
                if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                minD2 = min(minD2, segmentDistance2(p, a, b))
                j = i
            }
        }
        return (inside ? 1 : -1) * minD2.squareRoot()
    }

    static func segmentDistance2(_ p: MapPoint, _ a: MapPoint, _ b: MapPoint) -> Double {
        var x = a.x, y = a.y
        let dx = b.x - x, dy = b.y - y
        if dx != 0 || dy != 0 {
            let t = ((p.x - x) * dx + (p.y - y) * dy) / (dx * dx + dy * dy)
            if t > 1 { x = b.x; y = b.y } else if t > 0 { x += dx * t; y += dy * t }
        }
        return (p.x - x) * (p.x - x) + (p.y - y) * (p.y - y)
    }

    static func centroidOf(_ ring: [MapPoint]) -> MapPoint {
        var area = 0.0, x = 0.0, y = 0.0
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            let f = a.x * b.y - b.x * a.y
            x += (a.x + b.x) * f; y += (a.y + b.y) * f; area += f * 3
            j = i
        }
        return area == 0 ? ring[0] : MapPoint(x: x / area, y: y / area)
    }

    private struct Cell {
        let x: Double, y: Double, h: Double, d: Double, max: Double
        init(_ x: Double, _ y: Double, _ h: Double, _ rings: [[MapPoint]]) {
            self.x = x; self.y = y; self.h = h
            d = LabelPoint.signedDistance(MapPoint(x: x, y: y), rings)
            max = d + h * 2.0.squareRoot()
        }
    }
}

extension Array {
    fileprivate mutating func swapRemoveAt(_ k: Int) -> Element {
        swapAt(k, count - 1)
        return removeLast()
    }
}
