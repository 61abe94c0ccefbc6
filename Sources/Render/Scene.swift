import Style

/// A point on the page, in points (1/72 inch) from the top-left corner.
public struct PagePoint: Sendable, Equatable, Codable {
    public var x: Double, y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

/// A rectangle on the page, in points.
public struct PageRect: Sendable, Equatable, Codable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public func intersects(_ o: PageRect) -> Bool { x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY }
    public func contains(_ o: PageRect) -> Bool { o.x >= x && o.y >= y && o.maxX <= maxX && o.maxY <= maxY }
    public func insetBy(_ d: Double) -> PageRect { PageRect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
}

/// Text as drawn: the font and the optional halo.
package struct TextStyle: Sendable, Equatable {
    package var family: String
    package var sizePoints: Double
    package var bold: Bool
    package var italic: Bool
    package var letterSpacingPoints: Double
    /// Shown in capitals while the text itself (what a PDF reader extracts and searches) keeps its case.
    package var uppercase: Bool
    package var color: Color
    package var halo: Color?
    package var haloWidthPoints: Double
    package init(family: String, sizePoints: Double, bold: Bool = false, italic: Bool = false,
                letterSpacingPoints: Double = 0, uppercase: Bool = false, color: Color, halo: Color? = nil, haloWidthPoints: Double = 0) {
        self.family = family; self.sizePoints = sizePoints; self.bold = bold; self.italic = italic
        self.letterSpacingPoints = letterSpacingPoints; self.uppercase = uppercase; self.color = color; self.halo = halo
        self.haloWidthPoints = haloWidthPoints
    }
}

/// A point symbol with its size and colours resolved for one feature.
package struct Mark: Sendable, Equatable {
    package var shape: MarkerStyle.Shape
    package var radiusPoints: Double
    package var fill: Color?
    package var stroke: LineStyle?
    package init(shape: MarkerStyle.Shape, radiusPoints: Double, fill: Color?, stroke: LineStyle?) {
        self.shape = shape
        self.radiusPoints = radiusPoints
        self.fill = fill
        self.stroke = stroke
    }
}

/// Text set glyph by glyph along a line (a river's name), already placed: each glyph's text, the left end of its
/// baseline, and its rotation. A plain value, so any writer can draw it: an SVG writer as one `<text>` with `x`,
/// `y` and `rotate` lists (degrees = `angleRadians` × 180/π), Cairo as one rotated glyph at a time.
package struct PathText: Sendable, Equatable {
    package struct Glyph: Sendable, Equatable {
        /// The glyph's characters as written (the style may show them in capitals).
        package var text: String
        /// The left end of the glyph's baseline on the page.
        package var origin: PagePoint
        /// Clockwise on the page (page y points down), about `origin`; upright labels stay within ±90°.
        package var angleRadians: Double
    }
    /// The whole label, for search and alt text.
    package var text: String
    package var style: TextStyle
    package var glyphs: [Glyph]
}

/// One drawing operation, in page points. A scene is computed once and replayed onto every output surface.
package enum SceneOp: Sendable, Equatable {
    case fillRect(PageRect, Color)
    case strokeRect(PageRect, LineStyle)
    /// Rings filled together with the even-odd rule (holes stay empty), then outlined if asked.
    case fill(rings: [[PagePoint]], color: Color?, outline: LineStyle?)
    /// Parallel lines clipped to the rings.
    case hatch(rings: [[PagePoint]], HatchStyle)
    case stroke(lines: [[PagePoint]], LineStyle)
    case marker(PagePoint, Mark)
    /// Text whose top-left corner is at `origin` (Pango's layout origin).
    case text(String, origin: PagePoint, TextStyle)
    /// A label along a line, glyph by glyph.
    case pathText(PathText)
    case clip(PageRect)
    case resetClip
    /// Lines `lines` of a text block, the top of the first of them at `origin`; links inside become PDF links.
    case textBlock(TextBlock, origin: PagePoint, lines: Range<Int>)
    /// Ops drawn shifted by `offset` (a map body composed at one place and set at another).
    case group([SceneOp], offset: PagePoint)
    /// A named destination for links `#name` (PDF only; nothing is drawn).
    case destination(String, PagePoint)
    /// The ops up to the matching `.endLayer` are one named part of the page: a layer of the spec (its id), the
    /// labels, a piece of furniture. SVG output makes it a `<g id="…">` (an Inkscape layer); nothing is drawn.
    case beginLayer(String)
    case endLayer
    /// Starts or ends a structure element of a tagged PDF (`P`, `H2`, `Figure`, `Table`…): what is drawn between
    /// the two is its content, and elements nest. PDF only; other outputs draw nothing for it.
    case structure(StructureTag)
    /// An image file drawn into a rectangle: an SVG as vectors, a PNG or JPEG as an image.
    case image(ImageFile, PageRect)
}

extension SceneOp {
    /// `ops` as the named part `id` (see `beginLayer`); nothing when there are no ops.
    package static func layer(_ id: String, _ ops: [SceneOp]) -> [SceneOp] {
        ops.isEmpty ? [] : [.beginLayer(id)] + ops + [.endLayer]
    }

    /// As `layer`, appended in place to `ops`: the ops `add` appends become the named part `id`, and nothing is
    /// left when it appends none. A layer of 100,000 markers is then copied once, into the page's list, not into a
    /// list of its own and a named part first.
    package static func appendLayer(_ id: String, to ops: inout [SceneOp], _ add: (inout [SceneOp]) -> Void) {
        ops.append(.beginLayer(id))
        let start = ops.count
        add(&ops)
        if ops.count == start { ops.removeLast() } else { ops.append(.endLayer) }
    }
}

/// The start or end of a tagged-PDF structure element, by its standard type name.
package enum StructureTag: Sendable, Equatable {
    case begin(String)
    case end(String)
}

/// The complete, device-independent description of a page.
package struct Scene: Sendable, Equatable {
    package var page: Page
    package var ops: [SceneOp]
    package init(page: Page, ops: [SceneOp]) {
        self.page = page
        self.ops = ops
    }
}
