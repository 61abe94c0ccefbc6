import Geometry
import Layers
import Style

/// The parts of a page besides the map body that a layout may ask for. The theme still decides whether a scale
/// bar, north arrow, inset or graticule is wanted at all; a part left out here is never drawn.
public struct MapParts: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Title, subtitle and the date line above the frame.
    public static let title = MapParts(rawValue: 1 << 0)
    /// The sources line below the frame.
    public static let credits = MapParts(rawValue: 1 << 1)
    public static let legend = MapParts(rawValue: 1 << 2)
    public static let scaleBar = MapParts(rawValue: 1 << 3)
    public static let northArrow = MapParts(rawValue: 1 << 4)
    /// The Africa locator.
    public static let inset = MapParts(rawValue: 1 << 5)

    /// The full page: everything.
    public static let all: MapParts = [.title, .credits, .legend, .scaleBar, .northArrow, .inset]
    /// Inside the frame only: what a figure in a document keeps when the document supplies caption and sources.
    public static let inFrame: MapParts = [.legend, .scaleBar, .northArrow, .inset]
}

/// The furniture laid out inside the frame: what goes under the layers, what goes over them, and the boxes
/// labels must avoid.
struct FurnitureLayout {
    /// Drawn before the layers (graticule lines).
    var underlay: [SceneOp] = []
    /// Drawn after the labels: graticule labels, scale bar, north arrow, inset, legend, in that order.
    var overlay: [SceneOp] = []
    /// Boxes no label may cover.
    var boxes: [PageRect] = []
    var scaleBar: RenderReport.ScaleBarInfo?
    var inset: PageRect?
    var legendBox: PageRect?
    /// What the legend shows; empty when it was left out.
    var legendEntries: [String] = []
    var notes: [String] = []
    /// The legend left out where the layout asked for one.
    var warnings: [MapWarning] = []

    /// Lays out the theme's furniture among `parts` in `view.frame`; the legend last, in the corner where it hides
    /// the fewest `symbols`.
    /// - Throws: `GeoDataError` when the inset's built-in outline of Africa cannot be read.
    static func layout(_ parts: MapParts, context: MapContext, legend: [LegendBuilder.Item], symbols: [PageRect],
                       sources: SourceSet, text: TextEngine) throws -> FurnitureLayout {
        let theme = context.spec.theme, view = context.view, frame = view.frame, transform = context.transform
        var out = FurnitureLayout()
        let pad = 6.0
        if theme.graticule {
            let g = Graticule.ops(view: view, transform: transform, theme: theme, text: text, sizePoints: context.sized(5.5))
            out.underlay = g.lines
            out.overlay += SceneOp.layer("graticule-labels", g.labels)
            out.boxes += g.boxes
        }
        var cornerY = frame.maxY - pad   // the lower-right corner stacks the scale bar, then the north arrow
        if parts.contains(.scaleBar), theme.scaleBar,
           let bar = ScaleBar.measure(view: view, transform: transform, target: min(frame.width * 0.16, 140)) {
            let unit = TextStyle(family: theme.fontFamily, sizePoints: context.sized(theme.creditsSizePoints), color: theme.mutedText)
            let origin = PagePoint(x: frame.maxX - pad - bar.lengthPoints - text.measure("km", unit).width - 4, y: cornerY)
            let drawn = bar.ops(at: origin, theme: theme, text: text, sizePoints: context.sized(6))
            out.overlay += SceneOp.layer("scale-bar", drawn.ops)
            out.boxes.append(drawn.box)
            out.scaleBar = .init(kilometres: bar.kilometres, lengthPoints: bar.lengthPoints, geodesicMeters: bar.geodesicMeters,
                                 box: drawn.box)
            cornerY = drawn.box.y - 4
        }
        if parts.contains(.northArrow), theme.northArrow {
            let arrow = NorthArrow.ops(at: PagePoint(x: frame.maxX - pad - 8, y: cornerY), theme: theme, text: text,
                                       sizePoints: context.sized(7))
            out.overlay += SceneOp.layer("north-arrow", arrow.ops)
            out.boxes.append(arrow.box)
        }
        if parts.contains(.inset), theme.inset, frame.width > 200 {
            let w = min(frame.width * 0.17, 130), h = w * 0.95
            let box = PageRect(x: frame.maxX - pad - w, y: frame.y + pad, width: w, height: h)
            let africa = try sources.features(.builtIn("africa"))
            if let inset = Inset.ops(africa: africa, view: view, transform: transform, box: box, theme: theme) {
                out.overlay += SceneOp.layer("inset", inset)
                out.boxes.append(box.insetBy(-2))
                out.inset = box
            }
        }
        guard !legend.isEmpty else { return out }
        if !parts.contains(.legend) {
            out.notes.append("legend left out: the layout draws none (\(legend.count) entries)")
        } else if let l = LegendLayout.ops(legend, frame: frame, theme: theme, text: text, scale: context.scale,
                                           symbols: symbols, avoid: out.boxes) {
            out.overlay += SceneOp.layer("legend", l.ops)
            out.boxes.append(l.box)
            out.legendBox = l.box
            out.legendEntries = legend.map(\.text)
        } else {
            out.notes.append("legend left out: it would cover more than a fifth of the map on this page")
            out.warnings.append(MapWarning(kind: .legendLeftOut, message:
                "legend left out: its \(legend.count) entries would cover more than a fifth of the map on this page; use a larger page"))
        }
        return out
    }
}
