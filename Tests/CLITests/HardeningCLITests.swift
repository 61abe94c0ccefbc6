import Foundation
import Testing

/// Signals, output sets with their descriptions and report, and errors that name their file and place.
@Suite struct HardeningCLITests {
    /// Starts a render that pauses once every file is staged (`SAHELMAP_TEST_PAUSE_BEFORE_RENAME`), sends it
    /// `sig` there, and returns its exit status.
    func interrupted(by sig: Int32, args: [String], in dir: String) throws -> Int32 {
        let marker = dir + "/paused"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(executable, "build sahelmap first"))
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.environment = ProcessInfo.processInfo.environment.merging(["SAHELMAP_TEST_PAUSE_BEFORE_RENAME": marker]) { $1 }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        for _ in 0..<6000 where !FileManager.default.fileExists(atPath: marker) && p.isRunning { usleep(50_000) }   // up to 5 min on a loaded machine
        #expect(FileManager.default.fileExists(atPath: marker), "the render reached the pause")
        // Every file of the set is on disk under its temporary name now.
        let staged = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".\(p.processIdentifier).tmp") }
        #expect(staged.sorted() == [".map.alt.txt", ".map.pdf", ".map.png", ".report.json"].map { $0 + ".\(p.processIdentifier).tmp" })
        kill(p.processIdentifier, sig)
        p.waitUntilExit()
        try? FileManager.default.removeItem(atPath: marker)
        #expect(p.terminationReason == .exit)
        return p.terminationStatus
    }

    /// SIGTERM, SIGINT and SIGHUP during a render leave the previous outputs byte-identical and no temporary
    /// file (once `.map.png.<pid>.tmp` stayed behind), and exit 143, 130 and 129.
    @Test(arguments: [(SIGTERM, 143), (SIGINT, 130), (SIGHUP, 129)] as [(Int32, Int32)])
    func signalBeforeTheRenamesLeavesThePreviousSet(_ sig: Int32, _ status: Int32) throws {
        let dir = try scratch()
        let previous = ["map.png": "previous png", "map.pdf": "previous pdf", "report.json": "{}"]
        for (name, text) in previous { FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(text.utf8)) }
        let args = ["render", "-o", "map.png", "-o", "map.pdf", "--size", "300x200px", "--dpi", "72", "--report", "report.json"]
        #expect(try interrupted(by: sig, args: args, in: dir) == status)
        for (name, text) in previous { #expect(FileManager.default.contents(atPath: dir + "/" + name) == Data(text.utf8), "\(name)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == previous.keys.sorted(), "no temporary file")
    }

    /// The image, its description and the report are one set; `--no-alt-text` leaves the description out.
    @Test func descriptionIsNameAltTxtAndCanBeLeftOut() throws {
        let dir = try scratch()
        let r = try sahelmap(["render", "-o", "m.png", "--size", "300x200px", "--dpi", "72", "--report", "r.json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["m.alt.txt", "m.png", "r.json"])
        let n = try sahelmap(["render", "-o", "n.png", "--size", "300x200px", "--dpi", "72", "--no-alt-text"], in: dir)
        #expect(n.status == 0, "\(n.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/n.alt.txt"))
        // A user's own file of that name is not replaced: the run says so and writes nothing.
        FileManager.default.createFile(atPath: dir + "/notes.alt.txt", contents: Data("mine".utf8))
        let u = try sahelmap(["render", "-o", "notes.png", "--size", "300x200px", "--dpi", "72"], in: dir)
        #expect(u.status == 1)
        #expect(u.stderr == "Error: could not write notes.alt.txt: exists and was not written by sahelmap, so it is not replaced (move it away, or leave the description out with --no-alt-text)\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/notes.png"))
        #expect(FileManager.default.contents(atPath: dir + "/notes.alt.txt") == Data("mine".utf8))
    }

    /// Spec-level errors name the spec with line:column and exit 1 (once `--page: …`, exit 64 and usage text;
    /// `page: a3` at `dpi: 2400` allocated 3.3 GB before failing and named no file).
    @Test func specPageErrorsNameTheSpec() throws {
        let dir = try scratch()
        let base = "title: T\nextent: [Mali]\nlayers: [countries]\noutputs: [x.png]\n"
        FileManager.default.createFile(atPath: dir + "/page.yaml", contents: Data((base + "page: a9\n").utf8))
        FileManager.default.createFile(atPath: dir + "/dpi.yaml", contents: Data((base + "page: a3\ndpi: 2400\n").utf8))
        let page = try sahelmap(["render", "page.yaml"], in: dir)
        #expect(page.status == 1)
        #expect(page.stderr == "Error: page.yaml:5:7: page: expected a3, a4, a5 or letter, optionally with -portrait or -landscape, or a preset (a4-landscape, a4-portrait, column, half-column, report-column, slide, social, thumbnail), found \"a9\"\n")
        let dpi = try sahelmap(["render", "dpi.yaml"], in: dir)
        #expect(dpi.status == 1)
        #expect(dpi.stderr == "Error: dpi.yaml:6:6: dpi: the page is 28063×39685 px (297×420 mm at 2400 dpi): more than the limit of 200 megapixels (lower the dpi or the size, or set SAHELMAP_MAX_PAGE_PIXELS)\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.png"))
    }

    /// A polygon covering the whole world once aborted with "failed to allocate 43083890592 bytes" in the
    /// label-point search.
    @Test func worldCoveringPolygonRenders() throws {
        let dir = try scratch()
        let world = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"World"},"geometry":{"type":"Polygon","coordinates":[[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]]}}]}"#
        FileManager.default.createFile(atPath: dir + "/world.geojson", contents: Data(world.utf8))
        let spec = "title: World\nextent: [-20, 0, 30, 30]\nlayers:\n  - countries\n  - { id: world, source: world.geojson, style: regions }\n"
        FileManager.default.createFile(atPath: dir + "/w.yaml", contents: Data(spec.utf8))
        let r = try sahelmap(["render", "w.yaml", "-o", "w.png", "--size", "400x300px", "--dpi", "72"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/w.png"))
    }

    /// Two themes extending each other: once a stack overflow (SIGSEGV); now the cycle is named.
    @Test func mutuallyExtendingThemesAreACycle() throws {
        let dir = try scratch()
        FileManager.default.createFile(atPath: dir + "/a.yaml", contents: Data("extends: ./b.yaml\n".utf8))
        FileManager.default.createFile(atPath: dir + "/b.yaml", contents: Data("extends: ./a.yaml\n".utf8))
        let r = try sahelmap(["render", "--theme", "a.yaml", "-o", "x.png", "--size", "300x200px", "--dpi", "72"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr == "Error: a.yaml:1:10: extends ./b.yaml, which extends ./a.yaml\n", "\(r.stderr)")
    }
}
