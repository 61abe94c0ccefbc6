import Foundation
import Report
import Testing

/// Pagination rules, each on a small report made for it.
@Suite struct PaginationTests {
    let spec = resources.maps + "/massacres-2019-2021.yaml"

    @Test func figureThatDoesNotFitMovesToTheNextPageAndTextFlowsBeforeIt() throws {
        let md = "---\ntitle: Float\n---\n\n\(filler(3))\n\n![Massacres](\(spec))\n\nAFTERFIGURE short paragraph after the figure.\n\n\(filler(2, from: 10))\n"
        let (r, pdf, _) = try typeset(md)
        let figure = try #require(r.figures.first)
        #expect(figure.pageIndex == 1)
        let page1 = try pageText(pdf, 1), page2 = try pageText(pdf, 2)
        #expect(page1.contains("P3") && page1.contains("AFTERFIGURE"), "text after the figure fills page 1")
        #expect(!page1.contains("Figure 1.") && page2.contains("Figure 1. Massacres"))
        // Caption stays with its figure: both on page 2, the caption under the map.
        #expect(figure.frame.maxY < 842 - 70)
    }

    @Test func footnoteLandsOnThePageOfItsReference() throws {
        let md = "---\ntitle: Notes\n---\n\n\(filler(5))\n\nMARKWORD here.[^n]\n\n\(filler(3, from: 20))\n\n[^n]: FOOTNOTETEXT of the note.\n"
        let (r, pdf, _) = try typeset(md)
        #expect(r.pageCount >= 2)
        let pages = try (1...r.pageCount).map { try pageText(pdf, $0) }
        let markPage = try #require(pages.firstIndex { $0.contains("MARKWORD") })
        let notePage = try #require(pages.firstIndex { $0.contains("FOOTNOTETEXT") })
        #expect(markPage == notePage)
        #expect(r.footnotePages[1] == markPage)
    }

    @Test func headingStaysWithTheFollowingParagraph() throws {
        // Enough filler that the heading would fall at the very foot of page 1.
        let md = "---\ntitle: Keep\n---\n\n\(filler(5))\n\nShort paragraph.\n\nAnother short one.\n\n# KEEPHEADING\n\n\(filler(1, from: 30))\n"
        let (r, pdf, _) = try typeset(md)
        let pages = try (1...r.pageCount).map { try pageText(pdf, $0) }
        let h = try #require(pages.firstIndex { $0.contains("KEEPHEADING") })
        #expect(pages[h].contains("P30"))
    }

    /// A heading also moves when its paragraph's first lines fit but their footnote does not: the paragraph goes to
    /// the next page with its note, and the heading with it. Tried at every position near the foot of page 1.
    @Test func headingMovesWithAParagraphWhoseFootnoteDoesNotFit() throws {
        let note = String(repeating: "A long source note that takes several lines at the foot of the page. ", count: 8)
        for shorts in 0..<40 {
            let lines = (0..<shorts).map { "Short \($0)." }.joined(separator: "\n\n")
            let md = "---\ntitle: Keep\n---\n\n\(filler(5))\n\n\(lines)\n\n# KEEPHEADING\n\nP30 opens with a note.[^n] "
                + String(repeating: "More text follows the note in the same paragraph. ", count: 12) + "\n\n[^n]: \(note)\n"
            let (r, pdf, _) = try typeset(md)
            let pages = try (1...r.pageCount).map { try pageText(pdf, $0) }
            let h = try #require(pages.firstIndex { $0.contains("KEEPHEADING") })
            #expect(pages[h].contains("P30 opens"), "\(shorts) short paragraphs: the heading is alone at the foot of page \(h + 1)")
        }
    }

    @Test func tableHeaderRepeatsOnTheNextPage() throws {
        let rows = (1...70).map { "| row \($0) | \($0 * 3) |" }.joined(separator: "\n")
        let md = "---\ntitle: Table\n---\n\n\(filler(2))\n\n| HEADCOL | Count |\n|:--|--:|\n\(rows)\n"
        let (r, pdf, _) = try typeset(md)
        #expect(r.pageCount >= 2)
        let p2 = try pageText(pdf, 2), last = try pageText(pdf, r.pageCount)
        #expect(p2.contains("HEADCOL") && !p2.contains("row 1\n") && last.contains("HEADCOL") && last.contains("row 70"))
    }

    @Test func pageBreakStartsANewPage() throws {
        let md = "---\ntitle: Break\n---\n\nBEFORE\n\n<!-- pagebreak -->\n\nAFTER\n"
        let (r, pdf, _) = try typeset(md)
        #expect(r.pageCount == 2)
        #expect(try pageText(pdf, 2).contains("AFTER") && !(try pageText(pdf, 1).contains("AFTER")))
    }

    @Test func fullWidthFigureSpansTheMargins() throws {
        let md = "---\ntitle: Wide\n---\n\n![A](\(spec)){width=full}\n\n![B](\(spec)){width=50% as-of=2020-06-30 extent=\"Burkina Faso\"}\n"
        let (r, _, _) = try typeset(md)
        #expect(r.figures.count == 2)
        #expect(r.figures[0].frame.width > 595 - 68 * 2)
        #expect(abs(r.figures[1].frame.width - (595.276 - 136) / 2) < 1)
        #expect(!r.figures[0].altText.isEmpty)
    }
}
