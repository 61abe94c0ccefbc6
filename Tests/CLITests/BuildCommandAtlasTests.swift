import Foundation
import Testing
@testable import Build

extension BuildCommandTests {
    /// The Liptako-Gourma events as an atlas by year (2019–2021), each page also in one PDF.
    static let yearly = """
        title: "Liptako-Gourma, {period}"
        extent: [-3.2, 11.8, 4.2, 16.6]
        from: 2019-01-01
        to: 2021-12-31
        dpi: 40
        outputs: ["out/{spec}/{period}.png"]
        atlas: { each: year, pdf: "out/{spec}.pdf" }
        layers: [countries, borders, { id: events, source: data/liptako-gourma-events.csv, aggregate: none }]

        """

    func yearlyFolder(_ plain: [String] = []) throws -> String {
        let dir = try folder(plain)
        try Self.yearly.write(toFile: dir + "/Maps/yearly.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    /// Every file under `out/`, recursively, by path.
    func tree(_ dir: String) throws -> [String: Data] {
        let base = dir + "/out"
        var out: [String: Data] = [:]
        for rel in FileManager.default.subpaths(atPath: base) ?? [] {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = try Data(contentsOf: URL(fileURLWithPath: base + "/" + rel))
            }
        }
        return out
    }

    /// `each: year`: one page per year of the spec's range, showing that year's events, each a manifest entry of
    /// its own, plus one multi-page PDF of all of them, written atomically, with the same bytes from scratch.
    @Test func atlasByYearWithAMultiPagePDF() throws {
        let dir = try yearlyFolder()
        let r = try sahelmap(["build"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(lastLine(r) == "3 maps, 1 atlas PDF: 4 rebuilt, 0 unchanged, 0 failed, 0 warnings")
        #expect(r.out.contains("] Maps/yearly.yaml#2019 ") && r.out.contains("] Maps/yearly.yaml#2021 ") && r.out.contains("[4/4] Maps/yearly.yaml#pdf "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out/yearly").sorted()
                == ["2019.alt.txt", "2019.png", "2020.alt.txt", "2020.png", "2021.alt.txt", "2021.png"])
        // Each page draws the events of its year only: the counts of the CSV's year column.
        let rows = try String(contentsOfFile: dir + "/" + Self.events, encoding: .utf8).split(separator: "\n").dropFirst()
        let manifest = try #require(try Manifest.read(dir + "/Maps/.sahelmap/manifest.json"))
        for year in ["2019", "2020", "2021"] {
            let entry = try #require(manifest.specs["Maps/yearly.yaml#\(year)"])
            let drawn = entry.summary.layers.first { $0.id == "events" }?.featuresDrawn
            #expect(drawn == rows.filter { $0.split(separator: ",")[1].hasPrefix(year) }.count, "\(year)")
        }
        #expect(manifest.specs["Maps/yearly.yaml#pdf"]?.outputs.keys.sorted() == ["out/yearly.pdf"])
        let pdf = dir + "/out/yearly.pdf"
        let info = try tool("pdfinfo", [pdf])
        #expect(info.contains("Pages:           3") && info.contains("Fri Dec 31 00:00:00 2021"), "\(info)")
        // One bookmark per page, titled as the page.
        let raw = String(decoding: try Data(contentsOf: URL(fileURLWithPath: pdf)), as: UTF8.self)
        #expect(["2019", "2020", "2021"].allSatisfy { raw.contains("/Title (Liptako-Gourma, \($0))") })
        #expect(try tool("pdftotext", ["-f", "2", "-l", "2", pdf, "-"]).contains("Liptako-Gourma, 2020"))
        #expect(try String(contentsOfFile: dir + "/out/yearly/2021.alt.txt", encoding: .utf8).contains("Liptako-Gourma, 2021"))
        let before = try tree(dir)

        #expect(lastLine(try sahelmap(["build"], in: dir)) == "3 maps, 1 atlas PDF: 0 rebuilt, 4 unchanged, 0 failed, 0 warnings")
        // The PDF alone is missing: only it is rebuilt (its pages composed again, not written).
        try FileManager.default.removeItem(atPath: pdf)
        let missing = try sahelmap(["build", "--explain"], in: dir)
        #expect(missing.out.contains("yearly#pdf: out/yearly.pdf is missing"), "\(missing.out)")
        #expect(lastLine(missing) == "3 maps, 1 atlas PDF: 1 rebuilt, 3 unchanged, 0 failed, 0 warnings")
        #expect(try tree(dir) == before)
        // From scratch: the same bytes, PDF included.
        try FileManager.default.removeItem(atPath: dir + "/out")
        try FileManager.default.removeItem(atPath: dir + "/Maps/.sahelmap")
        #expect(try sahelmap(["build"], in: dir).status == 0)
        #expect(try tree(dir) == before)
    }

    /// `over:` and `each:` together: one page per feature and period; a range or template that cannot work is
    /// refused with what is missing.
    @Test func atlasOverRegionsAndQuartersAndItsErrors() throws {
        let dir = try folder([])
        try """
        title: "{name}, {period}"
        extent: [0, 11, 16, 24]
        from: 2021-04-15
        to: 2021-09-30
        dpi: 30
        outputs: ["out/{name}/{period}.png"]
        atlas: { over: regions, where: 'id in ["NE-1", "NE-8"]', each: quarter }
        layers: [countries, regions]

        """.write(toFile: dir + "/Maps/niger.yaml", atomically: true, encoding: .utf8)
        let r = try sahelmap(["build", "--dry-run"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.out.split(separator: "\n").dropLast().map { $0.split(separator: " ")[1] }
                == ["Maps/niger.yaml#NE-1/2021-Q2", "Maps/niger.yaml#NE-1/2021-Q3", "Maps/niger.yaml#NE-8/2021-Q2", "Maps/niger.yaml#NE-8/2021-Q3"])

        try String(contentsOfFile: dir + "/Maps/niger.yaml", encoding: .utf8).replacingOccurrences(of: "/{period}", with: "")
            .write(toFile: dir + "/Maps/niger.yaml", atomically: true, encoding: .utf8)
        let template = try sahelmap(["build"], in: dir)
        #expect(template.status == 1)
        #expect(template.stderr.contains("Error: Maps/niger.yaml: atlas: every output must contain {period}, so each page has its own files"))

        try Self.yearly.replacingOccurrences(of: "from: 2019-01-01\n", with: "")
            .write(toFile: dir + "/Maps/niger.yaml", atomically: true, encoding: .utf8)
        let range = try sahelmap(["build"], in: dir)
        #expect(range.status == 1)
        #expect(range.stderr.contains("Error: Maps/niger.yaml: atlas: each: year needs the spec's date range: from and to (or as-of)"), "\(range.stderr)")

        // A where: with nothing to pick from (no over:) is refused, not ignored.
        try Self.yearly.replacingOccurrences(of: "atlas: { each: year,", with: "atlas: { each: year, where: 'id == \"NE-1\"',")
            .write(toFile: dir + "/Maps/niger.yaml", atomically: true, encoding: .utf8)
        let filter = try sahelmap(["build"], in: dir)
        #expect(filter.status == 1)
        #expect(filter.stderr.contains("Error: Maps/niger.yaml: atlas: where: picks the features of over: (regions or countries), and this atlas has no over:"), "\(filter.stderr)")
    }

    /// Shards split items, atlas pages and the atlas PDF included: the union of 1/3, 2/3 and 3/3 builds every item
    /// exactly once, the merged manifest finds everything unchanged, and the files equal a full build's.
    @Test func threeShardsEqualTheFullBuildWithAnAtlas() throws {
        let full = try yearlyFolder(["liptako-gourma"])
        #expect(try sahelmap(["build"], in: full).status == 0)
        let expected = try tree(full)

        let dir = try yearlyFolder(["liptako-gourma"])
        var built: [String] = []
        for i in 1...3 {
            let r = try sahelmap(["build", "--shard", "\(i)/3"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            built += r.out.split(separator: "\n").filter { $0.hasPrefix("[") }.map { String($0.split(separator: " ")[1]) }
        }
        #expect(built.sorted() == ["Maps/liptako-gourma.yaml", "Maps/yearly.yaml#2019", "Maps/yearly.yaml#2020",
                                   "Maps/yearly.yaml#2021", "Maps/yearly.yaml#pdf"])
        #expect(try sahelmap(["build", "--merge"], in: dir).status == 0)
        #expect(lastLine(try sahelmap(["build"], in: dir)) == "4 maps, 1 atlas PDF: 0 rebuilt, 5 unchanged, 0 failed, 0 warnings")
        #expect(try tree(dir) == expected)
    }
}
