import Formats
import Geometry
import Style

extension MapSpec {
    /// The default map: `Maps/sahel-overview.yaml`.
    /// - Throws: as `load(path:resources:)`.
    public static func sahelOverview(resources: Resources) throws -> MapSpec {
        try load(path: resources.maps + "/sahel-overview.yaml", resources: resources)
    }

    /// Reads a map spec and its theme. `theme:` follows `StyleSheet.resolve(theme:relativeTo:resources:)`: a bare
    /// name is a built-in theme, a path is relative to the spec's folder; data paths are relative to the spec's
    /// folder too.
    /// - Throws: `StyleError` for problems in the spec (every one, with line and column) or its theme;
    ///   `NotFoundError` for a missing spec or theme (`map spec not found: x.yaml`).
    public static func load(path: String, resources: Resources) throws -> MapSpec {
        let r = try YAMLReader(path: path, what: "map spec")
        var keys = SpecKeys()
        var layers: [(layer: Layer, value: YAMLValue)] = []
        if let root = r.root, SpecKeys.schema.read(root, into: &keys) {
            if keys.title.isEmpty { root.problem(missing: "title", "expected a title") }
            if keys.layers.isEmpty { root.problem(missing: "layers", "expected a list of layers") }
            if keys.extent == nil { root.problem(missing: "extent", "expected an extent: [west, south, east, north] or a list of country/region names") }
            if keys.time.change && keys.time.from == nil { root.problem(missing: "change", "a change view needs \"from\" (and \"as-of\" or \"to\")") }
            let specDirectory = StyleSheet.directory(of: path)
            layers = keys.layers.compactMap { v in layer(v, specDirectory: specDirectory).map { ($0, v) } }
            if let v = keys.regionsValue { keys.regions = regions(v, specDirectory: specDirectory) }
            if let v = keys.aliasesValue { keys.aliases = aliases(v, specPath: path, specDirectory: specDirectory) }
        }
        try r.finish()
        let themePath = try StyleSheet.resolve(theme: keys.theme?.scalar ?? "briefing", relativeTo: path, resources: resources)
        let style = try StyleSheet.load(path: themePath, resources: resources)
        // Every layer needs a style in the theme; each missing one is reported where the spec lists the layer.
        for (layer, value) in layers where style.layers[layer.style] == nil {
            value.problem("the theme \(themePath) has no style \"\(layer.style)\"")
        }
        try r.finish()
        var spec = MapSpec(title: keys.title, subtitle: keys.subtitle, layers: layers.map(\.layer), extent: keys.extent!,
                           projection: keys.projection, style: style, time: keys.time, page: keys.page, dpi: keys.dpi,
                           outputs: keys.outputs)
        spec.layout = keys.layout
        spec.strict = keys.strict
        spec.atlas = keys.atlas
        spec.keyLocations = KeyLocations(keys.locations)
        spec.regions = keys.regions
        if keys.regions != nil {
            // The spec's own boundaries have no line network: its `regions` layer outlines their polygons.
            for k in spec.layers.indices where spec.layers[k] == Layer.builtIn["regions"] {
                spec.layers[k].source = .builtIn("regions")
                spec.layers[k].filter = nil
            }
        }
        spec.aliases = keys.aliases
        spec.furniture = keys.furniture
        spec.focus = keys.focus
        return spec
    }

    /// `regions: { source: FILE[#LAYER], layer: LAYER, id: FIELD, name: FIELD }`, the file relative to the spec.
    static func regions(_ v: YAMLValue, specDirectory: String) -> UserRegions? {
        var keys = RegionKeys()
        guard RegionKeys.schema.read(v, into: &keys) else { return nil }
        for (key, value) in [("source", keys.source), ("id", keys.id), ("name", keys.name)] where value == nil {
            v.problem(missing: key, key == "source" ? "expected the boundaries file (GeoPackage, Shapefile, zip or GeoJSON)"
                : "expected the field holding each region's \(key == "id" ? "unique id (a P-code)" : "name")")
        }
        guard let source = keys.source, let id = keys.id, let name = keys.name else { return nil }
        let (file, hashLayer) = VectorFile.split(source.hasPrefix("/") ? source : specDirectory + source)
        return UserRegions(path: file, layer: keys.layer ?? hashLayer, idField: id, nameField: name)
    }

    /// `aliases: FILE.csv` (relative to the spec; columns alias, place, country) or a mapping of name to place
    /// (`Sevare camp: Sévaré`, or `Gao: { place: Gao, country: MLI }`).
    static func aliases(_ v: YAMLValue, specPath: String, specDirectory: String) -> [PlaceAlias] {
        if let file = v.scalar {
            let full = file.hasPrefix("/") ? file : specDirectory + file
            do { return try PlaceAlias.read(csv: full) } catch { v.problem("\(error)"); return [] }
        }
        guard let entries = v.entries() else { return [] }
        return entries.compactMap { name, value in
            if let place = value.scalar {
                return PlaceAlias(name: name, place: place, file: specPath, line: value.line)
            }
            var keys = AliasKeys()
            guard AliasKeys.schema.read(value, into: &keys) else { return nil }
            guard let place = keys.place else { value.problem(missing: "place", "expected the known place \"\(name)\" means"); return nil }
            return PlaceAlias(name: name, place: place, country: keys.country, file: specPath, line: value.line)
        }
    }

    /// One layer: a built-in id (`massacres`), or a mapping with `id` and what it changes.
    static func layer(_ v: YAMLValue, specDirectory: String) -> Layer? {
        if let id = v.scalar {
            guard let l = Layer.builtIn[id] else {
                v.problem("unknown layer \"\(id)\"; built-in layers are \(Layer.builtIn.keys.sorted().joined(separator: ", "))")
                return nil
            }
            return l
        }
        var keys = LayerKeys()
        guard LayerKeys.schema.read(v, into: &keys) else { return nil }
        guard let id = keys.id else {
            if !keys.sawID { v.problem("expected an \"id\"") }
            return nil
        }
        var layer = Layer.builtIn[id] ?? Layer(id: id, source: .builtIn(id))
        if let s = keys.source {
            if s.hasPrefix("builtin:") {
                layer.source = .builtIn(String(s.dropFirst(8)))
                if let known = Layer.builtIn.values.first(where: { $0.source == layer.source }) {
                    layer.time = known.time
                    layer.noun = known.noun
                }
            } else {
                let full = s.hasPrefix("/") ? s : specDirectory + s
                if s.lowercased().hasSuffix(".csv") {
                    layer.source = .csv(path: full)
                    layer.time = .event(property: "date")
                    layer.aggregation = .standard
                    layer.noun = "events"
                } else {
                    layer.source = Self.fileSource(full, layer: keys.layer)
                }
            }
        }
        if let style = keys.style { layer.style = style }
        if let filter = keys.filter { layer.filter = filter }
        if let aggregation = keys.aggregation { layer.aggregation = aggregation }
        if let time = keys.time { layer.time = time }
        if let badRows = keys.badRows { layer.badRows = badRows }
        if let allowEmpty = keys.allowEmpty { layer.allowEmpty = allowEmpty }
        if let noun = keys.noun { layer.noun = noun }
        return layer
    }
}

/// A map spec's top level.
private struct SpecKeys {
    var title = "", subtitle: String?
    /// Resolved after the spec is read, relative to it.
    var theme: YAMLValue?
    var extent: Extent?, projection = Transform.sahelEqualArea
    var time = TimeContext()
    var page: String?, dpi: Double?, outputs: [String] = []
    var layout = MapLayout.full
    var strict = false
    var atlas: Atlas?
    var furniture = Furniture()
    var focus: [String]?
    var layers: [YAMLValue] = []
    /// `file:line:column` of keys whose value is checked later (page size, projection).
    var locations: [String: String] = [:]

    static func at(_ v: YAMLValue) -> String { "\(v.file):\(v.line ?? 1):\(v.column ?? 1)" }
    /// Read after the keys, relative to the spec.
    var regionsValue: YAMLValue?, aliasesValue: YAMLValue?
    var regions: UserRegions?, aliases: [PlaceAlias] = []

    enum LayoutName: String, CaseIterable { case full, bare, bareFramed = "bare-framed" }

    static let schema = Schema<SpecKeys>([
        "title": { $0.title = $1.string() ?? "" },
        "subtitle": { $0.subtitle = $1.string() },
        "theme": { if $1.string() != nil { $0.theme = $1 } },
        "extent": { $0.extent = extent($1) },
        "projection": { $0.projection = $1.string() ?? $0.projection; $0.locations["projection"] = at($1) },
        "as-of": { $0.time.asOf = $1.partialDate() },
        "from": { $0.time.from = $1.partialDate() },
        "to": { $0.time.to = $1.partialDate() },
        "change": { $0.time.change = $1.bool() ?? false },
        "max-level-gap": { keys, v in
            guard let n = v.string().flatMap({ Int($0) }), (0...50).contains(n) else {
                v.problem("expected a number of years (0–50) a map may show yearly levels past their last coded year, found \"\(v.string() ?? "")\"")
                return
            }
            keys.time.maxLevelGapYears = n
        },
        "page": { $0.page = $1.string(); $0.locations["page"] = at($1) },
        "dpi": { $0.dpi = $1.double(in: 10...2400); $0.locations["dpi"] = at($1) },
        "outputs": { $0.outputs = $1.list { $0.string() } ?? [] },
        "layout": {
            switch $1.oneOf(LayoutName.self) {
            case .full?, nil: $0.layout = .full
            case .bare?: $0.layout = .bare(framed: false)
            case .bareFramed?: $0.layout = .bare(framed: true)
            }
        },
        "layers": { $0.layers = $1.list() ?? [] },
        "strict": { $0.strict = $1.bool() ?? false },
        "regions": { $0.regionsValue = $1 },
        "aliases": { $0.aliasesValue = $1 },
        "atlas": { keys, v in
            var a = AtlasKeys()
            if AtlasKeys.schema.read(v, into: &a) {
                if !a.sawOver && a.atlas.each == nil { a.atlas.over = "regions" }
                keys.atlas = a.atlas
            }
        },
        "furniture": { keys, v in _ = FurnitureKeys.schema.read(v, into: &keys.furniture) },
        "focus": { keys, v in
            if let one = v.scalar { keys.focus = [one] } else { keys.focus = v.list { $0.string() } }
        },
    ])

    /// `[west, south, east, north]`, or names of countries and regions.
    static func extent(_ v: YAMLValue) -> Extent? {
        guard let items = v.list() else { return nil }
        guard let texts = Optional(items.compactMap { $0.string() }), texts.count == items.count else { return nil }
        switch Extent.parse(texts) {
        case .success(let e): return e
        case .failure(let e): v.problem(e.message); return nil
        }
    }
}

/// `regions: { source, layer, id, name }`.
private struct RegionKeys {
    var source: String?, layer: String?, id: String?, name: String?
    static let schema = Schema<RegionKeys>([
        "source": { $0.source = $1.string() },
        "layer": { $0.layer = $1.string() },
        "id": { $0.id = $1.string() },
        "name": { $0.name = $1.string() },
    ])
}

/// One alias given as a mapping: `{ place: Gao, country: MLI }`.
private struct AliasKeys {
    var place: String?, country: String?
    static let schema = Schema<AliasKeys>([
        "place": { $0.place = $1.string() },
        "country": { $0.country = $1.string() },
    ])
}

/// `furniture: { title: false, credits: false, legend: false, inset: false, scale-bar: false }`.
private enum FurnitureKeys {
    static let schema = Schema<Furniture>([
        "title": { $0.title = $1.bool() ?? true },
        "credits": { $0.credits = $1.bool() ?? true },
        "legend": { $0.legend = $1.bool() ?? true },
        "inset": { $0.inset = $1.bool() ?? true },
        "scale-bar": { $0.scaleBar = $1.bool() ?? true },
    ])
}

/// `atlas: { over: regions | countries, where: EXPRESSION, name: TEMPLATE, each: month | quarter | year, pdf: PATH }`;
/// `over` defaults to `regions` unless the atlas is by period only (`each` without `over`).
private struct AtlasKeys {
    var atlas = Atlas(over: nil)
    var sawOver = false
    enum Over: String, CaseIterable { case regions, countries }

    static let schema = Schema<AtlasKeys>([
        "over": { $0.sawOver = true; $0.atlas.over = $1.oneOf(Over.self)?.rawValue ?? "regions" },
        "where": { $0.atlas.filter = $1.expression() },
        "name": { $0.atlas.name = $1.string() ?? $0.atlas.name },
        "each": { $0.atlas.each = $1.oneOf(AtlasPeriod.self) },
        "pdf": { keys, v in
            guard let p = v.string() else { return }
            if p.lowercased().hasSuffix(".pdf") { keys.atlas.pdf = p } else { v.problem("expected a file ending in .pdf, found \"\(p)\"") }
        },
    ])
}

/// A layer given as a mapping; the built-in layer of that id (if any) is the default for what it leaves out.
private struct LayerKeys {
    var id: String?, sawID = false
    var source: String?, style: String?, filter: Expression?
    /// The layer inside a GeoPackage or zip (`layer: adm1`, or `source: admin.gpkg#adm1`).
    var layer: String?
    var time: TemporalKind?, aggregation: Layer.Aggregation?
    var badRows: BadRowPolicy?, allowEmpty: Bool?
    var noun: String?

    static let schema = Schema<LayerKeys>([
        "id": { $0.sawID = true; $0.id = $1.string() },
        "source": { $0.source = $1.string() },
        "layer": { $0.layer = $1.string() },
        "style": { $0.style = $1.string() },
        "where": { $0.filter = $1.expression() },
        "bad-rows": { $0.badRows = $1.oneOf(BadRowPolicy.self) },
        "allow-empty": { $0.allowEmpty = $1.bool() },
        "noun": { $0.noun = $1.string() },
        "time": { keys, v in
            switch v.string() {
            case nil: break
            case "none": keys.time = .timeless
            case "event": keys.time = .event(property: "date")
            case let t?: v.problem("expected none or event (intervals and yearly levels come with the built-in layers), found \"\(t)\"")
            }
        },
        "aggregate": { keys, v in
            switch v.string() {
            case nil: break
            case "none": keys.aggregation = Layer.Aggregation.none
            case "auto": keys.aggregation = .standard
            case "regions": keys.aggregation = .regions
            case let text?:
                if let size = Double(text), (2...200).contains(size) { keys.aggregation = .hexagons(size) } else {
                    v.problem("expected none, auto, regions or a hexagon size in points (2–200), found \"\(text)\"")
                }
            }
        },
    ])
}

extension YAMLValue {
    /// `2021-12-31`, `2021-12` or `2021`.
    fileprivate func partialDate() -> PartialDate? {
        guard let s = string() else { return nil }
        guard let d = PartialDate(s) else {
            problem("expected a date like 2021-12-31, 2021-12 or 2021, found \"\(s)\"")
            return nil
        }
        return d
    }
}
