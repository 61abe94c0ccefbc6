import Layers
import Render
import Style

/// An element of the tagged PDF's structure tree that holds several flow items (a list, a list item, a quote, a
/// table), by its standard type and an id unique in the document: items that share a node share the element.
struct StructureNode: Equatable {
    var role: String
    var id: Int
}

/// A paragraph-like run of lines the paginator may split between pages.
struct TextItem {
    var block: TextBlock
    var metrics: TextBlockMetrics
    var x: Double
    var spaceBefore = 0.0, spaceAfter = 0.0
    /// Kept on the same page as the start of the next item (headings).
    var keepWithNext = false
    var outline: (title: String, level: Int)?
    var marks: [(offset: Int, number: Int)] = []
    /// A list item's bullet or number, set beside the first line.
    var marker: (block: TextBlock, metrics: TextBlockMetrics, x: Double)?
    /// The x of each enclosing block quote's bar.
    var quoteBars: [Double] = []
    /// Code: a tinted box behind the lines.
    var background: Color?
    /// The structure element the text is (`P`, `H2`, `LBody`…), inside `containers`.
    var role = "P"
    var containers: [StructureNode] = []

    /// Footnote numbers referenced on `line`.
    func marks(onLine k: Int) -> [Int] {
        let l = metrics.lines[k]
        return marks.filter { $0.offset >= l.start && ($0.offset < l.end || k == metrics.lines.count - 1) }.map(\.number)
    }
}

/// A map with its caption and sources line; never split.
struct FigureItem {
    var number: Int
    /// The map body composed at (0, 0); set in place with a `.group` offset.
    var mapOps: [SceneOp]
    var mapSize: (width: Double, height: Double)
    var caption: TextBlock, captionMetrics: TextBlockMetrics
    var sources: TextBlock, sourcesMetrics: TextBlockMetrics
    var x: Double
    var captionText: String
    var altText: String
    var specPath: String
    /// Each credit of the layers the map drew, for the report's Sources section.
    var credits: [String]
    var outlineLevel: Int
    /// A map, a chart or an image file.
    var kind: FigureKind = .map
    /// The figure's name for cross-references (`{#fig:name}`, `id: name`), without the `fig:` prefix.
    var name: String?
    var quoteBars: [Double] = []
    var containers: [StructureNode] = []

    var captionGap: Double { 6 }
    var height: Double { mapSize.height + captionGap + captionMetrics.height + 2 + sourcesMetrics.height }
    /// The date a map figure shows (its as-of, else the end of its range), for the report's own date.
    var shows: PartialDate? = nil
    /// A map still to be composed (`FigureMaker.complete`).
    var pending: PendingMap? = nil
}

/// What a figure draws.
public enum FigureKind: String, Sendable, Equatable { case map, chart, image }

/// A table: rows never split; the header row repeats on each page the table continues on.
struct TableItem {
    struct Cell { var block: TextBlock; var metrics: TextBlockMetrics; var x: Double; var width: Double; var marks: [Int] }
    struct Row { var cells: [Cell]; var height: Double; var marks: [Int] { cells.flatMap(\.marks) } }
    var x: Double, width: Double
    var header: Row?
    var rows: [Row]
    var quoteBars: [Double] = []
    /// Ends with the `Table` element itself.
    var containers: [StructureNode] = []
}

enum FlowItem {
    case text(TextItem)
    case figure(FigureItem)
    case table(TableItem)
    case rule(x: Double, width: Double)
    case pageBreak
    /// Figures still waiting for room are set before what follows (the end matter).
    case flushFigures

    /// The least height that must follow a heading on its page for the heading to stay: two lines of text, a table's
    /// header and first row. A figure may float to the next page, so it asks for nothing.
    var minimumHeight: Double {
        switch self {
        case .text(let t): t.metrics.height(of: 0..<min(2, t.metrics.lines.count)) + t.spaceBefore
        case .table(let t): (t.header?.height ?? 0) + (t.rows.first?.height ?? 0) + 8
        case .figure, .pageBreak, .flushFigures: 0
        case .rule: 12
        }
    }

    /// The footnotes referenced in that least height: they must fit at the foot of the same page.
    var minimumMarks: [Int] {
        switch self {
        case .text(let t): (0..<min(2, t.metrics.lines.count)).flatMap { t.marks(onLine: $0) }
        case .table(let t): (t.header?.marks ?? []) + (t.rows.first?.marks ?? [])
        case .figure, .pageBreak, .flushFigures, .rule: []
        }
    }
}

/// A footnote's number and text, set at the foot of the page that references it.
struct Footnote {
    var number: Int
    var label: String
    var numberBlock: TextBlock, numberMetrics: TextBlockMetrics
    var block: TextBlock, metrics: TextBlockMetrics
}
