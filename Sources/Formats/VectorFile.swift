import Foundation
import Geometry

/// The Formats module: vector files other than SahelMap's own GeoJSON, read into `Geometry`'s types.
///
/// - `VectorFormat.detect(path:)`: the format by magic bytes, then extension; other formats refused in one line
///   with the `ogr2ogr` command that converts them.
/// - `VectorFile.layers(path:)`: each layer's geometry type, feature count, fields, CRS and declared extent.
/// - `VectorFile.read(path:layer:)`: one layer's features in longitude/latitude (PROJ for other CRSs).
/// - `VectorFile.split(_:)`: `admin.gpkg#adm1` → file and layer.
///
/// Inside: `GeoPackageReader` (SQLite; `SQLiteDatabase` owns the `sqlite3*`), `GeoPackageBinary` + `WKB`,
/// `ShapefileReader` (shapelib; `ShapeFile` and `DBFTable` own the handles, `TextDecoder` the `iconv_t`),
/// `ShapefileRings` (holes to shells), `ZippedShapefile` (ZIPFoundation). No C type leaves this module.
///
/// CSV is the Layers module's (events and places); here it is refused with a pointer to `sahelmap events`.
public enum VectorFile {
    /// Splits `admin.gpkg#adm1` into the file and the layer chosen in it.
    public static func split(_ source: String) -> (path: String, layer: String?) {
        guard let hash = source.lastIndex(of: "#"), hash != source.startIndex else { return (source, nil) }
        let layer = String(source[source.index(after: hash)...])
        return (String(source[..<hash]), layer.isEmpty ? nil : layer)
    }

    /// The layers of a file (a GeoJSON file or a Shapefile has one).
    /// - Throws: `GeoDataError` naming the file and what is wrong.
    public static func layers(path: String) throws(GeoDataError) -> [VectorLayerInfo] {
        switch try VectorFormat.detect(path: path) {
        case .geoPackage: return try GeoPackageReader(path: path).layers.map(\.info)
        case .shapefile: return [try ShapefileReader(path: path).info]
        case .zippedShapefile: return try ZippedShapefile.layers(path: path)
        case .geoJSON, .csv: return [try read(path: path, layer: nil).info]
        }
    }

    /// Reads one layer (`layer` nil: the only one) in longitude/latitude.
    /// - Throws: `GeoDataError` naming the file and every problem; for a file with several layers and none
    ///   chosen, the list of layers.
    public static func read(path: String, layer: String?) throws(GeoDataError) -> VectorLayer {
        switch try VectorFormat.detect(path: path) {
        case .geoPackage: return try GeoPackageReader(path: path).read(layer: layer)
        case .shapefile: return try ShapefileReader(path: path).read(layer: layer)
        case .zippedShapefile: return try ZippedShapefile.read(path: path, layer: layer)
        case .csv:
            throw GeoDataError(file: path, message: "a CSV of events or places: give it as a layer source, or summarise it with: sahelmap events \(path)")
        case .geoJSON:
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            if let layer, layer != name {
                throw GeoDataError(file: path, message: "no layer \"\(layer)\"; a GeoJSON file has one layer, \(name)")
            }
            let fc = try GeoJSON.read(contentsOf: path)
            let types = Set(fc.features.compactMap { $0.geometry?.typeName }).sorted()
            let fields = Set(fc.features.flatMap { $0.properties.keys }).sorted().map { VectorLayerInfo.Field(name: $0, type: "JSON") }
            let info = VectorLayerInfo(name: name, geometryType: types.isEmpty ? "none" : types.joined(separator: ", "),
                                       featureCount: fc.features.count, fields: fields, crs: "OGC:CRS84", crsName: "WGS 84 (CRS84)",
                                       extent: BoundingBox(around: fc.features.flatMap { $0.geometry?.allPoints ?? [] }))
            return VectorLayer(info: info, features: fc, skippedEmpty: 0)
        }
    }
}
