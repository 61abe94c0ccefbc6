/// One ACLED event, as read from an export of either generation (see `ACLEDReader`).
///
/// Text fields hold the export's text unchanged, except `inter1`/`inter2`, where the numeric codes of older exports
/// become their names (`ACLEDEvent.actorType(code:)`). Optional fields are nil when the export has no such column.
public struct ACLEDEvent: Sendable, Equatable {
    /// `event_id_cnty`, such as `MLI1234`.
    public var id: String
    /// `event_date`.
    public var date: CalendarDate
    /// `time_precision`: 1 the exact day, 2 within a week, 3 within a month.
    public var timePrecision: Int?
    /// `disorder_type` (exports since 2023): "Political violence", "Demonstrations", "Strategic developments"…
    public var disorderType: String?
    /// `event_type`: one of six, such as "Violence against civilians".
    public var eventType: String
    /// `sub_event_type`, such as "Attack".
    public var subEventType: String
    public var actor1: String
    public var actor2: String
    /// `inter1`: the type of `actor1` as text ("State Forces", "Rebel Groups"…; newer exports' own wording is kept).
    public var inter1: String
    /// `inter2`: the type of `actor2`; empty when there is no second actor (code 0 in older exports).
    public var inter2: String
    /// `civilian_targeting` (exports since 2023): true when the column says "Civilian targeting".
    public var civilianTargeting: Bool?
    public var country: String
    /// `iso`: the ISO 3166-1 numeric country code, as written (`466` for Mali).
    public var iso: String
    public var admin1: String
    public var admin2: String
    public var location: String
    /// Degrees, −90…90.
    public var latitude: Double
    /// Degrees, −180…180.
    public var longitude: Double
    /// `geo_precision`: 1 the named town, 2 near a town or part of a region, 3 a larger region.
    public var geoPrecision: Int?
    /// Reported fatalities.
    public var fatalities: Int
    public var source: String
    public var notes: String

    public init(id: String, date: CalendarDate, timePrecision: Int? = nil, disorderType: String? = nil,
                eventType: String, subEventType: String = "", actor1: String = "", actor2: String = "",
                inter1: String = "", inter2: String = "", civilianTargeting: Bool? = nil, country: String = "",
                iso: String = "", admin1: String = "", admin2: String = "", location: String = "",
                latitude: Double, longitude: Double, geoPrecision: Int? = nil, fatalities: Int = 0,
                source: String = "", notes: String = "") {
        self.id = id
        self.date = date
        self.timePrecision = timePrecision
        self.disorderType = disorderType
        self.eventType = eventType
        self.subEventType = subEventType
        self.actor1 = actor1
        self.actor2 = actor2
        self.inter1 = inter1
        self.inter2 = inter2
        self.civilianTargeting = civilianTargeting
        self.country = country
        self.iso = iso
        self.admin1 = admin1
        self.admin2 = admin2
        self.location = location
        self.latitude = latitude
        self.longitude = longitude
        self.geoPrecision = geoPrecision
        self.fatalities = fatalities
        self.source = source
        self.notes = notes
    }

    /// The actor type for an older export's numeric `inter1`/`inter2` code, as the ACLED Codebook names them
    /// ("Inter Code 1: State Forces" … "Inter Code 8: External/Other Forces"; ACLED Codebook, January 2021,
    /// section "Actor Names, Types and Inter Codes", and the 2023 codebook's "'Inter' code 1…8"). Code 0 means no
    /// actor and gives "". Nil for any other code.
    public static func actorType(code: Int) -> String? {
        switch code {
        case 0: ""
        case 1: "State Forces"
        case 2: "Rebel Groups"
        case 3: "Political Militias"
        case 4: "Identity Militias"
        case 5: "Rioters"
        case 6: "Protesters"
        case 7: "Civilians"
        case 8: "External/Other Forces"
        default: nil
        }
    }
}
