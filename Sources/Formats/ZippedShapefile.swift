import Foundation
import Geometry
import ZIPFoundation

/// A zip archive of Shapefiles, as OCHA's COD-AB packages come (`mli_adm.zip` holding `mli_admbnda_adm1.shp`
/// and its `.shx`, `.dbf`, `.prj`, `.cpg`). The archive is read with ZIPFoundation; the chosen layer's members
/// are checked (CRC-32) and written to a private temporary directory that is removed after reading, since
/// shapelib reads files.
enum ZippedShapefile {
    static func open(_ path: String) throws(GeoDataError) -> (Archive, [String: Entry]) {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw GeoDataError(file: path, message: "not a readable zip archive (truncated or corrupt: no central directory)")
        }
        var shps: [String: Entry] = [:]
        for e in archive where e.type == .file && e.path.lowercased().hasSuffix(".shp") && !e.path.hasPrefix("__MACOSX/") {
            shps[URL(fileURLWithPath: e.path).deletingPathExtension().lastPathComponent] = e
        }
        return (archive, shps)
    }

    static func choose(_ shps: [String: Entry], _ layer: String?, path: String) throws(GeoDataError) -> (String, Entry) {
        let names = shps.keys.sorted()
        guard !names.isEmpty else { throw GeoDataError(file: path, message: "a zip archive with no Shapefile (.shp) inside") }
        if let layer {
            guard let name = names.first(where: { $0 == layer }) ?? names.first(where: { $0.lowercased() == layer.lowercased() }) else {
                throw GeoDataError(file: path, message: "no layer \"\(layer)\"; its Shapefiles are \(names.joined(separator: ", "))")
            }
            return (name, shps[name]!)
        }
        guard names.count == 1 else {
            throw GeoDataError(file: path, message: "\(names.count) Shapefiles, choose one with \(URL(fileURLWithPath: path).lastPathComponent)#NAME or layer: NAME: \(names.joined(separator: ", "))")
        }
        return (names[0], shps[names[0]]!)
    }

    /// Extracts one layer's members to a fresh temporary directory, runs `body` on the `.shp` there, and removes
    /// the directory whatever happens.
    static func withExtracted<R>(_ path: String, layer: String?, _ body: (String, String) throws(GeoDataError) -> R) throws(GeoDataError) -> R {
        let (archive, shps) = try open(path)
        let (name, shp) = try choose(shps, layer, path: path)
        let stem = String(shp.path.dropLast(4))
        var template = Array((NSTemporaryDirectory() + "/sahelmap-zip-XXXXXX").utf8CString)
        guard let dirPointer = mkdtemp(&template) else { throw GeoDataError(file: path, message: "cannot create a temporary directory") }
        let dir = String(cString: dirPointer)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for e in archive where e.type == .file && e.path.count == stem.count + 4 && e.path.hasPrefix(stem) {
            let ext = String(e.path.suffix(3)).lowercased()
            guard ["shp", "shx", "dbf", "prj", "cpg"].contains(ext) else { continue }
            var data = Data()
            do {
                _ = try archive.extract(e, consumer: { data.append($0) })
            } catch {
                throw GeoDataError(file: path, message: "cannot extract \(e.path): corrupt or truncated archive (\(error))")
            }
            guard FileManager.default.createFile(atPath: "\(dir)/\(name).\(ext)", contents: data) else {
                throw GeoDataError(file: path, message: "cannot write \(e.path) to \(dir)")
            }
        }
        return try body("\(dir)/\(name).shp", "\(path)#\(name)")
    }

    static func read(path: String, layer: String?) throws(GeoDataError) -> VectorLayer {
        try withExtracted(path, layer: layer) { (shp, shown) throws(GeoDataError) in
            try ShapefileReader(path: shp, displayPath: shown).read(layer: nil)
        }
    }

    static func layers(path: String) throws(GeoDataError) -> [VectorLayerInfo] {
        let (_, shps) = try open(path)
        var out: [VectorLayerInfo] = []
        for name in shps.keys.sorted() {
            out.append(try withExtracted(path, layer: name) { (shp, shown) throws(GeoDataError) in
                try ShapefileReader(path: shp, displayPath: shown).info
            })
        }
        return out
    }
}
