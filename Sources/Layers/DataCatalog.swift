import Formats
import Foundation
import Geometry
import Style

/// Where a layer's features come from.
public enum DataSource: Sendable, Hashable {
    /// A dataset shipped in `GeoData/`, by name: `countries`, `regions`, `boundary_lines`, `places`, `water`.
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
    /// A spec's own boundaries (`regions:`): when set, they are the `regions` dataset for everything that reads it.
    public var regions: UserRegions?
    /// A spec's place aliases (`aliases:`), looked up before the gazetteer.
    public var aliases: [PlaceAlias] = []

    /// Built-in datasets and the credits each needs on a map (see GeoData/PROVENANCE.md).
    public static let builtIns: [String: [String]] = [
        "countries": ["Natural Earth"],
        "regions": ["admin-1: Natural Earth v4.1 (Mali before 2016, Burkina Faso before 2025)"],
        "boundary_lines": ["Natural Earth", "admin-1: Natural Earth v4.1 (Mali before 2016, Burkina Faso before 2025)"],
        "places": ["GeoNames (CC BY 4.0)"],
        "water": ["Natural Earth", "GSHHG/WDBII rivers (LGPL)"],
        "africa": ["Natural Earth"],
        "bases": ["SahelMap facts: bases (sources per feature)"],
        "massacres": ["SahelMap facts: massacres (sources per feature)"],
        "group_presence": ["SahelMap facts: armed-group presence (analyst codings, sources per feature)"],
        "political_events": ["SahelMap facts: political events"],
        "new_regions": ["ISO 3166-2 via iso3166-2 (newer first-level units, points only)"],
        // Derived when read (SourceSet): the regions no presence row codes.
        notAssessed: ["admin-1: Natural Earth v4.1 (Mali before 2016, Burkina Faso before 2025)",
                      "SahelMap facts: armed-group presence (analyst codings, sources per feature)"],
    ]

    /// The built-in source of the first-level regions that no row of `group_presence` codes for any group:
    /// "not assessed", which is neither none nor unknown. Made from `regions` and `group_presence` when read.
    public static let notAssessed = "presence_not_assessed"

    public init(directory: String) {
        self.directory = directory
    }

    /// The built-in data of `resources`.
    public init(resources: Resources) {
        self.init(directory: resources.geoData)
    }

    /// The built-in data of `resources`, with a spec's own regions and aliases.
    public init(resources: Resources, spec: MapSpec) {
        self.init(directory: resources.geoData)
        regions = spec.regions
        aliases = spec.aliases
    }

    /// The gazetteer for geocoding (`GeoData/gazetteer.tsv`; see `SourceSet.gazetteer()`).
    public var gazetteerPath: String { directory + "/gazetteer.tsv" }

    /// The file that holds a source.
    public func path(of source: DataSource) throws -> String {
        switch source {
        case .geoJSON(let p), .csv(let p), .vector(let p, _): return p
        case .builtIn("regions") where regions != nil: return regions!.path
        case .builtIn(let name):
            guard Self.builtIns[name] != nil else {
                throw GeoDataError(file: directory, message: "unknown built-in dataset \"\(name)\"; expected one of \(Self.builtIns.keys.sorted().joined(separator: ", "))")
            }
            // The derived source changes when the presence table does.
            return "\(directory)/\(name == Self.notAssessed ? "group_presence" : name).geojson"
        }
    }

    /// Reads a source's features. Place names in a CSV are looked up in `gazetteer`, asked for only when a CSV
    /// has names and no coordinates (a `SourceSet` gives the gazetteer of this catalog's own places).
    /// - Throws: `GeoDataError` naming the file and every problem in it.
    public func load(_ source: DataSource, gazetteer: @escaping () throws -> Gazetteer) throws -> FeatureCollection {
        try loadReporting(source, policy: .skip, gazetteer: gazetteer).features
    }

    /// Reads a source's features with the rows it skipped, the names it could not place, as warnings.
    /// A CSV that looks truncated (ends inside a quoted field, last row short) is refused whatever the policy.
    /// - Parameter fields: The properties the map reads; an ACLED export then keeps only those (`leftOut` names
    ///   the others a feature had), with the same rows read, kept and skipped. Nil, or another source: all.
    /// - Throws: as `load(_:gazetteer:)`; with `.refuse`, on the first bad row or unplaced name (all listed).
    package func loadReporting(_ source: DataSource, policy: BadRowPolicy, fields: Set<String>? = nil,
                               gazetteer: @escaping () throws -> Gazetteer)
        throws -> (features: FeatureCollection, rows: Int, warnings: [MapWarning], leftOut: Set<String>) {
        switch source {
        case .builtIn("regions") where regions != nil:
            let fc = try regions!.read()
            return (fc, fc.features.count, [], [])
        case .builtIn:
            let fc = try GeoJSON.read(contentsOf: path(of: source))
            return (fc, fc.features.count, [], [])
        // By content: a GeoJSON file, or a GeoPackage or Shapefile whatever its extension (see VectorFormat).
        case .geoJSON(let p):
            let fc = try VectorFile.read(path: p, layer: nil).features
            return (fc, fc.features.count, [], [])
        case .vector(let p, let layer):
            let fc = try VectorFile.read(path: p, layer: layer).features
            return (fc, fc.features.count, [], [])
        case .csv(let p):
            // An ACLED export (either generation) or a CSV of places with coordinates or names to geocode.
            var warnings: [MapWarning] = []
            func bad(_ rows: [BadRow], count: Int) {
                warnings += rows.map { MapWarning(kind: .badRow, file: p, line: $0.line, message: "row skipped: \($0.message)") }
                if count > rows.count {
                    warnings.append(MapWarning(kind: .badRow, file: p, message: "\(count - rows.count) more bad rows skipped"))
                }
            }
            if try ACLEDReader.looksLikeACLED(path: p) {
                var reader = ACLEDReader(path: p, policy: policy)
                reader.keeping = fields
                let (fc, summary, leftOut) = try reader.featuresKept()
                bad(summary.badRows, count: summary.badRowCount)
                return (fc, summary.rowsRead, warnings, leftOut)
            }
            let (fc, summary) = try PlacesCSVReader(path: p, policy: policy, gazetteer: gazetteer).features()
            bad(summary.badRows, count: summary.badRowCount)
            for u in summary.unmatched {
                warnings.append(MapWarning(kind: .unmatchedPlace, file: p, line: u.line, message:
                    "no known place named \"\(u.name)\"" + (u.country.map { " in \($0)" } ?? "")
                    + (u.suggestions.isEmpty ? "; nothing close in the gazetteer" : "; closest: " + u.suggestions.map(\.label).joined(separator: ", "))
                    + "; row left out"))
            }
            for a in summary.ambiguous {
                let list = a.candidates.map(\.label).joined(separator: ", ")
                warnings.append(MapWarning(kind: .ambiguousPlace, file: p, line: a.line, message:
                    "\"\(a.name)\" names \(a.candidates.count) places: \(list); add a country column to choose; row left out"))
            }
            return (fc, summary.rowsRead, warnings, [])
        }
    }

    /// How the render report names a source: `built-in:countries`, a path, `admin.gpkg#adm1`.
    public func describe(_ source: DataSource) -> String {
        switch source {
        case .builtIn("regions") where regions != nil: return regions!.path + (regions!.layer.map { "#\($0)" } ?? "")
        case .builtIn(let n): return "built-in:\(n)"
        case .geoJSON(let p), .csv(let p): return p
        case .vector(let p, let layer): return layer.map { "\(p)#\($0)" } ?? p
        }
    }

    /// The credits a map must carry for a source.
    public func credits(for source: DataSource) -> [String] {
        switch source {
        case .builtIn("regions") where regions != nil: return ["regions: " + regions!.displayName]
        case .builtIn(let name): return Self.builtIns[name] ?? []
        case .geoJSON(let p), .csv(let p), .vector(let p, _): return ["events and features: " + URL(fileURLWithPath: p).lastPathComponent]
        }
    }
}
