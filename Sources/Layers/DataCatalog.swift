import Formats
import Foundation
import Geometry
import Style

/// Where a layer's features come from.
public enum DataSource: Sendable, Hashable {
    /// A dataset shipped in `GeoData/`, by name: `countries`, `regions`, `places`, `water`.
    case builtIn(String)
    /// A GeoJSON file given by the user.
    case geoJSON(path: String)
    /// An ACLED export or a CSV of events with coordinates or place names.
    case csv(path: String)
    /// A GeoPackage, a Shapefile or a zip of Shapefiles (format recognised by content), and the layer chosen in
    /// it (`admin.gpkg#adm1` or `layer: adm1`; nil when the file has one).
    case vector(path: String, layer: String?)
}

/// Finds and loads the datasets shipped in `GeoData/`, and user files.
public struct DataCatalog: Sendable {
    /// The `GeoData` directory.
    public let directory: String

    /// Built-in datasets and the credits each needs on a map (see GeoData/PROVENANCE.md).
    public static let builtIns: [String: [String]] = [
        "countries": ["Natural Earth"],
        "regions": ["Natural Earth"],
        "places": ["GeoNames (CC BY 4.0)"],
        "water": ["Natural Earth", "GSHHG/WDBII rivers (LGPL)"],
        "africa": ["Natural Earth"],
        "bases": ["SahelMap facts: bases (sources per feature)"],
        "massacres": ["SahelMap facts: massacres (sources per feature)"],
        "group_presence": ["SahelMap facts: armed-group presence (analyst codings, sources per feature)"],
        "political_events": ["SahelMap facts: political events"],
    ]

    public init(directory: String) {
        self.directory = directory
    }

    /// The built-in data of `resources`.
    public init(resources: Resources) {
        self.init(directory: resources.geoData)
    }

    /// The file that holds a source.
    public func path(of source: DataSource) throws -> String {
        switch source {
        case .geoJSON(let p), .csv(let p), .vector(let p, _): return p
        case .builtIn(let name):
            guard Self.builtIns[name] != nil else {
                throw GeoDataError(file: directory, message: "unknown built-in dataset \"\(name)\"; expected one of \(Self.builtIns.keys.sorted().joined(separator: ", "))")
            }
            return "\(directory)/\(name).geojson"
        }
    }

    /// Reads a source's features. Place names in a CSV are looked up in `gazetteer`, asked for only when a CSV
    /// has names and no coordinates (a `SourceSet` gives the gazetteer of this catalog's own places).
    /// - Throws: `GeoDataError` naming the file and every problem in it.
    public func load(_ source: DataSource, gazetteer: @escaping () throws -> Gazetteer) throws -> FeatureCollection {
        switch source {
        case .builtIn: return try GeoJSON.read(contentsOf: path(of: source))
        // By content: a GeoJSON file, or a GeoPackage or Shapefile whatever its extension (see VectorFormat).
        case .geoJSON(let p): return try VectorFile.read(path: p, layer: nil).features
        case .vector(let p, let layer): return try VectorFile.read(path: p, layer: layer).features
        case .csv(let p):
            // An ACLED export (either generation) or a CSV of places with coordinates or names to geocode.
            if try ACLEDReader.looksLikeACLED(path: p) { return try ACLEDReader(path: p).features().0 }
            return try PlacesCSVReader(path: p, gazetteer: gazetteer).features().0
        }
    }

    /// The credits a map must carry for a source.
    public func credits(for source: DataSource) -> [String] {
        switch source {
        case .builtIn(let name): return Self.builtIns[name] ?? []
        case .geoJSON(let p), .csv(let p), .vector(let p, _): return ["events and features: " + URL(fileURLWithPath: p).lastPathComponent]
        }
    }
}
