import Foundation
import Testing

/// The built `sahelmap` executable, next to the test bundle.
let executable: String? = {
    let fm = FileManager.default
    var dirs = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path, Bundle.main.bundlePath]
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    dirs.append(root.appendingPathComponent(".build/debug").path)
    for d in dirs {
        var url = URL(fileURLWithPath: d)
        for _ in 0..<3 {
            let candidate = url.appendingPathComponent("sahelmap").path
            if fm.isExecutableFile(atPath: candidate) { return candidate }
            url.deleteLastPathComponent()
        }
    }
    return nil
}()

struct CLIResult {
    var status: Int32, stdout: Data, stderr: String
    var out: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs the built binary in `dir`; `environment` replaces the inherited one's values it names.
func sahelmap(_ args: [String], in dir: String, environment: [String: String] = [:]) throws -> CLIResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try #require(executable, "build sahelmap first"))
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return CLIResult(status: p.terminationStatus, stdout: o, stderr: String(decoding: e, as: UTF8.self))
}

func scratch() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sahelmap-cli-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

extension Process {
    /// Standard output of a tool (pdftotext).
    static func output(_ tool: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

@Suite struct CLITests {
    /// `--no-title`, `--no-legend`, `--no-inset`, `--no-credits` leave those out on purpose: no warning, none in
    /// the PDF's text; `--preset column` is 85 mm wide and as tall as its map needs.
    @Test func furnitureSwitchesAndColumnPreset() throws {
        let dir = try scratch()
        let r = try sahelmap(["render", packageRoot + "/Maps/massacres-2019-2021.yaml",
                              "--preset", "column", "--no-title", "--no-legend", "--no-inset", "--no-credits", "--strict",
                              "-o", "c.pdf", "-o", "c.png", "--dpi", "100", "--report", "r.json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        let text = try String(contentsOf: URL(fileURLWithPath: dir + "/r.json"), encoding: .utf8)
        #expect(text.contains("\"widthMillimeters\" : 85"))
        let pdf = try Process.output("pdftotext", [dir + "/c.pdf", "-"])
        #expect(!pdf.contains("Massacres of civilians") && !pdf.contains("Sources:") && !pdf.contains("Jihadist"))
        #expect(pdf.contains("Solhan"))
        // With everything on, the same page draws the title block, the legend and the sources.
        let full = try sahelmap(["render", packageRoot + "/Maps/massacres-2019-2021.yaml", "--preset", "column", "-o", "f.pdf"], in: dir)
        #expect(full.status == 0, "\(full.stderr)")
        let all = try Process.output("pdftotext", [dir + "/f.pdf", "-"])
        for s in ["Massacres of civilians", "Sources:", "Jihadist", "Civilians killed"] { #expect(all.contains(s), "no \(s)") }
    }

    /// A title that cannot fit is shortened with a warning on stderr, and `--strict` makes it an error.
    @Test func titleTooLongIsAWarningThenStrictError() throws {
        let dir = try scratch()
        let title = String(repeating: "An exceedingly long title ", count: 10)
        let r = try sahelmap(["render", "--preset", "half-column", "--title", title, "-o", "h.png", "--dpi", "72"], in: dir)
        #expect(r.status == 0 && r.stderr.contains("warning: title \"An exceedingly long title"), "\(r.stderr)")
        let strict = try sahelmap(["render", "--preset", "half-column", "--title", title, "-o", "s.png", "--strict"], in: dir)
        #expect(strict.status != 0 && strict.stderr.contains("with --strict"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/s.png"))
    }

    @Test func rendersRequestedOutputs() throws {
        let dir = try scratch()
        let r = try sahelmap(["render", "-o", "maps/small.png", "-o", "maps/small.svg", "--size", "800x500px", "--dpi", "96",
                              "--report", "report.json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.out.contains("wrote maps/small.png"))
        #expect(r.out.contains("800×500 px at 96 dpi"))
        let png = try #require(FileManager.default.contents(atPath: dir + "/maps/small.png"))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        let svg = try String(contentsOfFile: dir + "/maps/small.svg", encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("pt\""))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/report.json"))) as? [String: Any]
        let layers = try #require(report?["layers"] as? [[String: Any]])
        #expect(layers.map { $0["id"] as? String } == ["countries", "lakes", "regions", "rivers", "borders", "places"])
        let timings = try #require(report?["timings"] as? [String: Double])
        for phase in ["readMs", "projectMs", "labelMs", "drawMs", "encodeMs", "totalMs"] { #expect(timings[phase] != nil) }
        let outputs = try #require(report?["outputs"] as? [[String: Any]])
        #expect(outputs.count == 2 && (outputs[0]["bytes"] as? Int) == png.count)
        // The description goes beside the images; no temporary files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/maps").sorted() == ["small.alt.txt", "small.png", "small.svg"])
        let alt = try String(contentsOfFile: dir + "/maps/small.alt.txt", encoding: .utf8)
        #expect(alt.hasPrefix("Map of ") && alt.contains("The central Sahel and its neighbours") && alt.contains("Sources: Natural Earth"))
    }

    @Test func svgIsIdenticalFromRunToRun() throws {
        let dir = try scratch()
        for name in ["a.svg", "b.svg"] {
            let r = try sahelmap(["render", "-o", name, "--size", "400x300px", "--dpi", "72"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let a = FileManager.default.contents(atPath: dir + "/a.svg"), b = FileManager.default.contents(atPath: dir + "/b.svg")
        #expect(a != nil && a == b)
    }

    @Test func pdfWithFixedDateIsIdentical() throws {
        let dir = try scratch()
        for name in ["a.pdf", "b.pdf"] {
            let r = try sahelmap(["render", "-o", name, "--creation-date", "2026-11-25T00:00:00Z"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let a = FileManager.default.contents(atPath: dir + "/a.pdf"), b = FileManager.default.contents(atPath: dir + "/b.pdf")
        #expect(a != nil && a == b)
    }

    /// Western longitudes are negative: `--extent -12.5,10,-4,16` (western Mali) is a value, not an option (issue: "Missing value for '--extent'").
    @Test func extentWithNegativeLongitude() throws {
        let dir = try scratch()
        let size = ["--size", "400x300px", "--dpi", "72"]
        let spaced = try sahelmap(["render", "--extent", "-12.5,10,-4,16", "-o", "spaced.svg"] + size, in: dir)
        #expect(spaced.status == 0, "\(spaced.stderr)")
        let joined = try sahelmap(["render", "--extent=-12.5,10,-4,16", "-o", "joined.svg"] + size, in: dir)
        #expect(joined.status == 0, "\(joined.stderr)")
        let plain = try sahelmap(["render", "-o", "default.svg"] + size, in: dir)
        #expect(plain.status == 0, "\(plain.stderr)")
        let a = FileManager.default.contents(atPath: dir + "/spaced.svg"), b = FileManager.default.contents(atPath: dir + "/joined.svg")
        #expect(a != nil && a == b, "both spellings give the same map")
        #expect(a != FileManager.default.contents(atPath: dir + "/default.svg"), "the extent was applied")
        // Names still work, before or after other options.
        let names = try sahelmap(["render", "--extent", "Mali,Niger", "-o", "names.svg"] + size, in: dir)
        #expect(names.status == 0, "\(names.stderr)")
    }

    @Test func pngToStandardOutput() throws {
        let r = try sahelmap(["render", "-o", "-", "--format", "png", "--size", "300x200px", "--dpi", "72"], in: try scratch())
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }

    @Test(arguments: [
        (["render", "--extent", "1,2,3"], Int32(64), "Error: --extent: expected four numbers west, south, east, north, found 3 values"),
        (["render", "--extent", "-o", "x.png"], 64, "Error: --extent: expected four numbers west, south, east, north or names, found \"-o\""),
        (["render", "--extent", "10,5,0,20"], 64, "Error: --extent: expected west < east and south < north, found 10, 5, 0, 20"),
        (["render", "--extent", "-7.5,11.5,inf,17"], 64, "Error: --extent: expected four finite numbers west, south, east, north in degrees, found \"inf\""),
        (["render", "-o", "map.jpg"], 64, "Error: --output map.jpg: expected a file ending in .png, .pdf or .svg"),
        (["render", "-o", "-"], 64, "Error: --output -: standard output needs --format png, pdf or svg"),
        (["render", "--size", "big"], 64, "Error: --size: expected WIDTHxHEIGHT with mm, px, in or pt (e.g. 297x210mm, 1920x1080px), found \"big\""),
        (["render", "--page", "a9"], 64, "Error: --page: expected a3, a4, a5 or letter, optionally with -portrait or -landscape, or a preset (a4-landscape, a4-portrait, column, half-column, report-column, slide, social, thumbnail), found \"a9\""),
        (["render", "--size", "20000x20000px", "-o", "x.png"], 64, "Error: --size: the page is 20000×20000 px (1693×1693 mm at 300 dpi): more than the limit of 200 megapixels (lower the dpi or the size, or set SAHELMAP_MAX_PAGE_PIXELS)"),
        (["render", "--dpi", "0"], 64, "Error: --dpi: expected 10…2400, found 0.0"),
        (["render", "--creation-date", "yesterday"], 64, "Error: --creation-date: expected ISO 8601 like 2026-11-25T00:00:00Z, found \"yesterday\""),
        (["render", "--projection", "EPSG:999999", "-o", "x.png"], 1, "Error: cannot build transform EPSG:4326 -> EPSG:999999: proj_create: crs not found"),
        (["render", "--extent", "Atlantis", "-o", "x.png"], 1, "Error: extent: no country or region named \"Atlantis\""),
        (["render", "--size", "20x20mm", "-o", "x.png"], 1, "Error: the page (20×20 mm) is too small for a map with a title and credits"),
        (["render", "--preset", "poster"], 64, "Error: --preset: expected one of a4-landscape, a4-portrait, column, half-column, report-column, slide, social, thumbnail, found \"poster\""),
        (["render", "--as-of", "2021-13"], 64, "Error: --as-of: expected a date like 2021-12-31, 2021-12 or 2021, found \"2021-13\""),
        (["render", "no-such-spec.yaml"], 1, "Error: map spec not found: no-such-spec.yaml"),
    ])
    func badArgumentsGetOneClearMessage(args: [String], status: Int32, message: String) throws {
        let dir = try scratch()
        let r = try sahelmap(args, in: dir)
        #expect(r.status == status)
        #expect(r.stderr.split(separator: "\n").first.map(String.init) == message, "stderr: \(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "nothing is written on failure")
    }

    /// A failed refresh leaves the previous good map untouched.
    @Test func failedRenderKeepsThePreviousFile() throws {
        let dir = try scratch()
        let previous = Data("previous good map".utf8)
        FileManager.default.createFile(atPath: dir + "/map.png", contents: previous)
        let r = try sahelmap(["render", "-o", "map.png", "--projection", "+proj=nonsense"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("Unknown projection"))
        #expect(FileManager.default.contents(atPath: dir + "/map.png") == previous)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["map.png"])
        // An output that cannot be written fails without touching the other outputs.
        try FileManager.default.createDirectory(atPath: dir + "/taken.pdf", withIntermediateDirectories: false)
        let r2 = try sahelmap(["render", "-o", "map.png", "-o", "taken.pdf", "--size", "300x200px", "--dpi", "72"], in: dir)
        #expect(r2.status == 1)
        #expect(r2.stderr.contains("could not write taken.pdf: is a directory"), "\(r2.stderr)")
        #expect(FileManager.default.contents(atPath: dir + "/map.png") == previous, "no output is written when one cannot be")
    }

    /// Outputs are written as one set: when the second cannot be written (here its folder is a link to a missing
    /// path, which the early check takes for a folder still to create), the first output and its description keep
    /// their previous bytes and nothing is left over.
    @Test func failedSecondOutputKeepsTheFirst() throws {
        let dir = try scratch()
        FileManager.default.createFile(atPath: dir + "/map.png", contents: Data("previous map".utf8))
        FileManager.default.createFile(atPath: dir + "/map.alt.txt", contents: Data("Map of a previous description".utf8))
        try FileManager.default.createSymbolicLink(atPath: dir + "/gone", withDestinationPath: dir + "/no-such-folder")
        let r = try sahelmap(["render", "-o", "map.png", "-o", "gone/map.png", "--size", "300x200px", "--dpi", "72"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").first.map(String.init)
                == "Error: could not write gone/map.png: \(dir)/gone is not a directory (a broken link?)", "\(r.stderr)")
        #expect(FileManager.default.contents(atPath: dir + "/map.png") == Data("previous map".utf8))
        #expect(FileManager.default.contents(atPath: dir + "/map.alt.txt") == Data("Map of a previous description".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["gone", "map.alt.txt", "map.png"], "no temporary file is left")
    }

    /// The description beside an image is checked like the image, before anything is drawn.
    @Test func descriptionInTheWayFailsBeforeWriting() throws {
        let dir = try scratch()
        FileManager.default.createFile(atPath: dir + "/a.png", contents: Data("previous map".utf8))
        try FileManager.default.createDirectory(atPath: dir + "/b.alt.txt", withIntermediateDirectories: false)
        let r = try sahelmap(["render", "-o", "a.png", "-o", "b.png", "--size", "300x200px", "--dpi", "72"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").first.map(String.init) == "Error: could not write b.alt.txt: is a directory", "\(r.stderr)")
        #expect(FileManager.default.contents(atPath: dir + "/a.png") == Data("previous map".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.png", "b.alt.txt"])
    }

    /// A report that cannot be written is a failed render (exit 1, no usage text), not a usage error (64).
    @Test func reportWriteFailureExitsOne() throws {
        let dir = try scratch()
        try FileManager.default.createDirectory(atPath: dir + "/taken.json", withIntermediateDirectories: false)
        let early = try sahelmap(["render", "-o", "m.png", "--size", "300x200px", "--dpi", "72", "--report", "taken.json"], in: dir)
        #expect(early.status == 1)
        #expect(early.stderr == "Error: could not write taken.json: is a directory\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["taken.json"], "found before anything is drawn")
        // A failure only the write itself finds: the report is part of the map's output set, so neither the map
        // nor its description is written either (once the map was replaced and only the report failed).
        try FileManager.default.createSymbolicLink(atPath: dir + "/gone", withDestinationPath: dir + "/no-such-folder")
        let late = try sahelmap(["render", "-o", "m.png", "--size", "300x200px", "--dpi", "72", "--report", "gone/r.json"], in: dir)
        #expect(late.status == 1)
        #expect(late.stderr == "Error: could not write gone/r.json: \(dir)/gone is not a directory (a broken link?)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["gone", "taken.json"])
    }

    @Test func regionsListsIdsForExtents() throws {
        let r = try sahelmap(["regions", "Burkina Faso"], in: try scratch())
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n")
        #expect(lines.first == "Burkina Faso (BFA)" && lines.count == 14)
        #expect(lines.contains("  BF-13\tSud-Ouest"))
        // Extents accept those ids and names, regardless of case and accents.
        let e = try sahelmap(["render", "--extent", "tillaberi,BF-09", "--size", "300x200px", "--dpi", "72", "-o", "t.png"], in: try scratch())
        #expect(e.status == 0, "\(e.stderr)")
    }

    @Test func presetsGiveTheirPixelSize() throws {
        let dir = try scratch()
        let r = try sahelmap(["render", "--preset", "thumbnail", "-o", "t.png"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.out.contains("480×320 px at 96 dpi"))
    }

    /// A spec with a style error names the file, line and column.
    @Test func specErrorsPointAtTheLine() throws {
        let dir = try scratch()
        let spec = """
        title: Test
        extent: [0, 10, 5, 15]
        as-of: 2021-02-30
        layers: [countries, bordrs]
        """
        FileManager.default.createFile(atPath: dir + "/m.yaml", contents: Data(spec.utf8))
        let r = try sahelmap(["render", "m.yaml"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("m.yaml:3:8: as-of: expected a date like 2021-12-31, 2021-12 or 2021, found \"2021-02-30\""), "\(r.stderr)")
        #expect(r.stderr.contains("m.yaml:4:21: layers[1]: unknown layer \"bordrs\""), "\(r.stderr)")
    }

    @Test func eventsImportSummaryAndRefusal() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let fixtures = root.appendingPathComponent("Tests/LayersTests/Fixtures/acled").path
        let ok = try sahelmap(["events", fixtures + "/since2023.csv"], in: try scratch())
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.out.contains("ACLED export (2023+ columns)") && ok.out.contains("columns missing: none"))
        let refused = try sahelmap(["events", fixtures + "/broken.csv", "--bad-rows", "refuse"], in: try scratch())
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("broken.csv:3: event_date: expected a date like 2021-06-05 or 05 June 2021, found \"2021-13-45\""))
        #expect(refused.stderr.contains("import refused (--bad-rows refuse): 5 problem(s)"))
    }

    @Test func checkReportsEveryProblem() throws {
        let dir = try scratch()
        let bad = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","id":"ML-7","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,2]]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[95,14]}}
        ]}
        """
        FileManager.default.createFile(atPath: dir + "/bad.geojson", contents: Data(bad.utf8))
        let r = try sahelmap(["check", "bad.geojson"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr == """
        bad.geojson: feature #0 (id "ML-7"): geometry.coordinates[0]: expected a closed ring (last position equal to the first), found first [0, 0] and last [0, 2]

        """)
        // The shipped data passes the same check.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let files = ["countries", "regions", "boundary_lines", "places", "water"].map { root.appendingPathComponent("GeoData/\($0).geojson").path }
        let good = try sahelmap(["check"] + files, in: dir)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.out.split(separator: "\n").count == 5 && good.out.contains("regions.geojson: 180 features, valid"))
        #expect(good.out.contains("boundary_lines.geojson: 929 features, valid"))
    }
}
