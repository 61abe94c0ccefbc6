import Foundation
import Geometry
import Testing
@testable import Layers

/// CSV sources that never end, never break a line, or are not CSV text at all: each fails with a message that
/// names the file and line, instead of growing one record until the process aborts.
@Suite struct ImportLimitsTests {
    func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch { return "\(error)" }
    }

    func temp(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("import-limits-\(UUID().uuidString)\(suffix)").path
    }

    func scan(_ path: String, limits: Limits = .defaults) throws -> Int {
        var n = 0
        try CSVScanner(path: path, limits: limits).forEachRecord { _ in n += 1 }
        return n
    }

    @Test func devZeroBehindACSVNameIsNotText() throws {
        let link = temp(".csv")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/zero")
        #expect(message { _ = try scan(link) } == "\(link): expected CSV text, found binary data (NUL bytes), not text")
        #expect(message { _ = try ACLEDReader(path: link).read { _ in } } == "\(link): expected CSV text, found binary data (NUL bytes), not text")
    }

    /// A FIFO whose writer never stops and never breaks a line: the record limit ends it.
    @Test func neverEndingRecordStopsAtTheRecordLimit() throws {
        let fifo = temp(".csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        signal(SIGPIPE, SIG_IGN)   // the writer's end breaks when the reader stops
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            let bytes = [UInt8](repeating: UInt8(ascii: "y"), count: 65536)
            while bytes.withUnsafeBytes({ write(fd, $0.baseAddress!, $0.count) }) > 0 {}
            close(fd)
        }
        writer.start()
        // The field limit (256 KiB) comes first with the defaults; with a larger one, the record limit.
        var limits = Limits.defaults
        limits.csvFieldBytes = 8 << 20
        #expect(message { _ = try scan(fifo, limits: limits) }
                == "\(fifo):1: a record longer than the limit of 1 MiB (no line break: not a CSV file? set SAHELMAP_MAX_CSV_RECORD_BYTES to raise it)")
    }

    /// A FIFO that writes short lines for ever: the input limit ends it.
    @Test func neverEndingFileStopsAtTheInputLimit() throws {
        let fifo = temp(".csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        signal(SIGPIPE, SIG_IGN)   // the writer's end breaks when the reader stops
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            let bytes = Array(String(repeating: "y,y\n", count: 16384).utf8)
            while bytes.withUnsafeBytes({ write(fd, $0.baseAddress!, $0.count) }) > 0 {}
            close(fd)
        }
        writer.start()
        var limits = Limits.defaults
        limits.inputBytes = 4 << 20
        let m = message { _ = try scan(fifo, limits: limits) }
        #expect(m.hasPrefix("\(fifo):") && m.hasSuffix(": larger than the limit of 4 MiB per input file (set SAHELMAP_MAX_INPUT_BYTES to raise it)"), "\(m)")
    }

    @Test func longFieldStopsAtTheFieldLimit() throws {
        let path = temp(".csv")
        FileManager.default.createFile(atPath: path, contents: Data(("a,b\n1,\"" + String(repeating: "x", count: 300_000) + "\"\n").utf8))
        #expect(message { _ = try scan(path) } == "\(path):2: field 2 is longer than the limit of 256 KiB (set SAHELMAP_MAX_CSV_FIELD_BYTES to raise it)")
    }

    @Test func gzipAndUTF16AreNamed() throws {
        let gz = temp(".csv"), u16 = temp(".csv")
        FileManager.default.createFile(atPath: gz, contents: Data([0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02]))
        FileManager.default.createFile(atPath: u16, contents: "event_id_cnty,event_date\n".data(using: .utf16LittleEndian))
        #expect(message { _ = try scan(gz) } == "\(gz): expected CSV text, found gzip-compressed data — decompress it first (gunzip)")
        #expect(message { _ = try scan(u16) } == "\(u16): expected CSV text, found UTF-16 text — save it as UTF-8")
    }

    /// Once `found root:x:0:0:root:/root:/bin/bash…` whole, control bytes included.
    @Test func headerEchoIsCutAndEscaped() throws {
        let path = temp(".csv")
        let line = "root:x:0:0:root:/root:/bin/bash\u{1B}[2J" + String(repeating: "z", count: 200) + "\n"
        FileManager.default.createFile(atPath: path, contents: Data(line.utf8))
        let m = message { _ = try ACLEDReader(path: path).read { _ in } }
        #expect(m.contains("(the header has: root:x:0:0:root:/root:/bin/bash\\u{1B}[2J" + String(repeating: "z", count: 45) + "…)"), "\(m)")
        #expect(!m.contains("\u{1B}"))
    }
}
