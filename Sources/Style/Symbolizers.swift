import Geometry

/// How a line or outline is stroked. Widths are in points (1/72 inch) on the page.
public struct LineStyle: Sendable, Equatable {
    public var color: Color
    public var widthPoints: Double
    public var dashPoints: [Double]
    public init(color: Color, widthPoints: Double, dashPoints: [Double] = []) {
        self.color = color
        self.widthPoints = widthPoints
        self.dashPoints = dashPoints
    }
}

/// Parallel lines across a polygon: shows a second category on top of a fill (two groups in one region).
public struct HatchStyle: Sendable, Equatable {
    public var color: Color
    public var angleDegrees: Double
    public var spacingPoints: Double
    public var widthPoints: Double
    public init(color: Color, angleDegrees: Double = 45, spacingPoints: Double = 4, widthPoints: Double = 1) {
        self.color = color
        self.angleDegrees = angleDegrees
        self.spacingPoints = spacingPoints
        self.widthPoints = widthPoints
    }
}

/// How a polygon is filled: a colour, hatching, or both, and an optional outline.
public struct FillStyle: Sendable, Equatable {
    public var color: Value<Color>?
    public var opacity: Double
    public var hatch: HatchStyle?
    public var outline: LineStyle?
    public init(color: Value<Color>?, opacity: Double = 1, hatch: HatchStyle? = nil, outline: LineStyle? = nil) {
        self.color = color
        self.opacity = opacity
        self.hatch = hatch
        self.outline = outline
    }
}

/// A point symbol. Its size and colour may depend on the feature.
public struct MarkerStyle: Sendable, Equatable {
    public enum Shape: String, Sendable, CaseIterable { case circle, square, triangle, diamond, cross }
    public var shape: Shape
    public var radiusPoints: Value<Double>
    public var fill: Value<Color>?
    public var opacity: Double
    public var stroke: LineStyle?
    public init(shape: Shape = .circle, radiusPoints: Value<Double>, fill: Value<Color>?, opacity: Double = 1,
                stroke: LineStyle? = nil) {
        self.shape = shape
        self.radiusPoints = radiusPoints
        self.fill = fill
        self.opacity = opacity
        self.stroke = stroke
    }
}

/// Text for a feature from a template over its properties: `"{name}"`, `"{location}, {date}: {fatalities_high} killed"`.
public struct LabelStyle: Sendable, Equatable {
    public enum Placement: String, Sendable, Equatable, CaseIterable {
        /// Around a point symbol: right, left, the diagonals, above, below.
        case point
        /// Inside the polygon, at its pole of inaccessibility or wherever it fits.
        case area
    }
    public var text: String
    public var sizePoints: Double
    public var color: Color
    public var bold: Bool
    public var italic: Bool
    /// Shown in capitals; the text (what a PDF reader extracts) keeps its case.
    public var uppercase: Bool
    public var letterSpacingPoints: Double
    public var halo: Color?
    public var haloWidthPoints: Double
    public var placement: Placement
    /// Higher priorities are placed first and win collisions.
    public var priority: Int
    /// Hide the feature's point symbol when its label cannot be placed (a town dot without a name is noise).
    public var symbolNeedsLabel: Bool
    /// Placed away from its symbol where it fits, with a leader line back to it.
    public var callout: Bool

    public init(text: String = "{name}", sizePoints: Double, color: Color, bold: Bool = false, italic: Bool = false,
                uppercase: Bool = false, letterSpacingPoints: Double = 0, halo: Color? = nil, haloWidthPoints: Double = 1.5,
                placement: Placement = .point, priority: Int = 0, symbolNeedsLabel: Bool = false, callout: Bool = false) {
        self.text = text; self.sizePoints = sizePoints; self.color = color; self.bold = bold; self.italic = italic
        self.uppercase = uppercase; self.letterSpacingPoints = letterSpacingPoints; self.halo = halo
        self.haloWidthPoints = haloWidthPoints; self.placement = placement; self.priority = priority
        self.symbolNeedsLabel = symbolNeedsLabel
        self.callout = callout
    }

    /// The label for a feature, or nil when a property it names is missing or empty. `{date|date}` writes an ISO
    /// date in words ("5 June 2021").
    public func text(for properties: [String: JSONValue]) -> String? {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let inside = rest[rest.index(after: open)..<close].split(separator: "|", maxSplits: 1).map(String.init)
            let key = inside.first ?? ""
            if inside.count == 2, inside[1] == "date", let iso = properties[key]?.stringValue {
                out += Self.dateWords(iso)
                rest = rest[rest.index(after: close)...]
                continue
            }
            switch properties[key] {
            case .string(let s)? where !s.isEmpty: out += s
            case .number(let n)?: out += JSONValue.format(n)
            case .bool(let b)?: out += "\(b)"
            default: return nil
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out.isEmpty ? nil : out
    }
}

extension LabelStyle {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    /// "2021-06-05" → "5 June 2021", "2019-11" → "November 2019"; anything else unchanged.
    static func dateWords(_ iso: String) -> String {
        let p = iso.split(separator: "-").map { Int($0) }
        guard p.count >= 1, let y = p[0] else { return iso }
        guard p.count >= 2, let m = p[1], (1...12).contains(m) else { return "\(y)" }
        guard p.count >= 3, let d = p[2] else { return "\(months[m - 1]) \(y)" }
        return "\(d) \(months[m - 1]) \(y)"
    }
}

/// One way of drawing the features a rule matches.
public enum Symbolizer: Sendable, Equatable {
    case fill(FillStyle)
    case line(LineStyle)
    case marker(MarkerStyle)
}

/// A filter and what to draw for the features it matches. In a layer, the first matching rule wins.
public struct Rule: Sendable, Equatable {
    /// nil matches every feature (`else: true` in YAML).
    public var filter: Expression?
    public var symbolizers: [Symbolizer]
    public var label: LabelStyle?
    /// The legend text for this rule's class (issue: legends list only drawn classes).
    public var legend: String?
    public init(filter: Expression? = nil, symbolizers: [Symbolizer], label: LabelStyle? = nil, legend: String? = nil) {
        self.filter = filter
        self.symbolizers = symbolizers
        self.label = label
        self.legend = legend
    }

    public func matches(_ properties: [String: JSONValue]) -> Bool { filter?.matches(properties) ?? true }
}

/// How one layer is drawn.
public struct LayerStyle: Sendable, Equatable {
    public var rules: [Rule]
    /// Draw features in this order: by a numeric property, largest first, so small symbols stay visible.
    public var drawLargestFirstBy: String?
    /// The legend heading for symbols sized by a value ("Civilians killed").
    public var sizeLegend: String?
    public init(rules: [Rule], drawLargestFirstBy: String? = nil, sizeLegend: String? = nil) {
        self.rules = rules
        self.drawLargestFirstBy = drawLargestFirstBy
        self.sizeLegend = sizeLegend
    }

    /// The rule that draws a feature, if any.
    public func rule(for properties: [String: JSONValue]) -> Rule? { ruleIndex(for: properties).map { rules[$0] } }

    /// The index of the rule that draws a feature, if any.
    public func ruleIndex(for properties: [String: JSONValue]) -> Int? { rules.firstIndex { $0.matches(properties) } }
}
