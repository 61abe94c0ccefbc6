import Foundation
import Geometry

/// Reads a Shapefile through shapelib: shapes from `.shp`/`.shx`, attributes from `.dbf` decoded to UTF-8 from
/// the `.cpg` or the DBF's language driver byte (iconv; with neither, UTF-8, else Windows-1252), the CRS from the
/// `.prj` (ESRI WKT) converted to longitude/latitude with PROJ. Null shapes are skipped and counted.
final class ShapefileReader {
    let path: String
    /// The name the layer goes by (the file name without `.shp`), for messages and `#name`.
    let name: String
    private let shapes: ShapeFile
    private let table: DBFTable
    private let crs: String?
    private let decoder: TextDecoder
    private let codePageDeclared: Bool
    let info: VectorLayerInfo

    /// - Parameter displayPath: how errors name the file (the zip and member for a zipped Shapefile).
    init(path: String, displayPath: String? = nil) throws(GeoDataError) {
        let shown = displayPath ?? path
        self.path = shown
        let base = URL(fileURLWithPath: path).deletingPathExtension().path
        name = URL(fileURLWithPath: base).lastPathComponent
        func sibling(_ ext: String) -> String? {
            for e in [ext, ext.uppercased()] where FileManager.default.fileExists(atPath: base + "." + e) { return base + "." + e }
            return nil
        }
        guard sibling("shx") != nil else {
            throw GeoDataError(file: shown, message: "missing its index \(name).shx (a Shapefile is .shp + .shx + .dbf, side by side)")
        }
        guard let dbfPath = sibling("dbf") else {
            throw GeoDataError(file: shown, message: "missing its attribute table \(name).dbf (a Shapefile is .shp + .shx + .dbf, side by side)")
        }
        guard let shapes = ShapeFile(path: path) else { throw GeoDataError(file: shown, message: "corrupt .shp or .shx: shapelib cannot read the header or index") }
        guard let table = DBFTable(path: dbfPath) else { throw GeoDataError(file: shown, message: "corrupt \(name).dbf: shapelib cannot read its header") }
        guard table.recordCount == shapes.count else {
            throw GeoDataError(file: shown, message: "\(shapes.count) shapes but \(table.recordCount) records in \(name).dbf")
        }
        guard ShapeFile.kind(shapes.shapeType) != .unsupported || shapes.count == 0 else {
            throw GeoDataError(file: shown, message: "\(ShapeFile.typeName(shapes.shapeType)) shapes are not supported")
        }
        self.shapes = shapes
        self.table = table
        if let prj = sibling("prj") {
            guard let text = try? String(contentsOfFile: prj, encoding: .utf8) else {
                throw GeoDataError(file: shown, message: "cannot read \(name).prj as text")
            }
            let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
            crs = t.isEmpty ? nil : t
        } else {
            crs = nil
        }
        let declared = table.declaredCodePage.flatMap(TextDecoder.iconvName)
        codePageDeclared = declared != nil
        guard let decoder = TextDecoder(codePage: declared ?? "UTF-8") else {
            throw GeoDataError(file: shown, message: "unknown code page \"\(table.declaredCodePage ?? "")\" (from \(name).cpg or the DBF header)")
        }
        self.decoder = decoder
        let fields = table.fields.map { f in
            VectorLayerInfo.Field(name: f.name, type: f.type == "C" ? "String(\(f.width))" : f.type == "N" || f.type == "F"
                                  ? (f.decimals == 0 ? "Integer(\(f.width))" : "Real(\(f.width),\(f.decimals))")
                                  : f.type == "L" ? "Logical" : f.type == "D" ? "Date" : "\(f.type)(\(f.width))")
        }
        info = VectorLayerInfo(name: name, geometryType: ShapeFile.typeName(shapes.shapeType), featureCount: shapes.count,
                               fields: fields, crs: crs, crsName: nil,
                               extent: shapes.count == 0 ? nil : BoundingBox(west: shapes.boundsMin.0, south: shapes.boundsMin.1,
                                                                             east: shapes.boundsMax.0, north: shapes.boundsMax.1))
    }

    /// Reads every shape with its attributes, in longitude/latitude.
    /// - Throws: `GeoDataError` for a layer name that is not this file's, an unknown `.prj`, or corrupt records.
    func read(layer: String?) throws(GeoDataError) -> VectorLayer {
        if let layer, layer.lowercased() != name.lowercased() {
            throw GeoDataError(file: path, message: "no layer \"\(layer)\"; a Shapefile has one layer, \(name)")
        }
        var info = self.info
        let conversion: LonLatConversion?
        do {
            conversion = try crs.flatMap { LonLatConversion.isWGS84LonLat($0) ? nil : try LonLatConversion(from: $0) }
        } catch {
            throw GeoDataError(file: path, message: "\(name).prj: \(error)")
        }
        info.crsName = conversion?.sourceName
        var features: [Feature] = []
        features.reserveCapacity(shapes.count)
        var problems: [GeoDataError.Problem] = [], skipped = 0
        var fallback: TextDecoder?   // Windows-1252, for undeclared text that is not UTF-8
        let kind = ShapeFile.kind(shapes.shapeType)
        for k in 0..<shapes.count {
            guard let shape = shapes.shape(k) else {
                problems.append(.init(location: "shape #\(k)", message: "corrupt record: shapelib cannot read it"))
                if problems.count >= 20 { break }
                continue
            }
            guard !shape.parts.isEmpty else { skipped += 1; continue }
            var parts = shape.parts.map { $0.map { GeoPoint(longitude: $0.0, latitude: $0.1) } }
            if let conversion {
                var converted: [[GeoPoint]] = []
                for p in parts {
                    guard let c = conversion.convert(p) else { break }
                    converted.append(c)
                }
                guard converted.count == parts.count else {
                    problems.append(.init(location: "shape #\(k)", message: "a position PROJ cannot convert to longitude/latitude"))
                    continue
                }
                parts = converted
            }
            let geometry: Geometry
            switch kind {
            case .point: geometry = parts[0].count == 1 && ShapeFile.typeName(shape.type).hasPrefix("Point") ? .point(parts[0][0]) : .multiPoint(parts.flatMap { $0 })
            case .line: geometry = parts.count == 1 ? .lineString(parts[0]) : .multiLineString(parts)
            case .polygon:
                let polys = ShapefileRings.polygons(parts)
                guard !polys.isEmpty else { skipped += 1; continue }
                geometry = polys.count == 1 ? .polygon(polys[0]) : .multiPolygon(polys)
            case .unsupported: continue
            }
            var properties: [String: JSONValue] = [:]
            for (f, field) in table.fields.enumerated() {
                if table.isNull(k, f) { properties[field.name] = .null; continue }
                switch field.type {
                case "N", "F": properties[field.name] = .number(table.double(k, f))
                case "L":
                    properties[field.name] = table.withText(k, f) { b in b.first.map { "YyTt".utf8.contains($0) } ?? false } ? .bool(true) : .bool(false)
                default:
                    var text = table.withText(k, f) { decoder.decode($0) }
                    if text == nil && !codePageDeclared {
                        if fallback == nil { fallback = TextDecoder(codePage: "CP1252") }
                        text = table.withText(k, f) { fallback?.decode($0) }
                    }
                    guard let text else {
                        problems.append(.init(location: "record #\(k): \(field.name)", message: "text not valid in code page \(decoder.codePage)"))
                        continue
                    }
                    properties[field.name] = .string(text)
                }
            }
            features.append(Feature(geometry: geometry, properties: properties))
        }
        if !problems.isEmpty { throw GeoDataError(file: path, problems: problems) }
        return VectorLayer(info: info, features: FeatureCollection(features: features), skippedEmpty: skipped)
    }
}
