import Geometry

extension ACLEDEvent {
    /// The event as a point feature for the layer system: id `event_id_cnty`, properties named as ACLED's columns
    /// (`event_type`, `sub_event_type`, `fatalities`…), `event_date` and `date` as `YYYY-MM-DD`. Columns the export
    /// lacked (`disorder_type`, `civilian_targeting`, the precisions) are left out.
    public var feature: Feature {
        var p: [String: JSONValue] = [
            "event_id_cnty": .string(id),
            "event_date": .string(date.iso),
            "date": .string(date.iso),
            "event_type": .string(eventType),
            "sub_event_type": .string(subEventType),
            "actor1": .string(actor1),
            "actor2": .string(actor2),
            "inter1": .string(inter1),
            "inter2": .string(inter2),
            "country": .string(country),
            "iso": .string(iso),
            "admin1": .string(admin1),
            "admin2": .string(admin2),
            "location": .string(location),
            "latitude": .number(latitude),
            "longitude": .number(longitude),
            "fatalities": .number(Double(fatalities)),
            "source": .string(source),
            "notes": .string(notes),
        ]
        if let timePrecision { p["time_precision"] = .number(Double(timePrecision)) }
        if let geoPrecision { p["geo_precision"] = .number(Double(geoPrecision)) }
        if let disorderType { p["disorder_type"] = .string(disorderType) }
        if let civilianTargeting { p["civilian_targeting"] = .bool(civilianTargeting) }
        return Feature(id: id, geometry: .point(GeoPoint(longitude: longitude, latitude: latitude)), properties: p)
    }
}
