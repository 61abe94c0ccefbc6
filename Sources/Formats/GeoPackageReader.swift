import Foundation
import Geometry

/// Reads the feature layers of a GeoPackage through SQLite: `gpkg_contents` (the layers), `gpkg_geometry_columns`
/// (each layer's geometry column, type and `srs_id`) and `gpkg_spatial_ref_sys` (the CRS: organisation and code,
/// else its WKT), then each row's GeoPackage geometry blob through `GeoPackageBinary` and `WKB`, converted to
/// longitude/latitude with PROJ. The other columns become properties (integers and reals as numbers, text as
/// strings, NULL as null); the primary key becomes the feature id. Not Sendable (one SQLite connection).
final class GeoPackageReader {
    let path: String
    private let db: SQLiteDatabase
    private(set) var layers: [LayerEntry] = []

    struct LayerEntry {
        var info: VectorLayerInfo
        var geometryColumn: String
        var primaryKey: String?
    }

    /// Opens the file and reads its layer list.
    /// - Throws: `GeoDataError` when SQLite cannot open it or the GeoPackage tables are missing.
    init(path: String) throws(GeoDataError) {
        self.path = path
        do {
            db = try SQLiteDatabase(readOnly: path)
            for t in ["gpkg_contents", "gpkg_geometry_columns", "gpkg_spatial_ref_sys"] where try !db.hasTable(t) {
                throw GeoDataError(file: path, message: "an SQLite database but not a GeoPackage: no \(t) table")
            }
            layers = try readLayers()
        } catch let e as GeoDataError {
            throw e
        } catch let e as SQLiteError {
            throw GeoDataError(file: path, message: "cannot read as a GeoPackage: \(e.message)")
        } catch {
            throw GeoDataError(file: path, message: "\(error)")
        }
    }

    private func readLayers() throws -> [LayerEntry] {
        let s = try db.prepare("""
            SELECT c.table_name, g.column_name, g.geometry_type_name, g.z, g.m, g.srs_id,
                   s.organization, s.organization_coordsys_id, s.definition,
                   c.min_x, c.min_y, c.max_x, c.max_y
            FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
            LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
            WHERE c.data_type = 'features' ORDER BY c.table_name
            """)
        var out: [LayerEntry] = []
        while try s.step() {
            let table = s.text(0) ?? "", column = s.text(1) ?? "geom"
            var type = (s.text(2) ?? "GEOMETRY").uppercased()
            let z = s.int(3), m = s.int(4)
            if z == 1 && m == 1 { type += " ZM" } else if z == 1 { type += " Z" } else if m == 1 { type += " M" }
            let srsID = s.int(5)
            let crs = Self.crs(srsID: srsID, organization: s.text(6), code: s.isNull(7) ? nil : s.int(7), definition: s.text(8))
            var extent: BoundingBox?
            if let w = s.double(9), let so = s.double(10), let e = s.double(11), let n = s.double(12) {
                extent = BoundingBox(west: w, south: so, east: e, north: n)
            }
            let (fields, pk) = try columns(of: table, except: column)
            let count = try db.prepare("SELECT count(*) FROM \(SQLiteDatabase.quoted(table))")
            _ = try count.step()
            let info = VectorLayerInfo(name: table, geometryType: type, featureCount: Int(count.int(0)), fields: fields,
                                       crs: crs, crsName: nil, extent: extent)
            out.append(LayerEntry(info: info, geometryColumn: column, primaryKey: pk))
        }
        return out
    }

    /// `EPSG:4326` from organisation + code; the WKT when the organisation is not one PROJ knows; nil for the
    /// undefined systems (srs_id 0 geographic and -1 Cartesian: read as longitude/latitude).
    static func crs(srsID: Int64, organization: String?, code: Int64?, definition: String?) -> String? {
        if srsID == 0 || srsID == -1 { return nil }
        if let org = organization?.uppercased(), let code, ["EPSG", "ESRI", "IGNF", "OGC"].contains(org) {
            return "\(org):\(code)"
        }
        if let d = definition?.trimmingCharacters(in: .whitespacesAndNewlines), !d.isEmpty, d.lowercased() != "undefined" {
            return d
        }
        return nil
    }

    /// The attribute columns with their declared types, and the primary key.
    private func columns(of table: String, except geometry: String) throws -> ([VectorLayerInfo.Field], String?) {
        let s = try db.prepare("PRAGMA table_info(\(SQLiteDatabase.quoted(table)))")
        var fields: [VectorLayerInfo.Field] = [], pk: String?
        while try s.step() {
            let name = s.text(1) ?? "", type = s.text(2) ?? ""
            if name == geometry { continue }
            if s.int(5) == 1 && type.uppercased() == "INTEGER" { pk = name; continue }
            fields.append(.init(name: name, type: type))
        }
        return (fields, pk)
    }

    /// The layer called `name`, or the only one.
    /// - Throws: `GeoDataError` listing the layers when there are several and none was chosen, or the name is unknown.
    func entry(named name: String?) throws(GeoDataError) -> LayerEntry {
        let names = layers.map(\.info.name)
        guard !layers.isEmpty else { throw GeoDataError(file: path, message: "a GeoPackage with no feature layer in gpkg_contents") }
        if let name {
            guard let e = layers.first(where: { $0.info.name == name }) ?? layers.first(where: { $0.info.name.lowercased() == name.lowercased() }) else {
                throw GeoDataError(file: path, message: "no layer \"\(name)\"; its layers are \(names.joined(separator: ", "))")
            }
            return e
        }
        guard layers.count == 1 else {
            throw GeoDataError(file: path, message: "\(layers.count) layers, choose one with \(URL(fileURLWithPath: path).lastPathComponent)#NAME or layer: NAME: \(names.joined(separator: ", "))")
        }
        return layers[0]
    }

    /// Reads one layer's features in longitude/latitude.
    /// - Throws: `GeoDataError` naming the layer and feature for a corrupt geometry or an unknown CRS.
    func read(layer name: String?) throws(GeoDataError) -> VectorLayer {
        let entry = try entry(named: name)
        var info = entry.info
        let conversion: LonLatConversion?
        do {
            conversion = try info.crs.flatMap { LonLatConversion.isWGS84LonLat($0) ? nil : try LonLatConversion(from: $0) }
        } catch {
            throw GeoDataError(file: path, location: "layer \"\(info.name)\"", message: "\(error)")
        }
        info.crsName = conversion?.sourceName
        let table = SQLiteDatabase.quoted(info.name)
        let pk = entry.primaryKey.map(SQLiteDatabase.quoted)
        let columns = [pk ?? "NULL", SQLiteDatabase.quoted(entry.geometryColumn)] + info.fields.map { SQLiteDatabase.quoted($0.name) }
        var features: [Feature] = []
        features.reserveCapacity(info.featureCount)
        var skipped = 0
        var problems: [GeoDataError.Problem] = []
        do {
            let s = try db.prepare("SELECT \(columns.joined(separator: ", ")) FROM \(table)\(pk.map { " ORDER BY \($0)" } ?? "")")
            var row = 0
            while try s.step() {
                row += 1
                let id = pk == nil ? nil : String(s.int(0))
                let decoded: Result<Geometry?, WKBError> = s.withBlob(1) { blob in
                    guard let blob else { return .success(nil) }
                    return Result { () throws(WKBError) -> Geometry? in try GeoPackageBinary.decode(blob) }
                }
                var geometry: Geometry?
                switch decoded {
                case .success(let g): geometry = g
                case .failure(let e):
                    problems.append(.init(location: "layer \"\(info.name)\": feature \(id.map { "fid \($0)" } ?? "#\(row)")", message: e.description))
                    if problems.count >= 20 { break }
                    continue
                }
                if let g = geometry, let conversion {
                    geometry = g.mappingPositions(conversion.convert)
                    if geometry == nil {
                        problems.append(.init(location: "layer \"\(info.name)\": feature \(id.map { "fid \($0)" } ?? "#\(row)")",
                                              message: "a position PROJ cannot convert from \(info.crs ?? "") to longitude/latitude"))
                        continue
                    }
                }
                guard let geometry, !geometry.allPoints.isEmpty else { skipped += 1; continue }
                var properties: [String: JSONValue] = [:]
                for (k, f) in info.fields.enumerated() {
                    switch s.value(Int32(k + 2)) {
                    case .null: properties[f.name] = .null
                    case .number(let n): properties[f.name] = .number(n)
                    case .text(let t): properties[f.name] = .string(t)
                    case .blob: continue   // binary attributes are not map data
                    }
                }
                features.append(Feature(id: id, geometry: geometry, properties: properties))
            }
        } catch let e as SQLiteError {
            throw GeoDataError(file: path, location: "layer \"\(info.name)\"", message: "cannot read: \(e.message)")
        } catch {
            throw GeoDataError(file: path, location: "layer \"\(info.name)\"", message: "\(error)")
        }
        if !problems.isEmpty { throw GeoDataError(file: path, problems: problems) }
        return VectorLayer(info: info, features: FeatureCollection(features: features), skippedEmpty: skipped)
    }
}
