import Foundation
import Geometry

/// The sources of one render: each file read once, however many layers, extents and gazetteer lookups use it,
/// and the gazetteer of *this* catalog's own places. Not shared between renders or threads.
package final class SourceSet {
    package let catalog: DataCatalog
    private var loaded: [DataSource: FeatureCollection] = [:]
    private var places: Gazetteer?
    /// How the map's layers want each of their sources read (bad rows skipped or refused, empty allowed).
    private let options: [DataSource: SourceOptions]
    /// The properties the map reads from each source whose layers all say so (`fields` of `init`); others: all.
    private let fields: [DataSource: Set<String>]
    /// Sources every layer of which bins or counts its features (`aggregate: SIZE` or `regions`).
    private let binnedOnly: Set<DataSource>
    /// Per source read with `fields`, the properties its features would have had and were not given.
    private var leftOut: [DataSource: Set<String>] = [:]
    /// Sources whose layers all bin or count their features, or may (`aggregate: auto`), with the fields binning
    /// reads: read with these first; `features(_:whole:)` reads the rest when a layer draws them one by one.
    private let slimFields: [DataSource: Set<String>]
    /// Sources read so far with their slim fields only.
    private var readSlim: Set<DataSource> = []
    /// What reading the sources left out, in the order the sources were read.
    package private(set) var warnings: [MapWarning] = []
    /// Built-in files parsed ahead by `read(_:)`, each taken (or its error thrown) when `features(_:)` asks for it.
    private var readAhead: [DataSource: Result<Read, any Error>] = [:]
    private typealias Read = (features: FeatureCollection, rows: Int, warnings: [MapWarning], leftOut: Set<String>)

    /// How one source is read: a layer's `bad-rows` and `allow-empty`.
    package struct SourceOptions: Sendable, Equatable {
        package var badRows: BadRowPolicy = .skip
        package var allowEmpty = false
        package init(badRows: BadRowPolicy = .skip, allowEmpty: Bool = false) {
            self.badRows = badRows
            self.allowEmpty = allowEmpty
        }
    }

    /// - Parameter fields: The properties drawing a layer reads from its features, nil when that cannot be known.
    ///   A source is read with only the union of its layers' fields (where the reader can leave properties out:
    ///   ACLED exports), unless one of its layers gives nil. By default, every property is read.
    /// - Parameter binnedFields: The fields a layer reads if it bins its features (for `aggregate: auto`).
    package init(catalog: DataCatalog, layers: [Layer] = [], fields: (Layer) -> Set<String>? = { _ in nil },
                 binnedFields: (Layer) -> Set<String>? = { _ in nil }) {
        self.catalog = catalog
        var options: [DataSource: SourceOptions] = [:]
        var needed: [DataSource: Set<String>?] = [:]
        for l in layers {
            let f = fields(l)
            if let known = needed[l.source] { needed[l.source] = known.flatMap { a in f.map { a.union($0) } } } else { needed[l.source] = f }
            var o = options[l.source] ?? SourceOptions(badRows: .skip, allowEmpty: true)
            if l.badRows == .refuse { o.badRows = .refuse }
            o.allowEmpty = o.allowEmpty && l.allowEmpty
            options[l.source] = o
        }
        self.options = options
        self.fields = needed.compactMapValues { $0 }
        binnedOnly = Set(layers.map(\.source)).filter { source in
            layers.allSatisfy { l in
                guard l.source == source else { return true }
                switch l.aggregation {
                case .hexagons, .regions: return true
                case .none, .auto: return false
                }
            }
        }
        var slim: [DataSource: Set<String>] = [:]
        for source in Set(layers.map(\.source)) where self.fields[source] != nil {
            let mine = layers.filter { $0.source == source }
            guard mine.contains(where: { if case .auto = $0.aggregation { return true }; return false }),
                  !mine.contains(where: { $0.aggregation == .none }) else { continue }
            var union = Set<String>()
            var known = true
            for l in mine { if let f = binnedFields(l) { union.formUnion(f) } else { known = false } }
            if known { slim[source] = union }
        }
        slimFields = slim
    }

    /// Whether `source` was read with only the fields binning uses (see `features(_:whole:)`).
    package func isSlim(_ source: DataSource) -> Bool { readSlim.contains(source) }

    /// The properties a source's features would have had, read whole, and were left out because no layer reads
    /// them (for suggestions such as "did you mean {location}?"); empty for a source read whole.
    package func propertiesLeftOut(_ source: DataSource) -> Set<String> { leftOut[source] ?? [] }

    /// Reads the features of `sources`, as `features(_:)` would one after the other, in that order: the same
    /// collections, warnings and first error. The built-in files among them are parsed at once, on every core
    /// (each parse is alone with its file); the rest are read in turn.
    /// - Parameter later: Built-in sources that may be asked for afterwards (the countries and regions a map's
    ///   focus names): parsed alongside, and taken, or their error thrown, only if `features(_:)` asks for them.
    package func read(_ sources: [DataSource], later: [DataSource] = []) throws {
        var seen = Set<DataSource>()
        let ahead = (sources + later).filter { source in
            guard loaded[source] == nil, seen.insert(source).inserted, case .builtIn(let name) = source else { return false }
            return name != DataCatalog.notAssessed && !(name == "regions" && catalog.regions != nil)
        }
        if ahead.count > 1 {
            let catalog = catalog
            let jobs = ahead.map { ($0, options[$0]?.badRows ?? .skip) }
            let done = concurrentMap(jobs.count) { k in
                Result<Read, any Error> {
                    try catalog.loadReporting(jobs[k].0, policy: jobs[k].1, gazetteer: {
                        throw GeoDataError(file: "", message: "a built-in source looked up a place name")   // never: only CSVs do
                    })
                }
            }
            for (job, r) in zip(jobs, done) { readAhead[job.0] = r }
        }
        for source in sources { _ = try features(source) }
    }

    /// The features of a source, read the first time they are asked for. A user file (CSV or GeoJSON) that a
    /// layer reads must hold features unless that layer says `allow-empty: true`.
    /// - Throws: `GeoDataError` naming the file and every problem in it, or that it holds nothing.
    /// - Parameter whole: Every field the map's layers read, even for a source first read slim for binning: it is
    ///   read again (the same rows, in the same order; its warnings are not repeated).
    package func features(_ source: DataSource, whole: Bool = false) throws -> FeatureCollection {
        if let known = loaded[source], !(whole && readSlim.contains(source)) { return known }
        let again = loaded[source] != nil
        let slim = !whole && !again ? slimFields[source] : nil
        if source == .builtIn(DataCatalog.notAssessed) {
            let made = try notAssessedRegions()
            loaded[source] = made
            return made
        }
        let o = options[source] ?? SourceOptions()
        switch source {
        // Read whole, about 6 times the file (measured); an ACLED export read with only the few fields cells and
        // region counts use takes less: a million events (213 MiB) peak at 252 MB in all, and 1.5 leaves a margin.
        case .csv(let p):
            let few = fields[source] != nil && (binnedOnly.contains(source) || slim != nil) && (try? ACLEDReader.looksLikeACLED(path: p)) == true
            try Limits.checkRoom(forReading: p, factor: few ? 1.5 : 6)
        case .geoJSON(let p): try Limits.checkRoom(forReading: p, factor: 5)
        default: break
        }
        let read = try readAhead.removeValue(forKey: source)?.get()
            ?? catalog.loadReporting(source, policy: o.badRows, fields: slim ?? fields[source],
                                     gazetteer: { [unowned self] in try self.gazetteer() })
        if read.features.features.isEmpty, options[source] != nil, !o.allowEmpty {
            switch source {
            case .builtIn: break
            case .csv(let p) where read.rows == 0:
                throw GeoDataError(file: p, location: "2", message:
                    "expected rows after the header, found none (an empty export?); refused: set allow-empty: true on the layer to draw it empty")
            case .csv(let p):
                throw GeoDataError(file: p, message: "none of its \(read.rows) rows could be used (" +
                    (read.warnings.first.map { "first: \($0.line.map { "line \($0): " } ?? "")\($0.message)" } ?? "") +
                    "); refused: set allow-empty: true on the layer to draw it empty")
            case .geoJSON(let p), .vector(let p, _):
                throw GeoDataError(file: p, message: "expected features, found none; refused: set allow-empty: true on the layer to draw it empty")
            }
        }
        if !again { warnings += read.warnings }
        loaded[source] = read.features
        leftOut[source] = read.leftOut.isEmpty ? nil : read.leftOut
        if slim != nil { readSlim.insert(source) } else { readSlim.remove(source) }
        return read.features
    }

    /// The built-in regions that no presence row codes, for any group: drawn and named "not assessed", never
    /// left blank as if nothing were there. Each keeps the region's properties, plus `assessed: false`.
    private func notAssessedRegions() throws -> FeatureCollection {
        var coded = Set<String>()
        for f in try features(.builtIn("group_presence")).features {
            if case .array(let ids)? = f.properties["region_ids"] { coded.formUnion(ids.compactMap(\.stringValue)) }
        }
        var out = try features(.builtIn("regions"))
        out.features = out.features.filter { !coded.contains($0.id ?? "") }.map { f in
            var f = f
            f.properties["assessed"] = .bool(false)
            return f
        }
        return out
    }

    /// The gazetteer for place names: the catalog's `gazetteer.tsv` (GeoNames places with alternate names, and the
    /// sourced tables' places) when it has one, then its `places.geojson` places not in it, the built-in countries
    /// for country names, and the catalog's aliases first.
    /// - Throws: `GeoDataError` for an unreadable gazetteer, or aliases naming no known place or several.
    package func gazetteer() throws -> Gazetteer {
        if let places { return places }
        var list: [Gazetteer.Place] = [], alternates: [[String]] = []
        if FileManager.default.fileExists(atPath: catalog.gazetteerPath) {
            (list, alternates) = try Gazetteer.readTSV(path: catalog.gazetteerPath)
        }
        let known = Set(list.compactMap(\.id))
        list += Gazetteer.places(in: try features(.builtIn("places"))).filter { $0.id.map { !known.contains($0) } ?? true }
        var made = Gazetteer(places: list, alternates: alternates, countries: try features(.builtIn("countries")))
        if !catalog.aliases.isEmpty { made = try made.adding(aliases: catalog.aliases) }
        places = made
        return made
    }

    /// Whether a place name was looked up in the gazetteer (the map then credits GeoNames).
    package var usedGazetteer: Bool { places != nil }

    /// The countries and regions (the built-in ones, or the spec's own `regions:`) with `name` as their name, ISO
    /// code or id. Case and accents do not matter: "tillaberi" finds Tillabéri.
    /// - Throws: `ExtentError` when nothing has that name (with the closest names), `GeoDataError` when the data
    ///   cannot be read.
    package func places(named name: String) throws -> [Feature] {
        let countries = try features(.builtIn("countries")).features
        let regions = try features(.builtIn("regions")).features
        let key = Self.fold(name)
        let matches = (countries + regions).filter { f in
            ["name", "iso_a3", "iso_a2", "id"].contains { f.string($0).map(Self.fold) == key } || f.id.map(Self.fold) == key
        }
        guard matches.isEmpty else { return matches }
        let target = Array(key), budget = max(2, target.count / 3)
        var scored: [(name: String, distance: Int)] = []
        for f in countries + regions {
            guard let n = f.string("name"), let d = EditDistance.within(budget, Array(Self.fold(n)), target) else { continue }
            if !scored.contains(where: { $0.name == n }) { scored.append((n, d)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        let near = scored.prefix(5).map(\.name)
        let what = catalog.regions.map { "no country or region of \($0.displayName) named" } ?? "no country or region named"
        throw ExtentError(message: "\(what) \"\(name)\"" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"))
    }

    /// The points in longitude and latitude that an extent must show: a box's edges, densified (a straight box
    /// in degrees is curved once projected), or every vertex of the countries and regions named.
    package func extentPoints(_ extent: Extent) throws -> [GeoPoint] {
        switch extent {
        case .bbox(let b):
            guard b.west < b.east, b.south < b.north, b.south >= -90, b.north <= 90 else {
                throw ExtentError(message: "expected west < east and south < north within ±90°, found \(b.west),\(b.south),\(b.east),\(b.north)")
            }
            var geo: [GeoPoint] = []
            for k in 0...32 {
                let f = Double(k) / 32
                let lon = b.west + (b.east - b.west) * f, lat = b.south + (b.north - b.south) * f
                geo += [GeoPoint(longitude: lon, latitude: b.south), GeoPoint(longitude: lon, latitude: b.north),
                        GeoPoint(longitude: b.west, latitude: lat), GeoPoint(longitude: b.east, latitude: lat)]
            }
            return geo
        case .features(let names):
            return try names.flatMap { try places(named: $0).flatMap { $0.geometry?.allPoints ?? [] } }
        }
    }

    package static func fold(_ s: String) -> String { s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
}

/// An extent that names nothing known, or a box that is not one.
public struct ExtentError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    package init(message: String) { self.message = message }
    public var description: String { "extent: \(message)" }
}
