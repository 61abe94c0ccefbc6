internal import CPROJ
import Foundation

/// Why a projection could not be built or applied; `reason` quotes PROJ's own log line.
public struct ProjectionError: Error, Equatable, Sendable, CustomStringConvertible {
    public var source: String, target: String, reason: String
    public var description: String { "cannot build transform \(source) -> \(target): \(reason)" }
}

/// Collects PROJ's log lines for one context, so errors quote the real reason and nothing reaches stderr.
final class ProjLog {
    var lines: [String] = []
    var lastLine: String { lines.last ?? "unknown PROJ error" }

    init(attachedTo ctx: OpaquePointer) {
        proj_log_func(ctx, Unmanaged.passUnretained(self).toOpaque()) { data, _, message in
            guard let data, let message else { return }
            Unmanaged<ProjLog>.fromOpaque(data).takeUnretainedValue().lines.append(String(cString: message))
        }
    }
}

/// Projects longitude/latitude (degrees, WGS 84) into one target CRS and back.
///
/// The target is anything PROJ understands: `EPSG:32631`, `ESRI:102022`, `+proj=laea +lat_0=15 +lon_0=2`, WKT.
/// Axis order is normalised for visualisation, so input is always longitude first and output easting first.
/// Not Sendable: a PROJ context serves one thread, so make one per render job.
public final class Transform {
    private let context: OpaquePointer   // PJ_CONTEXT*, destroyed last
    private let pj: OpaquePointer        // PJ*, destroyed before its context
    private let log: ProjLog
    public let target: String
    /// PROJ's name for the target CRS ("WGS 84 / UTM zone 31N").
    public let targetName: String

    /// The default for Sahel maps: Lambert azimuthal equal-area centred on 15° N 2° E (Niger bend / Liptako-Gourma).
    public static let sahelEqualArea = "+proj=laea +lat_0=15 +lon_0=2 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"

    /// - Throws: `ProjectionError` quoting PROJ when the CRS is unknown or the operation cannot be built.
    public init(to target: String) throws(ProjectionError) {
        let source = "EPSG:4326"
        guard let ctx = proj_context_create() else {   // NULL only when out of memory
            throw ProjectionError(source: source, target: target, reason: "proj_context_create failed")
        }
        let log = ProjLog(attachedTo: ctx)
        proj_log_level(ctx, PJ_LOG_ERROR)
        let trimmed = target.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            proj_context_destroy(ctx)
            throw ProjectionError(source: source, target: target, reason: "empty CRS")
        }
        guard let raw = proj_create_crs_to_crs(ctx, source, trimmed, nil) else {   // NULL on failure; reason in log
            let reason = log.lastLine
            proj_context_destroy(ctx)
            throw ProjectionError(source: source, target: Self.short(target), reason: reason)
        }
        let crs = proj_get_target_crs(ctx, raw)
        targetName = crs.flatMap { proj_get_name($0).map { String(cString: $0) } } ?? target   // owned by crs
        if let crs { proj_destroy(crs) }
        let normalized = proj_normalize_for_visualization(ctx, raw)   // lon/lat in, easting/northing out
        proj_destroy(raw)
        guard let normalized else {
            let reason = log.lastLine
            proj_context_destroy(ctx)
            throw ProjectionError(source: source, target: Self.short(target), reason: reason)
        }
        context = ctx
        pj = normalized
        self.log = log
        self.target = target
    }

    /// A long CRS (WKT) cut to its start, for messages.
    static func short(_ s: String) -> String { s.count > 60 ? String(s.prefix(60)) + "…" : s }

    deinit {
        proj_destroy(pj)
        proj_context_destroy(context)
    }

    /// Projects one point; nil when PROJ cannot (outside the projection's domain).
    public func project(_ p: GeoPoint) -> MapPoint? {
        let out = proj_trans(pj, PJ_FWD, proj_coord(p.longitude, p.latitude, 0, 0))
        return Self.usable(out.xy.x, out.xy.y) ? MapPoint(x: out.xy.x, y: out.xy.y) : nil
    }

    /// Inverse projection; nil when PROJ cannot.
    public func unproject(_ p: MapPoint) -> GeoPoint? {
        let out = proj_trans(pj, PJ_INV, proj_coord(p.x, p.y, 0, 0))
        return Self.usable(out.lp.lam, out.lp.phi) ? GeoPoint(longitude: out.lp.lam, latitude: out.lp.phi) : nil
    }

    /// Projects many points in one PROJ call. Points PROJ cannot project come back as nil.
    public func project(_ points: [GeoPoint]) -> [MapPoint?] {
        var xy = points.map { MapPoint(x: $0.longitude, y: $0.latitude) }
        project(inPlace: &xy)
        return xy.map { $0.x.isNaN ? nil : $0 }
    }

    /// Projects many points in one PROJ call, in place and without another array (a million events are 16 MB
    /// once, not four times): each point's x and y are its longitude and latitude, and become its projected
    /// coordinates. A point PROJ cannot project becomes NaN, which no extent contains.
    public func project(inPlace points: inout [MapPoint]) {
        transformInPlace(&points, PJ_FWD)
    }

    /// Inverse of many points in one PROJ call. Points PROJ cannot bring back come back as nil.
    public func unproject(_ points: [MapPoint]) -> [GeoPoint?] {
        var xy = points
        transformInPlace(&xy, PJ_INV)
        return xy.map { $0.x.isNaN ? nil : GeoPoint(longitude: $0.x, latitude: $0.y) }
    }

    /// What PROJ returns for a point it cannot transform: infinities, NaN or HUGE_VAL.
    private static func usable(_ x: Double, _ y: Double) -> Bool { x.isFinite && y.isFinite && abs(x) < 1e30 }

    /// Transforms (x, y) pairs in place in one PROJ call; a pair PROJ cannot transform becomes NaN. Many points
    /// are cut into one run per core, each transformed by its own copy of the operation in a context of its own
    /// (`proj_clone`: the same operation, so the same numbers; a PROJ context serves one thread).
    private func transformInPlace(_ points: inout [MapPoint], _ direction: PJ_DIRECTION) {
        let n = points.count
        var copies: [(context: OpaquePointer, pj: OpaquePointer)] = []
        defer { for c in copies { proj_destroy(c.pj); proj_context_destroy(c.context) } }
        for _ in 1..<(n < 32_768 ? 1 : min(ProcessInfo.processInfo.activeProcessorCount, n / 16_384)) {
            guard let ctx = proj_context_create() else { break }
            proj_log_level(ctx, PJ_LOG_NONE)
            guard let copy = proj_clone(ctx, pj) else { proj_context_destroy(ctx); break }
            copies.append((ctx, copy))
        }
        let operations = [pj] + copies.map(\.pj), runs = operations.count
        points.withUnsafeMutableBufferPointer { b in
            guard let base = b.baseAddress else { return }
            nonisolated(unsafe) let all = base, ops = operations
            DispatchQueue.concurrentPerform(iterations: runs) { run in
                let start = n * run / runs, count = n * (run + 1) / runs - start
                (all + start).withMemoryRebound(to: Double.self, capacity: 2 * count) { d in
                    _ = proj_trans_generic(ops[run], direction, d, MemoryLayout<MapPoint>.stride, count,
                                           d + 1, MemoryLayout<MapPoint>.stride, count, nil, 0, 0, nil, 0, 0)
                }
                for k in start..<start + count where !Self.usable(all[k].x, all[k].y) { all[k] = MapPoint(x: .nan, y: .nan) }
            }
        }
    }

    /// The geodesic distance in metres between two points on the WGS 84 ellipsoid (PROJ's `proj_lp_dist`).
    public func geodesicDistanceMeters(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let rad = Double.pi / 180
        return proj_lp_dist(pj, proj_coord(a.longitude * rad, a.latitude * rad, 0, 0),
                            proj_coord(b.longitude * rad, b.latitude * rad, 0, 0))
    }
}
