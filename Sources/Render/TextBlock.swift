import Style

/// A block of running text (a paragraph, a caption, a table cell) to be laid out by Pango at a fixed width.
///
/// The text is plain UTF-8; styling is a list of spans over byte ranges, so link and footnote positions are exact
/// and no markup language sits between the document and Pango.
package struct TextBlock: Sendable, Equatable {
    package enum Alignment: Sendable, Equatable { case left, center, right, justify }

    package var text: String
    package var spans: [TextSpan]
    package var family: String
    package var sizePoints: Double
    package var bold: Bool
    package var italic: Bool
    package var color: Color
    package var widthPoints: Double
    package var alignment: Alignment
    /// Distance between baselines as a multiple of the font's natural line height; 0 leaves Pango's default.
    package var lineSpacing: Double

    package init(text: String, spans: [TextSpan] = [], family: String, sizePoints: Double, bold: Bool = false,
                 italic: Bool = false, color: Color, widthPoints: Double, alignment: Alignment = .left, lineSpacing: Double = 0) {
        self.text = text; self.spans = spans; self.family = family; self.sizePoints = sizePoints; self.bold = bold
        self.italic = italic; self.color = color; self.widthPoints = widthPoints; self.alignment = alignment
        self.lineSpacing = lineSpacing
    }
}

/// Styling over the UTF-8 bytes `start..<end` of a `TextBlock`'s text.
package struct TextSpan: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        case bold, italic, strikethrough
        /// Another family at a relative size (inline code).
        case family(String, scale: Double)
        case color(Color)
        /// Raised and smaller (footnote marks).
        case superscript
        /// A link: `uri` for the web, or `#name` for a destination in the same document. Painted as a PDF link
        /// annotation over the text it covers.
        case link(String)
    }
    package var start: Int, end: Int
    package var kind: Kind
    package init(start: Int, end: Int, _ kind: Kind) { self.start = start; self.end = end; self.kind = kind }
}

/// One laid-out line of a `TextBlock`, in points from the block's top.
package struct TextLine: Sendable, Equatable {
    package var top: Double, height: Double
    /// Distance from the block's top to this line's baseline.
    package var baseline: Double
    /// The UTF-8 bytes of the text on this line.
    package var start: Int, end: Int
}

/// A laid-out `TextBlock`: its lines and its natural (unwrapped) width.
package struct TextBlockMetrics: Sendable, Equatable {
    package var lines: [TextLine]
    /// Height of all lines.
    package var height: Double { lines.last.map { $0.top + $0.height } ?? 0 }
    /// Width of the widest line as laid out.
    package var width: Double
    /// Height of `lines[range]` as drawn together.
    package func height(of range: Range<Int>) -> Double {
        guard let first = range.first, let last = range.last else { return 0 }
        return lines[last].top + lines[last].height - lines[first].top
    }
}
