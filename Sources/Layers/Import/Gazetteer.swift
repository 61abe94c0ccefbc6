import Geometry

/// Looks up place names: GeoNames places with their alternate names (`GeoData/gazetteer.tsv`, see
/// `Gazetteer+TSV.swift`), the places of `GeoData/places.geojson`, and a user's aliases.
///
/// Names match ignoring case, accents, apostrophes, hyphens and spaces (`PlaceNameKey`), by a place's name or any
/// of its alternate names ("Tombouctou" finds Timbuktu). When several places have the name, in order: a country
/// (ISO 3166-1 alpha-3 or, with country features, a name) keeps that country's only, and an unknown one matches
/// nothing; an admin-1 hint keeps the places in that first-level region when any is; a place whose own name it is
/// beats places that have it only as an alternate name; and a place of at least 1,000 people with ten times the
/// population of every other candidate is taken. Otherwise the name is ambiguous. An alias (`aliases:` in a spec)
/// is looked up before all that.
public struct Gazetteer: Sendable {
    /// A known place.
    public struct Place: Sendable, Equatable, Codable {
        public var id: String?
        public var name: String
        /// ISO 3166-1 alpha-3, as in `places.geojson`'s `country` property.
        public var country: String
        public var latitude: Double
        public var longitude: Double
        /// The first-level region holding it (a built-in region's name), when known.
        public var admin1: String?
        public var population: Int?
        /// 1: the coordinates are the place's; 2: a point near it (`source` says which).
        public var precision: Int
        /// Where the place comes from when not from GeoNames (a sourced table's row).
        public var source: String?

        public init(id: String?, name: String, country: String, latitude: Double, longitude: Double,
                    admin1: String? = nil, population: Int? = nil, precision: Int = 1, source: String? = nil) {
            self.id = id
            self.name = name
            self.country = country
            self.latitude = latitude
            self.longitude = longitude
            self.admin1 = admin1
            self.population = population
            self.precision = precision
            self.source = source
        }

        /// `Gao (MLI, Gao)`, or `Testville (MLI)` without a region.
        public var label: String { "\(name) (\(country)\(admin1.map { ", \($0)" } ?? ""))" }
    }

    /// The outcome of a lookup.
    public enum Match: Sendable, Equatable {
        case found(Place)
        /// Several places have the name: the candidates, in the gazetteer's order.
        case ambiguous([Place])
        case notFound
    }

    /// A name a place has: its own or an alternate one.
    struct Entry: Sendable {
        var place: Int
        var own: Bool
    }

    private(set) var places: [Place] = []
    private var byKey: [String: [Entry]] = [:]
    private var aliasByKey: [String: Int] = [:]
    /// Every key as scalars with its entries, made once, for `suggestions(for:country:limit:)`: all of them under
    /// "", and each country's own under its code (Mali's few hundred, not all 25,000).
    private var keyScalars: [String: [(scalars: [Unicode.Scalar], entries: [Entry])]] = [:]
    private var countryCodes: [String: String] = [:]   // name key or code key → alpha-3

    /// - Parameters:
    ///   - places: point features with `name` and `country` (alpha-3) properties; others are ignored.
    ///   - countries: optional country features with `name` and `iso_a3`, so a CSV may write "Mali" for MLI.
    public init(places: FeatureCollection, countries: FeatureCollection? = nil) {
        self.init(places: Self.places(in: places), countries: countries)
    }

    /// Places, each with its alternate names (`alternates[k]` for `places[k]`, or none).
    public init(places: [Place], alternates: [[String]] = [], countries: FeatureCollection? = nil) {
        for (k, place) in places.enumerated() {
            add(place, alternates: k < alternates.count ? alternates[k] : [])
        }
        for f in countries?.features ?? [] {
            guard let iso = f.string("iso_a3") ?? f.string("ISO_A3") else { continue }
            countryCodes[PlaceNameKey.make(iso)] = iso
            if let n = f.string("name") ?? f.string("NAME") { countryCodes[PlaceNameKey.make(n)] = iso }
        }
        for (key, entries) in byKey.sorted(by: { $0.key < $1.key }) {
            let scalars = Array(key.unicodeScalars)
            keyScalars["", default: []].append((scalars, entries))
            for country in Set(entries.map { places[$0.place].country }) {
                keyScalars[country, default: []].append((scalars, entries.filter { places[$0.place].country == country }))
            }
        }
    }

    /// The point features of a collection that have a name, as places.
    static func places(in collection: FeatureCollection) -> [Place] {
        collection.features.compactMap { f in
            guard let name = f.string("name"), case .point(let p)? = f.geometry else { return nil }
            return Place(id: f.id, name: name, country: f.string("country") ?? "", latitude: p.latitude, longitude: p.longitude)
        }
    }

    private mutating func add(_ place: Place, alternates: [String]) {
        let k = places.count
        places.append(place)
        let own = PlaceNameKey.make(place.name)
        byKey[own, default: []].append(Entry(place: k, own: true))
        for a in alternates {
            let key = PlaceNameKey.make(a)
            guard !key.isEmpty, key != own, !(byKey[key]?.contains { $0.place == k } ?? false) else { continue }
            byKey[key, default: []].append(Entry(place: k, own: false))
        }
        if !place.country.isEmpty { countryCodes[PlaceNameKey.make(place.country)] = place.country }
    }

    /// The alpha-3 code for a country code or name, or nil when unknown.
    public func countryCode(_ country: String) -> String? { countryCodes[PlaceNameKey.make(country)] }

    /// Finds `name`, within `country` when given (an unknown country matches nothing), preferring places in the
    /// first-level region `admin1` when several match.
    public func lookup(_ name: String, country: String? = nil, admin1: String? = nil) -> Match {
        let key = PlaceNameKey.make(name)
        let code = country.flatMap { $0.trimmingBlanks().isEmpty ? nil : countryCode($0) ?? "?" }
        if let i = aliasByKey[key], code == nil || places[i].country == code { return .found(places[i]) }
        var seen = Set<Int>()
        var candidates = (byKey[key] ?? []).filter { seen.insert($0.place).inserted }
        if let code { candidates = candidates.filter { places[$0.place].country == code } }
        if candidates.count > 1, let admin1, !admin1.trimmingBlanks().isEmpty {
            let hint = PlaceNameKey.make(admin1)
            let inRegion = candidates.filter { places[$0.place].admin1.map(PlaceNameKey.make) == hint }
            if !inRegion.isEmpty { candidates = inRegion }
        }
        if candidates.count > 1, candidates.contains(where: \.own) { candidates = candidates.filter(\.own) }
        if candidates.count > 1 {
            let byPopulation = candidates.sorted { (places[$0.place].population ?? 0) > (places[$1.place].population ?? 0) }
            let first = places[byPopulation[0].place].population ?? 0, second = places[byPopulation[1].place].population ?? 0
            if first >= 1_000 && first >= 10 * second { candidates = [byPopulation[0]] }
        }
        switch candidates.count {
        case 0: return .notFound
        case 1: return .found(places[candidates[0].place])
        default: return .ambiguous(candidates.map { places[$0.place] })
        }
    }

    /// The places with a name closest to `name` by edit distance on `PlaceNameKey`s (one edit for a name of up
    /// to four letters, two up to eight, three beyond), in `country` when it is a known one; nearest first, then
    /// the most populous; at most `limit`.
    public func suggestions(for name: String, country: String? = nil, limit: Int = 3) -> [Place] {
        let key = Array(PlaceNameKey.make(name).unicodeScalars)
        guard !key.isEmpty else { return [] }
        let budget = key.count <= 4 ? 1 : key.count <= 8 ? 2 : 3
        let code = country.flatMap(countryCode)
        var best: [Int: Int] = [:]   // place → distance
        for (other, entries) in keyScalars[code ?? ""] ?? [] {
            guard abs(other.count - key.count) <= budget, let d = EditDistance.within(budget, key, other) else { continue }
            for e in entries {
                best[e.place] = min(d, best[e.place] ?? .max)
            }
        }
        return best.sorted {
            if $0.value != $1.value { return $0.value < $1.value }
            let a = places[$0.key], b = places[$1.key]
            if (a.population ?? 0) != (b.population ?? 0) { return (a.population ?? 0) > (b.population ?? 0) }
            return $0.key < $1.key
        }.prefix(limit).map { places[$0.key] }
    }

    /// This gazetteer with `aliases` looked up first.
    /// - Throws: `GeoDataError` naming the alias file (or spec) and every alias whose place is not known or names
    ///   several places.
    public func adding(aliases: [PlaceAlias]) throws -> Gazetteer {
        var out = self
        var problems: [GeoDataError.Problem] = []
        for a in aliases {
            let at = a.line.map(String.init) ?? "aliases"
            switch lookup(a.place, country: a.country) {
            case .found(let p):
                out.aliasByKey[PlaceNameKey.make(a.name)] = places.firstIndex(of: p)
            case .notFound:
                let near = suggestions(for: a.place, country: a.country)
                problems.append(.init(location: at, message: "alias \"\(a.name)\": no known place named \"\(a.place)\""
                    + (a.country.map { " in \($0)" } ?? "")
                    + (near.isEmpty ? "" : "; closest: " + near.map(\.label).joined(separator: ", "))))
            case .ambiguous(let c):
                problems.append(.init(location: at, message: "alias \"\(a.name)\": \"\(a.place)\" names \(c.count) places: "
                    + c.map(\.label).joined(separator: ", ") + "; give the alias a country"))
            }
        }
        if !problems.isEmpty { throw GeoDataError(file: aliases[0].file, problems: problems) }
        return out
    }
}

private extension String {
    func trimmingBlanks() -> Substring { drop { $0 == " " || $0 == "\t" } }
}
