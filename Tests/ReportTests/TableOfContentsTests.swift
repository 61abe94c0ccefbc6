import Foundation
import Report
import Testing

/// `toc: true`: a contents list under the title block, each heading with the page it starts on, linked.
@Suite struct TableOfContentsTests {
    @Test func contentsGiveThePagesTheHeadingsLandOn() throws {
        let md = """
        ---
        title: Contents test
        toc: true
        ---

        # First section

        \(filler(5))

        ## A subsection

        \(filler(4, from: 6))

        # Second section

        Short.

        <!-- pagebreak -->

        # Third section

        Text.
        """
        let (r, pdf, dir) = try typeset(md)
        #expect(r.pageCount == 4)
        let first = try run("pdftotext", ["-layout", "-f", "1", "-l", "1", pdf, "-"]).out.split(separator: "\n")
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        let contents = Array(first.drop { $0 != "Contents" }.dropFirst().prefix(4))
        // The page each heading really starts on, read back from the PDF.
        func page(of heading: String) throws -> Int {
            // The last page showing the heading as a line of its own (page 1 also lists it in the contents).
            try (1...r.pageCount).last { try pageText(pdf, $0).split(separator: "\n").dropFirst().contains { $0 == heading } }!
        }
        let expected = try ["First section", "A subsection", "Second section", "Third section"].map { "\($0) \(try page(of: $0))" }
        #expect(contents == expected, "\(contents)")
        #expect(expected == ["First section 1", "A subsection 2", "Second section 3", "Third section 4"])
        let bytes = String(decoding: try Data(contentsOf: URL(fileURLWithPath: pdf)), as: UTF8.self)
        for n in 1...4 { #expect(bytes.contains("/Dest (section-\(n))"), "no link to section \(n)") }
        let tree = try run("pdfinfo", ["-struct", pdf]).out
        #expect(tree.contains("TOC") && tree.components(separatedBy: "TOCI").count - 1 == 4)
        // The HTML has the same contents, linked to the headings' ids.
        try BriefingReport(path: dir + "/t.md", resources: resources, options: ReportOptions(creationDate: creation)).typeset().html()
            .withUnsafeBufferPointer { b in
                let html = String(decoding: b, as: UTF8.self)
                #expect(html.contains("<li class=\"toc1\"><a href=\"#section-4\">Third section</a></li>"))
                #expect(html.contains("<h2 id=\"section-4\">Third section</h2>"))
            }
    }
}
