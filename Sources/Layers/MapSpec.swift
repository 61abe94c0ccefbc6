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
    /// The spec's own boundaries (`regions: { source: bfa_adm2.shp, id: ADM2_PCODE, name: ADM2_FR }`), replacing
    /// the built-in regions for drawing, extents, counts and credits; nil for the built-in ones.
    public var regions: UserRegions?
    /// Names the spec's CSVs write for known places (`aliases:`), looked up before the gazetteer.
    public var aliases: [PlaceAlias] = []

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
/// keeps, each page showing that feature. `name` (a template over the feature's properties and `id`) names the
/// page; `{name}` in the spec's title and outputs is replaced by it, other `{property}` fields in the title too.
public struct Atlas: Sendable, Equatable {
    public var over: String
    public var filter: Expression?
    public var name: String
    public init(over: String = "regions", filter: Expression? = nil, name: String = "{id}") {
        self.over = over
        self.filter = filter
        self.name = name
    }
}
