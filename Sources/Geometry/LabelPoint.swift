/// Finds a good point to label a polygon: the pole of inaccessibility, the interior point farthest from the
/// outline (the "polylabel" algorithm: a quadtree search with a best-first queue, after Mapbox's polylabel).
package enum LabelPoint {
    /// - Parameters:
    ///   - rings: A polygon in projected metres, exterior first, then holes.
    ///   - precisionMeters: Stop refining when a cell cannot beat the best found by more than this.
    /// - Returns: The point and its distance to the outline in metres.
    package static func poleOfInaccessibility(_ rings: [[MapPoint]], precisionMeters: Double) -> (MapPoint, Double)? {
        guard let outer = rings.first, let box = MapRect(around: outer), box.width > 0, box.height > 0 else { return nil }
        let cellSize = min(box.width, box.height)
        var h = cellSize / 2
        var queue: [Cell] = []
        var y = box.minY
        while y < box.maxY {
            var x = box.minX
            while x < box.maxX {
                queue.append(Cell(x + h, y + h, h, rings))
                x += cellSize
            }
            y += cellSize
        }
        var best = Cell(box.center.x, box.center.y, 0, rings)
        let centroid = Cell(centroidOf(outer).x, centroidOf(outer).y, 0, rings)
        if centroid.d > best.d { best = centroid }
        var iterations = 0
        while !queue.isEmpty && iterations < 10_000 {
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
