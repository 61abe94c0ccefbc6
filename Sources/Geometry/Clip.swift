/// Clipping of projected paths to an axis-aligned rectangle.
package enum Clip {
    /// Clips a closed ring to `rect` (Sutherland–Hodgman). The result is closed, or empty when nothing is inside.
    ///
    /// Parts of the ring outside the rectangle become runs along its edges; they fill correctly and lie outside
    /// any view that is smaller than `rect`, so clip to a rectangle a little larger than what is shown.
    package static func ring(_ ring: [MapPoint], to rect: MapRect) -> [MapPoint] {
        guard let box = MapRect(around: ring) else { return [] }
        if box.minX >= rect.minX && box.maxX <= rect.maxX && box.minY >= rect.minY && box.maxY <= rect.maxY { return ring }
        if !box.intersects(rect) { return [] }
        var pts = Array(ring.dropLast())
        pts = clipEdge(pts, inside: { $0.x >= rect.minX }, cross: { a, b in lerpX(a, b, rect.minX) })
        pts = clipEdge(pts, inside: { $0.x <= rect.maxX }, cross: { a, b in lerpX(a, b, rect.maxX) })
        pts = clipEdge(pts, inside: { $0.y >= rect.minY }, cross: { a, b in lerpY(a, b, rect.minY) })
        pts = clipEdge(pts, inside: { $0.y <= rect.maxY }, cross: { a, b in lerpY(a, b, rect.maxY) })
        guard pts.count >= 3 else { return [] }
        pts.append(pts[0])
        return pts
    }

    /// Clips a polyline to `rect`; the parts inside come back as separate lines.
    package static func line(_ line: [MapPoint], to rect: MapRect) -> [[MapPoint]] {
        guard let box = MapRect(around: line) else { return [] }
        if box.minX >= rect.minX && box.maxX <= rect.maxX && box.minY >= rect.minY && box.maxY <= rect.maxY { return [line] }
        if !box.intersects(rect) { return [] }
        var pieces: [[MapPoint]] = []
        var current: [MapPoint] = []
        for k in 0..<(line.count - 1) {
            guard let (a, b) = segment(line[k], line[k + 1], rect) else {
                if current.count >= 2 { pieces.append(current) }
                current = []
                continue
            }
            if current.isEmpty || current.last! != a {
                if current.count >= 2 { pieces.append(current) }
                current = [a]
            }
            current.append(b)
        }
        if current.count >= 2 { pieces.append(current) }
        return pieces
    }

    /// Liang–Barsky: the part of segment a→b inside `r`, or nil.
    static func segment(_ a: MapPoint, _ b: MapPoint, _ r: MapRect) -> (MapPoint, MapPoint)? {
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, a.x - r.minX), (dx, r.maxX - a.x), (-dy, a.y - r.minY), (dy, r.maxY - a.y)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let t = q / p
                if p < 0 { if t > t1 { return nil }; t0 = max(t0, t) } else { if t < t0 { return nil }; t1 = min(t1, t) }
            }
        }
        let pa = t0 == 0 ? a : MapPoint(x: a.x + t0 * dx, y: a.y + t0 * dy)
        let pb = t1 == 1 ? b : MapPoint(x: a.x + t1 * dx, y: a.y + t1 * dy)
        return (pa, pb)
    }

    private static func clipEdge(_ pts: [MapPoint], inside: (MapPoint) -> Bool,
                                 cross: (MapPoint, MapPoint) -> MapPoint) -> [MapPoint] {
        guard let last = pts.last else { return [] }
        var out: [MapPoint] = []
        out.reserveCapacity(pts.count + 4)
        var prev = last
        var prevIn = inside(prev)
        for p in pts {
            let pIn = inside(p)
            if pIn {
                if !prevIn { out.append(cross(prev, p)) }
                out.append(p)
            } else if prevIn {
                out.append(cross(prev, p))
            }
            prev = p
            prevIn = pIn
        }
        return out
    }

    private static func lerpX(_ a: MapPoint, _ b: MapPoint, _ x: Double) -> MapPoint {
        MapPoint(x: x, y: a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x))
    }

    private static func lerpY(_ a: MapPoint, _ b: MapPoint, _ y: Double) -> MapPoint {
        MapPoint(x: a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y: y)
    }
}
