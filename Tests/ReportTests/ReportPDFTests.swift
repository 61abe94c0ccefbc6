import Foundation
import Report
import Testing

/// Acceptance tests on the shipped sample's real PDF, read back with poppler.
@Suite struct ReportPDFTests {
    @Test func textComesInReadingOrder() throws {
        let text = try run("pdftotext", [sample.path, "-"]).out
        // Headings and paragraphs in the order written; figures in number order (a figure may float past the text
        // after it to the top of the next page).
        let headings = [
            "The central Sahel at the end of 2021", "Key points", "Mali had two military coups in nine months",
            "A year of political ruptures", "Armed groups spread south", "The toll on civilians", "Civilians killed",
            "The tri-border area", "The French drawdown in northern Mali", "What the data does not show", "Sources",
            "Natural Earth (Figures 1, 2, 4, 5)",
        ]
        let captions = [
            "Figure 1. Armed-group presence by region in 2021", "Figure 2. Massacres of civilians in the central Sahel",
            "Figure 3. Civilians killed in massacres per quarter", "Figure 4. Attacks on civilians in the Liptako-Gourma",
            "Figure 5. French bases in northern Mali as of 31 December 2021", "What the data does not show",
        ]
        for expected in [headings, captions] {
            var cursor = text.startIndex
            for s in expected {
                let found = try #require(text.range(of: s, range: cursor..<text.endIndex), "\"\(s)\" missing or out of order")
                cursor = found.upperBound
            }
        }
        // Cross-references are resolved to the figures' numbers.
        #expect(text.contains("between January 2019 and December 2021 (Figure 2)"))
        #expect(text.contains("over the three years (Figure 3)") && text.contains("bases to close (Figure 5)"))
        // Footnotes, with their numbers, and every figure's own sources line.
        #expect(text.contains("Mali timeline, “Two coups in nine months”, Capital FM"))
        #expect(text.contains("Global Centre for the Responsibility to Protect, Mali"))
        // Sources lines wrap (the admin-1 credit made them longer): read them with line breaks as spaces.
        #expect(text.replacingOccurrences(of: "\n", with: " ").components(separatedBy: "Map: SahelMap, 1 January 2026").count - 1 == 4)
    }

    @Test func metadataAndPageCount() throws {
        let info = try run("pdfinfo", [sample.path]).out
        #expect(info.contains("Title:           The central Sahel at the end of 2021"))
        #expect(info.contains("Author:          SahelMap sample briefing"))
        #expect(info.contains("Subject:         Armed-group expansion"))
        #expect(info.contains("CreationDate:    Thu Jan  1 00:00:00 2026 UTC"))
        #expect(info.contains("Pages:           \(sample.report.pageCount)"))
        #expect(info.contains("Page size:       595.276 x 841.89 pts (A4)"))
        // 7 since the sources list names the admin-1 boundaries and the ISO 3166-2 points (issue 11) on a page of its own.
        #expect((4...6).contains(sample.report.pageCount), "the issue asks for a briefing of 4–6 pages")
    }

    @Test func everyFontIsEmbedded() throws {
        let rows = try run("pdffonts", [sample.path]).out.split(separator: "\n").dropFirst(2)
        #expect(rows.count >= 4)
        for row in rows {
            let cols = row.split(separator: " ", omittingEmptySubsequences: true)
            #expect(cols.count >= 5 && cols[cols.count - 5] == "yes", "not embedded: \(row)")
        }
        #expect(rows.contains { $0.contains("NotoSerif-Regular") } && rows.contains { $0.contains("NotoSans-Bold") })
    }

    @Test func mapFiguresAreVectors() throws {
        let list = try run("pdfimages", ["-list", sample.path]).out.split(separator: "\n")
        #expect(list.count == 2, "raster images in the PDF: \(list.dropFirst(2))")
        #expect(sample.report.figures.map(\.number) == [1, 2, 3, 4, 5])
        #expect(sample.report.figures.map(\.kind) == [.map, .map, .chart, .map, .map])
    }

    @Test func outlineAndLinks() throws {
        let pdf = String(decoding: sample.pdf, as: UTF8.self)
        #expect(pdf.contains("/Outlines"))
        #expect(pdf.contains("/URI (https://www.globalr2p.org/countries/mali/)"))
        // Footnote marks link to their notes.
        #expect(pdf.contains("/Dest (fn-1)") && pdf.contains("/Dests"))
    }

    /// qpdf reads the outline: every heading, with each figure under the heading of its section, on its page.
    @Test func qpdfListsHeadingsAndFiguresInTheOutline() throws {
        let json = try run("qpdf", ["--json", "--json-key=outlines", sample.path]).out
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        var lines: [String] = []
        func walk(_ items: [[String: Any]], _ depth: Int) {
            for i in items {
                lines.append(String(repeating: "  ", count: depth) + (i["title"] as? String ?? "?"))
                walk(i["kids"] as? [[String: Any]] ?? [], depth + 1)
            }
        }
        walk(try #require(root["outlines"] as? [[String: Any]]), 0)
        let headings = lines.filter { !$0.hasPrefix(" ") }
        #expect(headings == ["Key points", "A year of political ruptures", "Armed groups spread south", "The toll on civilians",
                             "The tri-border area", "The French drawdown in northern Mali", "What the data does not show", "Sources"])
        let figures = lines.filter { $0.hasPrefix("  Figure ") }
        #expect(figures.count == 5 && figures[2].hasPrefix("  Figure 3. Civilians killed in massacres per quarter"), "\(lines)")
        #expect(try run("qpdf", ["--check", sample.path]).status == 0)
    }

    @Test func footnotesSitOnThePageOfTheirReference() throws {
        for (n, page) in sample.report.footnotePages {
            #expect(page < sample.report.pageCount, "footnote \(n)")
        }
        // Footnote 1 (the coups) is referenced on page 1 and printed there.
        #expect(try pageText(sample.path, 1).contains("Two coups in nine months"))
    }

    @Test func rendersAreByteIdentical() throws {
        let again = try BriefingReport(path: samplePath, resources: resources, options: ReportOptions(creationDate: creation)).typeset().pdf()
        #expect(again == sample.pdf)
    }

    /// Without --creation-date or $SOURCE_DATE_EPOCH the sample (no as-of in its front matter) is dated by its latest
    /// figure, 31 December 2021, never by the wall clock, in the PDF and in each figure's credits.
    @Test func undatedRunsAreDatedByTheirFigures() throws {
        let dir = try scratch()
        var env = ProcessInfo.processInfo.environment
        env["SOURCE_DATE_EPOCH"] = nil
        let r = try run(executable, ["report", "-o", dir + "/s.pdf"], environment: env)
        #expect(r.status == 0, "\(r.err)")
        #expect(try run("pdfinfo", [dir + "/s.pdf"]).out.contains("CreationDate:    Fri Dec 31 00:00:00 2021 UTC"))
        let text = try run("pdftotext", [dir + "/s.pdf", "-"]).out
        #expect(text.contains("Map: SahelMap, 31 December 2021") && !text.contains("1970"))
    }
}

/// The HTML output: one file, no script, figures as PNG with alt text and captions, footnotes as endnotes.
@Suite struct ReportHTMLTests {
    @Test func htmlIsOneValidFileWithFiguresAndNotes() throws {
        let dir = try scratch()
        let r = try run(executable, ["report", "-o", dir + "/s.html", "-o", dir + "/s.pdf", "--creation-date", creation])
        #expect(r.status == 0, "\(r.err)")
        let html = try String(contentsOfFile: dir + "/s.html", encoding: .utf8)
        #expect(FileManager.default.fileExists(atPath: dir + "/s.pdf"))
        #expect(!html.contains("<script"))
        #expect(html.components(separatedBy: "<img src=\"data:image/png;base64,").count - 1 == 5)
        #expect(html.contains("<figcaption><b>Figure 3.</b> Civilians killed in massacres per quarter"))
        // Cross-references link to their figure.
        #expect(html.contains("<a href=\"#figure-3\">Figure\u{00A0}3</a>") && html.contains("<figure id=\"figure-3\">"))
        #expect(html.contains("<figcaption><b>Figure 1.</b> Armed-group presence by region in 2021"))
        #expect(html.contains("alt=\"") && !html.contains("alt=\"\""))
        #expect(html.contains("<li id=\"fn-1\">Mali timeline"))
        #expect(html.contains("<th class=\"l\">Date (2021)</th>"))
        // xmllint's HTML 4 parser does not know HTML5's sectioning tags; anything else is an error.
        let lint = try run("xmllint", ["--html", "--noout", dir + "/s.html"])
        #expect(lint.status == 0)
        let problems = lint.err.split(separator: "\n").filter { $0.contains("error") && !$0.contains("Tag ") && !$0.contains("invalid") }
        #expect(problems.isEmpty, "\(problems)")
    }
}
