/// A theme: the page's colours and type, and how each layer is drawn. Read from `Styles/<name>.yaml` or a
/// user's file by `load(path:resources:)` (in `StyleSheet+YAML.swift`).
///
/// ```yaml
/// name: briefing
/// page: { paper: "#ffffff", sea: "#cfe0ea", font: Noto Sans, title-size: 16 }
/// layers:
///   massacres:
///     largest-first: fatalities_high
///     rules:
///       - when: perpetrator_type == "state"
///         marker: { fill: "#0072b2", radius: { interpolate: fatalities_high, curve: sqrt, stops: [[0, 0], [200, 14]] } }
///         legend: State forces
///       - else: true
///         marker: { fill: "#999999", radius: 3 }
/// ```
public struct StyleSheet: Sendable, Equatable {
    public var name: String
    public var page: Theme
    package var layers: [String: LayerStyle]
    /// The theme files read, this one first, then the ones it extends (inputs of a build's recipe).
    package var files: [String] = []

    /// Two sheets are equal when they draw alike; the paths they were read by (`files`) do not count.
    public static func == (a: StyleSheet, b: StyleSheet) -> Bool {
        a.name == b.name && a.page == b.page && a.layers == b.layers
    }

    package init(name: String, page: Theme, layers: [String: LayerStyle]) {
        self.name = name
        self.page = page
        self.layers = layers
    }
}
