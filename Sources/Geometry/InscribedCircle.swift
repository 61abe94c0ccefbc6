internal import CGEOS

/// The largest circle inside a polygon, from GEOS (`GEOSMaximumInscribedCircle_r`): where a region's or country's
/// name reads best, with its radius as the room the name has.
///
/// GEOS is used through its thread-safe `_r` API only (the shim defines `GEOS_USE_ONLY_R_API`); each call makes and
/// finishes its own context, so the function is safe from any thread.
package enum InscribedCircle {
    /// - Parameters:
    ///   - rings: A polygon in projected metres, exterior first, then holes (closed or not). An invalid polygon
    ///     (a clipped ring that touches itself) is repaired with `GEOSMakeValid_r` first.
    ///   - toleranceMeters: How close to the true centre GEOS must get.
    /// - Returns: The centre and the radius in metres, or nil for a polygon GEOS cannot read (fewer than three
    ///   distinct points, a GEOS error).
    package static func largest(in rings: [[MapPoint]], toleranceMeters: Double) -> (center: MapPoint, radius: Double)? {
        // GEOS 3.11.1 (Debian 12) explodes in time and memory on nearly flat or very thin polygons and loops on
        // non-finite coordinates (libgeos/geos#875, #843, fixed in 3.11.2): such polygons get nil (the caller's
        // bounded polylabel), and the tolerance is at least a two-thousandth of the polygon's extent.
        guard let outer = rings.first, outer.count >= 3,
              rings.allSatisfy({ $0.allSatisfy { $0.x.isFinite && $0.y.isFinite } }) else { return nil }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for a in outer {
            minX = min(minX, a.x); maxX = max(maxX, a.x); minY = min(minY, a.y); maxY = max(maxY, a.y)
        }
        let extent = max(maxX - minX, maxY - minY)
        let tolerance = max(toleranceMeters, extent / 2000, 1e-9)
        guard extent > 0, min(maxX - minX, maxY - minY) > 4 * tolerance else { return nil }
        guard let handle = GEOS_init_r() else { return nil }   // NULL only when out of memory
        defer { GEOS_finish_r(handle) }
        // GEOS reports errors through a handler, not a return value alone; keep them quiet (nil is the answer).
        GEOSContext_setErrorMessageHandler_r(handle, { _, _ in }, nil)
        guard let polygon = makePolygon(handle, rings) else { return nil }
        defer { GEOSGeom_destroy_r(handle, polygon) }
        var input = polygon
        var repaired: OpaquePointer?
        if GEOSisValid_r(handle, polygon) != 1 {
            repaired = GEOSMakeValid_r(handle, polygon)   // NULL on failure
            guard let repaired else { return nil }
            input = repaired
        }
        defer { if let repaired { GEOSGeom_destroy_r(handle, repaired) } }
        // Mean width (twice the area over the perimeter) under four tolerances: too thin to search.
        var area = 0.0, perimeter = 0.0
        guard GEOSArea_r(handle, input, &area) == 1, GEOSLength_r(handle, input, &perimeter) == 1, perimeter > 0,
              2 * area / perimeter > 4 * tolerance else { return nil }
        // A two-point line: the centre, then the nearest point of the outline. NULL on failure.
        guard let line = GEOSMaximumInscribedCircle_r(handle, input, tolerance) else { return nil }
        defer { GEOSGeom_destroy_r(handle, line) }
        guard let seq = GEOSGeom_getCoordSeq_r(handle, line) else { return nil }
        var x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0
        guard GEOSCoordSeq_getXY_r(handle, seq, 0, &x0, &y0) == 1, GEOSCoordSeq_getXY_r(handle, seq, 1, &x1, &y1) == 1,
              x0.isFinite, y0.isFinite else { return nil }
        let r = ((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)).squareRoot()
        return (MapPoint(x: x0, y: y0), r)
    }

    /// A GEOS polygon owned by the caller, or nil when a ring is too short.
    private static func makePolygon(_ h: GEOSContextHandle_t, _ rings: [[MapPoint]]) -> OpaquePointer? {
        var made: [OpaquePointer] = []
        for ring in rings {
            var coords = ring.flatMap { [$0.x, $0.y] }
            if ring.first != ring.last, let first = ring.first { coords += [first.x, first.y] }
            guard coords.count >= 8,
                  let seq = GEOSCoordSeq_copyFromBuffer_r(h, coords, UInt32(coords.count / 2), 0, 0),   // NULL on failure
                  let linear = GEOSGeom_createLinearRing_r(h, seq)   // takes the sequence, even on failure
            else {
                if ring.count < 3 && !made.isEmpty { continue }   // a degenerate hole: leave it out
                for g in made { GEOSGeom_destroy_r(h, g) }
                return nil
            }
            made.append(linear)
        }
        guard let shell = made.first else { return nil }
        var holes: [OpaquePointer?] = made.dropFirst().map { $0 }
        // Takes ownership of the shell and holes.
        let polygon = holes.withUnsafeMutableBufferPointer { GEOSGeom_createPolygon_r(h, shell, $0.baseAddress, UInt32($0.count)) }
        if polygon == nil { for g in made { GEOSGeom_destroy_r(h, g) } }
        return polygon
    }
}
