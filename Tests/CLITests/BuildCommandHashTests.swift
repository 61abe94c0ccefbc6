import Foundation
import Testing
@testable import Build

extension BuildCommandTests {
    /// A spec is hashed in canonical form: a comment, blank lines, reindentation, quoting or key order rebuild
    /// nothing; a changed value does, and `--explain` names the spec.
    @Test func commentsAndLayoutOfASpecDoNotRebuild() throws {
        let dir = try folder(["liptako-gourma"])
        #expect(try sahelmap(["build"], in: dir).status == 0)
        let path = dir + "/Maps/liptako-gourma.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let reordered = "# moved the date range up, quoted the theme\nfrom: 2019-01-01\nto:   2021-12-31\n\n"
            + text.replacingOccurrences(of: "from: 2019-01-01\n", with: "").replacingOccurrences(of: "to: 2021-12-31\n", with: "")
                .replacingOccurrences(of: "theme: briefing", with: "theme: \"briefing\"   # the default")
        try reordered.write(toFile: path, atomically: true, encoding: .utf8)
        let same = try sahelmap(["build"], in: dir)
        #expect(same.out.contains("Maps/liptako-gourma.yaml unchanged"), "\(same.out)")

        try reordered.replacingOccurrences(of: "to:   2021-12-31", with: "to: 2021-06-30").write(toFile: path, atomically: true, encoding: .utf8)
        let changed = try sahelmap(["build", "--dry-run", "--explain"], in: dir)
        #expect(changed.out.contains("liptako-gourma: Maps/liptako-gourma.yaml changed (sha256 "), "\(changed.out)")
        #expect(CanonicalYAML.text("a: 1\nb: [x, 'y']\n") == CanonicalYAML.text("# c\nb: [x, \"y\"]\na:   1\n"))
        #expect(CanonicalYAML.text("a: 1\n") != CanonicalYAML.text("a: '1'\n"))
    }

    /// PROJ's database and a Shapefile's sidecars are inputs: a changed .cpg (the encoding of the attributes)
    /// rebuilds, and so does a changed zip of Shapefiles.
    @Test func projDatabaseShapefileSidecarsAndZipsAreInputs() throws {
        let source = FormatsCLITests.ne110
        try #require(FileManager.default.fileExists(atPath: source), "run python3 Scripts/fixtures/format-fixtures.py")
        let dir = try folder([])
        let stem = (source as NSString).deletingPathExtension
        for ext in ["shp", "shx", "dbf", "prj", "cpg"] {
            try FileManager.default.copyItem(atPath: stem + "." + ext, toPath: dir + "/Maps/data/ne." + ext)
        }
        let zip = Process()
        zip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        zip.arguments = ["python3", "-m", "zipfile", "-c", dir + "/Maps/data/ne.zip", dir + "/Maps/data/ne.shp", dir + "/Maps/data/ne.shx", dir + "/Maps/data/ne.dbf"]
        try zip.run()
        zip.waitUntilExit()
        try """
        title: Countries from a Shapefile
        extent: [Mali, Niger]
        dpi: 30
        layers:
          - { id: ne, source: data/ne.shp, style: countries }
          - { id: zipped, source: data/ne.zip, style: borders }

        """.write(toFile: dir + "/Maps/shp.yaml", atomically: true, encoding: .utf8)
        let r = try sahelmap(["build"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let manifest = try #require(try Manifest.read(dir + "/Maps/.sahelmap/manifest.json")?.specs["Maps/shp.yaml"])
        for ext in ["shp", "shx", "dbf", "prj", "cpg", "zip"] {
            #expect(manifest.inputs["Maps/data/ne.\(ext)"] == SHA256.hex(file: dir + "/Maps/data/ne.\(ext)"), "\(ext)")
        }
        let db = try #require(manifest.inputs.keys.first { $0.hasSuffix("/proj.db") })
        #expect(manifest.inputs[db] == SHA256.hex(file: db))

        try "ISO-8859-1".write(toFile: dir + "/Maps/data/ne.cpg", atomically: true, encoding: .utf8)
        let cpg = try sahelmap(["build", "--dry-run", "--explain"], in: dir)
        #expect(cpg.out.contains("shp: Maps/data/ne.cpg changed (sha256 "), "\(cpg.out)")
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/Maps/data/ne.zip"))
        try h.seekToEnd()
        try h.write(contentsOf: Data([0]))
        try h.close()
        #expect(try sahelmap(["build", "--dry-run", "--explain"], in: dir).out.contains("shp: Maps/data/ne.zip changed (sha256 "))
    }
}

extension BuildCommandTests {
    /// The stat cache skips reading unchanged files but never decides alone: a file with another time and the same
    /// bytes (a fresh clone, a `touch`) rebuilds nothing; the same size with other bytes rebuilds.
    @Test func statCacheSkipsReadingButHashesDecide() throws {
        let dir = try folder(["liptako-gourma"])
        let path = dir + "/" + Self.events
        let fm = FileManager.default
        let hourAgo = Date().addingTimeInterval(-3600)
        try fm.setAttributes([.modificationDate: hourAgo], ofItemAtPath: path)
        #expect(try sahelmap(["build"], in: dir).status == 0)
        let stamps = try #require(try Manifest.read(dir + "/Maps/.sahelmap/manifest.json")?.stamps)
        let stamp = try #require(stamps[path.replacingOccurrences(of: dir + "/", with: "")] ?? stamps[Self.events])
        #expect(stamp.sha256 == SHA256.hex(file: path) && stamp.mtimeNs == Int(hourAgo.timeIntervalSince1970) * 1_000_000_000 + stamp.mtimeNs % 1_000_000_000)

        try fm.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: path)
        #expect(lastLine(try sahelmap(["build"], in: dir)) == "1 maps: 0 rebuilt, 1 unchanged, 0 failed, 0 warnings")

        // Same size, one digit changed in place.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let k = try #require(bytes.lastIndex(of: UInt8(ascii: "7")) ?? bytes.lastIndex(of: UInt8(ascii: "1")))
        bytes[k] = bytes[k] == UInt8(ascii: "7") ? UInt8(ascii: "8") : UInt8(ascii: "2")
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.write(contentsOf: bytes)
        try h.close()
        let r = try sahelmap(["build", "--dry-run", "--explain"], in: dir)
        #expect(r.out.contains("liptako-gourma: \(Self.events) changed (sha256 "), "\(r.out)")
    }
}
