import Foundation
import Testing
@testable import Geometry

/// Hostile and unlucky inputs to the GeoJSON reader: compressed or UTF-16 files, devices, limits, and the streamed
/// reading of a FeatureCollection.
@Suite struct HardeningTests {
    func temp(_ name: String, _ bytes: [UInt8]) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-\(UUID().uuidString)-\(name)").path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch { return "\(error)" }
    }

    static let two = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{"n":1},"geometry":{"type":"Point","coordinates":[1,2]}},{"type":"Feature","properties":null,"geometry":{"type":"LineString","coordinates":[[0,0],[1,1],[2,0]]}}]}"#

    /// Once "cannot read: permission denied" (FileManager gives no data for a device).
    @Test func devZeroIsNamedAsBinaryData() throws {
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-\(UUID().uuidString).geojson").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/zero")
        #expect(message { _ = try GeoJSON.read(contentsOf: link) } == "\(link): expected GeoJSON text, found binary data (NUL bytes), not text")
    }

    /// Once `found byte 0x1f` and `found byte 0xff`.
    @Test(arguments: [
        ([0x1F, 0x8B, 0x08, 0x00, 0x00], "gzip-compressed data — decompress it first (gunzip)"),
        ([0xFF, 0xFE, 0x7B, 0x00, 0x22, 0x00], "UTF-16 text — save it as UTF-8"),
        ([0x7B, 0x00, 0x22, 0x00, 0x74, 0x00], "UTF-16 text — save it as UTF-8"),
        ([0x00, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x00, 0x7B], "UTF-32 text — save it as UTF-8"),
        ([0x50, 0x4B, 0x03, 0x04, 0x14], "a zip archive — extract the file first"),
    ] as [([UInt8], String)])
    func encodingsAndCompressionsAreNamed(_ bytes: [UInt8], _ kind: String) throws {
        let path = temp("x.geojson", bytes)
        #expect(message { _ = try GeoJSON.read(contentsOf: path) } == "\(path): expected GeoJSON text, found \(kind)")
    }

    @Test func directoryAndMissingFile() throws {
        let dir = FileManager.default.temporaryDirectory.path
        #expect(message { _ = try GeoJSON.read(contentsOf: dir) } == "\(dir): cannot read: is a directory")
        #expect(message { _ = try GeoJSON.read(contentsOf: "/nonexistent/x.geojson") } == "/nonexistent/x.geojson: cannot read: no such file")
    }

    /// Fuzzing found a theme that timed out: each read appended a megabyte of zeros byte by byte before filling
    /// it. Reads now copy what arrived, once; a file of several chunks comes back whole, with the final NUL.
    @Test func readReturnsTheWholeFileOnce() throws {
        var rng = SplitMix64(seed: 14)
        let content = (0..<200_001).map { _ in UInt8(ascii: "a") + UInt8(rng.next() % 26) }
        let path = temp("many-chunks.json", content)
        #expect(try InputFile.read(path, what: "GeoJSON") == content + [0])
        #expect(try InputFile.read(temp("empty.json", []), what: "GeoJSON") == [0])
    }

    @Test func inputLargerThanTheLimitIsRefused() throws {
        let path = temp("big.geojson", Array(Self.two.utf8))
        #expect(message { _ = try InputFile.read(path, what: "GeoJSON", limit: 100) }
                == "\(path): larger than the limit of 100 bytes per input file (set SAHELMAP_MAX_INPUT_BYTES to raise it)")
        // A pipe has no size up front: it is cut off at the limit while reading.
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-\(UUID().uuidString).fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        signal(SIGPIPE, SIG_IGN)   // the writer's end breaks when the reader stops
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            let line = Array("[1,2,3],".utf8)
            while line.withUnsafeBytes({ write(fd, $0.baseAddress!, $0.count) }) > 0 {}
            close(fd)
        }
        writer.start()
        #expect(message { _ = try InputFile.read(fifo, what: "GeoJSON", limit: 1 << 20) }
                == "\(fifo): larger than the limit of 1 MiB per input file (set SAHELMAP_MAX_INPUT_BYTES to raise it)")
    }

    /// The streamed FeatureCollection reads as the whole-tree reading did: same features, same errors.
    @Test func streamedFeaturesEqualTheTreeReading() throws {
        let fc = try GeoJSON.decode(Array(Self.two.utf8), file: "t.geojson")
        #expect(fc.features.count == 2 && fc.features[0].id == "a" && fc.features[0].number("n") == 1)
        #expect(fc.features[1].geometry == .lineString([GeoPoint(longitude: 0, latitude: 0), GeoPoint(longitude: 1, latitude: 1), GeoPoint(longitude: 2, latitude: 0)]))
        // "type" after "features", a bad feature, a collection bbox that misses a point: all still found.
        let late = #"{"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[200,0]}}],"bbox":[0,0,1,1],"type":"FeatureCollection"}"#
        #expect(message { _ = try GeoJSON.decode(Array(late.utf8), file: "t.geojson") }
                == "t.geojson: feature #0: geometry.coordinates: expected longitude −180…180 and latitude −90…90, found [200, 0] (projected coordinates, or latitude first?)")
        // A Feature with a foreign "features" array: its contents are not features of anything.
        let feature = #"{"type":"Feature","properties":{},"geometry":null,"features":[1]}"#
        #expect(message { _ = try GeoJSON.decode(Array(feature.utf8), file: "t.geojson") }
                == "t.geojson: feature: features: a Feature must not have a \"features\" member (RFC 7946 §7.1)")
        // Syntax errors keep their line and column inside the streamed array.
        #expect(message { _ = try GeoJSON.decode(Array("{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\" \"Feature\"}]}".utf8), file: "t.geojson") }
                == "t.geojson:2:9: expected ':' after \"type\", found '\"'")
    }

    @Test func featuresAndVerticesBeyondTheLimitsAreRefused() throws {
        var limits = Limits.defaults
        limits.featuresPerLayer = 1
        #expect(message { _ = try GeoJSON.decode(terminated: Array(Self.two.utf8) + [0], file: "t.geojson", limits: limits) }
                == "t.geojson: feature #1: more than 1 features, the limit per layer (set SAHELMAP_MAX_FEATURES to raise it)")
        limits = .defaults
        limits.verticesPerFeature = 2
        #expect(message { _ = try GeoJSON.decode(terminated: Array(Self.two.utf8) + [0], file: "t.geojson", limits: limits) }
                == "t.geojson: feature #1: 3 vertices, more than the limit of 2 per feature (set SAHELMAP_MAX_VERTICES to raise it)")
    }

    @Test func limitsComeFromTheEnvironment() {
        let l = Limits(environment: ["SAHELMAP_MAX_INPUT_BYTES": "1024", "SAHELMAP_MAX_FEATURES": "junk", "SAHELMAP_MAX_PAGE_PIXELS": "-5"],
                       addressSpaceLimit: 1 << 30)
        #expect(l.inputBytes == 1024 && l.featuresPerLayer == Limits.defaults.featuresPerLayer && l.pagePixels == Limits.defaults.pagePixels)
        #expect(l.memoryBytes == 512 << 20, "half of ulimit -v")
    }

    /// Under `ulimit -v 1G` a 200 MB GeoJSON once died of SIGABRT mid-read; a file that cannot fit is now refused
    /// before it is read, with the estimate, the room and what to do. No limit, no check.
    @Test func inputsTooLargeForTheAddressSpaceAreRefusedFirst() throws {
        let path = temp("big.geojson", [UInt8](repeating: 0x20, count: 2 << 20))
        #expect(throws: Never.self) { try Limits.checkRoom(forReading: path, factor: 5, left: nil) }
        #expect(throws: Never.self) { try Limits.checkRoom(forReading: path, factor: 5, left: 11 << 20) }
        do {
            try Limits.checkRoom(forReading: path, factor: 5, left: 9 << 20)
            Issue.record("a 2 MiB file needing 10 MiB passed with 9 MiB left")
        } catch {
            #expect(error.description == "\(path): its 2 MiB would take about 10 MiB of memory to draw, more than the 9 MiB the address-space limit (ulimit -v) leaves; raise the limit, or cut the file to the rows and columns the map needs", "\(error)")
        }
    }

    /// Once the first line of /etc/passwd, binary bytes included, went to the terminal whole.
    @Test func echoesAreCutAndEscaped() {
        #expect(InputFile.echo("root:x:0:0:root:/root:/bin/bash\u{1B}[31m\t\u{7}") == "root:x:0:0:root:/root:/bin/bash\\u{1B}[31m\\t\\u{7}")
        #expect(InputFile.echo(String(repeating: "é", count: 100)) == String(repeating: "é", count: 80) + "…")
        #expect(InputFile.echo([0x41, 0xFF, 0x42]) == "A\\u{FFFD}B")
    }
}
