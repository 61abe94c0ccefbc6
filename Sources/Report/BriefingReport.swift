import Foundation
import Layers
import Render
import Style

/// What the command line may override in a report's front matter.
public struct ReportOptions: Sendable, Equatable {
    public var page: String?
    public var theme: String?
    public var asOf: String?
    /// ISO 8601; default `$SOURCE_DATE_EPOCH`, else the front matter's as-of, else today with `stampToday`, else
    /// none (the PDF says 1970-01-01): never the wall clock unless asked, as for maps.
    public var creationDate: String?
    public var stampToday: Bool
    public init(page: String? = nil, theme: String? = nil, asOf: String? = nil, creationDate: String? = nil,
                stampToday: Bool = false) {
        self.page = page; self.theme = theme; self.asOf = asOf; self.creationDate = creationDate; self.stampToday = stampToday
    }
}

/// A briefing report: Markdown with YAML front matter and map figures, typeset into a multi-page PDF.
///
/// ## Example
/// ```swift
/// let report = try BriefingReport(path: "Reports/central-sahel-2021.md", resources: try Resources.locate())
/// let typeset = try report.typeset()
/// try report.write(typeset, to: ["out/central-sahel-2021.pdf"])
/// ```
public final class BriefingReport {
    public let path: String
    public let resources: Resources
    package let frontMatter: FrontMatter
    package let document: MarkdownDocument
    /// The Markdown body (front matter blanked), for positions in messages.
    let body: String
    let options: ReportOptions
    /// Every data source the report's tables and charts read, each read once.
    let sources: SourceSet
    /// The sources of the data tables, in the order they first appear.
    let tableCredits: [String]
    let clock = ContinuousClock()

    /// Reads and parses the Markdown and its front matter.
    /// - Throws: `NotFoundError` for a missing file, `StyleError` for problems in the front matter, `ReportError`
    ///   for the rest (every message starts with `FILE:LINE:COLUMN`).
    public init(path: String, resources: Resources, options: ReportOptions = ReportOptions()) throws {
        self.path = path
        self.resources = resources
        self.options = options
        guard let data = FileManager.default.contents(atPath: path) else {
            if !FileManager.default.fileExists(atPath: path) { throw NotFoundError.file(what: "report", path: path) }
            throw ReportError(file: path, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ReportError(file: path, message: "cannot read the file as UTF-8") }
        var (fm, body) = try FrontMatter.split(text, file: path)
        if let p = options.page {
            guard FrontMatter.pages.contains(p.lowercased()) else { throw ReportError(file: path, message: "--page: expected a4 or letter, found \"\(p)\"") }
            fm.page = p.lowercased()
        }
        if let th = options.theme { fm.theme = th }
        if let a = options.asOf {
            guard let d = PartialDate(a) else { throw ReportError(file: path, message: "--as-of: expected a date like 2021-12-31, found \"\(a)\"") }
            fm.asOf = d
        }
        frontMatter = fm
        self.body = body
        var doc = MarkdownParser.parse(body)
        sources = SourceSet(catalog: DataCatalog(resources: resources))
        var tableCredits: [String] = []
        doc.blocks = try DataTable.expand(doc.blocks, file: path, resources: resources, sources: sources, credits: &tableCredits)
        self.tableCredits = tableCredits
        let references = try CrossReferences(file: path, source: body, blocks: doc.blocks)
        doc.blocks = try references.resolve(doc.blocks)
        doc.footnotes = try doc.footnotes.mapValues { try references.resolve($0) }
        document = doc
    }

    /// Lays out every page and composes every figure. Nothing is written.
    /// - Throws: `ReportError` for a figure that cannot be drawn or a footnote that is not defined,
    ///   `RenderError` when the pinned fonts are missing.
    public func typeset() throws -> TypesetReport {
        let started = clock.now
        let fm = frontMatter
        let page = Page.named(fm.page, dpi: 300)!
        var t = Typography(page: page)
        t.justified = fm.text == .justified
        let printer = try DocumentPrinter(resources: resources, families: [t.serif, t.sans])
        // The PDF's date as a build dates it: --creation-date, $SOURCE_DATE_EPOCH, the front matter's as-of, else the
        // latest date a map figure shows (set once the figures are made); the wall clock only with --stamp-today.
        var creation = DocumentInfo.reproducibleDate(explicit: options.creationDate, time: TimeContext(asOf: fm.asOf),
                                                     stampToday: options.stampToday)
        var info = DocumentInfo(title: fm.title, author: fm.author ?? fm.organisation ?? "SahelMap", creationDate: creation)
        info.subject = fm.subtitle
        info.keywords = fm.keywords.isEmpty ? nil : fm.keywords.joined(separator: ", ")
        info.language = fm.language
        var themePath: String?
        if let th = fm.theme {
            // A theme path from the command line is relative to the working directory, one from the front matter to
            // the report.
            let base = options.theme != nil ? nil : path
            do { themePath = try StyleSheet.resolve(theme: th, relativeTo: base, resources: resources) }
            catch { throw ReportError(file: path, message: "theme: \(error)") }
        }
        var maker = FigureMaker(t: t, printer: printer, resources: resources, file: path, info: info, theme: themePath, asOf: fm.asOf)
        maker.explicitDate = options.creationDate
        maker.stampToday = options.stampToday
        // Charts take their colours from the report's theme, else the default one, as the maps do.
        let chartStyle = try? StyleSheet.load(path: themePath ?? StyleSheet.resolve(theme: "briefing", relativeTo: nil, resources: resources),
                                              resources: resources)
        let charts = ChartMaker(t: t, printer: printer, file: path, sources: sources, style: chartStyle)
        var builder = FlowBuilder(t: t, printer: printer, file: path, document: document, figures: maker, charts: charts, source: body)
        try builder.build()
        builder.flushFigures()
        try builder.completeFigures()
        if creation.isEmpty {
            let latest = builder.figureItems.compactMap(\.shows).max { $0.lastDay < $1.lastDay }
            creation = DocumentInfo.reproducibleDate(time: TimeContext(asOf: latest))
            info.creationDate = creation.isEmpty ? "1970-01-01T00:00:00Z" : creation
        }
        let sources = sourcesSection(builder.figureItems)
        try builder.add(sources)
        let footnotes = try makeFootnotes(builder.numbering, t: t, printer: printer)

        var (titleOps, bodyTop) = titleBlock(t, printer: printer)
        // The contents' height depends only on the headings, not on their page numbers: lay it out with the
        // headings known now, paginate below it, then set it with the page numbers found.
        let entries: [(title: String, level: Int)] = fm.toc ? builder.items.compactMap {
            if case .text(let item) = $0, let o = item.outline, o.level <= 2 { return (o.title, o.level) }
            return nil
        } : []
        let tocTop = bodyTop
        if !entries.isEmpty { bodyTop += contents(t, printer: printer, entries: entries.map { ($0.title, $0.level, "", 0) }, top: tocTop).height }
        var paginator = Paginator(t: t, footnotes: footnotes, firstPageTop: bodyTop)
        paginator.place(builder.items)
        let placed = paginator.pages
        if !entries.isEmpty {
            let found = placed.enumerated().flatMap { k, p in p.headings.map { (k, $0) } }.filter { $0.1.level <= 2 }
            titleOps += contents(t, printer: printer, entries: found.map { ($0.1.title, $0.1.level, $0.1.destination, $0.0 + 1) }, top: tocTop).ops
        }
        var scenes: [Scene] = []
        var outline: [OutlineItem] = []
        for (k, p) in placed.enumerated() {
            var ops: [SceneOp] = [.fillRect(PageRect(x: 0, y: 0, width: page.widthPoints, height: page.heightPoints), .hex("#ffffff"))]
            ops += furniture(t, page: k, of: placed.count)
            // One Document element holds the structure tree (Cairo 1.16 marks the PDF tagged only with a single root);
            // the running header and footer of the first page are drawn before it opens.
            if k == 0 { ops += [.structure(.begin("Document"))] + titleOps }
            ops += p.ops
            ops += footnoteOps(t, p.footnotes, footnotes: footnotes, paginator: paginator)
            if k == placed.count - 1 { ops.append(.structure(.end("Document"))) }
            scenes.append(Scene(page: page, ops: ops))
            outline += p.outline
        }
        let figures = placed.enumerated().flatMap { k, p in
            p.figures.map { f in
                let item = builder.figureItems[f.number - 1]
                return TypesetReport.Figure(number: f.number, caption: item.captionText, pageIndex: k, frame: f.frame,
                                            altText: item.altText, spec: item.specPath, kind: item.kind)
            }
        }
        var notePages: [Int: Int] = [:]
        for (k, p) in placed.enumerated() { for n in p.footnotes { notePages[n] = k } }
        let d = clock.now - started
        let html = HTMLWriter(frontMatter: fm, blocks: document.blocks + sources, footnotes: document.footnotes,
                              figures: builder.figureItems, printer: printer)
        return TypesetReport(page: page, info: info, scenes: scenes, outline: outline, figures: figures,
                             footnotePages: notePages, printer: printer, html: html,
                             typesetMs: Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
    }

    // MARK: Parts of the page

    private func titleBlock(_ t: Typography, printer: DocumentPrinter) -> ([SceneOp], Double) {
        var ops: [SceneOp] = []
        var y = 58.0
        let fm = frontMatter
        func add(_ b: TextBlock, gap: Double, role: String = "P") {
            let m = printer.measure(b)
            ops.append(.structure(.begin(role)))
            ops.append(.textBlock(b, origin: PagePoint(x: t.marginLeft, y: y), lines: 0..<m.lines.count))
            ops.append(.structure(.end(role)))
            y += m.height + gap
        }
        if let org = fm.organisation { add(t.sans(org, size: 8.5, width: t.textWidth, bold: true, color: t.accent), gap: 8) }
        add(t.sans(fm.title, size: 21, width: t.textWidth, bold: true, color: t.ink), gap: 4, role: "H1")
        if let s = fm.subtitle { add(t.sans(s, size: 12, width: t.textWidth, color: t.muted), gap: 6) }
        let meta = [fm.author, fm.date].compactMap { $0 }.joined(separator: "  ·  ")
        if !meta.isEmpty { add(t.sans(meta, size: 8.8, width: t.textWidth, color: t.muted), gap: 8) }
        ops.append(.fillRect(PageRect(x: t.marginLeft, y: y, width: t.textWidth, height: 1.6), t.accent))
        return (ops, y + 18)
    }

    /// The table of contents: "Contents", then one line per heading with its page number at the right, each line a
    /// link to its heading (`TOC` › `TOCI` in the structure).
    private func contents(_ t: Typography, printer: DocumentPrinter, entries: [(title: String, level: Int, destination: String, page: Int)],
                          top: Double) -> (ops: [SceneOp], height: Double) {
        var ops: [SceneOp] = [.structure(.begin("TOC"))]
        var y = top
        let head = t.sans("Contents", size: 10.5, width: t.textWidth, bold: true, color: t.accent)
        let hm = printer.measure(head)
        ops += [.structure(.begin("Caption")), .textBlock(head, origin: PagePoint(x: t.marginLeft, y: y), lines: 0..<hm.lines.count), .structure(.end("Caption"))]
        y += hm.height + 5
        let numberWidth = 30.0
        for e in entries {
            let indent = e.level == 1 ? 0.0 : 12.0
            let size = e.level == 1 ? 9.2 : 8.6
            let link: [TextSpan] = e.destination.isEmpty ? [] : [TextSpan(start: 0, end: e.title.utf8.count, .link("#" + e.destination))]
            var title = t.sans(e.title, size: size, width: t.textWidth - numberWidth - indent, bold: e.level == 1, color: t.ink)
            title.spans = link
            let number = t.sans(e.page > 0 ? "\(e.page)" : "0", size: size, width: numberWidth, color: t.ink, alignment: .right)
            let m = printer.measure(title)
            ops += [.structure(.begin("TOCI")),
                    .textBlock(title, origin: PagePoint(x: t.marginLeft + indent, y: y), lines: 0..<m.lines.count),
                    .textBlock(number, origin: PagePoint(x: t.marginLeft + t.textWidth - numberWidth, y: y + (m.lines.last?.top ?? 0)), lines: 0..<1),
                    .structure(.end("TOCI"))]
            y += m.height + 2.5
        }
        ops.append(.structure(.end("TOC")))
        ops.append(.stroke(lines: [[PagePoint(x: t.marginLeft, y: y + 6), PagePoint(x: t.marginLeft + t.textWidth, y: y + 6)]],
                           LineStyle(color: t.hairline, widthPoints: 0.5)))
        return (ops, y + 18 - top)
    }

    private func furniture(_ t: Typography, page k: Int, of count: Int) -> [SceneOp] {
        var ops: [SceneOp] = []
        let small = 7.8
        if k > 0 {
            let head = t.sans(frontMatter.title, size: small, width: t.textWidth * 0.7, color: t.muted)
            ops.append(.textBlock(head, origin: PagePoint(x: t.marginLeft, y: t.headerBaselineY - 9), lines: 0..<1))
            if let d = frontMatter.date {
                let right = t.sans(d, size: small, width: t.textWidth * 0.3, color: t.muted, alignment: .right)
                ops.append(.textBlock(right, origin: PagePoint(x: t.marginLeft + t.textWidth * 0.7, y: t.headerBaselineY - 9), lines: 0..<1))
            }
            ops.append(.stroke(lines: [[PagePoint(x: t.marginLeft, y: t.headerBaselineY + 5), PagePoint(x: t.marginLeft + t.textWidth, y: t.headerBaselineY + 5)]],
                               LineStyle(color: t.hairline, widthPoints: 0.5)))
        }
        if let org = frontMatter.organisation {
            ops.append(.textBlock(t.sans(org, size: small, width: t.textWidth * 0.7, color: t.muted),
                                  origin: PagePoint(x: t.marginLeft, y: t.footerY), lines: 0..<1))
        }
        let number = t.sans("Page \(k + 1) of \(count)", size: small, width: t.textWidth * 0.3, color: t.muted, alignment: .right)
        ops.append(.textBlock(number, origin: PagePoint(x: t.marginLeft + t.textWidth * 0.7, y: t.footerY), lines: 0..<1))
        return ops
    }

    private func footnoteOps(_ t: Typography, _ numbers: [Int], footnotes: [Int: Footnote], paginator: Paginator) -> [SceneOp] {
        guard !numbers.isEmpty else { return [] }
        var y = t.bodyBottom - paginator.footHeight(numbers)
        var ops: [SceneOp] = [.stroke(lines: [[PagePoint(x: t.marginLeft, y: y + 3), PagePoint(x: t.marginLeft + 80, y: y + 3)]],
                                      LineStyle(color: t.rule, widthPoints: 0.5))]
        y += t.footnoteRuleGap
        for n in numbers.sorted() {
            guard let f = footnotes[n] else { continue }
            ops.append(.destination("fn-\(n)", PagePoint(x: t.marginLeft, y: y)))
            ops.append(.structure(.begin("Note")))
            ops.append(.textBlock(f.numberBlock, origin: PagePoint(x: t.marginLeft, y: y), lines: 0..<1))
            ops.append(.textBlock(f.block, origin: PagePoint(x: t.marginLeft + t.footnoteNumberWidth, y: y), lines: 0..<f.metrics.lines.count))
            ops.append(.structure(.end("Note")))
            y += f.metrics.height + 2.5
        }
        return ops
    }

    // MARK: Generated content

    /// "Sources": every figure's and data table's data, each source once, with the figures (or tables) that use it.
    private func sourcesSection(_ figures: [FigureItem]) -> [Block] {
        guard !figures.isEmpty || !tableCredits.isEmpty else { return [] }
        var order: [String] = []
        var used: [String: [Int]] = [:]
        for f in figures {
            for c in f.credits {
                if used[c] == nil { order.append(c) }
                used[c, default: []].append(f.number)
            }
        }
        for c in tableCredits where used[c] == nil { order.append(c) }
        let at = SourcePosition(line: 0, column: 0)
        func uses(_ c: String) -> String {
            let ns = used[c] ?? []
            var parts: [String] = []
            if !ns.isEmpty { parts.append((ns.count == 1 ? "Figure " : "Figures ") + ns.map(String.init).joined(separator: ", ")) }
            if tableCredits.contains(c) { parts.append("data table") }
            return parts.joined(separator: "; ")
        }
        let items: [[Block]] = order.map { c in
            [.paragraph([.text(c[c.startIndex].uppercased() + c.dropFirst() + " "), .emphasis([.text("(" + uses(c) + ")")])], at: at)]
        }
        return [
            .heading(level: 1, [.text("Sources")], at: at),
            .paragraph([.text("Data behind the figures and tables of this briefing, each source listed once with what draws on it. "
                              + "Facts in the text are sourced in the footnotes.")], at: at),
            .list(ordered: false, start: 1, tight: true, items: items, at: at),
        ]
    }

    private func makeFootnotes(_ numbering: FootnoteNumbering, t: Typography, printer: DocumentPrinter) throws -> [Int: Footnote] {
        var out: [Int: Footnote] = [:]
        var k = 0
        while k < numbering.order.count {   // a footnote may reference another, which is numbered then
            let label = numbering.order[k]
            k += 1
            let n = numbering.numbers[label]!
            var text = InlineText(plain: "")
            for (i, b) in (document.footnotes[label] ?? []).enumerated() {
                if i > 0 { text.append(" ") }
                if case .paragraph(let inlines, _) = b { try text.append(inlines, footnote: numbering.number) }
            }
            let body = TextBlock(text: text.text, spans: text.spans, family: t.serif, sizePoints: t.footnoteSize, color: t.ink,
                                 widthPoints: t.textWidth - t.footnoteNumberWidth, alignment: .left, lineSpacing: 1.0)
            let num = TextBlock(text: "\(n)", family: t.serif, sizePoints: t.footnoteSize, bold: true, color: t.accent,
                                widthPoints: t.footnoteNumberWidth, alignment: .left)
            out[n] = Footnote(number: n, label: label, numberBlock: num, numberMetrics: printer.measure(num),
                              block: body, metrics: printer.measure(body))
        }
        return out
    }
}

/// A report laid out: its pages as scenes, bookmarks and where figures and footnotes landed.
public final class TypesetReport {
    public struct Figure: Sendable, Equatable {
        public var number: Int
        public var caption: String
        public var pageIndex: Int
        public var frame: PageRect
        public var altText: String
        /// The map spec for a map, the image file for an image, the data source for a chart (as written).
        public var spec: String
        public var kind: FigureKind
    }
    package let page: Page
    package let info: DocumentInfo
    package let scenes: [Scene]
    package let outline: [OutlineItem]
    public let figures: [Figure]
    /// The page (0-based) each footnote is printed on.
    public let footnotePages: [Int: Int]
    let printer: DocumentPrinter
    let htmlWriter: HTMLWriter
    public let typesetMs: Double
    public var pageCount: Int { scenes.count }

    init(page: Page, info: DocumentInfo, scenes: [Scene], outline: [OutlineItem], figures: [Figure],
         footnotePages: [Int: Int], printer: DocumentPrinter, html: HTMLWriter, typesetMs: Double) {
        self.htmlWriter = html
        self.page = page; self.info = info; self.scenes = scenes; self.outline = outline; self.figures = figures
        self.footnotePages = footnotePages; self.printer = printer; self.typesetMs = typesetMs
    }

    /// One self-contained HTML file: figures as PNG at 2× with alt text, footnotes as endnotes, no script.
    public func html() throws -> [UInt8] { try htmlWriter.html() }

    /// The PDF's bytes.
    public func pdf() throws -> [UInt8] {
        try printer.pdf(scenes, page: page, info: info, outline: outline, figureAlt: figures.map(\.altText))
    }
}

extension BriefingReport {
    /// Writes the typeset report to each path (`.pdf`, `.html`), all together: each output is encoded first, then every
    /// file is written beside its target and renamed over it (`AtomicFile.writeAll`), so a failure leaves every
    /// previous output untouched.
    /// - Throws: `ReportError` for an unknown extension, `RenderError` naming a file that could not be written.
    public func write(_ report: TypesetReport, to paths: [String]) throws -> [(path: String, bytes: Int)] {
        for p in paths { try AtomicFile.checkWritable(p) }
        var files: [AtomicFile.File] = []
        var pdf: [UInt8]?
        for p in paths {
            switch (p as NSString).pathExtension.lowercased() {
            case "pdf":
                if pdf == nil { pdf = try report.pdf() }
                files.append(.init(path: p, bytes: pdf!))
            case "html", "htm":
                files.append(.init(path: p, bytes: try report.html()))
            default:
                throw ReportError(file: p, message: "expected an output ending in .pdf or .html")
            }
        }
        try AtomicFile.writeAll(files)
        return files.map { ($0.path, $0.bytes.count) }
    }
}
