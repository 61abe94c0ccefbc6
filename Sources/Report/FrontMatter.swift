import Layers
import Style

/// The YAML block between `---` lines at the top of a report: what the title block, running header and PDF
/// metadata say, and the defaults for every figure.
package struct FrontMatter: Sendable, Equatable {
    package var title = ""
    package var subtitle: String?
    package var author: String?
    package var organisation: String?
    /// As written (`2021-12-31`, `31 December 2021`); shown in the title block.
    package var date: String?
    package var language = "en"
    /// `a4` or `letter`.
    package var page = "a4"
    /// A map theme every figure is drawn with instead of its own: a built-in name or a path relative to the report.
    package var theme: String?
    /// The date every figure shows the state on, unless the figure says otherwise.
    package var asOf: PartialDate?
    /// `justified` or `ragged`.
    package var text: TextSetting = .justified
    /// Keywords for the PDF metadata.
    package var keywords: [String] = []
    /// A table of contents under the title block: headings of levels 1 and 2 with their page numbers, linked.
    package var toc = false

    package enum TextSetting: String, CaseIterable, Sendable { case justified, ragged }
    package static let pages = ["a4", "letter"]

    static let schema = Schema<FrontMatter>([
        "title": { $0.title = $1.string() ?? "" },
        "subtitle": { $0.subtitle = $1.string() },
        "author": { $0.author = $1.string() },
        "organisation": { $0.organisation = $1.string() },
        "organization": { $0.organisation = $1.string() },
        "date": { $0.date = $1.string() },
        "language": { $0.language = $1.string() ?? "en" },
        "page": {
            guard let p = $1.string() else { return }
            if FrontMatter.pages.contains(p.lowercased()) { $0.page = p.lowercased() } else { $1.problem("expected a4 or letter, found \"\(p)\"") }
        },
        "theme": { $0.theme = $1.string() },
        "as-of": {
            guard let s = $1.string() else { return }
            if let d = PartialDate(s) { $0.asOf = d } else { $1.problem("expected a date like 2021-12-31, 2021-12 or 2021, found \"\(s)\"") }
        },
        "text": { $0.text = $1.oneOf(TextSetting.self) ?? .justified },
        "keywords": { $0.keywords = $1.list { $0.string() } ?? [] },
        "toc": { $0.toc = $1.bool() ?? false },
    ])

    /// Splits `markdown` into its front matter and its body. The body keeps the file's line numbers: the front
    /// matter's lines are blanked, not removed.
    /// - Throws: `StyleError` for problems in the front matter (every one, with the file's line and column);
    ///   `ReportError` when there is no front matter or no title.
    package static func split(_ markdown: String, file: String) throws -> (FrontMatter, body: String) {
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" || $0 == "..." }) else {
            throw ReportError(file: file, line: 1, column: 1,
                              message: "expected front matter: a first line \"---\", YAML with at least a title, and a closing \"---\"")
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        let reader = YAMLReader(text: yaml, file: file, lineOffset: 1)
        var fm = FrontMatter()
        if let root = reader.root, schema.read(root, into: &fm), fm.title.isEmpty {
            root.problem(missing: "title", "expected a title")
        }
        try reader.finish()
        for k in 0...end { lines[k] = "" }
        return (fm, lines.joined(separator: "\n"))
    }
}
