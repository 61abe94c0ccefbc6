
/// Page-wide colours and type: the sea behind everything, the frame, the title and credits.
public struct Theme: Sendable, Equatable {
    public var sea: Color
    public var paper: Color
    package var frame: LineStyle
    public var text: Color
    public var mutedText: Color
    public var halo: Color
    /// Family names resolved through the project's fontconfig file; rendering fails if a family is missing.
    public var fontFamily: String
    public var titleSizePoints: Double
    public var subtitleSizePoints: Double
    public var creditsSizePoints: Double
    /// Page furniture inside the map frame.
    public var scaleBar = true
    public var inset = true
    public var graticule = false
    public var northArrow = false

    public static let briefing = Theme(
        sea: .hex("#cfe0ea"), paper: .hex("#ffffff"),
        frame: LineStyle(color: .hex("#4a4a4a"), widthPoints: 0.6),
        text: .hex("#1f1f1f"), mutedText: .hex("#5b5b5b"), halo: .hex("#ffffff"),
        fontFamily: "Noto Sans", titleSizePoints: 16, subtitleSizePoints: 9.5, creditsSizePoints: 6)
}
