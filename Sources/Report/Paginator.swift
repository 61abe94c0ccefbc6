import Render
import Style

/// One page's body as placed: ops, the footnotes it carries, and its bookmarks.
struct PlacedPage {
    var ops: [SceneOp] = []
    var footnotes: [Int] = []
    var outline: [OutlineItem] = []
    /// Where each figure landed: its number and frame.
    var figures: [(number: Int, frame: PageRect)] = []
    /// The headings that start on this page, with the destination each got (`section-N`, for the contents).
    var headings: [(title: String, level: Int, destination: String)] = []
}

/// Places flow items on pages, top to bottom. Headings stay with what follows them; paragraphs split between lines
/// (never leaving one line alone at either end); table rows never split and the header row repeats; a figure that
/// does not fit the rest of a page floats to the top of the next while the text after it fills the page; each
/// footnote sits at the foot of the page its first reference is on.
struct Paginator {
    let t: Typography
    let footnotes: [Int: Footnote]
    /// Where the body starts on the first page (below the title block).
    let firstPageTop: Double

    private(set) var pages: [PlacedPage] = [PlacedPage()]
    private var y: Double
    private var atTop = true
    private var pendingSpace = 0.0
    private var deferred: [FigureItem] = []
    /// The structure elements open on this page, outermost first. Every page closes its own, so each page's
    /// structure is complete (a list running over a break is two lists) and its footnotes are not inside them.
    private var open: [StructureNode] = []
    private var headingCount = 0

    init(t: Typography, footnotes: [Int: Footnote], firstPageTop: Double) {
        self.t = t
        self.footnotes = footnotes
        self.firstPageTop = firstPageTop
        y = firstPageTop
    }

    private var page: PlacedPage {
        get { pages[pages.count - 1] }
        set { pages[pages.count - 1] = newValue }
    }

    /// Height of the footnote area holding `numbers`.
    func footHeight(_ numbers: [Int]) -> Double {
        guard !numbers.isEmpty else { return 0 }
        return t.footnoteRuleGap + numbers.map { (footnotes[$0]?.metrics.height ?? 0) + 2.5 }.reduce(0, +)
    }

    /// The lowest y the body may reach with `extra` footnotes added to the page's own.
    private func limit(adding extra: [Int] = []) -> Double {
        t.bodyBottom - footHeight(page.footnotes + extra.filter { !page.footnotes.contains($0) })
    }

    mutating func place(_ items: [FlowItem]) {
        for (k, item) in items.enumerated() {
            let next = items[(k + 1)...].first { if case .pageBreak = $0 { return false }; return true }
            switch item {
            case .text(let text): place(text, following: next?.minimumHeight ?? 0, notes: next?.minimumMarks ?? [])
            case .figure(let f): place(f)
            case .table(let table): place(table)
            case .rule(let x, let width):
                let before = atTop ? 0 : max(pendingSpace, 8)
                if y + before + 8 > limit() { newPage() }
                let ry = y + (atTop ? 0 : before)
                page.ops.append(.stroke(lines: [[PagePoint(x: x, y: ry), PagePoint(x: x + width, y: ry)]],
                                        LineStyle(color: t.rule, widthPoints: 0.6)))
                y = ry
                atTop = false
                pendingSpace = 10
            case .pageBreak:
                newPage()
            case .flushFigures:
                while !deferred.isEmpty { newPage() }
            }
        }
        while !deferred.isEmpty { newPage() }
        enter([])
    }

    // MARK: Structure

    /// Closes the open elements that `containers` does not share and opens the ones it adds.
    private mutating func enter(_ containers: [StructureNode]) {
        var common = 0
        while common < open.count, common < containers.count, open[common] == containers[common] { common += 1 }
        while open.count > common { page.ops.append(.structure(.end(open.removeLast().role))) }
        for c in containers[common...] {
            page.ops.append(.structure(.begin(c.role)))
            open.append(c)
        }
    }

    private mutating func tagged(_ role: String, _ ops: [SceneOp]) {
        page.ops.append(.structure(.begin(role)))
        page.ops += ops
        page.ops.append(.structure(.end(role)))
    }

    private mutating func newPage() {
        enter([])
        pages.append(PlacedPage())
        y = t.bodyTop
        atTop = true
        pendingSpace = 0
        let waiting = deferred
        deferred = []
        for f in waiting { place(f) }
    }

    // MARK: Text

    /// - Parameters:
    ///   - following: The least height of what comes next, which a heading keeps on its page.
    ///   - notes: The footnotes referenced in that height, which must fit at the page's foot too.
    private mutating func place(_ item: TextItem, following: Double, notes: [Int]) {
        let lines = item.metrics.lines
        let n = lines.count
        guard n > 0 else { return }
        var before = atTop ? 0 : max(pendingSpace, item.spaceBefore)
        if item.keepWithNext, !atTop,
           y + before + item.metrics.height + following > limit(adding: item.marks.map(\.number) + notes) {
            newPage()
            before = atTop ? 0 : pendingSpace   // figures that floated here come first
        }
        var first = 0
        while first < n {
            var k = first
            var added: [Int] = []
            while k < n {
                let bottom = y + before + item.metrics.height(of: first..<(k + 1))
                let marks = item.marks(onLine: k)
                if bottom > limit(adding: added + marks) { break }
                added += marks
                k += 1
            }
            var count = k - first
            if first + count < n {
                if first == 0 && count < 2 && n >= 2 && !atTop { count = 0 }   // no single first line at a page's foot
                else if n - (first + count) == 1 && count > 2 { count -= 1 }    // no single last line at the next page's head
            }
            if count == 0 {
                if atTop { count = 1 } else { newPage(); before = atTop ? 0 : pendingSpace; continue }
            }
            let range = first..<(first + count)
            let top = y + before
            let height = item.metrics.height(of: range)
            if let bg = item.background {
                page.ops.append(.fillRect(PageRect(x: item.x - 6, y: top - 4, width: item.block.widthPoints + 12, height: height + 8), bg))
            }
            bars(item.quoteBars, from: top - 2, to: top + height + 2)
            // A list item: its label, then its body (`LI` › `Lbl`, `LBody`).
            if first == 0, let m = item.marker, item.containers.last?.role == "LBody" {
                enter(Array(item.containers.dropLast()))
                let shift = lines[0].baseline - (m.metrics.lines.first?.baseline ?? 0)
                tagged("Lbl", [.textBlock(m.block, origin: PagePoint(x: m.x, y: top + shift), lines: 0..<1)])
            }
            enter(item.containers)
            tagged(item.role, [.textBlock(item.block, origin: PagePoint(x: item.x, y: top), lines: range)])
            if first == 0, let o = item.outline {
                page.outline.append(OutlineItem(title: o.title, level: o.level, pageIndex: pages.count - 1, y: top - 6))
                headingCount += 1
                page.headings.append((o.title, o.level, "section-\(headingCount)"))
                page.ops.append(.destination("section-\(headingCount)", PagePoint(x: item.x, y: max(0, top - 10))))
            }
            for k in range { addFootnotes(item.marks(onLine: k)) }
            y = top + height
            atTop = false
            before = 0
            pendingSpace = item.spaceAfter
            first += count
            if first < n {
                newPage()
                before = atTop ? 0 : pendingSpace
            }
        }
    }

    private mutating func addFootnotes(_ numbers: [Int]) {
        for n in numbers where !page.footnotes.contains(n) && !pages.dropLast().contains(where: { $0.footnotes.contains(n) }) {
            page.footnotes.append(n)
        }
    }

    private mutating func bars(_ xs: [Double], from y0: Double, to y1: Double) {
        for x in xs { page.ops.append(.fillRect(PageRect(x: x, y: y0, width: 2.2, height: y1 - y0), t.quoteBar)) }
    }

    // MARK: Figures

    private mutating func place(_ f: FigureItem) {
        if !deferred.isEmpty { deferred.append(f); return }   // figures keep their order
        let before = atTop ? 0 : max(pendingSpace, t.figureGapAbove)
        if y + before + f.height > limit() && !atTop {
            deferred.append(f)
            return
        }
        let top = y + before
        let frame = PageRect(x: f.x, y: top, width: f.mapSize.width, height: f.mapSize.height)
        page.ops.append(.destination("figure-\(f.number)", PagePoint(x: f.x, y: max(0, top - 12))))
        enter(f.containers)
        tagged("Figure", [.group(f.mapOps, offset: PagePoint(x: f.x, y: top))])
        let captionTop = top + f.mapSize.height + f.captionGap
        tagged("Caption", [
            .textBlock(f.caption, origin: PagePoint(x: f.x, y: captionTop), lines: 0..<f.captionMetrics.lines.count),
            .textBlock(f.sources, origin: PagePoint(x: f.x, y: captionTop + f.captionMetrics.height + 2), lines: 0..<f.sourcesMetrics.lines.count),
        ])
        page.outline.append(OutlineItem(title: "Figure \(f.number). \(f.captionText)", level: f.outlineLevel,
                                        pageIndex: pages.count - 1, y: top - 4))
        page.figures.append((f.number, frame))
        y = top + f.height
        atTop = false
        pendingSpace = t.figureGapBelow
    }

    // MARK: Tables

    private mutating func place(_ table: TableItem) {
        guard !table.rows.isEmpty || table.header != nil else { return }
        let before = atTop ? 0 : max(pendingSpace, 6)
        let first = (table.header?.height ?? 0) + (table.rows.first?.height ?? 0)
        var gap = before
        if y + before + first > limit(adding: table.rows.first?.marks ?? []) && !atTop {
            newPage()
            gap = pendingSpace
        }
        y += atTop ? 0 : gap
        var started = y
        func rule(_ at: Double, _ width: Double) -> SceneOp {
            .stroke(lines: [[PagePoint(x: table.x, y: at), PagePoint(x: table.x + table.width, y: at)]], LineStyle(color: t.ink, widthPoints: width))
        }
        // The header is a row of TH in the structure the first time; repeated on a later page it is drawn only.
        func header(tagged: Bool) {
            page.ops.append(rule(y, 0.9))
            if let h = table.header {
                page.ops.append(.fillRect(PageRect(x: table.x, y: y, width: table.width, height: h.height), t.tableHead))
                draw(h, cell: tagged ? "TH" : nil)
                page.ops.append(rule(y, 0.5))
            }
        }
        func draw(_ row: TableItem.Row, cell role: String?) {
            if role != nil { page.ops.append(.structure(.begin("TR"))) }
            for c in row.cells {
                let op = SceneOp.textBlock(c.block, origin: PagePoint(x: c.x + t.cellPadX, y: y + t.cellPadY), lines: 0..<c.metrics.lines.count)
                if let role { tagged(role, [op]) } else { page.ops.append(op) }
            }
            if role != nil { page.ops.append(.structure(.end("TR"))) }
            y += row.height
        }
        enter(table.containers)
        header(tagged: true)
        for (k, row) in table.rows.enumerated() {
            if y + row.height > limit(adding: row.marks) {
                page.ops.append(rule(y, 0.9))
                bars(table.quoteBars, from: started, to: y)
                newPage()
                if !atTop { y += pendingSpace }   // below figures that floated to the top of this page
                started = y
                header(tagged: false)
            }
            enter(table.containers)
            draw(row, cell: "TD")
            addFootnotes(row.marks)
            if k < table.rows.count - 1 { page.ops.append(.stroke(lines: [[PagePoint(x: table.x, y: y), PagePoint(x: table.x + table.width, y: y)]], LineStyle(color: t.hairline, widthPoints: 0.3))) }
        }
        page.ops.append(rule(y, 0.9))
        bars(table.quoteBars, from: started, to: y)
        atTop = false
        pendingSpace = t.paragraphGap + 4
    }
}
