import ArgumentParser
import Formats
import Foundation
import Geometry

struct LayersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layers",
        abstract: "List a data file's layers: geometry type, feature count, fields with types, CRS and extent.")

    @Argument(help: ArgumentHelp("A GeoPackage, Shapefile, zip of Shapefiles or GeoJSON file.", valueName: "file"))
    var file: String

    func run() throws {
        let (path, only) = VectorFile.split(file)
        let layers = try VectorFile.layers(path: path).filter { only == nil || $0.name == only }
        if let only, layers.isEmpty { throw GeoDataError(file: path, message: "no layer \"\(only)\"") }
        let format = try VectorFormat.detect(path: path)
        print("\(path): \(format.rawValue), \(layers.count) layer\(layers.count == 1 ? "" : "s")")
        for l in layers {
            print("")
            print("\(l.name): \(l.featureCount) feature\(l.featureCount == 1 ? "" : "s"), \(l.geometryType)")
            print("  crs: \(Self.describe(crs: l.crs))")
            if let e = l.extent {
                print("  extent: \(Self.number(e.west)), \(Self.number(e.south)), \(Self.number(e.east)), \(Self.number(e.north)) (west, south, east, north in the layer's CRS)")
            }
            print("  fields (\(l.fields.count)): " + l.fields.map { "\($0.name) \($0.type)" }.joined(separator: ", "))
        }
    }

    static func describe(crs: String?) -> String {
        guard let crs else { return "none given (read as longitude/latitude)" }
        guard crs.count > 40 else { return crs }
        let name = crs.split(separator: "\"").dropFirst().first.map(String.init) ?? String(crs.prefix(40))
        return "\(name) (WKT)"
    }

    static func number(_ v: Double) -> String { String(format: "%.6g", v) }
}
