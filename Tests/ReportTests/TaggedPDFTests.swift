import Foundation
import Report
import Testing

/// The sample's PDF is tagged through Cairo's tag API: a structure tree in reading order.
@Suite struct TaggedPDFTests {
    /// The structure element types, depth first, as poppler reads them.
    func structure(_ pdf: String) throws -> [(depth: Int, type: String)] {
        try run("pdfinfo", ["-struct", pdf]).out.split(separator: "\n").compactMap { line in
            let depth = line.prefix { $0 == " " }.count / 2
            let type = line.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
            return type.isEmpty || type == "Object" ? nil : (depth, type)
        }
    }

    @Test func sampleIsTaggedInReadingOrder() throws {
        #expect(try run("pdfinfo", [sample.path]).out.contains("Tagged:          yes"))
        let tree = try structure(sample.path)
        #expect(tree.first?.type == "Document" && tree.first?.depth == 0)
        #expect(tree.filter { $0.depth == 0 }.count == 1, "one root")
        let types = tree.map(\.type)
        // The title, the key points (a list), the first section, its figure with caption, then the table, notes.
        let order = ["H1", "P", "H3", "L", "LI", "Lbl", "LBody", "P", "H2", "P", "Note", "Figure", "Caption",
                     "Table", "TR", "TH", "TR", "TD", "H2", "BlockQuote", "H2", "Sources"].filter { $0 != "Sources" }
        var k = 0
        for t in types where k < order.count && t == order[k] { k += 1 }
        #expect(k == order.count, "structure not in order at \(order[min(k, order.count - 1)]): \(types.prefix(80))")
        #expect(types.filter { $0 == "Figure" }.count == 5 && types.filter { $0 == "Caption" }.count == 5)
        #expect(types.filter { $0 == "Note" }.count == 24)
        #expect(types.filter { $0 == "TH" }.count == 5, "the table header is tagged once, not again where it repeats")
        #expect(types.contains("Link"))
    }

    /// What Cairo 1.16 cannot write, added with qpdf: the catalog's /Lang from the front matter, the title shown
    /// as the window's, and each Figure element's /Alt: the figure's own alt text, in reading order.
    @Test func languageAndFigureAltText() throws {
        let json = try run("qpdf", ["--json", "--json-key=qpdf", sample.path]).out
        let top = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let qpdf = try #require(top["qpdf"] as? [Any])
        let objects = try #require(qpdf.last as? [String: Any])
        let values = objects.values.compactMap { ($0 as? [String: Any])?["value"] as? [String: Any] }
        let catalog = try #require(values.first { $0["/Type"] as? String == "/Catalog" })
        #expect(catalog["/Lang"] as? String == "u:en")
        #expect((catalog["/ViewerPreferences"] as? [String: Any])?["/DisplayDocTitle"] as? Bool == true)
        let alts = values.filter { $0["/S"] as? String == "/Figure" }.compactMap { $0["/Alt"] as? String }
        #expect(alts.count == 5)
        #expect(Set(alts) == Set(sample.report.figures.map { "u:" + $0.altText }))
        #expect(alts.contains { $0.hasPrefix("u:Map of Mali, Burkina Faso and Niger: Massacres of civilians in the central Sahel, 2019–2021, by type of perpetrator. ") })
        #expect(!alts.contains { $0.contains("..") }, "a caption's own full stop is not doubled")
        #expect(try run("qpdf", ["--check", sample.path]).status == 0)
    }

    @Test func structureOfAListAndATable() throws {
        let md = """
        ---
        title: Tags
        ---

        # Section

        - one
        - two
          1. nested

        | A | B |
        |---|---|
        | 1 | 2 |
        """
        let (_, pdf, _) = try typeset(md)
        let tree = try structure(pdf).map { String(repeating: " ", count: $0.depth) + $0.type }
        #expect(tree == ["Document", " H1", " H2", " L", "  LI", "   Lbl", "   LBody", "    P", "  LI", "   Lbl", "   LBody", "    P",
                         "    L", "     LI", "      Lbl", "      LBody", "       P", " Table", "  TR", "   TH", "   TH", "  TR", "   TD", "   TD"],
                "\(tree)")
    }
}
