import Foundation
import Geometry

/// Reads a CSV of things at places: with coordinate columns, or with place names looked up in a `Gazetteer`.
///
/// Coordinates come from `latitude`/`lat` and `longitude`/`lon`/`lng`/`long` (any case). Without them, the first of
/// `location`, `place`, `town`, `name` holds place names, and an optional `country` (or `iso3`) column — alpha-3
/// codes or country names — chooses among places of the same name, and an optional `admin1` (or `region`) column
/// prefers the places in that first-level region. Every column becomes a property of the point
/// feature: a number when the whole field is one, else a string. Rows whose name matches no place, or several, are
/// reported and left out; with `BadRowPolicy.refuse` they, like bad rows, refuse the import.
public struct PlacesCSVReader {
    public let path: String
    public let policy: BadRowPolicy
    /// Gives the gazetteer for place names, asked for once, and only when the file has no coordinate columns.
    let gazetteer: () throws -> Gazetteer

    static let latitudeNames = ["latitude", "lat"]
    static let longitudeNames = ["longitude", "lon", "lng", "long"]
    static let placeNames = ["location", "place", "town", "name"]
    static let countryNames = ["country", "iso3", "country_code"]
    static let admin1Names = ["admin1", "region", "admin_1"]

    public init(path: String, policy: BadRowPolicy = .skip, gazetteer: Gazetteer) {
        self.init(path: path, policy: policy, gazetteer: { gazetteer })
    }

    /// With a gazetteer made only when the file turns out to need one.
    public init(path: String, policy: BadRowPolicy = .skip, gazetteer: @escaping () throws -> Gazetteer) {
        self.path = path
        self.policy = policy
        self.gazetteer = gazetteer
    }

    /// Reads the file, calling `body` with each feature, in file order.
    /// - Throws: `GeoDataError` when the file cannot be read, has neither coordinate nor place-name columns, or,
    ///   with `.refuse`, has bad rows or names that match no place or several (first 50 listed, `line: message`).
    public func read(_ body: (Feature) throws -> Void) throws -> PlacesImportSummary {
        var summary = PlacesImportSummary(file: path)
        var header: [String] = []
        var lat = -1, lon = -1, place = -1, country = -1, admin1 = -1
        var places: Gazetteer?
        var suggested: [String: [Gazetteer.Place]] = [:]
        var problems: [GeoDataError.Problem] = []
        var problemCount = 0
        var truncation = TruncationCheck()
        func report(_ line: Int, _ message: String) {
            problemCount += 1
            if problems.count < 50 { problems.append(.init(location: String(line), message: message)) }
        }

        try CSVScanner(path: path).forEachRecord { r in
            if header.isEmpty {
                header = (0..<r.count).map { r.string($0).trimmingCharacters(in: .whitespaces) }
                summary.columns = header
                let lower = header.map { $0.lowercased() }
                func find(_ names: [String]) -> Int { names.lazy.compactMap { lower.firstIndex(of: $0) }.first ?? -1 }
                lat = find(Self.latitudeNames)
                lon = find(Self.longitudeNames)
                if lat >= 0 && lon >= 0 {
                    summary.coordinateColumns = [header[lat], header[lon]]
                } else {
                    place = find(Self.placeNames)
                    guard place >= 0 else {
                        throw GeoDataError(file: path, location: String(r.line), message:
                            "expected latitude and longitude columns (or lat, lon, lng) or a place-name column (location, place, town or name), found \(header.joined(separator: ", "))")
                    }
                    country = find(Self.countryNames)
                    admin1 = find(Self.admin1Names)
                    summary.placeColumn = header[place]
                    summary.countryColumn = country >= 0 ? header[country] : nil
                    summary.admin1Column = admin1 >= 0 ? header[admin1] : nil
                    places = try gazetteer()
                }
                return
            }
            summary.rowsRead += 1
            truncation.see(r)
            func bad(_ message: String) {
                summary.badRowCount += 1
                if summary.badRows.count < PlacesImportSummary.listLimit {
                    summary.badRows.append(BadRow(line: r.line, message: message))
                }
                report(r.line, message)
            }
            if let p = r.problem { return bad(p) }
            guard r.count == header.count else {
                return bad("expected \(header.count) fields as in the header, found \(r.count)")
            }
            let point: GeoPoint
            var extra: [String: JSONValue] = [:]
            if let places {
                let name = r.string(place).trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { return bad("\(header[place]): expected a place name, found an empty field") }
                let countryText = country >= 0 ? r.string(country).trimmingCharacters(in: .whitespaces) : ""
                let admin1Text = admin1 >= 0 ? r.string(admin1).trimmingCharacters(in: .whitespaces) : ""
                switch places.lookup(name, country: countryText.isEmpty ? nil : countryText, admin1: admin1Text.isEmpty ? nil : admin1Text) {
                case .found(let p):
                    point = GeoPoint(longitude: p.longitude, latitude: p.latitude)
                    extra["matched_name"] = .string(p.name)
                    extra["matched_country"] = .string(p.country)
                    extra["matched_precision"] = .number(Double(p.precision))
                    if let id = p.id { extra["matched_id"] = .string(id) }
                    if let source = p.source { extra["matched_source"] = .string(source) }
                case .notFound:
                    // A typo repeated on many rows is searched for once.
                    let memo = PlaceNameKey.make(name) + "\u{1}" + PlaceNameKey.make(countryText)
                    let near = suggested[memo] ?? places.suggestions(for: name, country: countryText.isEmpty ? nil : countryText)
                    suggested[memo] = near
                    if summary.unmatched.count < PlacesImportSummary.listLimit {
                        summary.unmatched.append(.init(line: r.line, name: name, country: countryText.isEmpty ? nil : countryText,
                                                       suggestions: near))
                    }
                    report(r.line, "\(header[place]): no known place named \"\(name)\"" + (countryText.isEmpty ? "" : " in \(countryText)")
                        + (near.isEmpty ? "" : "; closest: " + near.map(\.label).joined(separator: ", ")))
                    return
                case .ambiguous(let candidates):
                    if summary.ambiguous.count < PlacesImportSummary.listLimit {
                        summary.ambiguous.append(.init(line: r.line, name: name, candidates: candidates))
                    }
                    let list = candidates.map(\.label).joined(separator: ", ")
                    report(r.line, "\(header[place]): \"\(name)\" names \(candidates.count) places: \(list); add a country column to choose")
                    return
                }
            } else {
                let latitude = ASCIINumber.double(r.field(lat)), longitude = ASCIINumber.double(r.field(lon))
                var messages: [String] = []
                func found(_ i: Int) -> String { r.field(i).isEmpty ? "an empty field" : "\"\(r.string(i))\"" }
                if latitude.map({ !(-90...90).contains($0) }) ?? true {
                    messages.append("\(header[lat]): expected a number from -90 to 90, found \(found(lat))")
                }
                if longitude.map({ !(-180...180).contains($0) }) ?? true {
                    messages.append("\(header[lon]): expected a number from -180 to 180, found \(found(lon))")
                }
                guard messages.isEmpty, let latitude, let longitude else { return bad(messages.joined(separator: "; ")) }
                point = GeoPoint(longitude: longitude, latitude: latitude)
            }
            if policy == .refuse && problemCount > 0 { return }
            var properties = extra
            for i in 0..<r.count {
                properties[header[i]] = ASCIINumber.double(r.field(i)).map(JSONValue.number) ?? .string(r.string(i))
            }
            summary.featuresKept += 1
            try body(Feature(geometry: .point(point), properties: properties))
        }
        if header.isEmpty {
            throw GeoDataError(file: path, message: "expected a header row naming the columns, found an empty file")
        }
        try truncation.finish(path: path, headerFields: header.count)
        if policy == .refuse && problemCount > 0 {
            throw GeoDataError(file: path, problems: problems, omitted: problemCount - problems.count)
        }
        return summary
    }

    /// Reads every row as a point feature.
    /// - Throws: as `read(_:)`.
    public func features() throws -> (FeatureCollection, PlacesImportSummary) {
        var features: [Feature] = []
        let summary = try read { features.append($0) }
        return (FeatureCollection(features: features), summary)
    }
}
