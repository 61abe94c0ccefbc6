import Geometry

/// Builds polygons from a Shapefile polygon record's rings: outer rings run clockwise, holes counter-clockwise
/// (ESRI Shapefile Technical Description, 1998), and each hole belongs to the smallest shell containing it. A
/// hole inside no shell is kept as a shell (what GDAL does), so no area is lost.
enum ShapefileRings {
    static func polygons(_ rings: [[GeoPoint]]) -> [[[GeoPoint]]] {
        var shells: [(ring: [GeoPoint], area: Double, holes: [[GeoPoint]])] = []
        var holes: [[GeoPoint]] = []
        for r in rings where r.count >= 4 {
            let a = signedArea(r)
            if a < 0 { shells.append((r, -a, [])) } else if a > 0 { holes.append(r) }
        }
        for h in holes {
            let probe = h[0]
            var best: Int?
            for (k, s) in shells.enumerated() where contains(s.ring, probe) {
                if best == nil || s.area < shells[best!].area { best = k }
            }
            if let best { shells[best].holes.append(h) } else { shells.append((h, signedArea(h), [])) }
        }
        return shells.map { [$0.ring] + $0.holes }
    }

    /// Shoelace area, positive counter-clockwise (y up).
    static func signedArea(_ r: [GeoPoint]) -> Double {
        var s = 0.0
        for k in 0..<(r.count - 1) {
            s += r[k].longitude * r[k + 1].latitude - r[k + 1].longitude * r[k].latitude
        }
        return s / 2
    }

    /// Even-odd point in ring.
    static func contains(_ r: [GeoPoint], _ p: GeoPoint) -> Bool {
        var inside = false
        var j = r.count - 1
        for i in 0..<r.count {
            let a = r[i], b = r[j]
            if (a.latitude > p.latitude) != (b.latitude > p.latitude),
               p.longitude < (b.longitude - a.longitude) * (p.latitude - a.latitude) / (b.latitude - a.latitude) + a.longitude {
                inside.toggle()
            }
            j = i
        }
        return inside
    }
}
