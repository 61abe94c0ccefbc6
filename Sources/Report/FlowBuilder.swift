import Foundation
import Geometry
import Layers
import Render
import Style

/// Turns the parsed document into measured flow items: text blocks broken into lines by Pango, tables with their
/// column widths, and figures with their map bodies composed. Footnotes are numbered in the order they are first
/// referenced.
struct FlowBuilder {
    let t: Typography
    let printer: DocumentPrinter
    let file: String
    let document: MarkdownDocument
    let figures: FigureMaker
    let charts: ChartMaker
    /// The Markdown's lines, for exact positions in messages.
    let source: [Substring]

    private(set) var items: [FlowItem] = []
    let numbering: FootnoteNumbering
    private(set) var figureItems: [FigureItem] = []
    private var headingLevel = 0

    init(t: Typography, printer: DocumentPrinter, file: String, document: MarkdownDocument, figures: FigureMaker, charts: ChartMaker,
         source: String) {
        self.source = source.split(separator: "\n", omittingEmptySubsequences: false)
        self.t = t; self.printer = printer; self.file = file; self.document = document; self.figures = figures; self.charts = charts
        numbering = FootnoteNumbering(file: file, document: document)
    }

    /// Geometry of the blocks being built: left edge, width and enclosing quote bars.
    struct Frame { var x: Double; var width: Double; var bars: [Double] = []; var containers: [StructureNode] = [] }
    private var nodes = 0
    private mutating func node(_ role: String) -> StructureNode { nodes += 1; return StructureNode(role: role, id: nodes) }

    mutating func build() throws {
        try add(document.blocks)
    }

    /// Sets every figure still floating before what comes next.
    mutating func flushFigures() { items.append(.flushFigures) }

    /// Composes the maps of the figures met so far (all at once, see `FigureMaker.complete`) and puts them in the flow.
    mutating func completeFigures() throws {
        try figures.complete(&figureItems)
        for k in items.indices {
            if case .figure(let f) = items[k] {
                var done = figureItems[f.number - 1]
                done.quoteBars = f.quoteBars
                done.containers = f.containers
                items[k] = .figure(done)
            }
        }
    }

    /// Adds top-level blocks (the document's, or generated ones like the Sources section).
    mutating func add(_ blocks: [Block]) throws {
        let frame = Frame(x: t.marginLeft, width: t.textWidth)
        for b in blocks { try add(b, frame, listDepth: 0, tight: false) }
    }

    private mutating func inline(_ inlines: [Inline]) throws -> InlineText {
        try InlineText(inlines, footnote: numbering.number)
    }

    private func textItem(_ block: TextBlock, _ text: InlineText, _ frame: Frame, role: String = "P") -> TextItem {
        var item = TextItem(block: block, metrics: printer.measure(block), x: frame.x, marks: text.marks, quoteBars: frame.bars)
        item.role = role
        item.containers = frame.containers
        return item
    }

    private mutating func add(_ block: Block, _ frame: Frame, listDepth: Int, tight: Bool) throws {
        switch block {
        case .heading(let level, let inlines, _):
            let text = try inline(inlines)
            // The report's title is the document's H1, so Markdown's "#" is H2 (as in the HTML).
            var item = textItem(t.heading(level, text.text, spans: text.spans, width: frame.width), text, frame, role: "H\(min(6, level + 1))")
            (item.spaceBefore, item.spaceAfter) = t.headingSpace(level)
            item.keepWithNext = true
            item.outline = (inlines.plainText, level)
            headingLevel = level
            items.append(.text(item))
        case .paragraph(let inlines, let at):
            if let figure = try Self.figureCall(inlines, at, file: file) {
                var f = try figures.make(figure, number: figureItems.count + 1, x: frame.x, width: frame.width,
                                         outlineLevel: headingLevel + 1, numbering: numbering)
                f.quoteBars = frame.bars
                f.containers = frame.containers
                figureItems.append(f)
                items.append(.figure(f))
                return
            }
            try checkFootnoteMarks(inlines, at)
            let text = try inline(inlines)
            var item = textItem(t.body(text.text, spans: text.spans, width: frame.width), text, frame)
            item.spaceAfter = tight ? 2.5 : t.paragraphGap
            items.append(.text(item))
        case .list(let ordered, let start, let isTight, let entries, _):
            let indent = t.listIndent
            let list = node("L")
            for (k, blocks) in entries.enumerated() {
                let inner = Frame(x: frame.x + indent, width: frame.width - indent, bars: frame.bars,
                                  containers: frame.containers + [list, node("LI"), node("LBody")])
                let first = items.count
                for b in blocks { try add(b, inner, listDepth: listDepth + 1, tight: isTight) }
                // The marker goes beside the item's first text block.
                if first < items.count, case .text(var item) = items[first] {
                    let bullets = ["•", "–", "◦"]
                    let label = ordered ? "\(start + k)." : bullets[listDepth % bullets.count]
                    let m = TextBlock(text: label, family: t.serif, sizePoints: t.bodySize, color: ordered ? t.ink : t.accent,
                                      widthPoints: indent - 5, alignment: ordered ? .right : .center, lineSpacing: t.bodyLeading)
                    item.marker = (m, printer.measure(m), frame.x)
                    items[first] = .text(item)
                }
                if isTight, case .text(var last) = items.last { last.spaceAfter = 3; items[items.count - 1] = .text(last) }
            }
            if case .text(var last) = items.last { last.spaceAfter = t.paragraphGap; items[items.count - 1] = .text(last) }
        case .quote(let blocks, _):
            let inner = Frame(x: frame.x + t.quoteIndent, width: frame.width - t.quoteIndent, bars: frame.bars + [frame.x + 3],
                              containers: frame.containers + [node("BlockQuote")])
            for b in blocks { try add(b, inner, listDepth: listDepth, tight: tight) }
        case .code(let info, let yaml, let at) where info.trimmingCharacters(in: .whitespaces) == "chart":
            var f = try charts.make(yaml, at: at, number: figureItems.count + 1, x: frame.x, width: frame.width,
                                    outlineLevel: headingLevel + 1, numbering: numbering)
            f.quoteBars = frame.bars
            f.containers = frame.containers
            figureItems.append(f)
            items.append(.figure(f))
        case .code(_, let code, _):
            let text = code.hasSuffix("\n") ? String(code.dropLast()) : code
            var item = textItem(t.sans(text, size: 8.4, width: frame.width - 12, color: .hex("#2b2f33")), InlineText(plain: text),
                                Frame(x: frame.x + 6, width: frame.width - 12, bars: frame.bars, containers: frame.containers))
            item.background = t.codeBack
            item.spaceBefore = 4
            item.spaceAfter = t.paragraphGap + 4
            items.append(.text(item))
        case .table(let alignments, let header, let rows, _):
            var table = try table(alignments, header, rows, frame)
            table.containers = frame.containers + [node("Table")]
            items.append(.table(table))
        case .rule:
            items.append(.rule(x: frame.x, width: frame.width))
        case .pageBreak:
            items.append(.pageBreak)
        case .html:
            break
        }
    }

    /// cmark-gfm leaves a mark with no definition as text: say so instead of printing "[^x]".
    private func checkFootnoteMarks(_ inlines: [Inline], _ at: SourcePosition) throws {
        let text = inlines.plainText
        guard let r = text.range(of: #"\[\^[^\]\s]+\]"#, options: .regularExpression) else { return }
        let mark = String(text[r])
        var line = at.line, column = at.column
        // The exact place, from the source lines of the paragraph.
        for k in max(0, at.line - 1)..<source.count {
            if let c = source[k].range(of: mark) {
                line = k + 1
                column = source[k].distance(from: source[k].startIndex, to: c.lowerBound) + 1
                break
            }
        }
        throw ReportError(file: file, line: line, column: column,
                          message: "footnote \(mark) is referenced but never defined (add a line \"\(mark): …\")")
    }

    // MARK: Tables

    private mutating func table(_ alignments: [ColumnAlignment], _ header: [[Inline]], _ rows: [[[Inline]]], _ frame: Frame) throws -> TableItem {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        func cellBlock(_ text: InlineText, column: Int, bold: Bool, width: Double) -> TextBlock {
            let a: TextBlock.Alignment = switch alignments.indices.contains(column) ? alignments[column] : .none {
            case .right: .right
            case .center: .center
            default: .left
            }
            return t.sans(text.text, spans: text.spans, size: t.tableSize, width: width, bold: bold, alignment: a)
        }
        var texts: [[(InlineText, Bool)]] = []
        if !header.isEmpty { texts.append(try header.map { (try inline($0), true) }) }
        for r in rows { texts.append(try r.map { (try inline($0), false) }) }
        // Column widths: each column's natural width, shrunk in proportion when the table is wider than the frame,
        // with every column keeping at least its longest word's worth.
        var natural = [Double](repeating: 0, count: columns)
        var minimum = [Double](repeating: 0, count: columns)
        for row in texts {
            for (c, (text, bold)) in row.enumerated() where c < columns {
                natural[c] = max(natural[c], printer.naturalWidth(cellBlock(text, column: c, bold: bold, width: -1)) + 2 * t.cellPadX)
                let longestWord = text.text.split(whereSeparator: { $0 == " " }).map { String($0) }.max { $0.count < $1.count } ?? ""
                minimum[c] = max(minimum[c], printer.naturalWidth(cellBlock(InlineText(plain: longestWord), column: c, bold: bold, width: -1)) + 2 * t.cellPadX)
            }
        }
        // Narrow columns (dates, numbers, short names) keep their natural width; the others share what is left in
        // proportion to their natural width, never below their longest word.
        var widths = natural
        let total = natural.reduce(0, +)
        if total > frame.width {
            let narrow = natural.indices.filter { natural[$0] <= frame.width * 0.18 }
            let wide = natural.indices.filter { !narrow.contains($0) }
            let left = frame.width - narrow.map { natural[$0] }.reduce(0, +)
            let wideNatural = wide.map { natural[$0] }.reduce(0, +)
            if !wide.isEmpty, left > wide.map({ minimum[$0] }).reduce(0, +) {
                for c in wide { widths[c] = max(minimum[c], left * natural[c] / wideNatural) }
            } else {
                let spare = frame.width - minimum.reduce(0, +)
                let extra = zip(natural, minimum).map { $0 - $1 }
                let extraTotal = max(1, extra.reduce(0, +))
                widths = zip(minimum, extra).map { $0 + max(0, spare) * $1 / extraTotal }
            }
            let sum = widths.reduce(0, +)
            if sum > frame.width { widths = widths.map { $0 * frame.width / sum } }
        }
        // A narrow table keeps close to its natural width (numbers stay near their labels); a wide one fills the
        // column. The spare width is shared equally.
        let natural_ = widths.reduce(0, +)
        let target = natural_ < frame.width * 0.8 ? min(frame.width, max(natural_ * 1.3, frame.width * 0.6)) : frame.width
        if natural_ < target { widths = widths.map { $0 + (target - natural_) / Double(max(1, columns)) } }
        func makeRow(_ row: [(InlineText, Bool)]) -> TableItem.Row {
            var x = frame.x
            var cells: [TableItem.Cell] = []
            for c in 0..<columns {
                let (text, bold) = c < row.count ? row[c] : (InlineText(plain: ""), false)
                let b = cellBlock(text, column: c, bold: bold, width: widths[c] - 2 * t.cellPadX)
                cells.append(.init(block: b, metrics: printer.measure(b), x: x, width: widths[c], marks: text.marks.map(\.number)))
                x += widths[c]
            }
            return .init(cells: cells, height: (cells.map(\.metrics.height).max() ?? 0) + 2 * t.cellPadY)
        }
        var made = texts.map(makeRow)
        let head = header.isEmpty ? nil : made.removeFirst()
        return TableItem(x: frame.x, width: widths.reduce(0, +), header: head, rows: made, quoteBars: frame.bars)
    }

    // MARK: Figures

    /// A paragraph that is one image naming a map spec, optionally followed by `{key=value …}`.
    static func figureCall(_ inlines: [Inline], _ at: SourcePosition, file: String) throws -> FigureCall? {
        let parts = inlines.filter { if case .softBreak = $0 { return false }; return true }
        guard case .image(let url, let alt, let pos)? = parts.first else { return nil }
        var attributes: [String: String] = [:]
        let rest = parts.dropFirst().map(\.plainText).joined().trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty {
            guard rest.hasPrefix("{"), rest.hasSuffix("}") else {
                if parts.count > 1 { return nil }   // an image inside running text: not a figure
                return nil
            }
            attributes = try Self.attributes(String(rest.dropFirst().dropLast()), file: file, at: pos)
        }
        let ext = (url as NSString).pathExtension.lowercased()
        guard ["yaml", "yml", "png", "jpg", "jpeg", "svg"].contains(ext) else {
            throw ReportError(file: file, at: pos, "figure \"\(url)\": expected a map spec (.yaml) or an image (.png, .jpg, .svg)")
        }
        return FigureCall(path: url, caption: alt, attributes: attributes, at: pos)
    }

    /// `width=full as-of=2021-12-31 extent="Burkina Faso"`; quotes may be straight or curly (smart punctuation).
    static func attributes(_ s: String, file: String, at: SourcePosition) throws -> [String: String] {
        var out: [String: String] = [:]
        var chars = Array(s)[...]
        func skipSpaces() { while let c = chars.first, c.isWhitespace { chars.removeFirst() } }
        skipSpaces()
        while !chars.isEmpty {
            var key = ""
            while let c = chars.first, c != "=", !c.isWhitespace { key.append(c); chars.removeFirst() }
            if key.hasPrefix("#"), chars.first != "=" {   // {#fig:name}: the figure's name for cross-references
                let name = key.dropFirst().hasPrefix("fig:") ? String(key.dropFirst(5)) : String(key.dropFirst())
                guard !name.isEmpty else { throw ReportError(file: file, at: at, "figure name \"\(key)\": expected #fig:NAME") }
                out["id"] = name
                skipSpaces()
                continue
            }
            guard chars.first == "=" else {
                throw ReportError(file: file, at: at, "figure attribute \"\(key)\": expected key=value")
            }
            chars.removeFirst()
            var value = ""
            if let q = chars.first, "\"'“‘".contains(q) {
                chars.removeFirst()
                while let c = chars.first, !"\"'”’".contains(c) { value.append(c); chars.removeFirst() }
                guard !chars.isEmpty else { throw ReportError(file: file, at: at, "figure attribute \"\(key)\": unclosed quote") }
                chars.removeFirst()
            } else {
                while let c = chars.first, !c.isWhitespace { value.append(c); chars.removeFirst() }
            }
            out[key] = value
            skipSpaces()
        }
        let known = ["width", "as-of", "extent", "height", "source", "alt", "id"]
        for k in out.keys.sorted() where !known.contains(k) {
            throw ReportError(file: file, at: at, "figure attribute \"\(k)\": unknown; expected one of \(known.dropLast().joined(separator: ", ")) or #fig:NAME")
        }
        return out
    }
}

/// A figure as the Markdown asks for it.
struct FigureCall {
    var path: String
    var caption: [Inline]
    var attributes: [String: String]
    var at: SourcePosition
}

/// Footnote numbers in the order of first reference.
final class FootnoteNumbering {
    let file: String
    let document: MarkdownDocument
    private(set) var numbers: [String: Int] = [:]
    private(set) var order: [String] = []

    init(file: String, document: MarkdownDocument) {
        self.file = file
        self.document = document
    }

    func number(_ label: String, _ at: SourcePosition) throws -> Int {
        if let n = numbers[label] { return n }
        guard document.footnotes[label] != nil else {
            throw ReportError(file: file, at: at, "footnote [^\(label)] is referenced but never defined (add a line \"[^\(label)]: …\")")
        }
        order.append(label)
        numbers[label] = order.count
        return order.count
    }
}
