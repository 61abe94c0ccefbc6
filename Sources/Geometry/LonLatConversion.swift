internal import CPROJ
import Foundation

/// Converts positions from a file's CRS (an authority code like `EPSG:32631`, or WKT, including the ESRI WKT of a
/// Shapefile's `.prj`) to WGS 84 longitude/latitude, the coordinates every `Geometry` holds.
///
/// Axis order is normalised for visualisation on both sides, so input is easting (or longitude) first whatever
/// the CRS's official axis order, and output is longitude first. Not Sendable: one PROJ context, one thread.
public final class LonLatConversion {
    private let context: OpaquePointer   // PJ_CONTEXT*, destroyed last
    private let pj: OpaquePointer        // PJ*, destroyed before its context
    private let log: ProjLog
    /// The CRS as given.
    public let source: String
    /// PROJ's name for the source CRS ("WGS 84 / UTM zone 31N"), for `sahelmap layers`.
    public let sourceName: String

    /// - Throws: `ProjectionError` quoting PROJ when the CRS is unknown or no operation to lon/lat exists.
    public init(from source: String) throws(ProjectionError) {
        let target = "EPSG:4326"
        guard let ctx = proj_context_create() else {   // NULL only when out of memory
            throw ProjectionError(source: source, target: target, reason: "proj_context_create failed")
        }
        let log = ProjLog(attachedTo: ctx)
        proj_log_level(ctx, PJ_LOG_ERROR)
        guard let crs = proj_create(ctx, source) else {   // NULL on failure; reason in log
            let reason = log.lastLine
            proj_context_destroy(ctx)
            throw ProjectionError(source: Self.short(source), target: target, reason: reason)
        }
        let name = proj_get_name(crs).map { String(cString: $0) } ?? source   // owned by crs
        guard let wgs84 = proj_create(ctx, target) else {
            proj_destroy(crs)
            let reason = log.lastLine
            proj_context_destroy(ctx)
            throw ProjectionError(source: Self.short(source), target: target, reason: reason)
        }
        let raw = proj_create_crs_to_crs_from_pj(ctx, crs, wgs84, nil, nil)   // NULL on failure
        proj_destroy(crs)
        proj_destroy(wgs84)
        let normalized = raw.flatMap { proj_normalize_for_visualization(ctx, $0) }
        if let raw { proj_destroy(raw) }
        guard let normalized else {
            let reason = log.lastLine
            proj_context_destroy(ctx)
            throw ProjectionError(source: Self.short(source), target: target, reason: reason)
        }
        context = ctx
        pj = normalized
        self.log = log
        self.source = source
        self.sourceName = name
    }

    deinit {
        proj_destroy(pj)
        proj_context_destroy(context)
    }

    /// Converts positions read as (x, y) — held in `GeoPoint` before conversion — to longitude/latitude, in
    /// one PROJ call; nil when any position cannot be converted.
    public func convert(_ points: [GeoPoint]) -> [GeoPoint]? {
        var xs = points.map(\.longitude), ys = points.map(\.latitude)
        let n = points.count
        xs.withUnsafeMutableBufferPointer { xb in
            ys.withUnsafeMutableBufferPointer { yb in
                _ = proj_trans_generic(pj, PJ_FWD,
                                       xb.baseAddress, MemoryLayout<Double>.stride, n,
                                       yb.baseAddress, MemoryLayout<Double>.stride, n,
                                       nil, 0, 0, nil, 0, 0)
            }
        }
        var out = [GeoPoint]()
        out.reserveCapacity(n)
        for k in 0..<n {
            guard xs[k].isFinite, ys[k].isFinite, abs(xs[k]) <= 540, abs(ys[k]) <= 90.000001 else { return nil }
            out.append(GeoPoint(longitude: xs[k], latitude: ys[k]))
        }
        return out
    }

    /// Whether `crs` is WGS 84 longitude/latitude already (by EPSG code, or as PROJ identifies its WKT), so no
    /// conversion is needed.
    public static func isWGS84LonLat(_ crs: String) -> Bool {
        let t = crs.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        if t == "EPSG:4326" || t == "OGC:CRS84" { return true }
        guard t.hasPrefix("GEOGCS[") || t.hasPrefix("GEOGCRS[") || t.hasPrefix("GEODCRS[") else { return false }
        // A geographic WKT on the WGS 84 datum, with degrees and Greenwich: what Natural Earth's .prj files say.
        return (t.contains("WGS_1984") || t.contains("WGS 84") || t.contains("WGS84"))
            && !t.contains("PROJCS") && !t.contains("PROJCRS") && t.contains("GREENWICH") && t.contains("DEGREE")
    }

    /// A WKT's first line, for messages.
    static func short(_ s: String) -> String { s.count > 60 ? String(s.prefix(60)) + "…" : s }
}
