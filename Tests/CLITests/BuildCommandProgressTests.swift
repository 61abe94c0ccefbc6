import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Build

extension BuildCommandTests {
    /// A scratch folder with one plain spec and a two-page atlas.
    func atlasFolder() throws -> String {
        let dir = try folder(["liptako-gourma"])
        try """
        title: "{name}, Niger"
        extent: [0, 11, 16, 24]
        dpi: 40
        outputs: ["out/niger/{name}.png"]
        atlas: { over: regions, where: 'id in ["NE-1", "NE-8"]', name: "{id}" }
        layers: [countries, regions, borders, places]

        """.write(toFile: dir + "/Maps/niger.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    /// `--progress json`: one object per finished map on its own line, then a summary object; nothing else on stdout.
    @Test func progressJSONIsOneObjectPerMapThenASummary() throws {
        let dir = try atlasFolder()
        let r = try sahelmap(["build", "--progress", "json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let objects = try r.out.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
        #expect(objects.count == 4)
        let maps = objects.dropLast()
        #expect(maps.map { $0["event"] as? String } == ["map", "map", "map"])
        #expect(maps.map { $0["index"] as? Int } == [1, 2, 3] && maps.allSatisfy { $0["total"] as? Int == 3 })
        #expect(Set(maps.compactMap { $0["item"] as? String }) == ["NE-1", "NE-8"])
        #expect(maps.filter { $0["spec"] as? String == "Maps/niger.yaml" }.count == 2)
        #expect(maps.contains { $0["spec"] as? String == "Maps/liptako-gourma.yaml" && $0["item"] is NSNull })
        #expect(maps.allSatisfy { $0["status"] as? String == "rebuilt" && ($0["ms"] as? Double ?? 0) > 0 && $0["warnings"] as? Int == 0 })
        #expect(maps.allSatisfy { (($0["reasons"] as? [String])?.first ?? "").contains("never built") })
        let summary = try #require(objects.last)
        #expect(summary["event"] as? String == "summary" && summary["maps"] as? Int == 3 && summary["rebuilt"] as? Int == 3)
        #expect(summary["line"] as? String == "3 maps: 3 rebuilt, 0 unchanged, 0 failed, 0 warnings")

        let again = try sahelmap(["build", "--progress", "json", "--dry-run"], in: dir)
        let lines = again.out.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.dropLast().allSatisfy { $0.contains("\"status\":\"unchanged\"") })
        #expect(lines.last?.contains("\"event\":\"summary\"") == true && lines.last?.contains("\"unchanged\":3") == true)
    }

    /// `--progress lines` is today's output; the default into a pipe is the same; `bar` into a pipe falls back to
    /// lines: never a `\r` when standard output is not a terminal.
    @Test func noCarriageReturnsWhenStdoutIsNotATerminal() throws {
        let dir = try atlasFolder()
        let def = try sahelmap(["build"], in: dir)
        #expect(def.status == 0, "\(def.stderr)")
        #expect(!def.out.contains("\r") && def.out.contains("[1/3] ") && def.out.contains("[3/3] "))
        for mode in ["lines", "bar"] {
            let r = try sahelmap(["build", "--progress", mode], in: dir)
            #expect(r.out == "[1/3] Maps/liptako-gourma.yaml unchanged\n[2/3] Maps/niger.yaml#NE-1 unchanged\n[3/3] Maps/niger.yaml#NE-8 unchanged\n3 maps: 0 rebuilt, 3 unchanged, 0 failed, 0 warnings\n", "\(mode)")
        }
        #expect(try sahelmap(["build", "--progress", "dots"], in: dir).status == 64)
    }

    /// On a terminal (a pseudo-terminal here) the default is the bar, redrawn with `\r`, cleared before the summary.
    @Test func onATerminalTheDefaultIsABarWithAnETA() throws {
        let dir = try atlasFolder()
        var master: Int32 = 0, slave: Int32 = 0
        #expect(openpty(&master, &slave, nil, nil, nil) == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(executable))
        p.arguments = ["build"]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.standardOutput = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        close(slave)
        var out = Data()
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&fds, 1, 200) > 0 else { break }
            let n = read(master, &buf, buf.count)
            if n <= 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        close(master)
        let text = String(decoding: out, as: UTF8.self)
        #expect(p.terminationStatus == 0)
        #expect(text.contains("\r[") && text.contains("] 3/3  done in "), "\(text.debugDescription)")
        #expect(!text.contains("[1/3] Maps/"))
        #expect(text.hasSuffix("3 maps: 3 rebuilt, 0 unchanged, 0 failed, 0 warnings\r\n"), "\(text.debugDescription)")
    }
}
