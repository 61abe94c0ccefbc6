import Geometry

/// How a line or outline is stroked. Widths are in points (1/72 inch) on the page.
package struct LineStyle: Sendable, Equatable {
    package var color: Color
    package var widthPoints: Double
    package var dashPoints: [Double]
    package init(color: Color, widthPoints: Double, dashPoints: [Double] = []) {
        self.color = color
        self.widthPoints = widthPoints
        self.dashPoints = dashPoints
    }
}

/// Parallel lines across a polygon: shows a second category on top of a fill (two groups in one region).
package struct HatchStyle: Sendable, Equatable {
    package var color: Color
    package var angleDegrees: Double
    package var spacingPoints: Double
    package var widthPoints: Double
    package init(color: Color, angleDegrees: Double = 45, spacingPoints: Double = 4, widthPoints: Double = 1) {
        self.color = color
        self.angleDegrees = angleDegrees
        self.spacingPoints = spacingPoints
        self.widthPoints = widthPoints
    }
}

/// How a polygon is filled: a colour, hatching, or both, and an optional outline.
package struct FillStyle: Sendable, Equatable {
    package var color: Value<Color>?
    package var opacity: Double
    package var hatch: HatchStyle?
    package var outline: LineStyle?
    package init(color: Value<Color>?, opacity: Double = 1, hatch: HatchStyle? = nil, outline: LineStyle? = nil) {
        self.color = color
        self.opacity = opacity
        self.hatch = hatch
        self.outline = outline
    }
}

/// A point symbol. Its size and colour may depend on the feature.
package struct MarkerStyle: Sendable, Equatable {
    package enum Shape: String, Sendable, CaseIterable { case circle, square, triangle, diamond, cross }
    package var shape: Shape
    package var radiusPoints: Value<Double>
    package var fill: Value<Color>?
    package var opacity: Double
    package var stroke: LineStyle?
    package init(shape: Shape = .circle, radiusPoints: Value<Double>, fill: Value<Color>?, opacity: Double = 1,
                stroke: LineStyle? = nil) {
        self.shape = shape
        self.radiusPoints = radiusPoints
        self.fill = fill
        self.opacity = opacity
        self.stroke = stroke
    }
}

/// Text for a feature from a template over its properties: `"{name}"`, `"{location}, {date}: {fatalities_high} killed"`.
package struct LabelStyle: Sendable, Equatable {
    package enum Placement: String, Sendable, Equatable, CaseIterable {
        /// Around a point symbol: right, left, the diagonals, above, below.
        case point
        /// Inside the polygon, centred on its largest inscribed circle or wherever it fits, letter-spaced to the room.
        case area
        /// Along the line, glyph by glyph on a smoothed path, kept upright (river names).
        case line
    }
    /// The template; parsed once into `parts` (a label is made for each of 100,000 events).
    package var text: String { didSet { parts = Self.parts(of: text) } }
    /// The template as literal text and fields (`{location}`, `{date|date}`), in order.
    package private(set) var parts: [TemplatePart] = []
    package enum TemplatePart: Sendable, Equatable {
        case literal(Substring)
        /// A property; `date` when written `{key|date}` (an ISO date in words).
        case field(String, date: Bool)
    }
    package var sizePoints: Double
    package var color: Color
    package var bold: Bool
    package var italic: Bool
    /// Shown in capitals; the text (what a PDF reader extracts) keeps its case.
    package var uppercase: Bool
    package var letterSpacingPoints: Double
    package var halo: Color?
    package var haloWidthPoints: Double
    package var placement: Placement
    /// Higher priorities are placed first and win collisions; may depend on the feature
    /// (`{ match: rank, cases: { "1": 100 }, default: 40 }`, `{ interpolate: fatalities, stops: [[0, 20], [100, 60]] }`).
    package var priority: Value<Double>
    /// Hide the feature's point symbol when its label cannot be placed (a town dot without a name is noise).
    package var symbolNeedsLabel: Bool
    /// Placed away from its symbol where it fits, with a leader line back to it.
    package var callout: Bool

    package init(text: String = "{name}", sizePoints: Double, color: Color, bold: Bool = false, italic: Bool = false,
                uppercase: Bool = false, letterSpacingPoints: Double = 0, halo: Color? = nil, haloWidthPoints: Double = 1.5,
                placement: Placement = .point, priority: Value<Double> = .constant(0), symbolNeedsLabel: Bool = false, callout: Bool = false) {
        self.text = text; self.parts = Self.parts(of: text); self.sizePoints = sizePoints; self.color = color; self.bold = bold; self.italic = italic
        self.uppercase = uppercase; self.letterSpacingPoints = letterSpacingPoints; self.halo = halo
        self.haloWidthPoints = haloWidthPoints; self.placement = placement; self.priority = priority
        self.symbolNeedsLabel = symbolNeedsLabel
        self.callout = callout
    }

    /// The priority for one feature, rounded; 0 when the property it reads is missing.
    package func priority(for properties: [String: JSONValue]) -> Int {
        Int((priority.value(for: properties) ?? 0).rounded())
    }

    /// The property names the template uses: `"{location}, {date|date}"` → `["location", "date"]`.
    package var fields: [String] {
        var out: [String] = []
        for case .field(let key, _) in parts where !out.contains(key) { out.append(key) }
        return out
    }

    /// Literal text and `{field}`s; a `{` without its `}` is text.
    static func parts(of template: String) -> [TemplatePart] {
        var out: [TemplatePart] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { out.append(.literal(rest[..<open])) }
            let inside = rest[rest.index(after: open)..<close].split(separator: "|", maxSplits: 1).map(String.init)
            out.append(.field(inside.first ?? "", date: inside.count == 2 && inside[1] == "date"))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { out.append(.literal(rest)) }
        return out
    }

    /// The label for a feature, or nil when a property it names is missing or empty. `{date|date}` writes an ISO
    /// date in words ("5 June 2021").
    package func text(for properties: [String: JSONValue]) -> String? {
        // One field alone ("{name}", most labels): the property's own text, not a copy.
        if parts.count == 1, case .field(let key, false) = parts[0] {
            switch properties[key] {
            case .string(let s)? where !s.isEmpty: return s
            case .number(let n)?: return JSONValue.format(n)
            case .bool(let b)?: return "\(b)"
            default: return nil
            }
        }
        var out = ""
        for part in parts {
            switch part {
            case .literal(let s): out += s
            case .field(let key, let date):
                if date, let iso = properties[key]?.stringValue {
                    out += Self.dateWords(iso)
                    continue
                }
                switch properties[key] {
                case .string(let s)? where !s.isEmpty: out += s
                case .number(let n)?: out += JSONValue.format(n)
                case .bool(let b)?: out += "\(b)"
                default: return nil
                }
            }
        }
        return out.isEmpty ? nil : out
    }
}

extension LabelStyle {
    /// "2021-06-05" → "5 June 2021", "2019-11" → "November 2019" (`DateWords`, the one date style of a map).
    static func dateWords(_ iso: String) -> String { DateWords.words(iso: iso) }
}

/// One way of drawing the features a rule matches.
package enum Symbolizer: Sendable, Equatable {
    case fill(FillStyle)
    case line(LineStyle)
    case marker(MarkerStyle)
}

/// A filter and what to draw for the features it matches. In a layer, the first matching rule wins.
package struct Rule: Sendable, Equatable {
    /// nil matches every feature (`else: true` in YAML).
    package var filter: Expression?
    package var symbolizers: [Symbolizer]
    package var label: LabelStyle?
    /// The legend text for this rule's class (issue: legends list only drawn classes).
    package var legend: String?
    package init(filter: Expression? = nil, symbolizers: [Symbolizer], label: LabelStyle? = nil, legend: String? = nil) {
        self.filter = filter
        self.symbolizers = symbolizers
        self.label = label
        self.legend = legend
    }

    package func matches(_ properties: [String: JSONValue]) -> Bool { filter?.matches(properties) ?? true }

    /// Every property the rule reads for a feature: its `when`, the value functions of its symbolizers, its label's
    /// template and priority, and its legend template (with `{group}`, which a `{group_name}` legend falls back to).
    package var fields: Set<String> {
        var out = filter?.fields ?? []
        for s in symbolizers {
            switch s {
            case .fill(let f): if let p = f.color?.property { out.insert(p) }
            case .line: break
            case .marker(let m):
                if let p = m.radiusPoints.property { out.insert(p) }
                if let p = m.fill?.property { out.insert(p) }
            }
        }
        if let l = label {
            out.formUnion(l.fields)
            if let p = l.priority.property { out.insert(p) }
        }
        if let legend, legend.contains("{") {
            let fields = LabelStyle(text: legend, sizePoints: 1, color: .hex("#000000")).fields
            out.formUnion(fields)
            if fields.contains("group_name") { out.insert("group") }
        }
        return out
    }
}

/// How strongly a layer's symbols keep labels off them.
package enum LabelObstacle: String, Sendable, Equatable, CaseIterable {
    /// No label may cover the symbols (opaque reference symbols, the default).
    case hard
    /// A label more important than the symbol may cross it, halo and all (translucent thematic discs under a
    /// capital's name); the symbol stays drawn.
    case soft
    /// Labels ignore the symbols.
    case none
}

/// How one layer is drawn.
package struct LayerStyle: Sendable, Equatable {
    package var rules: [Rule]
    /// Draw features in this order: by a numeric property, largest first, so small symbols stay visible.
    package var drawLargestFirstBy: String?
    /// The legend heading for symbols sized by a value ("Civilians killed").
    package var sizeLegend: String?
    /// How the layer's point symbols keep labels off them (`label-obstacle: hard | soft | none`).
    package var labelObstacle: LabelObstacle
    package init(rules: [Rule], drawLargestFirstBy: String? = nil, sizeLegend: String? = nil, labelObstacle: LabelObstacle = .hard) {
        self.rules = rules
        self.labelObstacle = labelObstacle
        self.drawLargestFirstBy = drawLargestFirstBy
        self.sizeLegend = sizeLegend
    }

    /// Every property the style reads for a feature: its rules' (`Rule.fields`) and the largest-first key.
    package var fields: Set<String> {
        var out = rules.reduce(into: Set<String>()) { $0.formUnion($1.fields) }
        if let k = drawLargestFirstBy { out.insert(k) }
        return out
    }

    /// The rule that draws a feature, if any.
    package func rule(for properties: [String: JSONValue]) -> Rule? { ruleIndex(for: properties).map { rules[$0] } }

    /// The index of the rule that draws a feature, if any.
    package func ruleIndex(for properties: [String: JSONValue]) -> Int? { rules.firstIndex { $0.matches(properties) } }
}
