import Style
import Geometry

extension MapSpec {
    /// Mali, Burkina Faso and Niger: the core of the Sahel crisis, drawn warmer than their neighbours.
    public static let focusCountries = ["MLI", "BFA", "NER"]
    /// The Sahel states whose regional capitals the overview names first.
    public static let sahelCountries = ["MLI", "BFA", "NER", "MRT", "TCD"]

    static func townMarker(radius: Double) -> MarkerStyle {
        MarkerStyle(radiusPoints: radius, fill: .hex("#3a3a3a"), stroke: LineStyle(color: .hex("#ffffff"), widthPoints: 0.5))
    }

    /// The default briefing map: countries, first-level regions, rivers and lakes, capitals and principal towns.
    public static let sahelOverview = MapSpec(
        title: "The central Sahel and its neighbours",
        subtitle: "Countries, first-level regions, capitals and principal towns",
        layers: [
            Layer(id: "countries", source: .builtIn("countries"), rules: [
                Rule(filter: .oneOf(property: "iso_a3", values: focusCountries),
                     symbolizers: [.fill(FillStyle(color: .hex("#f4e7cd")))]),
                Rule(symbolizers: [.fill(FillStyle(color: .hex("#ebe9e4")))]),
            ]),
            Layer(id: "lakes", source: .builtIn("water"), rules: [
                Rule(filter: .oneOf(property: "kind", values: ["lake"]),
                     symbolizers: [.fill(FillStyle(color: .hex("#cfe0ea"), outline: LineStyle(color: .hex("#8fb3cc"), widthPoints: 0.4)))]),
            ]),
            Layer(id: "regions", source: .builtIn("regions"), rules: [
                Rule(symbolizers: [.line(LineStyle(color: .hex("#a39e93"), widthPoints: 0.35, dashPoints: [1.6, 0.8]))]),
            ]),
            Layer(id: "rivers", source: .builtIn("water"), rules: [
                Rule(filter: .oneOf(property: "kind", values: ["river"]),
                     symbolizers: [.line(LineStyle(color: .hex("#7aa6c6"), widthPoints: 0.8))]),
            ]),
            Layer(id: "borders", source: .builtIn("countries"), rules: [
                Rule(symbolizers: [.line(LineStyle(color: .hex("#6e6a63"), widthPoints: 0.7))],
                     label: LabelStyle(property: "name", sizePoints: 9, color: .hex("#8a7f6c"), uppercase: true,
                                       letterSpacingPoints: 1.0, halo: nil, placement: .insidePolygon),
                     labelPriority: 90),
            ]),
            Layer(id: "places", source: .builtIn("places"), rules: [
                Rule(filter: .oneOf(property: "rank", values: ["1"]),
                     symbolizers: [.marker(MarkerStyle(shape: .square, radiusPoints: 2.4, fill: .hex("#1f1f1f"),
                                                       stroke: LineStyle(color: .hex("#ffffff"), widthPoints: 0.6)))],
                     label: LabelStyle(sizePoints: 8.5, color: .hex("#1f1f1f"), bold: true, halo: .hex("#ffffff")),
                     labelPriority: 100),
                Rule(filter: .all([.oneOf(property: "rank", values: ["2"]), .oneOf(property: "country", values: sahelCountries)]),
                     symbolizers: [.marker(townMarker(radius: 1.8))],
                     label: LabelStyle(sizePoints: 7, color: .hex("#2b2b2b"), halo: .hex("#ffffff"), symbolNeedsLabel: true),
                     labelPriority: 80),
                Rule(filter: .oneOf(property: "rank", values: ["3"]),
                     symbolizers: [.marker(townMarker(radius: 1.5))],
                     label: LabelStyle(sizePoints: 6.5, color: .hex("#333333"), halo: .hex("#ffffff"), symbolNeedsLabel: true),
                     labelPriority: 70),
                Rule(filter: .oneOf(property: "rank", values: ["2"]),
                     symbolizers: [.marker(townMarker(radius: 1.5))],
                     label: LabelStyle(sizePoints: 6.5, color: .hex("#444444"), halo: .hex("#ffffff"), symbolNeedsLabel: true),
                     labelPriority: 45),
                Rule(filter: .oneOf(property: "rank", values: ["4"]),
                     symbolizers: [.marker(townMarker(radius: 1.3))],
                     label: LabelStyle(sizePoints: 6, color: .hex("#444444"), halo: .hex("#ffffff"), symbolNeedsLabel: true),
                     labelPriority: 40),
            ]),
        ],
        extent: .bbox(BoundingBox(west: -17.6, south: 4.2, east: 24.2, north: 25.2)),
        theme: .briefing)
}
