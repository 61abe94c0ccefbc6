import Foundation
import Testing
@testable import Build

/// `sahelmap build` end to end through the built binary, on copies of the shipped specs and data in a temporary
/// folder (at 40 dpi, so each map takes a fraction of a second).
@Suite struct BuildCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let events = "Maps/data/liptako-gourma-events.csv"

    /// A scratch folder with `Maps/` holding copies of the named shipped specs (at 40 dpi) and `Maps/data/`.
    func folder(_ specs: [String], edit: (String, inout String) -> Void = { _, _ in }) throws -> String {
        let dir = try scratch()
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/Maps/data", withIntermediateDirectories: true)
        try fm.copyItem(atPath: Self.root + "/" + Self.events, toPath: dir + "/" + Self.events)
        for s in specs {
            var text = try String(contentsOfFile: Self.root + "/Maps/\(s).yaml", encoding: .utf8) + "dpi: 40\n"
            edit(s, &text)
            try text.write(toFile: dir + "/Maps/\(s).yaml", atomically: true, encoding: .utf8)
        }
        return dir
    }

    /// Every file under `out/`, by name.
    func outputs(_ dir: String) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/out")
        return Dictionary(uniqueKeysWithValues: try names.map { ($0, try Data(contentsOf: URL(fileURLWithPath: dir + "/out/" + $0))) })
    }

    func lastLine(_ r: CLIResult) -> String { r.out.split(separator: "\n").last.map(String.init) ?? "" }

    @Test func secondBuildRebuildsNothingAndOutputsAreByteIdentical() throws {
        let dir = try folder(["liptako-gourma", "massacres-2019-2021"])
        let first = try sahelmap(["build"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(lastLine(first) == "2 maps: 2 rebuilt, 0 unchanged, 0 failed, 0 warnings")
        #expect(first.out.contains("[1/2] Maps/") && first.out.contains("[2/2] Maps/") && first.out.contains(" ms\n"))
        let before = try outputs(dir)
        #expect(before.keys.sorted() == ["liptako-gourma.alt.txt", "liptako-gourma.pdf", "liptako-gourma.png", "liptako-gourma.svg",
                                         "massacres-2019-2021.alt.txt", "massacres-2019-2021.pdf", "massacres-2019-2021.png",
                                         "massacres-2019-2021.svg"])
        let second = try sahelmap(["build"], in: dir)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.out == "[1/2] Maps/liptako-gourma.yaml unchanged\n[2/2] Maps/massacres-2019-2021.yaml unchanged\n2 maps: 0 rebuilt, 2 unchanged, 0 failed, 0 warnings\n")
        #expect(try outputs(dir) == before)
        // From scratch again (no manifest, no outputs): the same bytes, PDF included (no wall-clock date).
        try FileManager.default.removeItem(atPath: dir + "/out")
        try FileManager.default.removeItem(atPath: dir + "/Maps/.sahelmap")
        let third = try sahelmap(["build"], in: dir)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(try outputs(dir) == before)
        let manifest = try String(contentsOfFile: dir + "/Maps/.sahelmap/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"Maps\\/data\\/liptako-gourma-events.csv\" : \"\(SHA256.hex(file: dir + "/" + Self.events)!)\""))
    }

    @Test func changedDataRebuildsExactlyTheMapsThatReadItAndExplainSaysWhy() throws {
        let dir = try folder(["liptako-gourma", "massacres-2019-2021"])
        #expect(try sahelmap(["build"], in: dir).status == 0)
        let massacres = try Data(contentsOf: URL(fileURLWithPath: dir + "/out/massacres-2019-2021.png"))
        let path = dir + "/" + Self.events
        let old = SHA256.hex(file: path)!
        var csv = try String(contentsOfFile: path, encoding: .utf8)
        let last = csv.split(separator: "\n").last!
        csv += "XTEST1" + last.drop { $0 != "," } + "\n"   // one more event, another id
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let new = SHA256.hex(file: path)!

        let dry = try sahelmap(["build", "--dry-run", "--explain"], in: dir)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.out.contains("liptako-gourma: Maps/data/liptako-gourma-events.csv changed (sha256 \(old.prefix(8))…→\(new.prefix(8))…)\n"))
        #expect(dry.out.contains("[1/2] Maps/liptako-gourma.yaml would rebuild") || dry.out.contains("[2/2] Maps/liptako-gourma.yaml would rebuild"))
        #expect(lastLine(dry) == "2 maps: 1 would rebuild, 1 unchanged, 0 failed (dry run: nothing written)")

        let r = try sahelmap(["build"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(lastLine(r) == "2 maps: 1 rebuilt, 1 unchanged, 0 failed, 0 warnings")
        #expect(r.out.contains("Maps/massacres-2019-2021.yaml unchanged"))
        #expect(r.out.contains("liptako-gourma: events: features drawn "))
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/out/massacres-2019-2021.png")) == massacres)
    }

    @Test func editedThemeRebuildsExactlyTheSpecsThatUseIt() throws {
        let dir = try folder(["liptako-gourma", "massacres-2019-2021"]) { name, text in
            if name == "massacres-2019-2021" { text = text.replacingOccurrences(of: "theme: briefing", with: "theme: ../styles/mine.yaml") }
        }
        try FileManager.default.createDirectory(atPath: dir + "/styles", withIntermediateDirectories: true)
        try "extends: briefing\n".write(toFile: dir + "/styles/mine.yaml", atomically: true, encoding: .utf8)
        let first = try sahelmap(["build"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        try "extends: briefing\npage:\n  paper: \"#fafafa\"\n".write(toFile: dir + "/styles/mine.yaml", atomically: true, encoding: .utf8)
        let r = try sahelmap(["build", "--explain"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.out.contains("massacres-2019-2021: styles/mine.yaml changed (sha256 "))
        #expect(r.out.contains("Maps/liptako-gourma.yaml unchanged"))
        #expect(lastLine(r) == "2 maps: 1 rebuilt, 1 unchanged, 0 failed, 0 warnings")
    }

    @Test func handEditedOutputIsReportedAndNotOverwritten() throws {
        let dir = try folder(["liptako-gourma"])
        #expect(try sahelmap(["build"], in: dir).status == 0)
        let png = dir + "/out/liptako-gourma.png"
        let edited = Data("retouched by hand".utf8)
        try edited.write(to: URL(fileURLWithPath: png))
        let r = try sahelmap(["build"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("Error: Maps/liptako-gourma.yaml: out/liptako-gourma.png was edited by hand (sha256 \(SHA256.hex(Array(edited)).prefix(8))…, the last build wrote "))
        #expect(r.stderr.contains("not overwritten: use --force to replace it"))
        #expect(lastLine(r) == "1 maps: 0 rebuilt, 0 unchanged, 1 failed, 0 warnings")
        #expect(try Data(contentsOf: URL(fileURLWithPath: png)) == edited)
        let forced = try sahelmap(["build", "--force", "--explain"], in: dir)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.out.contains("liptako-gourma: out/liptako-gourma.png was edited by hand; replaced (--force)"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: png)).prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
    }

    /// A truncated download, a header-only export and a source half its size: each leaves the previous map
    /// byte-identical and exits 1 naming the file and line, or both counts; `--accept-shrink` lets the shrink in.
    @Test func dataGatesKeepThePreviousMap() throws {
        let dir = try folder(["liptako-gourma"])
        #expect(try sahelmap(["build"], in: dir).status == 0)
        let before = try outputs(dir)
        let path = dir + "/" + Self.events
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        let lines = good.split(separator: 0x0A, omittingEmptySubsequences: false)

        // Cut in the middle of a row, as an interrupted download would.
        let cut = lines[0..<10].reduce(0) { $0 + $1.count + 1 } + 40
        try good.prefix(cut).write(to: URL(fileURLWithPath: path))
        let truncated = try sahelmap(["build"], in: dir)
        #expect(truncated.status == 1)
        #expect(truncated.stderr.contains("Error: \(Self.events):11: the last row has "), "\(truncated.stderr)")
        #expect(truncated.stderr.contains("the file looks truncated"))
        #expect(try outputs(dir) == before)

        try lines[0].write(to: URL(fileURLWithPath: path))   // the header, not even its line break
        let empty = try sahelmap(["build"], in: dir)
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("Error: \(Self.events):2: expected rows after the header, found none (an empty export?); refused: set allow-empty: true on the layer to draw it empty"), "\(empty.stderr)")
        #expect(try outputs(dir) == before)

        let rows = lines.count - 2   // header and the empty piece after the last line break
        let half = rows / 2
        try Data(lines[0...half].joined(separator: [0x0A]) + [0x0A]).write(to: URL(fileURLWithPath: path))
        let shrunk = try sahelmap(["build"], in: dir)
        #expect(shrunk.status == 1)
        let pct = Int((Double(rows - half) / Double(rows) * 100).rounded())
        #expect(shrunk.stderr.contains("Error: Maps/liptako-gourma.yaml: layer events: \(Self.events) yields \(half) features, \(rows) at the last successful build (\(pct) % fewer); refused: use --accept-shrink if this is right"), "\(shrunk.stderr)")
        #expect(try outputs(dir) == before)

        let accepted = try sahelmap(["build", "--accept-shrink"], in: dir)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(lastLine(accepted) == "1 maps: 1 rebuilt, 0 unchanged, 0 failed, 0 warnings")
        #expect(try outputs(dir)["liptako-gourma.png"] != before["liptako-gourma.png"])
    }

    @Test func badArgumentsExit64AndALockedFolderIsReported() throws {
        let dir = try folder(["liptako-gourma"])
        let r = try sahelmap(["build", "Nowhere/"], in: dir)
        #expect(r.status == 64)
        #expect(r.stderr.hasPrefix("Error: Nowhere/: no such file or folder"))
        let jobs = try sahelmap(["build", "--jobs", "0"], in: dir)
        #expect(jobs.status == 64)
        // Hold the lock as another build would, then ask for --no-wait.
        let lock = try BuildLock(path: dir + "/Maps/.sahelmap/lock", wait: false)
        let busy = try sahelmap(["build", "--no-wait"], in: dir)
        #expect(busy.status == 1)
        #expect(busy.stderr == "Error: another sahelmap build holds Maps/.sahelmap/lock; not waiting (--no-wait)\n")
        withExtendedLifetime(lock) {}
    }

    @Test func renderWarnsAndStrictWritesNothing() throws {
        let dir = try folder(["liptako-gourma"]) { _, text in
            text = text.replacingOccurrences(of: "theme: briefing", with: "theme: typo.yaml")
        }
        try """
        extends: briefing
        layers:
          events:
            rules:
              - else: true
                marker: { fill: "#d55e00", radius: 3 }
                label: { text: "{locaton}", size: 6.5 }

        """.write(toFile: dir + "/Maps/typo.yaml", atomically: true, encoding: .utf8)
        let warning = "warning: layer events: label template \"{locaton}\": no feature has a property \"locaton\", so no label uses it; did you mean {location}?"
        let strict = try sahelmap(["render", "Maps/liptako-gourma.yaml", "--strict"], in: dir)
        #expect(strict.status == 1)
        #expect(strict.stderr == warning + "\nError: Maps/liptako-gourma.yaml: 1 warning with --strict (or strict: true in the spec); nothing written, previous outputs untouched\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
        let plain = try sahelmap(["render", "Maps/liptako-gourma.yaml", "--report", "r.json"], in: dir)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stderr == warning + "\n")
        let report = try String(contentsOfFile: dir + "/r.json", encoding: .utf8)
        #expect(report.contains("\"kind\" : \"unknown-template-field\""))
        // The credits line carries the spec's date, not today's.
        #expect(report.contains("Map: SahelMap, 31 December 2021"))
        let folderArg = try sahelmap(["render", "Maps/"], in: dir)
        #expect(folderArg.status == 64)
        #expect(folderArg.stderr.hasPrefix("Error: Maps/ is a folder; render takes one map spec (a .yaml file); to render every spec in it, run: sahelmap build Maps/"))
    }
}

extension BuildCommandTests {
    /// Two shards (one by flag, one from GitLab's variables) build disjoint halves into their own manifest parts;
    /// `--merge` folds them, after which a plain build finds everything unchanged.
    @Test func shardsBuildHalvesAndMerge() throws {
        let dir = try folder(["liptako-gourma", "massacres-2019-2021"])
        let one = try sahelmap(["build", "--shard", "1/2"], in: dir)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.out.hasPrefix("shard 1/2 (from --shard): 1 map\n[1/1] Maps/liptako-gourma.yaml "))
        let two = try sahelmap(["build"], in: dir, environment: ["CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "2"])
        #expect(two.status == 0, "\(two.stderr)")
        #expect(two.out.hasPrefix("shard 2/2 (from CI_NODE_INDEX=2, CI_NODE_TOTAL=2): 1 map\n[1/1] Maps/massacres-2019-2021.yaml "))
        let state = dir + "/Maps/.sahelmap"
        #expect(try FileManager.default.contentsOfDirectory(atPath: state).filter { $0.hasSuffix(".json") }.sorted()
                == ["manifest.shard-1-of-2.json", "manifest.shard-2-of-2.json"])
        let merge = try sahelmap(["build", "--merge"], in: dir)
        #expect(merge.out == "merged manifest.shard-1-of-2.json, manifest.shard-2-of-2.json into Maps/.sahelmap/manifest.json\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: state).filter { $0.hasSuffix(".json") } == ["manifest.json"])
        let after = try sahelmap(["build"], in: dir)
        #expect(lastLine(after) == "2 maps: 0 rebuilt, 2 unchanged, 0 failed, 0 warnings")
        let bad = try sahelmap(["build", "--shard", "3/2"], in: dir)
        #expect(bad.status == 64)
        #expect(bad.stderr.hasPrefix("Error: --shard: shard 3 of 2 is outside 1…2 (shards are 1-based)"))
    }
}

extension BuildCommandTests {
    @Test func titleCutOffIsAWarning() throws {
        let dir = try scratch()
        // Too long for two lines at this width, even a little smaller: shortened with "…", said so.
        let title = String(repeating: "A very long briefing title ", count: 12)
        let r = try sahelmap(["render", "--title", title, "-o", "t.svg", "--size", "800x500px", "--dpi", "96", "--strict"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("warning: title \"\(title)\" needs more than 2 lines at "), "\(r.stderr)")
        #expect(r.stderr.contains("it is shortened to \"A very long briefing title") && r.stderr.contains("…\"; shorten it"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/t.svg"))
    }

    @Test func summaryFileListsEveryMap() throws {
        let dir = try folder(["liptako-gourma", "massacres-2019-2021"])
        let r = try sahelmap(["build", "--summary", "s.json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/s.json"))) as? [String: Any])
        #expect(json["rebuilt"] as? Int == 2 && json["failed"] as? Int == 0 && json["unchanged"] as? Int == 0)
        #expect(json["line"] as? String == "2 maps: 2 rebuilt, 0 unchanged, 0 failed, 0 warnings")
        let maps = try #require(json["maps"] as? [[String: Any]])
        #expect(maps.map { $0["spec"] as? String } == ["Maps/liptako-gourma.yaml", "Maps/massacres-2019-2021.yaml"])
        #expect(maps.map { $0["status"] as? String } == ["rebuilt", "rebuilt"])
        #expect((maps[0]["reasons"] as? [String])?.first == "liptako-gourma: never built (no entry in Maps/.sahelmap/manifest.json)")
    }
}

extension BuildCommandTests {
    /// A spec that fails does not stop the others: they are built and recorded, and the build exits 1.
    @Test func oneFailedSpecDoesNotStopTheOthers() throws {
        let dir = try folder(["liptako-gourma", "massacres-2019-2021"]) { name, text in
            if name == "massacres-2019-2021" { text = text.replacingOccurrences(of: "title:", with: "titel:") }
        }
        let r = try sahelmap(["build"], in: dir)
        #expect(r.status == 1)
        #expect(lastLine(r) == "2 maps: 1 rebuilt, 0 unchanged, 1 failed, 0 warnings")
        #expect(r.stderr.contains("Error: Maps/massacres-2019-2021.yaml:"), "\(r.stderr)")
        #expect(r.stderr.contains("titel: unknown key \"titel\""))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/liptako-gourma.png"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/massacres-2019-2021.png"))
        let manifest = try String(contentsOfFile: dir + "/Maps/.sahelmap/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"Maps\\/liptako-gourma.yaml\" : {") && !manifest.contains("\"Maps\\/massacres-2019-2021.yaml\" : {"))
        let again = try sahelmap(["build"], in: dir)
        #expect(lastLine(again) == "2 maps: 0 rebuilt, 1 unchanged, 1 failed, 0 warnings")
    }
}

extension BuildCommandTests {
    /// An atlas spec is one map per region it selects, each with its own outputs and manifest entry.
    @Test func atlasBuildsOneMapPerRegion() throws {
        let dir = try folder([])
        try """
        title: "{name}, Niger"
        extent: [0, 11, 16, 24]
        dpi: 40
        outputs: ["out/niger/{name}.png"]
        atlas: { over: regions, where: 'id in ["NE-1", "NE-8"]', name: "{id}" }
        layers: [countries, regions, borders, places]

        """.write(toFile: dir + "/Maps/niger.yaml", atomically: true, encoding: .utf8)
        let r = try sahelmap(["build"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.out.contains("] Maps/niger.yaml#NE-1 ") && r.out.contains("] Maps/niger.yaml#NE-8 "))
        #expect(lastLine(r) == "2 maps: 2 rebuilt, 0 unchanged, 0 failed, 0 warnings")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out/niger").sorted() == ["NE-1.alt.txt", "NE-1.png", "NE-8.alt.txt", "NE-8.png"])
        let alt = try String(contentsOfFile: dir + "/out/niger/NE-1.alt.txt", encoding: .utf8)
        #expect(alt.contains(": Agadez, Niger."), "\(alt)")
        #expect(lastLine(try sahelmap(["build"], in: dir)) == "2 maps: 0 rebuilt, 2 unchanged, 0 failed, 0 warnings")
        let render = try sahelmap(["render", "Maps/niger.yaml"], in: dir)
        #expect(render.status == 64)
        #expect(render.stderr.hasPrefix("Error: Maps/niger.yaml is an atlas (one map per feature); render draws one map: run sahelmap build Maps/niger.yaml"))

        try String(contentsOfFile: dir + "/Maps/niger.yaml", encoding: .utf8)
            .replacingOccurrences(of: "out/niger/{name}.png", with: "out/niger.png")
            .write(toFile: dir + "/Maps/niger.yaml", atomically: true, encoding: .utf8)
        let bad = try sahelmap(["build"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("Error: Maps/niger.yaml: atlas: every output must contain {name}, so each page has its own files"))
    }
}

extension BuildCommandTests {
    /// An atlas over a spec's own `regions:`: one page per region of the file, named from its name field; the
    /// regions file is an input of the build, so editing it rebuilds the pages.
    @Test func atlasOverTheSpecsOwnRegions() throws {
        let dir = try folder([])
        func square(_ code: String, _ name: String, _ x: Double, _ y: Double) -> String {
            #"{"type":"Feature","properties":{"PCODE":"\#(code)","NOM":"\#(name)"},"geometry":{"type":"Polygon","coordinates":[[[\#(x),\#(y)],[\#(x + 1),\#(y)],[\#(x + 1),\#(y + 1)],[\#(x),\#(y + 1)],[\#(x),\#(y)]]]}}"#
        }
        let zones = #"{"type":"FeatureCollection","features":["# + square("NE01", "Zone Tèra", 0.5, 13.5) + "," + square("NE02", "Zone Ouallam", 1.5, 14.2) + "]}"
        try zones.write(toFile: dir + "/Maps/zones.geojson", atomically: true, encoding: .utf8)
        try """
        title: "{name}"
        extent: [0, 11, 16, 24]
        dpi: 40
        outputs: ["out/zones/{name}.png"]
        regions: { source: zones.geojson, id: PCODE, name: NOM }
        atlas: { over: regions, name: "{PCODE}" }
        layers: [countries, regions, borders]

        """.write(toFile: dir + "/Maps/zones.yaml", atomically: true, encoding: .utf8)
        let r = try sahelmap(["build"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out/zones").sorted() == ["NE01.alt.txt", "NE01.png", "NE02.alt.txt", "NE02.png"])
        let alt = try String(contentsOfFile: dir + "/out/zones/NE01.alt.txt", encoding: .utf8)
        #expect(alt.contains("Zone Tèra") && alt.contains("regions: zones.geojson"), "\(alt)")
        try zones.replacingOccurrences(of: "Ouallam", with: "Ouallam-Nord").write(toFile: dir + "/Maps/zones.geojson", atomically: true, encoding: .utf8)
        #expect(lastLine(try sahelmap(["build"], in: dir)) == "2 maps: 2 rebuilt, 0 unchanged, 0 failed, 0 warnings")
    }
}
