import Geometry

/// One feature projected, simplified, clipped to the view and placed on the page.
struct ProjectedFeature {
    var polygons: [[[PagePoint]]] = []
    var lines: [[PagePoint]] = []
    var points: [PagePoint] = []
    /// Some of the feature lies outside the view.
    var wasClipped = false
    /// For polygons: the centre of the largest circle inside the largest visible part, with its radius in points.
    var labelPoint: (point: PagePoint, room: Double, rings: [[PagePoint]])?

    var isEmpty: Bool { polygons.isEmpty && lines.isEmpty && points.isEmpty }

    /// A projected point (nil when PROJ could not project it).
    init(point: MapPoint?, clip: MapRect, view: ViewTransform) {
        if let point, clip.contains(point) { points = [view.page(point)] } else { wasClipped = true }
    }

    /// A polygon already on the page (a hexagon cell), labelled at its centre.
    init(polygon ring: [PagePoint], center: PagePoint) {
        polygons = [[ring]]
        points = [center]
    }

    init(_ feature: Feature, transform: Transform, tolerance: Double, clip: MapRect, view: ViewTransform) {
        guard let g = feature.geometry else { return }
        func project(_ ps: [GeoPoint]) -> [MapPoint] { transform.project(ps).compactMap { $0 } }
        var largest: (rings: [[MapPoint]], area: Double)?
        for polygon in g.polygons {
            var rings: [[MapPoint]] = []
            for (k, ring) in polygon.enumerated() {
                guard let simple = Simplify.ring(project(ring), toleranceMeters: tolerance) else { continue }
                let clipped = Clip.ring(simple, to: clip)
                if clipped.count != simple.count || clipped.first != simple.first { wasClipped = true }
                if clipped.count >= 4 { rings.append(clipped) } else if k == 0 { wasClipped = true; break }
            }
            guard let outer = rings.first, rings.count > 0 else { continue }
            polygons.append(rings.map { $0.map(view.page) })
            let area = abs(Self.area(outer))
            if area > (largest?.area ?? 0) { largest = (rings, area) }
        }
        // The centre of the largest inscribed circle (GEOS); polylabel should GEOS refuse the polygon.
        if let largest, let (p, d) = InscribedCircle.largest(in: largest.rings, toleranceMeters: 1 / view.pointsPerMeter).map({ ($0.center, $0.radius) })
            ?? LabelPoint.poleOfInaccessibility(largest.rings, precisionMeters: 2 / view.pointsPerMeter) {
            labelPoint = (view.page(p), d * view.pointsPerMeter, largest.rings.map { $0.map(view.page) })
        }
        for line in g.lines {
            let simple = Simplify.line(project(line), toleranceMeters: tolerance)
            let pieces = Clip.line(simple, to: clip)
            if pieces.count != 1 || pieces[0].count != simple.count { wasClipped = true }
            lines += pieces.map { $0.map(view.page) }
        }
        for p in project(g.points) {
            if clip.contains(p) { points.append(view.page(p)) } else { wasClipped = true }
        }
    }

    static func area(_ ring: [MapPoint]) -> Double {
        var a = 0.0
        for k in 0..<(ring.count - 1) { a += ring[k].x * ring[k + 1].y - ring[k + 1].x * ring[k].y }
        return a / 2
    }
}
