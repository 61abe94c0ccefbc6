internal import CCmarkGFM

/// Parses CommonMark with the GFM table and strikethrough extensions, footnotes and smart punctuation through
/// cmark-gfm, and turns the node tree into `Block`s and `Inline`s. The only file that sees cmark-gfm; no cmark type
/// leaves it, and the tree is freed before `parse` returns. Footnotes are keyed by their number ("1", "2"…).
package enum MarkdownParser {
    /// - Parameter text: The Markdown, with any front matter already blanked out (so line numbers are the file's).
    package static func parse(_ text: String) -> MarkdownDocument {
        cmark_gfm_core_extensions_ensure_registered()
        let parser = cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_SMART)!
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough"] {
            if let ext = cmark_find_syntax_extension(name) { _ = cmark_parser_attach_syntax_extension(parser, ext) }
        }
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(1, b.count)) { cmark_parser_feed(parser, $0, b.count) }
        }
        let root = cmark_parser_finish(parser)!
        defer { cmark_node_free(root) }
        var doc = MarkdownDocument(blocks: [], footnotes: [:], footnotePositions: [:])
        // cmark-gfm numbers footnote references in the order they are first met (a reference's literal is its
        // number), moves the definitions that are used to the end in that order, and drops the others.
        var definitions = 0
        for child in children(root) {
            if cmark_node_get_type(child) == CMARK_NODE_FOOTNOTE_DEFINITION {
                definitions += 1
                let label = "\(definitions)"
                doc.footnotes[label] = children(child).compactMap(block)
                doc.footnotePositions[label] = position(child)
            } else if let b = block(child) {
                doc.blocks.append(b)
            }
        }
        return doc
    }

    private static func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var out: [OpaquePointer] = []
        var c = cmark_node_first_child(node)
        while let n = c {
            out.append(n)
            c = cmark_node_next(n)
        }
        return out
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func position(_ node: OpaquePointer) -> SourcePosition {
        SourcePosition(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
    }

    private static func typeName(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    private static func block(_ node: OpaquePointer) -> Block? {
        let at = position(node)
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(node), at: at)
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(inlines(node), at: at)
        case CMARK_NODE_LIST:
            let items = children(node).map { children($0).compactMap(block) }
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST, start: Int(cmark_node_get_list_start(node)),
                         tight: cmark_node_get_list_tight(node) != 0, items: items, at: at)
        case CMARK_NODE_BLOCK_QUOTE:
            return .quote(children(node).compactMap(block), at: at)
        case CMARK_NODE_CODE_BLOCK:
            return .code(info: cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "", text: literal(node), at: at)
        case CMARK_NODE_THEMATIC_BREAK:
            return .rule(at: at)
        case CMARK_NODE_HTML_BLOCK:
            let html = literal(node)
            let compact = html.lowercased().filter { !$0.isWhitespace }
            if compact == "<!--pagebreak-->" || compact == "<!--newpage-->" { return .pageBreak(at: at) }
            return .html(html, at: at)
        default:
            if typeName(node) == "table" { return table(node, at: at) }
            return nil
        }
    }

    private static func table(_ node: OpaquePointer, at: SourcePosition) -> Block {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [ColumnAlignment] = []
        if let a = cmark_gfm_extensions_get_table_alignments(node) {
            for k in 0..<columns {
                switch UInt8(a[k]) {
                case UInt8(ascii: "l"): alignments.append(.left)
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.none)
                }
            }
        }
        var header: [[Inline]] = []
        var rows: [[[Inline]]] = []
        for row in children(node) where ["table_row", "table_header"].contains(typeName(row)) {
            let cells = children(row).map { inlines($0) }
            if typeName(row) == "table_header" || cmark_gfm_extensions_get_table_row_is_header(row) != 0 { header = cells } else { rows.append(cells) }
        }
        return .table(alignments: alignments, header: header, rows: rows, at: at)
    }

    private static func inlines(_ node: OpaquePointer) -> [Inline] {
        children(node).compactMap(inline)
    }

    private static func inline(_ node: OpaquePointer) -> Inline? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: return .text(literal(node))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(literal(node))
        case CMARK_NODE_EMPH: return .emphasis(inlines(node))
        case CMARK_NODE_STRONG: return .strong(inlines(node))
        case CMARK_NODE_LINK: return .link(url: cmark_node_get_url(node).map { String(cString: $0) } ?? "", inlines(node))
        case CMARK_NODE_IMAGE:
            return .image(url: cmark_node_get_url(node).map { String(cString: $0) } ?? "", alt: inlines(node), at: position(node))
        case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference(literal(node), at: position(node))
        case CMARK_NODE_HTML_INLINE: return nil
        default:
            if typeName(node) == "strikethrough" { return .strikethrough(inlines(node)) }
            return .text(literal(node))
        }
    }
}
