import Foundation
import Testing
@testable import Build

/// Shells out and returns standard output (pdftotext, pdfinfo).
func tool(_ name: String, _ args: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/" + name)
    p.arguments = args
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: o, as: UTF8.self)
}

extension BuildCommandTests {
    /// Two maps (one with a theme of its own) and a report with the first as its figure.
    func reportFolder() throws -> String {
        let dir = try folder(["liptako-gourma", "massacres-2019-2021"]) { name, text in
            if name == "massacres-2019-2021" { text = text.replacingOccurrences(of: "theme: briefing", with: "theme: ../styles/mine.yaml") }
        }
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/styles", withIntermediateDirectories: true)
        try "extends: briefing\n".write(toFile: dir + "/styles/mine.yaml", atomically: true, encoding: .utf8)
        try fm.createDirectory(atPath: dir + "/Reports", withIntermediateDirectories: true)
        try """
        ---
        title: Tri-border test briefing
        date: 31 December 2021
        ---

        # The tri-border area

        Attacks on civilians where Burkina Faso, Mali and Niger meet, as the figure shows.

        ![Attacks in the tri-border area, 2019–2021.](../Maps/liptako-gourma.yaml)

        ```chart
        source: builtin:massacres
        y: sum(fatalities_high)
        x: year
        from: 2019-01
        to: 2021-12
        caption: Civilians killed in massacres per year.
        ```

        """.write(toFile: dir + "/Reports/brief.md", atomically: true, encoding: .utf8)
        // Not a report: no front matter.
        try "# Notes\n".write(toFile: dir + "/Reports/README.md", atomically: true, encoding: .utf8)
        return dir
    }

    /// Reports under Reports/ are targets: built through the Report module, and rebuilt exactly when something one of
    /// their figures reads changes — a data file rebuilds the map and the report that use it, a theme only its map.
    @Test func reportsAreTargetsRebuiltWithTheirFigures() throws {
        let dir = try reportFolder()
        let first = try sahelmap(["build"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(lastLine(first) == "2 maps, 1 report: 3 rebuilt, 0 unchanged, 0 failed, 0 warnings")
        #expect(first.out.contains("] Reports/brief.md "))
        #expect(first.out.contains("brief: 2 pages, 2 figures") || first.out.contains("brief: 1 page, 2 figures"), "\(first.out)")
        // The chart's source was found by the scan: no figure escapes the recipe.
        #expect(!first.out.contains("not found by the dependency scan"), "\(first.out)")
        let pdf = dir + "/out/brief.pdf"
        let text = try tool("pdftotext", [pdf, "-"])
        #expect(text.contains("Tri-border test briefing") && text.contains("Figure 1. Attacks in the tri-border area, 2019–2021."), "\(text)")
        let manifest = try String(contentsOfFile: dir + "/Maps/.sahelmap/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"Reports\\/brief.md\" : {"))
        let inputs = try #require(try Manifest.read(dir + "/Maps/.sahelmap/manifest.json")?.specs["Reports/brief.md"]?.inputs)
        #expect(inputs.keys.contains { $0.hasSuffix("GeoData/massacres.geojson") } && inputs["Maps/data/liptako-gourma-events.csv"] != nil)

        let again = try sahelmap(["build"], in: dir)
        #expect(lastLine(again) == "2 maps, 1 report: 0 rebuilt, 3 unchanged, 0 failed, 0 warnings", "\(again.out)")

        // One more event: the map and the report that draw it, not the other map.
        let path = dir + "/" + Self.events
        let old = SHA256.hex(file: path)!
        var csv = try String(contentsOfFile: path, encoding: .utf8)
        csv += "XTEST1" + csv.split(separator: "\n").last!.drop { $0 != "," } + "\n"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let new = SHA256.hex(file: path)!
        let data = try sahelmap(["build", "--explain"], in: dir)
        #expect(data.status == 0, "\(data.stderr)")
        #expect(data.out.contains("brief: Maps/data/liptako-gourma-events.csv changed (sha256 \(old.prefix(8))…→\(new.prefix(8))…)"), "\(data.out)")
        #expect(data.out.contains("liptako-gourma: Maps/data/liptako-gourma-events.csv changed"))
        #expect(data.out.contains("Maps/massacres-2019-2021.yaml unchanged"))
        #expect(lastLine(data) == "2 maps, 1 report: 2 rebuilt, 1 unchanged, 0 failed, 0 warnings")
        #expect(try Manifest.read(dir + "/Maps/.sahelmap/manifest.json")?.specs["Reports/brief.md"]?.outputs["out/brief.pdf"] == SHA256.hex(file: pdf))

        // The other map's theme: that map only.
        try "extends: briefing\npage:\n  paper: \"#fafafa\"\n".write(toFile: dir + "/styles/mine.yaml", atomically: true, encoding: .utf8)
        let theme = try sahelmap(["build"], in: dir)
        #expect(theme.out.contains("Reports/brief.md unchanged") && theme.out.contains("Maps/liptako-gourma.yaml unchanged"), "\(theme.out)")
        #expect(lastLine(theme) == "2 maps, 1 report: 1 rebuilt, 2 unchanged, 0 failed, 0 warnings")

        // From scratch: the same PDF bytes (the date comes from the figures, not the clock).
        let rebuilt = try Data(contentsOf: URL(fileURLWithPath: pdf))
        try FileManager.default.removeItem(atPath: dir + "/out")
        try FileManager.default.removeItem(atPath: dir + "/Maps/.sahelmap")
        #expect(try sahelmap(["build", "Reports/brief.md"], in: dir).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) == rebuilt)
        #expect(try tool("pdfinfo", [pdf]).contains("Fri Dec 31 00:00:00 2021"))
    }

    /// A report whose figure is missing fails with Report's own message; the maps are still built.
    @Test func aBrokenReportFailsAloneWithReportsMessage() throws {
        let dir = try reportFolder()
        try String(contentsOfFile: dir + "/Reports/brief.md", encoding: .utf8)
            .replacingOccurrences(of: "../Maps/liptako-gourma.yaml", with: "../Maps/nope.yaml")
            .write(toFile: dir + "/Reports/brief.md", atomically: true, encoding: .utf8)
        let r = try sahelmap(["build"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("Error: Reports/brief.md:10:"), "\(r.stderr)")
        #expect(r.stderr.contains("figure \"../Maps/nope.yaml\": no such map spec"))
        #expect(lastLine(r) == "2 maps, 1 report: 2 rebuilt, 0 unchanged, 1 failed, 0 warnings")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/brief.pdf"))
    }
}
