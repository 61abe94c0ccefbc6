import Foundation
import Report
import Testing

/// `[@fig:name]` becomes "Figure N", linked to the figure, wherever the figure is; unknown names are errors.
@Suite struct CrossReferenceTests {
    let maps = resources.home + "/Maps"

    @Test func referencesResolveBeforeAndAfterTheirFigure() throws {
        let md = """
        ---
        title: Refs
        ---

        The bases are in [@fig:bases], the massacres in [@fig:massacres].

        ![Massacres.](\(maps)/massacres-2019-2021.yaml){#fig:massacres width=60%}

        ![Bases.](\(maps)/barkhane-drawdown.yaml){width=60% #fig:bases}

        As *[@fig:massacres]* showed.
        """
        let (r, pdf, _) = try typeset(md)
        #expect(r.figures.count == 2)
        let text = try run("pdftotext", [pdf, "-"]).out.replacingOccurrences(of: "\u{00A0}", with: " ")
        #expect(text.contains("The bases are in Figure 2, the massacres in Figure 1."), "\(text)")
        #expect(text.contains("As Figure 1 showed."))
        let bytes = String(decoding: try Data(contentsOf: URL(fileURLWithPath: pdf)), as: UTF8.self)
        #expect(bytes.contains("/Dest (figure-1)") && bytes.contains("/Dest (figure-2)"))
    }

    @Test func unknownAndDuplicateNamesAreErrors() throws {
        func error(_ body: String) throws -> String {
            do { _ = try typeset("---\ntitle: T\n---\n\n" + body); Issue.record("no error") }
            catch { return "\(error)".replacingOccurrences(of: #"^.*/t\.md"#, with: "t.md", options: .regularExpression) }
            return ""
        }
        #expect(try error("Some text,\nas in [@fig:nope].\n\n![M](\(maps)/massacres-2019-2021.yaml){#fig:m}\n") ==
                "t.md:6:7: cross-reference [@fig:nope]: no figure is named \"nope\" (known: m)")
        #expect(try error("![A](\(maps)/massacres-2019-2021.yaml){#fig:m}\n\n![B](\(maps)/barkhane-drawdown.yaml){#fig:m}\n") ==
                "t.md:7:\(("![B](\(maps)/barkhane-drawdown.yaml){" as NSString).length + 1): figure name \"m\" is already used by the figure at line 5")
        #expect(try error("![A](\(maps)/massacres-2019-2021.yaml){#}\n").contains("figure name \"#\": expected #fig:NAME"))
    }
}
