import Geometry

/// Looks up place names in a set of point features, such as `GeoData/places.geojson` (GeoNames towns).
///
/// Names match ignoring case, accents, apostrophes, hyphens and spaces (`PlaceNameKey`). A country, given as an
/// ISO 3166-1 alpha-3 code or, when country features are supplied, a country name, narrows the candidates.
public struct Gazetteer: Sendable {
    /// A known place.
    public struct Place: Sendable, Equatable, Codable {
        public var id: String?
        public var name: String
        /// ISO 3166-1 alpha-3, as in `places.geojson`'s `country` property.
        public var country: String
        public var latitude: Double
        public var longitude: Double

        public init(id: String?, name: String, country: String, latitude: Double, longitude: Double) {
            self.id = id
            self.name = name
            self.country = country
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    /// The outcome of a lookup.
    public enum Match: Sendable, Equatable {
        case found(Place)
        /// Several places have the name: the candidates, in the gazetteer's order.
        case ambiguous([Place])
        case notFound
    }

    private var byKey: [String: [Place]] = [:]
    private var countryCodes: [String: String] = [:]   // name key or code key → alpha-3

    /// - Parameters:
    ///   - places: point features with `name` and `country` (alpha-3) properties; others are ignored.
    ///   - countries: optional country features with `name` and `iso_a3`, so a CSV may write "Mali" for MLI.
    public init(places: FeatureCollection, countries: FeatureCollection? = nil) {
        for f in places.features {
            guard let name = f.string("name"), case .point(let p)? = f.geometry else { continue }
            let place = Place(id: f.id, name: name, country: f.string("country") ?? "", latitude: p.latitude,
                              longitude: p.longitude)
            byKey[PlaceNameKey.make(name), default: []].append(place)
            countryCodes[PlaceNameKey.make(place.country)] = place.country
        }
        for f in countries?.features ?? [] {
            guard let iso = f.string("iso_a3") ?? f.string("ISO_A3") else { continue }
            countryCodes[PlaceNameKey.make(iso)] = iso
            if let n = f.string("name") ?? f.string("NAME") { countryCodes[PlaceNameKey.make(n)] = iso }
        }
    }

    /// The alpha-3 code for a country code or name, or nil when unknown.
    public func countryCode(_ country: String) -> String? { countryCodes[PlaceNameKey.make(country)] }

    /// Finds `name`, within `country` when given (an unknown country matches nothing).
    public func lookup(_ name: String, country: String? = nil) -> Match {
        var candidates = byKey[PlaceNameKey.make(name)] ?? []
        if let country, !country.trimmingBlanks().isEmpty {
            let code = countryCode(country)
            candidates = candidates.filter { $0.country == code }
        }
        switch candidates.count {
        case 0: return .notFound
        case 1: return .found(candidates[0])
        default: return .ambiguous(candidates)
        }
    }
}

private extension String {
    func trimmingBlanks() -> Substring { drop { $0 == " " || $0 == "\t" } }
}
