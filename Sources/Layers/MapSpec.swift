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
    /// Warnings are errors (`strict: true`): the map is not written when anything was left out.
    public var strict = false

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
