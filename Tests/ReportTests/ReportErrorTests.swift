import Foundation
import Report
import Style
import Testing

/// Errors name the file, line and column, and a failed run leaves earlier outputs alone.
@Suite struct ReportErrorTests {
    func error(_ markdown: String) throws -> String {
        let dir = try scratch()
        try markdown.write(toFile: dir + "/x.md", atomically: true, encoding: .utf8)
        do {
            _ = try BriefingReport(path: dir + "/x.md", resources: resources).typeset()
        } catch {
            return "\(error)".replacingOccurrences(of: dir + "/", with: "")
        }
        Issue.record("no error")
        return ""
    }

    @Test func missingFigureSpec() throws {
        let e = try error("---\ntitle: T\n---\n\nText.\n\n  ![Cap](Maps/nope.yaml)\n")
        #expect(e.hasPrefix("x.md:7:3: figure \"Maps/nope.yaml\": no such map spec (relative to "), "\(e)")
    }

    @Test func undefinedFootnote() throws {
        let e = try error("---\ntitle: T\n---\n\nSome text and\na mark[^gone] here.\n")
        #expect(e == "x.md:6:7: footnote [^gone] is referenced but never defined (add a line \"[^gone]: …\")")
    }

    @Test func frontMatterProblemsHaveTheFilesLineNumbers() throws {
        let e = try error("---\ntitle: T\npage: a3\ncolour: red\n---\n\nText.\n")
        #expect(e.contains("x.md:3:7: page: expected a4 or letter, found \"a3\""), "\(e)")
        #expect(e.contains("x.md:4:1: colour: unknown key \"colour\""), "\(e)")
    }

    @Test func missingFrontMatterAndTitle() throws {
        #expect(try error("# Just text\n").hasPrefix("x.md:1:1: expected front matter"))
        #expect(try error("---\nauthor: A\n---\nText\n").contains("x.md:2:1: title: expected a title"))
    }

    @Test func badFigureAttribute() throws {
        let e = try error("---\ntitle: T\n---\n\n![C](\(resources.maps)/massacres-2019-2021.yaml){colour=red}\n")
        #expect(e.hasSuffix("figure attribute \"colour\": unknown; expected one of width, as-of, extent, height, source, alt or #fig:NAME"), "\(e)")
        #expect(e.hasPrefix("x.md:5:1: "))
    }

    @Test func badSpecInsideAFigureQuotesBothPlaces() throws {
        let dir = try scratch()
        try "title: Bad\nextent: [0, 0, 1, 1]\nlayers: [nosuchlayer]\n".write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        try "---\ntitle: T\n---\n\n![C](bad.yaml)\n".write(toFile: dir + "/x.md", atomically: true, encoding: .utf8)
        do {
            _ = try BriefingReport(path: dir + "/x.md", resources: resources).typeset()
            Issue.record("no error")
        } catch {
            let e = "\(error)".replacingOccurrences(of: dir + "/", with: "")
            #expect(e.hasPrefix("x.md:5:1: figure \"bad.yaml\": bad.yaml:3:10: "), "\(e)")
            #expect(e.contains("unknown layer \"nosuchlayer\""))
        }
    }

    @Test func failedRunExitsOneAndKeepsThePreviousPDF() throws {
        let dir = try scratch()
        try "---\ntitle: Good\n---\n\nText.\n".write(toFile: dir + "/r.md", atomically: true, encoding: .utf8)
        let ok = try run(executable, ["report", "r.md", "-o", "r.pdf", "--creation-date", creation], in: dir)
        #expect(ok.status == 0, "\(ok.err)")
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/r.pdf"))
        try "---\ntitle: Bad\n---\n\n![X](nope.yaml)\n".write(toFile: dir + "/r.md", atomically: true, encoding: .utf8)
        let bad = try run(executable, ["report", "r.md", "-o", "r.pdf"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.err.contains("Error: r.md:5:1: figure \"nope.yaml\": no such map spec (relative to the working directory)"), "\(bad.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/r.pdf")) == before)
        let usage = try run(executable, ["report", "r.md", "-o", "r.docx"], in: dir)
        #expect(usage.status == 64)
    }
}
