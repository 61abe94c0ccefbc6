import Foundation

/// Converts positions from a file's CRS (an authority code like `EPSG:32631`, or WKT, including the ESRI WKT of a
/// Shapefile's `.prj`) to WGS 84 longitude/latitude, the coordinates every `Geometry` holds.
///
/// Axis order is normalised for visualisation on both sides, so input is easting (or longitude) first whatever
/// the CRS's official axis order, and output is longitude first. Not Sendable: one PROJ context, one thread.
public final class LonLatConversion {
    /// Longitude/latitude to the file's CRS; the conversion is its inverse.
    private let transform: Transform
    /// The CRS as given.
    public var source: String { transform.target }
    /// PROJ's name for the source CRS ("WGS 84 / UTM zone 31N"), for `sahelmap layers`.
    public var sourceName: String { transform.targetName }

    /// - Throws: `ProjectionError` quoting PROJ when the CRS is unknown or no operation to lon/lat exists.
    public init(from source: String) throws(ProjectionError) {
        transform = try Transform(to: source)
    }

    /// Converts positions read as (x, y) — held in `GeoPoint` before conversion — to longitude/latitude, in
    /// one PROJ call; nil when any position cannot be converted.
    public func convert(_ points: [GeoPoint]) -> [GeoPoint]? {
        var out = [GeoPoint]()
        out.reserveCapacity(points.count)
        for p in transform.unproject(points.map { MapPoint(x: $0.longitude, y: $0.latitude) }) {
            guard let p, abs(p.longitude) <= 540, abs(p.latitude) <= 90.000001 else { return nil }
            out.append(p)
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

}
