import Geometry

extension ACLEDEvent {
    /// The names of the properties `feature` gives, in the order it gives them; the last four only when the
    /// export has that column or the row a value.
    package static let propertyNames = ["event_id_cnty", "event_date", "date", "event_type", "sub_event_type", "actor1",
                                        "actor2", "inter1", "inter2", "country", "iso", "admin1", "admin2", "location",
                                        "latitude", "longitude", "fatalities", "source", "notes",
                                        "time_precision", "geo_precision", "disorder_type", "civilian_targeting"]

    /// The event as a point feature for the layer system: id `event_id_cnty`, properties named as ACLED's columns
    /// (`event_type`, `sub_event_type`, `fatalities`…), `event_date` and `date` as `YYYY-MM-DD`. Columns the export
    /// lacked (`disorder_type`, `civilian_targeting`, the precisions) are left out.
    public var feature: Feature { feature(keeping: nil) }

    /// The feature with only the properties `keep` names (by index in `propertyNames`; nil: all of them).
    package func feature(keeping keep: [Bool]?) -> Feature {
        var p: [String: JSONValue] = [:]
        p.reserveCapacity(keep.map { $0.lazy.filter { $0 }.count } ?? Self.propertyNames.count)
        @inline(__always) func put(_ k: Int, _ v: @autoclosure () -> JSONValue) {
            if keep?[k] ?? true { p[Self.propertyNames[k]] = v() }
        }
        put(0, .string(id))
        put(1, .string(date.iso))
        put(2, .string(date.iso))
        put(3, .string(eventType))
        put(4, .string(subEventType))
        put(5, .string(actor1))
        put(6, .string(actor2))
        put(7, .string(inter1))
        put(8, .string(inter2))
        put(9, .string(country))
        put(10, .string(iso))
        put(11, .string(admin1))
        put(12, .string(admin2))
        put(13, .string(location))
        put(14, .number(latitude))
        put(15, .number(longitude))
        put(16, .number(Double(fatalities)))
        put(17, .string(source))
        put(18, .string(notes))
        if let timePrecision { put(19, .number(Double(timePrecision))) }
        if let geoPrecision { put(20, .number(Double(geoPrecision))) }
        if let disorderType { put(21, .string(disorderType)) }
        if let civilianTargeting { put(22, .bool(civilianTargeting)) }
        return feature(properties: p)
    }

    /// The event's point and id with these properties.
    package func feature(properties: [String: JSONValue]) -> Feature {
        Feature(id: id, geometry: .point(GeoPoint(longitude: longitude, latitude: latitude)), properties: properties)
    }

    /// The values `feature(keeping: keep)` gives, as one text: equal for two events exactly when their features'
    /// properties are equal, so that such events can share one dictionary. (A set of the dictionaries themselves
    /// would need no second list of the fields, but builds and hashes a dictionary per row: 4.4–4.6 s of CPU for a
    /// million binned events became 5.1–5.3 s.)
    package func keptValues(_ keep: [Bool]) -> String {
        var s = ""
        @inline(__always) func put(_ k: Int, _ v: @autoclosure () -> String) {
            if keep[k] { s += v(); s += "\u{1F}" }
        }
        put(0, id); put(1, date.iso); put(2, date.iso); put(3, eventType); put(4, subEventType); put(5, actor1)
        put(6, actor2); put(7, inter1); put(8, inter2); put(9, country); put(10, iso); put(11, admin1); put(12, admin2)
        put(13, location); put(14, "\(latitude)"); put(15, "\(longitude)"); put(16, "\(fatalities)"); put(17, source)
        put(18, notes)
        put(19, timePrecision.map { "\($0)" } ?? "\u{1E}"); put(20, geoPrecision.map { "\($0)" } ?? "\u{1E}")
        put(21, disorderType ?? "\u{1E}"); put(22, civilianTargeting.map { "\($0)" } ?? "\u{1E}")
        return s
    }
}
