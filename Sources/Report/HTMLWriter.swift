import Foundation
import Render
import Style

/// Writes a report as one self-contained HTML file: the same blocks as the PDF, each figure as a PNG at 2× (in a
/// `data:` URL) with its alt text, `<figcaption>` and sources line, footnotes as endnotes, and no script.
struct HTMLWriter {
    let frontMatter: FrontMatter
    let blocks: [Block]
    let footnotes: [String: [Block]]
    let figures: [FigureItem]
    let printer: DocumentPrinter

    private final class State { var figure = 0; var heading = 0; var referenced: Set<String> = [] }
    /// Which footnotes have been referenced: only the first mark of each gets the id the note links back to.
    private let refs = State()

    func html() throws -> [UInt8] {
        let fm = frontMatter
        var out = "<!DOCTYPE html>\n<html lang=\"\(esc(fm.language))\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<title>\(esc(fm.title))</title>\n"
        if let a = fm.author { out += "<meta name=\"author\" content=\"\(esc(a))\">\n" }
        out += "<style>\n" + Self.css + "</style>\n</head>\n<body>\n<header>\n"
        if let o = fm.organisation { out += "<p class=\"org\">\(esc(o))</p>\n" }
        out += "<h1 class=\"title\">\(esc(fm.title))</h1>\n"
        if let s = fm.subtitle { out += "<p class=\"subtitle\">\(esc(s))</p>\n" }
        let meta = [fm.author, fm.date].compactMap { $0 }.map(esc).joined(separator: " · ")
        if !meta.isEmpty { out += "<p class=\"meta\">\(meta)</p>\n" }
        out += "</header>\n"
        if fm.toc {
            // The same headings as the PDF's contents (levels 1 and 2), linked to their ids.
            var headings: [(Int, Int, [Inline])] = []
            func collect(_ bs: [Block]) {
                for b in bs {
                    switch b {
                    case .heading(let l, let i, _): headings.append((headings.count + 1, l, i))
                    case .quote(let inner, _): collect(inner)
                    case .list(_, _, _, let items, _): items.forEach(collect)
                    default: break
                    }
                }
            }
            collect(blocks)
            out += "<nav class=\"toc\">\n<h2>Contents</h2>\n<ul>\n"
            for (n, l, i) in headings where l <= 2 {
                out += "<li class=\"toc\(l)\"><a href=\"#section-\(n)\">\(esc(i.plainText))</a></li>\n"
            }
            out += "</ul>\n</nav>\n"
        }
        out += "<main>\n"
        let state = State()
        for b in blocks { out += try block(b, state) }
        let numbers = footnotes.keys.compactMap(Int.init).sorted()
        if !numbers.isEmpty {
            out += "<section class=\"footnotes\">\n<h2>Notes</h2>\n<ol>\n"
            for n in numbers {
                let body = (footnotes["\(n)"] ?? []).map { b -> String in
                    if case .paragraph(let i, _) = b { return inline(i) }
                    return ""
                }.joined(separator: " ")
                out += "<li id=\"fn-\(n)\">\(body) <a href=\"#fnref-\(n)\" aria-label=\"Back to the text\">↩</a></li>\n"
            }
            out += "</ol>\n</section>\n"
        }
        out += "</main>\n</body>\n</html>\n"
        return Array(out.utf8)
    }

    private func block(_ b: Block, _ state: State) throws -> String {
        switch b {
        case .heading(let level, let i, _):
            let l = min(6, level + 1)   // the title is the page's h1
            state.heading += 1
            return "<h\(l) id=\"section-\(state.heading)\">\(inline(i))</h\(l)>\n"
        case .paragraph(let i, _):
            if (try? FlowBuilder.figureCall(i, SourcePosition(line: 0, column: 0), file: "")) != nil, state.figure < figures.count {
                let f = figures[state.figure]
                state.figure += 1
                return try figure(f)
            }
            return "<p>\(inline(i))</p>\n"
        case .list(let ordered, let start, _, let items, _):
            let tag = ordered ? "ol" : "ul"
            var s = ordered && start != 1 ? "<ol start=\"\(start)\">\n" : "<\(tag)>\n"
            for item in items { s += "<li>" + (try item.map { try block($0, state) }.joined()) + "</li>\n" }
            return s + "</\(tag)>\n"
        case .quote(let inner, _):
            return "<blockquote>\n" + (try inner.map { try block($0, state) }.joined()) + "</blockquote>\n"
        case .code(let info, _, _) where info.trimmingCharacters(in: .whitespaces) == "chart" && state.figure < figures.count:
            let f = figures[state.figure]
            state.figure += 1
            return try figure(f)
        case .code(_, let text, _):
            return "<pre><code>\(esc(text))</code></pre>\n"
        case .table(let alignments, let header, let rows, _):
            func cell(_ tag: String, _ c: Int, _ i: [Inline]) -> String {
                let a = c < alignments.count ? alignments[c] : .none
                let style = switch a { case .left: " class=\"l\""; case .center: " class=\"c\""; case .right: " class=\"r\""; case .none: "" }
                return "<\(tag)\(style)>\(inline(i))</\(tag)>"
            }
            var s = "<table>\n"
            if !header.isEmpty { s += "<thead><tr>" + header.enumerated().map { cell("th", $0, $1) }.joined() + "</tr></thead>\n" }
            s += "<tbody>\n" + rows.map { "<tr>" + $0.enumerated().map { cell("td", $0, $1) }.joined() + "</tr>\n" }.joined() + "</tbody>\n"
            return s + "</table>\n"
        case .rule:
            return "<hr>\n"
        case .pageBreak, .html:
            return ""
        }
    }

    /// The map body drawn again into a PNG of its own at 144 dpi (2× the PDF's points).
    private func figure(_ f: FigureItem) throws -> String {
        let src: String
        if case .image(let file, _)? = f.mapOps.first, f.kind == .image {
            src = "data:\(file.mimeType);base64," + Data(file.bytes).base64EncodedString()   // the file itself
        } else {
            let page = Page(widthPoints: f.mapSize.width, heightPoints: f.mapSize.height, dpi: 144)
            let png = try printer.png(Scene(page: page, ops: f.mapOps), paper: .hex("#ffffff"))
            src = "data:image/png;base64," + Data(png).base64EncodedString()
        }
        return """
        <figure id="figure-\(f.number)">
        <img src="\(src)" width="\(Int(f.mapSize.width.rounded()))" height="\(Int(f.mapSize.height.rounded()))" alt="\(esc(f.altText))">
        <figcaption><b>Figure \(f.number).</b> \(esc(f.captionText))<br><span class="sources">\(esc(f.sources.text))</span></figcaption>
        </figure>

        """
    }

    private func inline(_ inlines: [Inline]) -> String {
        inlines.enumerated().map { k, i -> String in
            // Marks side by side are separated by a comma, as in the PDF: ¹,².
            if case .footnoteReference = i, k > 0, case .footnoteReference = inlines[k - 1] { return "<sup>,</sup>" + inline([i]) }
            return inline(i)
        }.joined()
    }

    private func inline(_ i: Inline) -> String {
        do {
            return switch i {
            case .text(let s): esc(s)
            case .softBreak: "\n"
            case .lineBreak: "<br>"
            case .code(let s): "<code>\(esc(s))</code>"
            case .emphasis(let c): "<em>\(inline(c))</em>"
            case .strong(let c): "<strong>\(inline(c))</strong>"
            case .strikethrough(let c): "<del>\(inline(c))</del>"
            case .link(let url, let c): "<a href=\"\(esc(url))\">\(inline(c))</a>"
            case .image(_, let alt, _): esc(alt.plainText)
            case .footnoteReference(let n, _):
                "<sup><a href=\"#fn-\(esc(n))\"\(refs.referenced.insert(n).inserted ? " id=\"fnref-\(esc(n))\"" : "")>\(esc(n))</a></sup>"
            }
        }
    }

    private func esc(_ s: String) -> String {
        var o = ""
        for c in s {
            switch c {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            default: o.append(c)
            }
        }
        return o
    }

    static let css = """
    body { font-family: "Noto Serif", Georgia, serif; color: #1c1c1c; max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
    h1, h2, h3, h4, figcaption, table, .org, .subtitle, .meta { font-family: "Noto Sans", Helvetica, Arial, sans-serif; }
    h1.title { font-size: 2em; margin: 0.2em 0; } .org { color: #1b3a5c; font-weight: bold; } .subtitle, .meta { color: #5e6670; }
    header { border-bottom: 2px solid #1b3a5c; margin-bottom: 1.5em; } h2 { color: #1b3a5c; }
    figure { margin: 1.5em 0; } figure img { max-width: 100%; height: auto; border: 0; }
    figcaption { font-size: 0.85em; } .sources { color: #5e6670; font-size: 0.85em; }
    table { border-collapse: collapse; font-size: 0.85em; } th { background: #eef2f6; } th, td { padding: 0.25em 0.5em; border-bottom: 1px solid #b9c2cc; }
    .l { text-align: left; } .c { text-align: center; } .r { text-align: right; }
    blockquote { border-left: 3px solid #c7d2dd; margin-left: 0; padding-left: 1em; }
    nav.toc ul { list-style: none; padding-left: 0; } nav.toc .toc2 { padding-left: 1.2em; } nav.toc h2 { font-size: 1.1em; }
    .footnotes { font-size: 0.85em; border-top: 1px solid #8c99a6; margin-top: 2em; }

    """
}
