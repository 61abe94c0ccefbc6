import Geometry
import Style

/// Everything needed to render one map: what to show, where, when, in which projection and theme.
/// Read from a YAML map spec (`Maps/*.yaml`) by `load(path:resources:)` (in `MapSpec+YAML.swift`), or built in code.
public struct MapSpec: Sendable, Equatable {
    public var title: String
    public var subtitle: String?
    public var layers: [Layer]
    public var extent: Extent
    /// Any CRS PROJ understands; the default is `Transform.sahelEqualArea`.
    public var projection: String
    public var style: StyleSheet
    public var time: TimeContext
    /// Page and outputs a spec asks for; the command line may override them.
    public var page: String?
    public var dpi: Double?
    public var outputs: [String]
    /// How the map uses its page (`layout: full | bare | bare-framed`).
    public var layout: MapLayout = .full
    /// One map per feature of a built-in dataset (`atlas: { over: regions, where: …, name: "{id}" }`), made by
    /// `sahelmap build`; nil for a single map.
    public var atlas: Atlas?
    /// Warnings are errors (`strict: true`): the map is not written when anything was left out.
    public var strict = false
    /// Where the spec file gave a key whose value is checked after reading (`page`, `dpi`, `projection`), as
    /// `file:line:column`, so that such an error names the file and place; empty for a spec built in code.
    public var keyLocations = KeyLocations()
    /// The spec's own boundaries (`regions: { source: bfa_adm2.shp, id: ADM2_PCODE, name: ADM2_FR }`), replacing
    /// the built-in regions for drawing, extents, counts and credits; nil for the built-in ones.
    public var regions: UserRegions?
    /// Names the spec's CSVs write for known places (`aliases:`), looked up before the gazetteer.
    public var aliases: [PlaceAlias] = []
    /// Which pieces of furniture are drawn (`furniture: { title: false, legend: false }`, or `--no-title`…).
    public var furniture = Furniture()
    /// The countries or regions the map is about, named in its description ("Map of Mali, Burkina Faso and
    /// Niger"); nil: those its extent names, else those its thematic data lies in.
    public var focus: [String]?

    public init(title: String, subtitle: String? = nil, layers: [Layer], extent: Extent,
                projection: String = Transform.sahelEqualArea, style: StyleSheet, time: TimeContext = .none,
                page: String? = nil, dpi: Double? = nil, outputs: [String] = []) {
        self.title = title
        self.subtitle = subtitle
        self.layers = layers
        self.extent = extent
        self.projection = projection
        self.style = style
        self.time = time
        self.page = page
        self.dpi = dpi
        self.outputs = outputs
    }

    public var theme: Theme { style.page }
}

/// An atlas: the spec drawn once per feature of a built-in dataset (`regions` or `countries`) that `filter`
/// keeps, each page showing that feature, and/or once per period (`each: month | quarter | year`) of the spec's
/// date range, each page showing the state at the period's end and the events inside it. `name` (a template over
/// the feature's properties and `id`) names the page; `{name}` and `{period}` in the spec's title and outputs are
/// replaced, other `{property}` fields in the title too. `pdf` also writes every page into one multi-page PDF.
public struct Atlas: Sendable, Equatable {
    /// The dataset whose features make pages; nil for an atlas by period only.
    public var over: String?
    public var filter: Expression?
    public var name: String
    /// One page per period of the date range.
    public var each: AtlasPeriod?
    /// One PDF with every page, in page order (a path; `{spec}` is the spec's name).
    public var pdf: String?
    public init(over: String? = "regions", filter: Expression? = nil, name: String = "{id}", each: AtlasPeriod? = nil, pdf: String? = nil) {
        self.over = over
        self.filter = filter
        self.name = name
        self.each = each
        self.pdf = pdf
    }
}

/// Where a spec file gave its keys (`key` → `file:line:column`). Not part of what the spec says: two specs that
/// say the same are equal wherever they said it.
public struct KeyLocations: Sendable, Equatable {
    public var byKey: [String: String] = [:]
    public init(_ byKey: [String: String] = [:]) { self.byKey = byKey }
    public subscript(key: String) -> String? { byKey[key] }
    public static func == (_: KeyLocations, _: KeyLocations) -> Bool { true }
}

/// The period of an atlas by time.
public enum AtlasPeriod: String, Sendable, Equatable, CaseIterable {
    case month, quarter, year
}

/// The pieces of furniture a map may leave out on purpose. A piece switched off is not drawn and not warned about;
/// one switched on that does not fit is a warning.
public struct Furniture: Sendable, Equatable {
    /// Title, subtitle and date line.
    public var title = true
    /// The sources line.
    public var credits = true
    public var legend = true
    /// The locator inset.
    public var inset = true
    public var scaleBar = true
    public init(title: Bool = true, credits: Bool = true, legend: Bool = true, inset: Bool = true, scaleBar: Bool = true) {
        self.title = title
        self.credits = credits
        self.legend = legend
        self.inset = inset
        self.scaleBar = scaleBar
    }
}
