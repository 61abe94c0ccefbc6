import Foundation
import Yams

/// A theme: the page's colours and type, and how each layer is drawn. Read from `Styles/<name>.yaml`.
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
    public var layers: [String: LayerStyle]

    public init(name: String, page: Theme, layers: [String: LayerStyle]) {
        self.name = name
        self.page = page
        self.layers = layers
    }

    /// Reads a theme file.
    /// - Throws: `StyleError` listing every problem with file:line:column and key path.
    public static func load(path: String) throws(StyleError) -> StyleSheet {
        let r = try YAMLReader(path: path)
        var sheet = StyleSheet(name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, page: .briefing, layers: [:])
        if let root = r.root, let top = r.mapping(root, "", allowed: ["name", "extends", "page", "layers"]) {
            // A theme may extend another in the same folder, then override its page and any of its layers.
            if let (n, p) = top.first(where: { $0.key == "extends" }).map({ ($0.value, $0.path) }), let base = r.string(n, p) {
                let basePath = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(base + ".yaml").path
                guard basePath != path else { throw StyleError(file: path, message: "a theme cannot extend itself") }
                let parent = try load(path: basePath)
                sheet.page = parent.page
                sheet.layers = parent.layers
            }
            for (key, node, p) in top {
                switch key {
                case "name": sheet.name = r.string(node, p) ?? sheet.name
                case "extends": break
                case "page": sheet.page = readPage(r, node, p, base: sheet.page)
                default:
                    for (id, n, lp) in r.entries(node, p) ?? [] {
                        if let style = readLayer(r, n, lp) { sheet.layers[id] = style }
                    }
                }
            }
        }
        try r.finish()
        return sheet
    }

    static func readPage(_ r: YAMLReader, _ node: Node, _ path: String, base: Theme) -> Theme {
        var t = base
        for (key, n, p) in r.mapping(node, path, allowed: ["paper", "sea", "frame", "text", "muted-text", "halo", "font",
                                                           "title-size", "subtitle-size", "credits-size", "scale-bar",
                                                           "inset", "graticule", "north-arrow"]) ?? [] {
            switch key {
            case "paper": t.paper = r.color(n, p) ?? t.paper
            case "sea": t.sea = r.color(n, p) ?? t.sea
            case "frame": t.frame = readLine(r, n, p) ?? t.frame
            case "text": t.text = r.color(n, p) ?? t.text
            case "muted-text": t.mutedText = r.color(n, p) ?? t.mutedText
            case "halo": t.halo = r.color(n, p) ?? t.halo
            case "font": t.fontFamily = r.string(n, p) ?? t.fontFamily
            case "title-size": t.titleSizePoints = r.double(n, p, in: 4...72) ?? t.titleSizePoints
            case "subtitle-size": t.subtitleSizePoints = r.double(n, p, in: 4...72) ?? t.subtitleSizePoints
            case "scale-bar": t.scaleBar = r.bool(n, p) ?? t.scaleBar
            case "inset": t.inset = r.bool(n, p) ?? t.inset
            case "graticule": t.graticule = r.bool(n, p) ?? t.graticule
            case "north-arrow": t.northArrow = r.bool(n, p) ?? t.northArrow
            default: t.creditsSizePoints = r.double(n, p, in: 4...72) ?? t.creditsSizePoints
            }
        }
        return t
    }

    static func readLayer(_ r: YAMLReader, _ node: Node, _ path: String) -> LayerStyle? {
        var style = LayerStyle(rules: [])
        var sawRules = false
        for (key, n, p) in r.mapping(node, path, allowed: ["rules", "largest-first", "size-legend"]) ?? [] {
            if key == "largest-first" { style.drawLargestFirstBy = r.string(n, p); continue }
            if key == "size-legend" { style.sizeLegend = r.string(n, p); continue }
            sawRules = true
            for (item, ip) in r.sequence(n, p) ?? [] {
                if let rule = readRule(r, item, ip) { style.rules.append(rule) }
            }
        }
        if !sawRules { r.problem(node, path, "expected \"rules\": a list of rules") }
        return style
    }

    static func readRule(_ r: YAMLReader, _ node: Node, _ path: String) -> Rule? {
        guard let pairs = r.mapping(node, path, allowed: ["when", "else", "fill", "line", "marker", "label", "legend"]) else { return nil }
        var rule = Rule(symbolizers: [])
        var fill: FillStyle?, line: LineStyle?, marker: MarkerStyle?
        var hasCondition = false
        for (key, n, p) in pairs {
            switch key {
            case "when":
                hasCondition = true
                rule.filter = r.expression(n, p)
            case "else":
                hasCondition = true
                if r.bool(n, p) == false { r.problem(n, p, "expected true (a rule for everything else)") }
            case "fill": fill = readFill(r, n, p)
            case "line": line = readLine(r, n, p)
            case "marker": marker = readMarker(r, n, p)
            case "label": rule.label = readLabel(r, n, p)
            default: rule.legend = r.string(n, p)
            }
        }
        if !hasCondition { r.problem(node, path, "expected \"when\" (a filter) or \"else: true\"") }
        rule.symbolizers = [fill.map(Symbolizer.fill), line.map(Symbolizer.line), marker.map(Symbolizer.marker)].compactMap { $0 }
        if rule.symbolizers.isEmpty && rule.label == nil { r.problem(node, path, "expected at least one of fill, line, marker, label") }
        return rule
    }

    static func readLine(_ r: YAMLReader, _ node: Node, _ path: String) -> LineStyle? {
        var l = LineStyle(color: .hex("#000000"), widthPoints: 0.5)
        for (key, n, p) in r.mapping(node, path, allowed: ["color", "width", "dash"]) ?? [] {
            switch key {
            case "color": l.color = r.color(n, p) ?? l.color
            case "width": l.widthPoints = r.double(n, p, in: 0...50) ?? l.widthPoints
            default: l.dashPoints = (r.sequence(n, p) ?? []).compactMap { r.double($0.value, $0.path, in: 0.01...100) }
            }
        }
        return l
    }

    static func readFill(_ r: YAMLReader, _ node: Node, _ path: String) -> FillStyle? {
        var f = FillStyle(color: nil)
        for (key, n, p) in r.mapping(node, path, allowed: ["color", "opacity", "hatch", "outline"]) ?? [] {
            switch key {
            case "color": f.color = r.value(n, p, r.color)
            case "opacity": f.opacity = r.double(n, p, in: 0...1) ?? 1
            case "outline": f.outline = readLine(r, n, p)
            default:
                var h = HatchStyle(color: .hex("#000000"))
                for (hk, hn, hp) in r.mapping(n, p, allowed: ["color", "angle", "spacing", "width"]) ?? [] {
                    switch hk {
                    case "color": h.color = r.color(hn, hp) ?? h.color
                    case "angle": h.angleDegrees = r.double(hn, hp, in: -180...180) ?? h.angleDegrees
                    case "spacing": h.spacingPoints = r.double(hn, hp, in: 0.5...100) ?? h.spacingPoints
                    default: h.widthPoints = r.double(hn, hp, in: 0.05...20) ?? h.widthPoints
                    }
                }
                f.hatch = h
            }
        }
        if f.color == nil && f.hatch == nil && f.outline == nil { r.problem(node, path, "expected color, hatch or outline") }
        return f
    }

    static func readMarker(_ r: YAMLReader, _ node: Node, _ path: String) -> MarkerStyle? {
        var m = MarkerStyle(radiusPoints: .constant(3), fill: .constant(.hex("#000000")))
        for (key, n, p) in r.mapping(node, path, allowed: ["shape", "radius", "fill", "opacity", "stroke"]) ?? [] {
            switch key {
            case "shape":
                if let s = r.string(n, p) {
                    if let shape = MarkerStyle.Shape(rawValue: s) { m.shape = shape } else {
                        r.problem(n, p, "expected one of \(MarkerStyle.Shape.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(s)\"")
                    }
                }
            case "radius": m.radiusPoints = r.value(n, p) { r.double($0, $1, in: 0...200) } ?? m.radiusPoints
            case "fill":
                if case .scalar(let s) = n, s.string == "none" { m.fill = nil } else { m.fill = r.value(n, p, r.color) }
            case "opacity": m.opacity = r.double(n, p, in: 0...1) ?? 1
            default: m.stroke = readLine(r, n, p)
            }
        }
        return m
    }

    static func readLabel(_ r: YAMLReader, _ node: Node, _ path: String) -> LabelStyle? {
        var l = LabelStyle(sizePoints: 7, color: .hex("#1f1f1f"))
        for (key, n, p) in r.mapping(node, path, allowed: ["text", "size", "color", "bold", "italic", "uppercase", "letter-spacing",
                                                           "halo", "halo-width", "placement", "priority", "symbol-needs-label",
                                                           "callout"]) ?? [] {
            switch key {
            case "text": l.text = r.string(n, p) ?? l.text
            case "size": l.sizePoints = r.double(n, p, in: 4...72) ?? l.sizePoints
            case "color": l.color = r.color(n, p) ?? l.color
            case "bold": l.bold = r.bool(n, p) ?? false
            case "italic": l.italic = r.bool(n, p) ?? false
            case "uppercase": l.uppercase = r.bool(n, p) ?? false
            case "letter-spacing": l.letterSpacingPoints = r.double(n, p, in: 0...20) ?? 0
            case "halo":
                if case .scalar(let s) = n, s.string == "none" { l.halo = nil } else { l.halo = r.color(n, p) }
            case "halo-width": l.haloWidthPoints = r.double(n, p, in: 0...10) ?? l.haloWidthPoints
            case "placement":
                if let s = r.string(n, p) {
                    if let pl = LabelStyle.Placement(rawValue: s) { l.placement = pl } else {
                        r.problem(n, p, "expected point or area, found \"\(s)\"")
                    }
                }
            case "priority": l.priority = r.int(n, p) ?? 0
            case "callout": l.callout = r.bool(n, p) ?? false
            default: l.symbolNeedsLabel = r.bool(n, p) ?? false
            }
        }
        return l
    }
}
