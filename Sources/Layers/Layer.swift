import Geometry
import Style

/// A layer: where features come from, which of them to draw and how.
public struct Layer: Sendable, Equatable {
    /// Kebab-case id, also used in the render report.
    public var id: String
    public var source: DataSource
    /// Tried in order; the first rule whose filter matches a feature draws it. Unmatched features are skipped.
    public var rules: [Rule]

    public init(id: String, source: DataSource, rules: [Rule]) {
        self.id = id
        self.source = source
        self.rules = rules
    }

    /// The rule that draws `feature`, if any.
    public func rule(for feature: Feature) -> Rule? {
        rules.first { $0.filter.matches(feature) }
    }
}

/// The part of the world a map shows.
public enum Extent: Sendable, Equatable {
    /// A longitude/latitude box.
    case bbox(BoundingBox)
    /// The union of countries and regions named (English names, ISO codes or region ids; case-insensitive).
    case features([String])
}

/// Everything needed to render one map: what to show, where, in which projection.
public struct MapSpec: Sendable, Equatable {
    public var title: String
    public var subtitle: String?
    public var layers: [Layer]
    public var extent: Extent
    /// Any CRS PROJ understands; the default is `Transform.sahelEqualArea`.
    public var projection: String
    public var theme: Theme

    public init(title: String, subtitle: String? = nil, layers: [Layer], extent: Extent,
                projection: String = Transform.sahelEqualArea, theme: Theme = .briefing) {
        self.title = title
        self.subtitle = subtitle
        self.layers = layers
        self.extent = extent
        self.projection = projection
        self.theme = theme
    }
}
