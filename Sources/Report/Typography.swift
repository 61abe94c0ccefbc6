import Render
import Style

/// The report's type and measures, in points. One place to change how every briefing looks.
struct Typography {
    let page: Page
    let serif = "Noto Serif", sans = "Noto Sans"
    let ink = Color.hex("#1c1c1c"), muted = Color.hex("#5e6670"), accent = Color.hex("#1b3a5c"), hairline = Color.hex("#b9c2cc")
    let rule = Color.hex("#8c99a6"), quoteBar = Color.hex("#c7d2dd"), tableHead = Color.hex("#eef2f6"), codeBack = Color.hex("#f3f4f6")
    var justified = true

    // Page frame.
    var marginLeft: Double { 68 }
    var marginRight: Double { 68 }
    var bodyTop: Double { 74 }
    var bodyBottom: Double { page.heightPoints - 70 }
    var textWidth: Double { page.widthPoints - marginLeft - marginRight }
    var headerBaselineY: Double { 44 }
    var footerY: Double { page.heightPoints - 48 }

    // Body text.
    let bodySize = 10.0
    let bodyLeading = 1.08
    var paragraphGap: Double { 7 }
    let listIndent = 17.0
    let quoteIndent = 16.0

    func body(_ text: String, spans: [TextSpan] = [], width: Double, italic: Bool = false, color: Color? = nil) -> TextBlock {
        TextBlock(text: text, spans: spans, family: serif, sizePoints: bodySize, italic: italic, color: color ?? ink,
                  widthPoints: width, alignment: justified ? .justify : .left, lineSpacing: bodyLeading)
    }

    func heading(_ level: Int, _ text: String, spans: [TextSpan], width: Double) -> TextBlock {
        let sizes: [Int: Double] = [1: 15, 2: 12, 3: 10.5]
        let size = sizes[level] ?? 10
        return TextBlock(text: text, spans: spans, family: sans, sizePoints: size, bold: true, color: level == 1 ? accent : ink,
                         widthPoints: width, alignment: .left)
    }

    /// Space above and below a heading.
    func headingSpace(_ level: Int) -> (before: Double, after: Double) {
        switch level {
        case 1: (20, 7)
        case 2: (14, 5)
        default: (10, 3)
        }
    }

    func sans(_ text: String, spans: [TextSpan] = [], size: Double, width: Double, bold: Bool = false, color: Color? = nil,
              alignment: TextBlock.Alignment = .left) -> TextBlock {
        TextBlock(text: text, spans: spans, family: sans, sizePoints: size, bold: bold, color: color ?? ink,
                  widthPoints: width, alignment: alignment)
    }

    // Figures.
    let captionSize = 8.6, figureSourcesSize = 7.0
    var figureGapAbove: Double { 8 }
    var figureGapBelow: Double { 12 }

    // Footnotes.
    let footnoteSize = 8.0
    let footnoteNumberWidth = 13.0
    var footnoteRuleGap: Double { 9 }

    // Tables.
    let tableSize = 8.6
    let cellPadX = 5.0, cellPadY = 3.2
}
