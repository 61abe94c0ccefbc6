import Foundation

extension StyleSheet {
    /// Reads a theme file, and the themes it `extends:`. A theme may extend another, then override its page and
    /// any of its layers; `extends` names a theme by the rule of `resolve(theme:relativeTo:resources:)`.
    /// - Throws: `StyleError` listing every problem with file:line:column and key path, or naming an `extends`
    ///   cycle (`a.yaml:2:10: extends b.yaml, which extends a.yaml`); `NotFoundError` for a missing file.
    public static func load(path: String, resources: Resources) throws -> StyleSheet {
        try load(path: path, resources: resources, extending: [])
    }

    /// The one rule for finding a theme. A bare name (`briefing`, `print`, `dark`: no `/` and no `.yaml`) is a
    /// built-in theme, from anywhere. Anything else is a file path, relative to the folder of `file`, the file
    /// that names it (a spec's `theme:`, a theme's `extends:`), or to the working directory when `file` is nil
    /// (the command line's `--theme`).
    /// - Returns: The theme file's path.
    /// - Throws: `NotFoundError` saying where the theme was looked for.
    public static func resolve(theme name: String, relativeTo file: String?, resources: Resources) throws -> String {
        if !name.contains("/") && !name.hasSuffix(".yaml") {
            if let path = resources.builtInTheme(name) { return path }
            // `extends: base` once meant base.yaml next to the theme; say how to write that now.
            let sibling = file.map { directory(of: $0) + name + ".yaml" }.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
            throw NotFoundError.builtInTheme(name: name, builtIns: resources.builtInThemes, sibling: sibling)
        }
        let path = name.hasPrefix("/") ? name : (file.map(directory(of:)) ?? "") + name
        guard FileManager.default.fileExists(atPath: path) else { throw NotFoundError.theme(path: name, relativeTo: file) }
        return path
    }

    /// The folder part of a path, with its slash: `Maps/x.yaml` → `Maps/`, `x.yaml` → ``. Paths a file names are
    /// relative to this.
    package static func directory(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        return String(file[...slash])
    }

    /// A theme file being read while it waits for the theme it extends.
    private struct Link {
        var file: String
        var canonical: String
        /// The `extends:` value as written, and where.
        var extends: String
        var line: Int?, column: Int?
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func load(path: String, resources: Resources, extending chain: [Link]) throws -> StyleSheet {
        let r = try YAMLReader(path: path, what: "theme")
        var sheet = StyleSheet(name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, page: .briefing, layers: [:])
        var top = ThemeKeys()
        if let root = r.root, ThemeKeys.schema.read(root, into: &top) {
            if let extends = top.extends, let name = extends.string() {
                let basePath = try resolve(theme: name, relativeTo: path, resources: resources)
                let link = Link(file: path, canonical: canonical(path), extends: name, line: extends.line, column: extends.column)
                let base = canonical(basePath)
                if base == link.canonical {
                    throw StyleError(file: path, line: extends.line, column: extends.column, path: extends.path,
                                     message: "a theme cannot extend itself")
                }
                let links = chain + [link]
                if let start = links.firstIndex(where: { $0.canonical == base }) {
                    let first = links[start]
                    throw StyleError(file: first.file, line: first.line, column: first.column,
                                     message: "extends " + links[start...].map(\.extends).joined(separator: ", which extends "))
                }
                let parent = try load(path: basePath, resources: resources, extending: links)
                sheet.page = parent.page
                sheet.layers = parent.layers
                sheet.files = parent.files
            }
            if let name = top.name { sheet.name = name }
            if let page = top.page { sheet.page = ThemeSchema.page.read(page, from: sheet.page) }
            for (id, value) in top.layers?.entries() ?? [] {
                if let style = ThemeSchema.layerStyle(value) { sheet.layers[id] = style }
            }
        }
        try r.finish()
        sheet.files.insert(path, at: 0)
        return sheet
    }
}

/// A theme file's top level, held until `extends` is read (the base comes first, whatever the key order).
private struct ThemeKeys {
    var name: String?
    var extends, page, layers: YAMLValue?

    static let schema = Schema<ThemeKeys>([
        "name": { $0.name = $1.string() },
        "extends": { $0.extends = $1 },
        "page": { $0.page = $1 },
        "layers": { $0.layers = $1 },
    ])
}

/// One schema per YAML object of a theme: each key once, with its reader.
enum ThemeSchema {
    static let page = Schema<Theme>([
        "paper": { $0.paper = $1.color() ?? $0.paper },
        "sea": { $0.sea = $1.color() ?? $0.sea },
        "frame": { $0.frame = line($1) },
        "text": { $0.text = $1.color() ?? $0.text },
        "muted-text": { $0.mutedText = $1.color() ?? $0.mutedText },
        "halo": { $0.halo = $1.color() ?? $0.halo },
        "font": { $0.fontFamily = $1.string() ?? $0.fontFamily },
        "title-size": { $0.titleSizePoints = $1.double(in: 4...72) ?? $0.titleSizePoints },
        "subtitle-size": { $0.subtitleSizePoints = $1.double(in: 4...72) ?? $0.subtitleSizePoints },
        "credits-size": { $0.creditsSizePoints = $1.double(in: 4...72) ?? $0.creditsSizePoints },
        "scale-bar": { $0.scaleBar = $1.bool() ?? $0.scaleBar },
        "inset": { $0.inset = $1.bool() ?? $0.inset },
        "graticule": { $0.graticule = $1.bool() ?? $0.graticule },
        "north-arrow": { $0.northArrow = $1.bool() ?? $0.northArrow },
    ])

    static let line = Schema<LineStyle>([
        "color": { $0.color = $1.color() ?? $0.color },
        "width": { $0.widthPoints = $1.double(in: 0...50) ?? $0.widthPoints },
        "dash": { $0.dashPoints = $1.list { $0.double(in: 0.01...100) } ?? [] },
    ])

    /// A line or outline; unset keys are a thin black line.
    static func line(_ v: YAMLValue) -> LineStyle {
        line.read(v, from: LineStyle(color: .hex("#000000"), widthPoints: 0.5))
    }

    static let hatch = Schema<HatchStyle>([
        "color": { $0.color = $1.color() ?? $0.color },
        "angle": { $0.angleDegrees = $1.double(in: -180...180) ?? $0.angleDegrees },
        "spacing": { $0.spacingPoints = $1.double(in: 0.5...100) ?? $0.spacingPoints },
        "width": { $0.widthPoints = $1.double(in: 0.05...20) ?? $0.widthPoints },
    ])

    static let fill = Schema<FillStyle>([
        "color": { $0.color = $1.value { $0.color() } },
        "opacity": { $0.opacity = $1.double(in: 0...1) ?? 1 },
        "hatch": { $0.hatch = hatch.read($1, from: HatchStyle(color: .hex("#000000"))) },
        "outline": { $0.outline = line($1) },
    ])

    static func fill(_ v: YAMLValue) -> FillStyle {
        var f = FillStyle(color: nil)
        if fill.read(v, into: &f), f.color == nil && f.hatch == nil && f.outline == nil { v.problem("expected color, hatch or outline") }
        return f
    }

    static let marker = Schema<MarkerStyle>([
        "shape": { $0.shape = $1.oneOf(MarkerStyle.Shape.self) ?? $0.shape },
        "radius": { $0.radiusPoints = $1.value { $0.double(in: 0...200) } ?? $0.radiusPoints },
        "fill": { $0.fill = $1.isNone ? nil : $1.value { $0.color() } },
        "opacity": { $0.opacity = $1.double(in: 0...1) ?? 1 },
        "stroke": { $0.stroke = line($1) },
    ])

    static let label = Schema<LabelStyle>([
        "text": { $0.text = $1.string() ?? $0.text },
        "size": { $0.sizePoints = $1.double(in: 4...72) ?? $0.sizePoints },
        "color": { $0.color = $1.color() ?? $0.color },
        "bold": { $0.bold = $1.bool() ?? false },
        "italic": { $0.italic = $1.bool() ?? false },
        "uppercase": { $0.uppercase = $1.bool() ?? false },
        "letter-spacing": { $0.letterSpacingPoints = $1.double(in: 0...20) ?? 0 },
        "halo": { $0.halo = $1.isNone ? nil : $1.color() },
        "halo-width": { $0.haloWidthPoints = $1.double(in: 0...10) ?? $0.haloWidthPoints },
        "placement": { $0.placement = $1.oneOf(LabelStyle.Placement.self) ?? $0.placement },
        "priority": { $0.priority = $1.value { $0.double(in: -10_000...10_000) } ?? .constant(0) },
        "symbol-needs-label": { $0.symbolNeedsLabel = $1.bool() ?? false },
        "callout": { $0.callout = $1.bool() ?? false },
    ])

    /// A rule while it is read: the symbolizers are ordered fill, line, marker whatever the key order.
    struct RuleKeys {
        var rule = Rule(symbolizers: [])
        var fill: FillStyle?, line: LineStyle?, marker: MarkerStyle?
        var hasCondition = false
    }

    static let rule = Schema<RuleKeys>([
        "when": { $0.hasCondition = true; $0.rule.filter = $1.expression() },
        "else": {
            $0.hasCondition = true
            if $1.bool() == false { $1.problem("expected true (a rule for everything else)") }
        },
        "fill": { $0.fill = fill($1) },
        "line": { $0.line = line($1) },
        "marker": { $0.marker = marker.read($1, from: MarkerStyle(radiusPoints: .constant(3), fill: .constant(.hex("#000000")))) },
        "label": { $0.rule.label = label.read($1, from: LabelStyle(sizePoints: 7, color: .hex("#1f1f1f"))) },
        "legend": { $0.rule.legend = $1.string() },
    ])

    static func rule(_ v: YAMLValue) -> Rule? {
        var r = RuleKeys()
        guard rule.read(v, into: &r) else { return nil }
        if !r.hasCondition { v.problem("expected \"when\" (a filter) or \"else: true\"") }
        r.rule.symbolizers = [r.fill.map(Symbolizer.fill), r.line.map(Symbolizer.line), r.marker.map(Symbolizer.marker)].compactMap { $0 }
        if r.rule.symbolizers.isEmpty && r.rule.label == nil { v.problem("expected at least one of fill, line, marker, label") }
        return r.rule
    }

    struct LayerStyleKeys {
        var style = LayerStyle(rules: [])
        var sawRules = false
    }

    static let layerStyle = Schema<LayerStyleKeys>([
        "rules": { $0.sawRules = true; $0.style.rules = $1.list(rule) ?? [] },
        "largest-first": { $0.style.drawLargestFirstBy = $1.string() },
        "size-legend": { $0.style.sizeLegend = $1.string() },
        "label-obstacle": { $0.style.labelObstacle = $1.oneOf(LabelObstacle.self) ?? .hard },
    ])

    static func layerStyle(_ v: YAMLValue) -> LayerStyle? {
        var l = LayerStyleKeys()
        guard layerStyle.read(v, into: &l) else { return nil }
        if !l.sawRules { v.problem("expected \"rules\": a list of rules") }
        return l.style
    }
}
