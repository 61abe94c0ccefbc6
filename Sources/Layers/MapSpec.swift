import Foundation
import Geometry
import Style
import Yams

/// Everything needed to render one map: what to show, where, when, in which projection and theme.
/// Read from a YAML map spec (`Maps/*.yaml`) or built in code.
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

    /// The default map: `Maps/sahel-overview.yaml` in the project's home.
    public static func sahelOverview(resources: Resources) throws -> MapSpec {
        try load(path: resources.maps + "/sahel-overview.yaml", resources: resources)
    }

    /// Reads a map spec. Relative theme names resolve to `Styles/<name>.yaml` in the project's home; relative
    /// data paths resolve against the spec's folder.
    /// - Throws: `StyleError` for problems in the spec (every one, with line and column) or its theme.
    public static func load(path: String, resources: Resources) throws -> MapSpec {
        let r = try YAMLReader(path: path)
        let specDir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var title = "", subtitle: String?, extent: Extent?, projection = Transform.sahelEqualArea
        var themeName = "briefing", time = TimeContext(), page: String?, dpi: Double?, outputs: [String] = []
        var layerNodes: [(Node, String)] = []
        if let root = r.root, let top = r.mapping(root, "", allowed: ["title", "subtitle", "theme", "extent", "projection",
                                                                    "as-of", "from", "to", "change", "page", "dpi",
                                                                    "outputs", "layers"]) {
            for (key, n, p) in top {
                switch key {
                case "title": title = r.string(n, p) ?? ""
                case "subtitle": subtitle = r.string(n, p)
                case "theme": themeName = r.string(n, p) ?? themeName
                case "projection": projection = r.string(n, p) ?? projection
                case "as-of": time.asOf = date(r, n, p)
                case "from": time.from = date(r, n, p)
                case "to": time.to = date(r, n, p)
                case "change": time.change = r.bool(n, p) ?? false
                case "page": page = r.string(n, p)
                case "dpi": dpi = r.double(n, p, in: 10...2400)
                case "outputs": outputs = (r.sequence(n, p) ?? []).compactMap { r.string($0.value, $0.path) }
                case "extent": extent = readExtent(r, n, p)
                default: layerNodes = r.sequence(n, p) ?? []
                }
            }
            if title.isEmpty { r.problem(root, "title", "expected a title") }
            if layerNodes.isEmpty { r.problem(root, "layers", "expected a list of layers") }
            if extent == nil { r.problem(root, "extent", "expected an extent: [west, south, east, north] or a list of country/region names") }
            if time.change && time.from == nil { r.problem(root, "change", "a change view needs \"from\" (and \"as-of\" or \"to\")") }
        }
        let layers = layerNodes.compactMap { readLayer(r, $0.0, $0.1, specDir: specDir) }
        try r.finish()
        let themePath = themeName.hasSuffix(".yaml") ? themeName : resources.styles + "/\(themeName).yaml"
        let style = try StyleSheet.load(path: themePath)
        // Every layer needs a style in the theme.
        let missing = layers.filter { style.layers[$0.style] == nil }
        if !missing.isEmpty {
            throw StyleError(file: path, message: "the theme \(themePath) has no style for layer(s) \(missing.map { "\"\($0.style)\"" }.joined(separator: ", "))")
        }
        return MapSpec(title: title, subtitle: subtitle, layers: layers, extent: extent!, projection: projection, style: style,
                       time: time, page: page, dpi: dpi, outputs: outputs)
    }

    static func date(_ r: YAMLReader, _ n: Node, _ p: String) -> PartialDate? {
        guard let s = r.string(n, p) else { return nil }
        guard let d = PartialDate(s) else {
            r.problem(n, p, "expected a date like 2021-12-31, 2021-12 or 2021, found \"\(s)\"")
            return nil
        }
        return d
    }

    static func readExtent(_ r: YAMLReader, _ n: Node, _ p: String) -> Extent? {
        guard let items = r.sequence(n, p) else { return nil }
        let numbers = items.compactMap { item -> Double? in
            if case .scalar(let s) = item.value { return Double(s.string) }
            return nil
        }
        if numbers.count == items.count {
            guard numbers.count == 4, numbers[0] < numbers[2], numbers[1] < numbers[3] else {
                r.problem(n, p, "expected [west, south, east, north] with west < east and south < north")
                return nil
            }
            return .bbox(BoundingBox(west: numbers[0], south: numbers[1], east: numbers[2], north: numbers[3]))
        }
        return .features(items.compactMap { r.string($0.value, $0.path) })
    }

    static func readLayer(_ r: YAMLReader, _ node: Node, _ path: String, specDir: String) -> Layer? {
        if case .scalar(let s) = node {
            guard let l = Layer.builtIn[s.string] else {
                r.problem(node, path, "unknown layer \"\(s.string)\"; built-in layers are \(Layer.builtIn.keys.sorted().joined(separator: ", "))")
                return nil
            }
            return l
        }
        guard let pairs = r.mapping(node, path, allowed: ["id", "source", "style", "where", "time", "aggregate"]) else { return nil }
        let d = Dictionary(pairs.map { ($0.key, ($0.value, $0.path)) }, uniquingKeysWith: { a, _ in a })
        guard let (idNode, idPath) = d["id"], let id = r.string(idNode, idPath) else {
            r.problem(node, path, "expected an \"id\"")
            return nil
        }
        var layer = Layer.builtIn[id] ?? Layer(id: id, source: .builtIn(id))
        if let (n, p) = d["source"], let s = r.string(n, p) {
            if s.hasPrefix("builtin:") {
                layer.source = .builtIn(String(s.dropFirst(8)))
                if let known = Layer.builtIn.values.first(where: { $0.source == layer.source }) { layer.time = known.time }
            } else {
                let full = s.hasPrefix("/") ? s : specDir + "/" + s
                layer.source = s.lowercased().hasSuffix(".csv") ? .csv(path: full) : .geoJSON(path: full)
                if s.lowercased().hasSuffix(".csv") {
                    layer.time = .event(property: "date")
                    layer.aggregation = .standard
                }
            }
        }
        if let (n, p) = d["style"] { layer.style = r.string(n, p) ?? layer.style } else if Layer.builtIn[id] == nil { layer.style = id }
        if let (n, p) = d["where"] { layer.filter = r.expression(n, p) }
        if let (n, p) = d["aggregate"], let text = r.string(n, p) {
            switch text {
            case "none": layer.aggregation = .none
            case "auto": layer.aggregation = .standard
            case "regions": layer.aggregation = .regions
            default:
                if let size = Double(text), (2...200).contains(size) { layer.aggregation = .hexagons(size) } else {
                    r.problem(n, p, "expected none, auto, regions or a hexagon size in points (2–200), found \"\(text)\"")
                }
            }
        }
        if let (n, p) = d["time"], let t = r.string(n, p) {
            switch t {
            case "none": layer.time = .timeless
            case "event": layer.time = .event(property: "date")
            default: r.problem(n, p, "expected none or event (intervals and yearly levels come with the built-in layers), found \"\(t)\"")
            }
        }
        return layer
    }
}
