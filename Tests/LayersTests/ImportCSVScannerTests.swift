import Foundation
import Testing
@testable import Layers

/// The streaming RFC 4180 scanner, on bytes written to a temporary file.
@Suite struct ImportCSVScannerTests {
    struct Row: Equatable { var line: Int; var fields: [String]; var problem: String? }

    func scan(_ bytes: [UInt8], chunkSize: Int = 1 << 20) throws -> [Row] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("import-scanner-\(UUID().uuidString).csv").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var rows: [Row] = []
        try CSVScanner(path: path, chunkSize: chunkSize).forEachRecord { r in
            rows.append(Row(line: r.line, fields: (0..<r.count).map { r.string($0) }, problem: r.problem))
        }
        return rows
    }

    func scan(_ text: String, chunkSize: Int = 1 << 20) throws -> [Row] { try scan(Array(text.utf8), chunkSize: chunkSize) }

    @Test func quotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let text = "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n3,,\"\"\n"
        let expected = [
            Row(line: 1, fields: ["a", "b", "c"]),
            Row(line: 2, fields: ["1", "x, y", "say \"hi\""]),
            Row(line: 3, fields: ["2", "two\nlines", ""]),
            Row(line: 5, fields: ["3", "", ""]),
        ]
        for chunk in [4, 5, 6, 7, 11, 1 << 20] {
            #expect(try scan(text, chunkSize: chunk) == expected, "chunk size \(chunk)")
        }
    }

    @Test func crlfLoneCRBlankLinesAndNoFinalLineBreak() throws {
        let text = "h1,h2\r\n\r\nA,\"in\r\nside\"\rB,2\n\nC,3"
        #expect(try scan(text, chunkSize: 4) == [
            Row(line: 1, fields: ["h1", "h2"]),
            Row(line: 3, fields: ["A", "in\nside"]),
            Row(line: 5, fields: ["B", "2"]),
            Row(line: 7, fields: ["C", "3"]),
        ])
    }

    @Test func byteOrderMarkIsDropped() throws {
        #expect(try scan([0xEF, 0xBB, 0xBF] + Array("id,x\n1,2\n".utf8)) == [
            Row(line: 1, fields: ["id", "x"]), Row(line: 2, fields: ["1", "2"]),
        ])
    }

    @Test func malformedQuotesAreFlagged() throws {
        #expect(try scan("a,b\n\"x\"y,2\n3,\"never closed\n4,5\n") == [
            Row(line: 1, fields: ["a", "b"]),
            Row(line: 2, fields: ["xy", "2"], problem: "field 1: text after the closing quote"),
            Row(line: 3, fields: ["3", "never closed\n4,5\n"],
                problem: "field 2: a quoted field is not closed before the end of the file"),
        ])
    }

    @Test func missingFileIsNamed() throws {
        let error = try #require(throws: GeoDataError.self) { try scan(path: "/nonexistent/events.csv") }
        #expect(error.description == "/nonexistent/events.csv: cannot read: no such file or directory")
    }

    private func scan(path: String) throws {
        try CSVScanner(path: path).forEachRecord { _ in }
    }
}

import Geometry
