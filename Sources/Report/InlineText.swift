import Render
import Style

/// Flattens inlines into a plain UTF-8 string and spans over its bytes, numbering footnote marks as it meets them.
struct InlineText {
    var text = ""
    var spans: [TextSpan] = []
    /// Footnote marks: their byte offset in `text` and their number.
    var marks: [(offset: Int, number: Int)] = []

    private var offset: Int { text.utf8.count }

    /// - Parameter footnote: The number of a footnote label, assigning the next number on first use.
    init(_ inlines: [Inline], footnote: (String, SourcePosition) throws -> Int) rethrows {
        try append(inlines, footnote: footnote)
    }

    init(plain: String) { text = plain }

    mutating func append(_ s: String, _ kind: TextSpan.Kind? = nil) {
        let a = offset
        text += s
        if let kind { spans.append(TextSpan(start: a, end: offset, kind)) }
    }

    mutating func append(_ inlines: [Inline], footnote: (String, SourcePosition) throws -> Int) rethrows {
        for i in inlines {
            let a = offset
            switch i {
            case .text(let s): text += s
            case .softBreak: text += " "
            case .lineBreak: text += "\u{2028}"   // a line break inside the paragraph
            case .code(let s):
                text += s
                spans.append(TextSpan(start: a, end: offset, .family("Noto Sans", scale: 0.92)))
                spans.append(TextSpan(start: a, end: offset, .color(.hex("#7a2e1d"))))
            case .emphasis(let c):
                try append(c, footnote: footnote)
                spans.append(TextSpan(start: a, end: offset, .italic))
            case .strong(let c):
                try append(c, footnote: footnote)
                spans.append(TextSpan(start: a, end: offset, .bold))
            case .strikethrough(let c):
                try append(c, footnote: footnote)
                spans.append(TextSpan(start: a, end: offset, .strikethrough))
            case .link(let url, let c):
                try append(c, footnote: footnote)
                if !url.isEmpty { spans.append(TextSpan(start: a, end: offset, .link(url))) }
            case .image(_, let alt, _):
                try append(alt, footnote: footnote)
            case .footnoteReference(let label, let at):
                let n = try footnote(label, at)
                if let last = marks.last, last.offset + "\(last.number)".utf8.count == offset {
                    append(",", .superscript)   // marks side by side: ¹,²
                }
                let a = offset
                text += "\(n)"
                spans.append(TextSpan(start: a, end: offset, .superscript))
                spans.append(TextSpan(start: a, end: offset, .link("#fn-\(n)")))
                marks.append((a, n))
            }
        }
    }
}
