import Foundation

/// The ACLED columns the reader uses, in the 2023+ export's order; `name` is the codebook's (lower-case) name.
package enum ACLEDColumn: Int, CaseIterable, Sendable {
    case eventIdCnty, eventDate, timePrecision, disorderType, eventType, subEventType, actor1, inter1, actor2, inter2,
         civilianTargeting, iso, country, admin1, admin2, location, latitude, longitude, geoPrecision, source, notes,
         fatalities

    package var name: String {
        switch self {
        case .eventIdCnty: "event_id_cnty"
        case .eventDate: "event_date"
        case .timePrecision: "time_precision"
        case .disorderType: "disorder_type"
        case .eventType: "event_type"
        case .subEventType: "sub_event_type"
        case .actor1: "actor1"
        case .inter1: "inter1"
        case .actor2: "actor2"
        case .inter2: "inter2"
        case .civilianTargeting: "civilian_targeting"
        case .iso: "iso"
        case .country: "country"
        case .admin1: "admin1"
        case .admin2: "admin2"
        case .location: "location"
        case .latitude: "latitude"
        case .longitude: "longitude"
        case .geoPrecision: "geo_precision"
        case .source: "source"
        case .notes: "notes"
        case .fatalities: "fatalities"
        }
    }

    private static let byName: [String: ACLEDColumn] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })

    /// The column a header cell names: blanks trimmed, any case.
    package init?(header: String) {
        guard let c = Self.byName[Self.normalized(header)] else { return nil }
        self = c
    }

    /// Without these an export cannot be mapped: the import is refused.
    package static let required: [ACLEDColumn] = [.eventIdCnty, .eventDate, .latitude, .longitude, .eventType]

    /// A header cell as the reader compares it: blanks trimmed, lower case.
    package static func normalized(_ header: String) -> String {
        header.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
