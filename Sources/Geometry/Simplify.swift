/// Douglas–Peucker simplification of projected paths.
package enum Simplify {
    /// Returns `points` with vertices removed by Douglas–Peucker.
    ///
    /// The first and last points are kept. A tolerance ≤ 0 returns the points unchanged.
    /// - Parameter toleranceMeters: How far, in projected metres, a removed vertex may lie from the result.
    package static func line(_ points: [MapPoint], toleranceMeters: Double) -> [MapPoint] {
        guard toleranceMeters > 0, points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        let tol2 = toleranceMeters * toleranceMeters
        var stack: [(Int, Int)] = [(0, points.count - 1)]
        while let (a, b) = stack.popLast() {
            guard b > a + 1 else { continue }
            let pa = points[a], pb = points[b]
            let dx = pb.x - pa.x, dy = pb.y - pa.y
            let len2 = dx * dx + dy * dy
            var worst = -1.0, worstIndex = a
            for k in (a + 1)..<b {
                let p = points[k]
                var d2: Double
                if len2 == 0 {
                    d2 = (p.x - pa.x) * (p.x - pa.x) + (p.y - pa.y) * (p.y - pa.y)
                } else {
                    let cross = dx * (p.y - pa.y) - dy * (p.x - pa.x)
                    d2 = cross * cross / len2
                    // Beyond the segment's ends the distance is to the nearer end.
                    let t = (dx * (p.x - pa.x) + dy * (p.y - pa.y)) / len2
                    if t < 0 { d2 = (p.x - pa.x) * (p.x - pa.x) + (p.y - pa.y) * (p.y - pa.y) }
                    else if t > 1 { d2 = (p.x - pb.x) * (p.x - pb.x) + (p.y - pb.y) * (p.y - pb.y) }
                }
                if d2 > worst { worst = d2; worstIndex = k }
            }
            if worst > tol2 {
                keep[worstIndex] = true
                stack.append((a, worstIndex))
                stack.append((worstIndex, b))
            }
        }
        var out: [MapPoint] = []
        out.reserveCapacity(points.count / 2)
        for k in points.indices where keep[k] { out.append(points[k]) }
        return out
    }

    /// Simplifies a closed ring (first == last). Returns nil when the ring is smaller than the tolerance and
    /// would vanish at this scale; otherwise a closed ring of at least 4 points.
    package static func ring(_ ring: [MapPoint], toleranceMeters: Double) -> [MapPoint]? {
        guard toleranceMeters > 0 else { return ring }
        guard let box = MapRect(around: ring), max(box.width, box.height) >= toleranceMeters else { return nil }
        guard ring.count > 4 else { return ring }
        // Split at the point farthest from the start so both halves keep the ring's extent.
        let start = ring[0]
        var far = 1, farD = -1.0
        for k in 1..<(ring.count - 1) {
            let d = (ring[k].x - start.x) * (ring[k].x - start.x) + (ring[k].y - start.y) * (ring[k].y - start.y)
            if d > farD { farD = d; far = k }
        }
        let first = line(Array(ring[0...far]), toleranceMeters: toleranceMeters)
        let second = line(Array(ring[far...]), toleranceMeters: toleranceMeters)
        let out = first + second.dropFirst()
        return out.count >= 4 ? out : ring
    }
}
