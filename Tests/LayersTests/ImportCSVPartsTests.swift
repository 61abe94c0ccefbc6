import Foundation
import Geometry
import Testing
@testable import Layers

/// A CSV file parsed in parts on several threads (`CSVScanner.mapRecords`) gives what one scan gives: the same
/// records, lines, problems and errors, wherever the parts start (inside quoted line breaks, CRLF, blank lines).
@Suite struct ImportCSVPartsTests {
    struct Row: Equatable, Sendable { var line: Int; var fields: [String]; var problem: String? }

    func file(_ text: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("import-parts-\(UUID().uuidString).csv").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func sequential(_ scanner: CSVScanner) throws -> [Row] {
        var rows: [Row] = []
        try scanner.forEachRecord { r in rows.append(Row(line: r.line, fields: (0..<r.count).map { r.string($0) }, problem: r.problem)) }
        return rows
    }

    func parallel(_ scanner: CSVScanner, partBytes: Int) throws -> [Row] {
        var rows: [Row] = []
        try scanner.mapRecords(threads: 2, partBytes: partBytes, state: { 0 }, header: { r in
            rows.append(Row(line: r.line, fields: (0..<r.count).map { r.string($0) }, problem: r.problem))
        }, parse: { r, parsed in
            parsed += 1
            return Row(line: 0, fields: (0..<r.count).map { r.string($0) }, problem: r.problem)
        }, consume: { row, line in
            var row = row
            row.line = line
            rows.append(row)
        })
        return rows
    }

    /// 300 rows, every fifth with a quoted field holding line breaks, some CRLF, blank lines and a stray quote.
    static let text: String = {
        var s = "id,notes,n\n"
        for k in 1...300 {
            switch k % 5 {
            case 0: s += "\(k),\"two\nlines, \"\"quoted\"\"\nthree\",\(k)\n"
            case 1: s += "\(k),plain,\(k)\r\n"
            case 2: s += "\n\(k),\"x\" y,\(k)\n"   // a blank line; text after a closing quote
            default: s += "\(k),\"a, b\",\(k)\n"
            }
        }
        return s + "301,last,301"   // no final line break
    }()

    @Test func partsGiveWhatOneScanGives() throws {
        let path = file(Self.text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try sequential(CSVScanner(path: path))
        #expect(whole.count == 302)
        #expect(whole[5] == Row(line: 7, fields: ["5", "two\nlines, \"quoted\"\nthree", "5"], problem: nil))
        for partBytes in [1, 7, 16, 33, 64, 100, 257, 1000] {
            for chunk in [5, 64, 1 << 20] {
                let rows = try parallel(CSVScanner(path: path, chunkSize: chunk), partBytes: partBytes)
                #expect(rows == whole, "parts of \(partBytes) bytes, reads of \(chunk)")
            }
        }
    }

    @Test func aFailingPartFailsAsOneScanWould() throws {
        // Field 2 of the row on line 200-odd is too long: the error names the same line as a single scan's.
        var text = Self.text
        text += "\n302,\(String(repeating: "x", count: 300)),302\n303,end,303\n"
        let path = file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var limits = Limits.current
        limits.csvFieldBytes = 200
        let scanner = CSVScanner(path: path, chunkSize: 64, limits: limits)
        let one = try #require(throws: GeoDataError.self) { _ = try sequential(scanner) }
        let parts = try #require(throws: GeoDataError.self) { _ = try parallel(scanner, partBytes: 100) }
        #expect(parts.description == one.description)
        #expect(one.description.contains("field 2 is longer than the limit"))
    }

    @Test func acledRowsReadInPartsAreTheSame() throws {
        for name in ["since2023.csv", "before2023.csv", "duplicates.csv", "broken.csv"] {
            let path = ImportFixture.acled(name)
            var one = ACLEDReader(path: path)
            one.threads = 1
            let whole = try ImportFixture.readAll(one)
            for partBytes in [10, 50, 200] {
                var reader = ACLEDReader(path: path)
                reader.threads = 2
                reader.partBytes = partBytes
                let parts = try ImportFixture.readAll(reader)
                #expect(parts.0 == whole.0, "\(name), parts of \(partBytes)")
                #expect(parts.1 == whole.1, "\(name), parts of \(partBytes)")
            }
        }
    }
}
