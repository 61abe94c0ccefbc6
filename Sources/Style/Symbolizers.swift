/// How a polygon is filled.
public struct FillStyle: Sendable, Equatable {
    public var color: Color
    public var outline: LineStyle?
    public init(color: Color, outline: LineStyle? = nil) {
        self.color = color
        self.outline = outline
    }
}

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

/// A point symbol.
public struct MarkerStyle: Sendable, Equatable {
    public enum Shape: String, Sendable { case circle, square }
    public var shape: Shape
    public var radiusPoints: Double
    public var fill: Color
    public var stroke: LineStyle?
    public init(shape: Shape = .circle, radiusPoints: Double, fill: Color, stroke: LineStyle? = nil) {
        self.shape = shape
        self.radiusPoints = radiusPoints
        self.fill = fill
        self.stroke = stroke
    }
}

/// Text for a feature, from one of its properties.
public struct LabelStyle: Sendable, Equatable {
    public enum Placement: Sendable, Equatable {
        /// Around a point symbol: right, left, above, below, and the diagonals, in that order.
        case aroundPoint
        /// At the polygon's pole of inaccessibility; dropped when the polygon is too small for the text.
        case insidePolygon
    }
    public var property: String
    public var sizePoints: Double
    public var color: Color
    public var bold: Bool
    public var italic: Bool
    public var uppercase: Bool
    /// Extra space between letters, in points.
    public var letterSpacingPoints: Double
    public var halo: Color?
    public var haloWidthPoints: Double
    public var placement: Placement
    /// Hide the feature's point symbol when its label cannot be placed (a town dot without a name is noise).
    public var symbolNeedsLabel: Bool
    public init(property: String = "name", sizePoints: Double, color: Color, bold: Bool = false, italic: Bool = false,
                uppercase: Bool = false, letterSpacingPoints: Double = 0, halo: Color? = nil, haloWidthPoints: Double = 1.5,
                placement: Placement = .aroundPoint, symbolNeedsLabel: Bool = false) {
        self.property = property; self.sizePoints = sizePoints; self.color = color; self.bold = bold
        self.italic = italic; self.uppercase = uppercase; self.letterSpacingPoints = letterSpacingPoints
        self.halo = halo; self.haloWidthPoints = haloWidthPoints; self.placement = placement
        self.symbolNeedsLabel = symbolNeedsLabel
    }
}

/// One way of drawing the features a rule matches.
public enum Symbolizer: Sendable, Equatable {
    case fill(FillStyle)
    case line(LineStyle)
    case marker(MarkerStyle)
}
