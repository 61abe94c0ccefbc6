/// A position in the Markdown file, 1-based.
package struct SourcePosition: Sendable, Equatable, CustomStringConvertible {
    package var line: Int, column: Int
    package init(line: Int, column: Int) { self.line = line; self.column = column }
    package var description: String { "\(line):\(column)" }
}

/// Inline content of a paragraph, heading, cell or caption, as cmark-gfm parsed it.
package indirect enum Inline: Sendable, Equatable {
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    case link(url: String, [Inline])
    case image(url: String, alt: [Inline], at: SourcePosition)
    /// A footnote mark: the label as written (`[^kidal]` → "kidal").
    case footnoteReference(String, at: SourcePosition)

    /// The text with all styling removed.
    package var plainText: String {
        switch self {
        case .text(let s), .code(let s): s
        case .softBreak: " "
        case .lineBreak: "\n"
        case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, let c): c.plainText
        case .image(_, let alt, _): alt.plainText
        case .footnoteReference: ""
        }
    }
}

extension [Inline] {
    package var plainText: String { map(\.plainText).joined() }
}

/// A table column's alignment, from the delimiter row (`:--`, `:-:`, `--:`).
package enum ColumnAlignment: Sendable, Equatable { case none, left, center, right }

/// Block content of the document.
package indirect enum Block: Sendable, Equatable {
    case heading(level: Int, [Inline], at: SourcePosition)
    case paragraph([Inline], at: SourcePosition)
    case list(ordered: Bool, start: Int, tight: Bool, items: [[Block]], at: SourcePosition)
    case quote([Block], at: SourcePosition)
    case code(info: String, text: String, at: SourcePosition)
    case table(alignments: [ColumnAlignment], header: [[Inline]], rows: [[[Inline]]], at: SourcePosition)
    case rule(at: SourcePosition)
    case pageBreak(at: SourcePosition)
    /// Raw HTML that is not a page break: ignored by the PDF, kept in the position list for messages.
    case html(String, at: SourcePosition)
}

/// A parsed Markdown body: its blocks in order and the footnote definitions by label.
package struct MarkdownDocument: Sendable, Equatable {
    package var blocks: [Block]
    package var footnotes: [String: [Block]]
    /// Where each footnote is defined, for messages.
    package var footnotePositions: [String: SourcePosition]
}
