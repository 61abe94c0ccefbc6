import Dispatch
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

    /// Many features: projected in one PROJ call, then simplified, clipped, labelled and placed on the page on
    /// every core (each feature on its own, so the shapes are those of one feature at a time).
    static func many(_ features: [Feature], transform: Transform, tolerance: Double, clip: MapRect, view: ViewTransform) -> [ProjectedFeature] {
        let shapes = MapShape.project(features.map(\.geometry), transform: transform)
        let n = shapes.count
        // A few hundred points are done sooner on this thread than another core is woken.
        guard shapes.reduce(0, { $0 + $1.count }) > 2_000, n > 1 else {
            return shapes.map { ProjectedFeature($0, tolerance: tolerance, clip: clip, view: view) }
        }
        return [ProjectedFeature](unsafeUninitializedCapacity: n) { buffer, count in
            nonisolated(unsafe) let out = buffer   // each iteration initialises its own slot, read once all are done
            DispatchQueue.concurrentPerform(iterations: n) { k in
                (out.baseAddress! + k).initialize(to: ProjectedFeature(shapes[k], tolerance: tolerance, clip: clip, view: view))
            }
            count = n
        }
    }

    /// Simplifies, clips and places on the page a shape already projected.
    init(_ shape: MapShape, tolerance: Double, clip: MapRect, view: ViewTransform) {
        var largest: (rings: [[MapPoint]], area: Double)?
        for polygon in shape.polygons {
            var rings: [[MapPoint]] = []
            for (k, ring) in polygon.enumerated() {
                guard let simple = Simplify.ring(ring, toleranceMeters: tolerance) else { continue }
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
        for line in shape.lines {
            let simple = Simplify.line(line, toleranceMeters: tolerance)
            let pieces = Clip.line(simple, to: clip)
            if pieces.count != 1 || pieces[0].count != simple.count { wasClipped = true }
            lines += pieces.map { $0.map(view.page) }
        }
        for p in shape.points {
            if clip.contains(p) { points.append(view.page(p)) } else { wasClipped = true }
        }
    }

    static func area(_ ring: [MapPoint]) -> Double {
        var a = 0.0
        for k in 0..<(ring.count - 1) { a += ring[k].x * ring[k + 1].y - ring[k + 1].x * ring[k].y }
        return a / 2
    }
}

/// A feature's geometry in map metres, before simplification: what PROJ makes of it, without the points PROJ has
/// no image for.
struct MapShape: Sendable {
    var polygons: [[[MapPoint]]] = []
    var lines: [[MapPoint]] = []
    var points: [MapPoint] = []

    /// How many points it has.
    var count: Int { polygons.reduce(points.count + lines.reduce(0) { $0 + $1.count }) { n, p in p.reduce(n) { $0 + $1.count } } }

    /// The geometries of many features projected in one PROJ call.
    static func project(_ geometries: [Geometry?], transform: Transform) -> [MapShape] {
        var flat: [MapPoint] = []
        for g in geometries {
            guard let g else { continue }
            for polygon in g.polygons { for ring in polygon { for p in ring { flat.append(MapPoint(x: p.longitude, y: p.latitude)) } } }
            for line in g.lines { for p in line { flat.append(MapPoint(x: p.longitude, y: p.latitude)) } }
            for p in g.points { flat.append(MapPoint(x: p.longitude, y: p.latitude)) }
        }
        transform.project(inPlace: &flat)
        var next = 0
        func take(_ count: Int) -> [MapPoint] {
            defer { next += count }
            return flat[next..<next + count].filter { !$0.x.isNaN }
        }
        return geometries.map { g in
            guard let g else { return MapShape() }
            return MapShape(polygons: g.polygons.map { $0.map { take($0.count) } }, lines: g.lines.map { take($0.count) },
                            points: take(g.points.count))
        }
    }
}
