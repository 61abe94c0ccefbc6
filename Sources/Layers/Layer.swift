import Geometry
import Style

/// A layer: where its features come from, which of them to keep, how they relate to time, and the style
/// (in the theme) that draws them.
public struct Layer: Sendable, Equatable {
    /// Kebab-case id, also used in the render report.
    public var id: String
    public var source: DataSource
    /// The theme's layer style that draws it; defaults to the id.
    public var style: String
    /// Keeps only the features this expression matches.
    public var filter: Expression?
    public var time: TemporalKind
    /// How point events that would pile up are drawn.
    public var aggregation: Aggregation
    /// What to do with CSV rows that cannot be read or placed (`bad-rows: skip | refuse`); skipped ones are warnings.
    public var badRows: BadRowPolicy = .skip
    /// Whether a user file with no features may be drawn (`allow-empty: true`); else it is refused.
    public var allowEmpty = false
    /// What one feature is, in the plural, for the map's description ("massacres of civilians", "regions");
    /// nil: the id in words.
    public var noun: String?

    public enum Aggregation: Sendable, Equatable {
        /// Always one symbol per feature.
        case none
        /// Hexagons of this size (points on the page, flat side to flat side) instead of one symbol per feature.
        case hexagons(Double)
        /// Counted per first-level region (the built-in regions), drawn as a choropleth.
        case regions
        /// Hexagons of `hexagonPoints` once more than `threshold` features fall in the view, else one symbol each.
        case auto(threshold: Int, hexagonPoints: Double)

        /// More than 2,000 events on a page no longer read as points; 3 mm hexagons do.
        public static let standard = Aggregation.auto(threshold: 2_000, hexagonPoints: 8.5)
    }

    public init(id: String, source: DataSource, style: String? = nil, filter: Expression? = nil,
                time: TemporalKind = .timeless, aggregation: Aggregation = .none) {
        self.id = id
        self.source = source
        self.style = style ?? id
        self.filter = filter
        self.time = time
        self.aggregation = aggregation
    }

    /// The layers SahelMap knows by id: basemap and thematic layers on the built-in data.
    public static let builtIn: [String: Layer] = [
        "countries": Layer(id: "countries", source: .builtIn("countries")),
        "lakes": Layer(id: "lakes", source: .builtIn("water"), filter: try! Expression.parse("kind == \"lake\"")),
        "rivers": Layer(id: "rivers", source: .builtIn("water"), filter: try! Expression.parse("kind == \"river\"")),
        // Boundaries are lines, each edge once (GeoData/boundary_lines.geojson): a border two regions share is
        // stroked once, so dashes stay dashes. Country names come with the `countries` fills.
        "regions": Layer(id: "regions", source: .builtIn("boundary_lines"), filter: try! Expression.parse("kind == \"admin1\"")),
        "borders": Layer(id: "borders", source: .builtIn("boundary_lines"),
                         filter: try! Expression.parse("kind in [\"admin0\", \"coast\"]")),
        "places": Layer(id: "places", source: .builtIn("places")),
        "bases": Layer(id: "bases", source: .builtIn("bases"),
                       time: .interval(start: "opened", end: "closed", endKind: "end_kind")).named("bases"),
        "massacres": Layer(id: "massacres", source: .builtIn("massacres"), time: .event(property: "date")).named("massacres of civilians"),
        "presence": Layer(id: "presence", source: .builtIn("group_presence"),
                          time: .yearLevels(prefix: "level_", years: [2015, 2018, 2021], firstYear: "first_year")).named("regions"),
        // Regions no presence row codes: "not assessed", drawn and named as such (not blank, not "none").
        "presence-not-assessed": Layer(id: "presence-not-assessed", source: .builtIn(DataCatalog.notAssessed)).named("regions"),
        // First-level units newer than the built-in polygons (Ménaka, Taoudénit): labels at a representative point.
        "new-regions": Layer(id: "new-regions", source: .builtIn("new_regions"), time: .event(property: "since")).named("first-level units newer than the boundaries drawn"),
    ]

    private func named(_ noun: String) -> Layer {
        var l = self
        l.noun = noun
        return l
    }
}

/// The part of the world a map shows.
public enum Extent: Sendable, Equatable {
    /// A longitude/latitude box.
    case bbox(BoundingBox)
    /// The union of countries and regions named (English names, ISO codes or region ids; case-insensitive).
    case features([String])
}
