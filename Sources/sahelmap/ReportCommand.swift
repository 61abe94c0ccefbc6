import ArgumentParser
import Foundation
import Render
import Report
import Style

struct ReportCommand: ParsableCommand {
    static let sample = "central-sahel-2021"

    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Typeset a Markdown briefing with map figures into a multi-page PDF.",
        discussion: """
        Reads Markdown (CommonMark with GFM tables, footnotes and smart punctuation) with YAML front matter \
        (title, subtitle, author, organisation, date, page, theme, as-of). An image naming a map spec, \
        ![Caption](../Maps/x.yaml){width=full as-of=2021-12-31 extent="Burkina Faso"}, becomes a numbered vector \
        figure with its caption and sources line. With no file, renders the shipped sample \
        Reports/\(sample).md into out/\(sample).pdf (add -o out/\(sample).html for HTML). All outputs are written together, or none.
        """)

    @Argument(help: ArgumentHelp("A Markdown report. Default: Reports/\(sample).md.", valueName: "file.md"))
    var file: String?

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp(
        "Output file: .pdf, or .html (one file, figures as PNG). Repeat for several; all are written together. Default: out/<name>.pdf.", valueName: "path"))
    var outputs: [String] = []

    @Option(help: ArgumentHelp("Paper: a4 or letter (overrides the front matter).", valueName: "name"))
    var page: String?

    @Option(help: ArgumentHelp("Map theme for every figure: briefing, print, dark or a path (overrides the front matter).", valueName: "name"))
    var theme: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Date every figure shows the state on (overrides the front matter).", valueName: "date"))
    var asOf: String?

    @OptionGroup var date: DateOptions

    func validate() throws {
        for o in outputs where !["pdf", "html"].contains((o as NSString).pathExtension.lowercased()) {
            throw ValidationError("--output \(o): expected a file ending in .pdf or .html")
        }
        if let page, !["a4", "letter"].contains(page.lowercased()) {
            throw ValidationError("--page: expected a4 or letter, found \"\(page)\"")
        }
    }

    func run() throws {
        let resources = try Resources.locate()
        let path = file ?? resources.home + "/Reports/\(Self.sample).md"
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let targets = outputs.isEmpty ? ["out/\(name).pdf"] : outputs
        let report = try BriefingReport(path: path, resources: resources,
                                        options: ReportOptions(page: page, theme: theme, asOf: asOf, creationDate: date.creationDate,
                                                               stampToday: date.stampToday))
        let typeset = try report.typeset()
        for (p, bytes) in try report.write(typeset, to: targets) {
            let pages = p.lowercased().hasSuffix(".pdf") ? "\(typeset.pageCount) pages, " : ""
            print("wrote \(p) (\(pages)\(typeset.figures.count) figures, \(bytes / 1024) KiB)")
        }
    }
}
