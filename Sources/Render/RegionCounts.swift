import Geometry
import Style

/// Counts point events per region polygon (a bounding-box test first, then point in polygon).
enum RegionCounts {
    struct Count {
        var count = 0
        var fatalities = 0.0
    }

    /// Regions shaded by their number of events, when the theme has no "<layer>-regions" style.
    static let defaultStyle = LayerStyle(rules: [
        (100.0, "#7f2704", "100 or more events"), (30, "#d94801", "30–99 events"), (10, "#fd8d3c", "10–29 events"),
        (1, "#fdd0a2", "1–9 events"),
    ].map { min, color, legend in
        Rule(filter: .compare(.property("count"), .ge, .literal(.number(min))),
             symbolizers: [.fill(FillStyle(color: .constant(Color(hex: color)!), opacity: 0.9,
                                           outline: LineStyle(color: .hex("#ffffff"), widthPoints: 0.4)))],
             legend: legend)
    })

    /// Even-odd point in polygon (holes count as outside).
    static func contains(_ rings: [[MapPoint]], _ p: MapPoint) -> Bool {
        var inside = false
        for ring in rings where ring.count > 2 {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i], b = ring[j]
                if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
        }
        return inside
    }

    /// Events per region index; each event counts once, in the first region that holds it.
    static func count(_ events: [Feature], in regions: FeatureCollection) -> [Int: Count] {
        let boxes = regions.features.map { $0.geometry?.boundingBox }
        // Degrees as plane coordinates, converted once per region.
        let polygons = regions.features.map { f in
            (f.geometry?.polygons ?? []).map { rings in rings.map { $0.map { MapPoint(x: $0.longitude, y: $0.latitude) } } }
        }
        var out: [Int: Count] = [:]
        for e in events {
            guard let p = e.geometry?.points.first else { continue }
            let mp = MapPoint(x: p.longitude, y: p.latitude)
            for k in regions.features.indices where boxes[k]?.contains(p) == true {
                let inside = polygons[k].contains { Self.contains($0, mp) }
                if inside {
                    out[k, default: Count()].count += 1
                    out[k]!.fatalities += e.number("fatalities") ?? e.number("fatalities_high") ?? 0
                    break
                }
            }
        }
        return out
    }
}
