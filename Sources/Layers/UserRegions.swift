import Foundation
import Formats
import Geometry

/// A map spec's own first-level (or any level) boundaries, `regions: { source: cod-ab/bfa_adm2.shp, id: ADM2_PCODE,
/// name: ADM2_FR }`: a GeoPackage, Shapefile, zip or GeoJSON layer that replaces the built-in regions everywhere
/// a map uses them — the `regions` layer, `--extent` names, `aggregate: regions` counts and every inside-a-region
/// test — and that the map's credits name.
public struct UserRegions: Sendable, Hashable {
    /// The file, and the layer in it (`#layer` or `layer:`; nil when it has one).
    public var path: String
    public var layer: String?
    /// The attribute holding each region's unique id (a P-code), and the one holding its name.
    public var idField: String
    public var nameField: String

    public init(path: String, layer: String? = nil, idField: String, nameField: String) {
        self.path = path
        self.layer = layer
        self.idField = idField
        self.nameField = nameField
    }

    /// `bfa_adm2.shp` or `admin.gpkg#adm2`, as the credits and the report name it.
    public var displayName: String {
        URL(fileURLWithPath: path).lastPathComponent + (layer.map { "#\($0)" } ?? "")
    }

    /// The file and the sidecar files a Shapefile reads (.shx, .dbf, .prj, .cpg) that exist, for content hashes.
    public var files: [String] {
        let base = (path as NSString).deletingPathExtension
        let sidecars = path.lowercased().hasSuffix(".shp") ? ["shx", "dbf", "prj", "cpg"].map { base + "." + $0 } : []
        return [path] + sidecars.filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// The regions as features with the built-in regions' shape: `id` (also the feature id) and `name` from the
    /// chosen fields, the file's other attributes kept.
    /// - Throws: `GeoDataError` naming the file: a field it does not have (with the fields it has), and every
    ///   feature with no id or name, a repeated id, or a shape that is not a polygon.
    public func read() throws -> FeatureCollection {
        let read = try VectorFile.read(path: path, layer: layer)
        let file = displayName
        let fields = Set(read.features.features.flatMap { $0.properties.keys })
        var problems: [GeoDataError.Problem] = []
        for (what, field) in [("id", idField), ("name", nameField)] where !fields.contains(field) {
            let known = fields.sorted()
            let near = known.filter { EditDistance.within(2, Array($0.lowercased()), Array(field.lowercased())) != nil }
            problems.append(.init(location: "regions", message: "\(what): no field \"\(field)\"" +
                (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?") + "; its fields are \(known.joined(separator: ", "))"))
        }
        if !problems.isEmpty { throw GeoDataError(file: file, problems: problems) }
        var out: [Feature] = [], firstOf: [String: Int] = [:], omitted = 0
        func problem(_ k: Int, _ message: String) {
            if problems.count < 50 { problems.append(.init(location: "feature #\(k + 1)", message: message)) } else { omitted += 1 }
        }
        for (k, f) in read.features.features.enumerated() {
            let id = Self.text(f.properties[idField]), name = Self.text(f.properties[nameField])
            guard let id, !id.isEmpty else { problem(k, "\(idField): expected a region id, found none"); continue }
            guard let name, !name.isEmpty else { problem(k, "(\(idField) \"\(id)\") \(nameField): expected a name, found none"); continue }
            if let first = firstOf[id] {
                problem(k, "\(idField) \"\(id)\" is also the id of feature #\(first + 1); region ids must be unique")
                continue
            }
            guard let g = f.geometry, !g.polygons.isEmpty else {
                problem(k, "(\(idField) \"\(id)\"): expected a Polygon or MultiPolygon, found \(f.geometry?.typeName ?? "no geometry")")
                continue
            }
            firstOf[id] = k
            var props = f.properties
            props["id"] = .string(id)
            props["name"] = .string(name)
            out.append(Feature(id: id, geometry: g, properties: props))
        }
        if !problems.isEmpty { throw GeoDataError(file: file, problems: problems, omitted: omitted) }
        if out.isEmpty { throw GeoDataError(file: file, message: "regions: expected polygons, found no features") }
        return FeatureCollection(features: out)
    }

    /// A string or a number (integral numbers without a decimal point) as text.
    static func text(_ v: JSONValue?) -> String? {
        switch v {
        case .string(let s)?: return s.trimmingCharacters(in: .whitespaces)
        case .number(let n)?: return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        default: return nil
        }
    }
}
