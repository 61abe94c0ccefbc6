import Foundation
import Geometry

/// The formats SahelMap reads, recognised by content (magic bytes) first and the extension second.
public enum VectorFormat: String, Sendable, Equatable {
    case geoJSON = "GeoJSON", csv = "CSV", geoPackage = "GeoPackage", shapefile = "Shapefile"
    case zippedShapefile = "zipped Shapefile"

    /// Recognises `path`'s format.
    /// - Throws: `GeoDataError` for a missing file, or a format SahelMap does not read, with the `ogr2ogr`
    ///   command that converts it: `admin.kml: KML is not supported; convert it with: ogr2ogr -f GPKG admin.gpkg admin.kml`.
    public static func detect(path: String) throws(GeoDataError) -> VectorFormat {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw GeoDataError(file: path, message: "cannot read: no such file")
        }
        if isDir.boolValue {
            if ext == "gdb" { throw refusal(path, "an Esri file geodatabase (.gdb)") }
            throw GeoDataError(file: path, message: "cannot read: is a directory")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw GeoDataError(file: path, message: "cannot read: permission denied") }
        let head = [UInt8]((try? handle.read(upToCount: 512)) ?? Data())
        try? handle.close()
        func starts(_ magic: [UInt8]) -> Bool { head.starts(with: magic) }

        if starts(Array("SQLite format 3\0".utf8)) { return .geoPackage }
        if starts([0x00, 0x00, 0x27, 0x0A]) { return .shapefile }   // file code 9994, big-endian
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) {
            if ext == "kmz" { throw refusal(path, "KMZ") }
            if ext == "xlsx" { throw refusal(path, "an Excel workbook (.xlsx)", convert: "save the sheet as CSV") }
            return .zippedShapefile
        }
        if starts(Array("fgb".utf8)) { throw refusal(path, "FlatGeobuf") }
        if starts(Array("PAR1".utf8)) { throw refusal(path, "(Geo)Parquet") }
        if ext == "shp" || ext == "zip" {
            throw GeoDataError(file: path, message: head.isEmpty ? "an empty file, not a \(ext == "zip" ? "zip archive" : "Shapefile")"
                               : "not a \(ext == "zip" ? "zip archive (no PK signature)" : "Shapefile (no file code 9994 at the start)")")
        }
        if ext == "gpkg" { throw GeoDataError(file: path, message: "not a GeoPackage: no SQLite header") }
        if ["shx", "dbf", "prj", "cpg"].contains(ext) {
            let shp = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".shp"
            throw GeoDataError(file: path, message: "one part of a Shapefile; give the .shp (\(shp)) or a zip of all its files")
        }

        // Text formats: skip a UTF-8 byte-order mark and white space.
        var text = head[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        let trimmed = text.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let prefix = String(decoding: trimmed.prefix(400), as: UTF8.self).lowercased()
        if prefix.hasPrefix("<") {
            if prefix.contains("<kml") || ext == "kml" { throw refusal(path, "KML") }
            if prefix.contains("<gpx") || ext == "gpx" { throw refusal(path, "GPX") }
            if prefix.contains("gml") || ext == "gml" { throw refusal(path, "GML") }
            throw refusal(path, "XML")
        }
        let byName: [String: String] = ["kml": "KML", "gml": "GML", "gpx": "GPX", "fgb": "FlatGeobuf", "tab": "MapInfo TAB",
                                        "mif": "MapInfo MIF", "dxf": "DXF", "parquet": "(Geo)Parquet", "osm": "OpenStreetMap XML",
                                        "pbf": "OpenStreetMap PBF", "topojson": "TopoJSON", "gdb": "an Esri file geodatabase"]
        if let name = byName[ext] { throw refusal(path, name) }
        if trimmed.first == UInt8(ascii: "{") || trimmed.first == UInt8(ascii: "[") {
            if prefix.contains("\"topology\"") { throw refusal(path, "TopoJSON") }
            return .geoJSON
        }
        if ["csv", "tsv", "txt"].contains(ext) { return .csv }
        if ["geojson", "json"].contains(ext) { return .geoJSON }   // lets the GeoJSON reader say what is wrong
        let isText = !head.isEmpty && head.allSatisfy { $0 >= 0x09 && $0 != 0x7F && ($0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) || $0 >= 0x80 }
        let start = head.prefix(4).map { String(format: "%02x", $0) }.joined(separator: " ")
        throw GeoDataError(file: path, message: head.isEmpty ? "an empty file"
                           : "unrecognised format (\(isText ? "text" : "binary, starting with bytes \(start)")); SahelMap reads GeoJSON, CSV, GeoPackage (.gpkg) and Shapefile (.shp, or a .zip of one)")
    }

    static func refusal(_ path: String, _ name: String, convert: String? = nil) -> GeoDataError {
        let out = URL(fileURLWithPath: path).deletingPathExtension().path + ".gpkg"
        let outName = path.contains("/") ? out : URL(fileURLWithPath: out).lastPathComponent
        let how = convert ?? "convert it with: ogr2ogr -f GPKG \(outName) \(path)"
        return GeoDataError(file: path, message: "\(name) is not supported; \(how)")
    }
}
