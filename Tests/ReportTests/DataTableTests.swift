import Foundation
import Report
import Testing

/// ```` ```table ```` blocks: rows of a source chosen, sorted and limited with the filter language.
@Suite struct DataTableTests {
    @Test func tableFromTheMassacresSource() throws {
        let md = """
        ---
        title: Data table
        ---

        ```table
        source: builtin:massacres
        columns: [label, country, fatalities_high]
        headers: [Place, Country, Killed]
        where: 'country == "Niger"'
        sort: -fatalities_high
        limit: 3
        ```
        """
        let (_, pdf, _) = try typeset(md)
        let text = try run("pdftotext", ["-layout", pdf, "-"]).out
        let lines = text.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        let body = lines.filter { $0.hasSuffix("Niger") == false && $0.contains("Niger") }
        #expect(lines.contains("Place Country Killed"))
        #expect(body.count == 3, "\(body)")
        #expect(body.first?.hasPrefix("Tahoua Niger 141") == true, "\(body)")
        #expect(!text.contains("Mali") && !text.contains("Burkina"))
        // Its source under it and in the Sources section.
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("Source: SahelMap facts: massacres (sources per feature)."), "\(flat)")
        #expect(flat.contains("SahelMap facts: massacres (sources per feature) (data table)"), "\(flat)")
    }

    @Test func errorsPointIntoTheBlock() throws {
        let dir = try scratch()
        try "---\ntitle: T\n---\n\n```table\nsource: builtin:massacres\ncolumns: [label]\nwhere: 'country = \"Niger\"'\n```\n"
            .write(toFile: dir + "/x.md", atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { _ = try BriefingReport(path: dir + "/x.md", resources: resources) }
        do { _ = try BriefingReport(path: dir + "/x.md", resources: resources) } catch {
            #expect("\(error)".hasSuffix("x.md:8:17: where: '=' is not a comparison; write '==' in \"country = \"Niger\"\""), "\(error)")
        }
        try "---\ntitle: T\n---\n\n```table\nsource: builtin:massacres\ncolumns: [nosuch]\n```\n"
            .write(toFile: dir + "/y.md", atomically: true, encoding: .utf8)
        do { _ = try BriefingReport(path: dir + "/y.md", resources: resources); Issue.record("no error") } catch {
            #expect("\(error)".contains("y.md:5:1: table: column \"nosuch\": not in builtin:massacres; it has "), "\(error)")
        }
    }
}
