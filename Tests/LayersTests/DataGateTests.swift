import Foundation
import Geometry
import Testing
@testable import Layers

/// What a render refuses (truncated files, empty sources) and what it reports as warnings (skipped rows, unplaced
/// names), through `SourceSet` as a render reads its layers.
@Suite struct DataGateTests {
    /// A folder with a one-place catalog and `events.csv` holding `csv`.
    func catalog(_ csv: String) throws -> (SourceSet, String, DataCatalog) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sahelmap-gate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Testville","country":"TST"},"geometry":{"type":"Point","coordinates":[1.5,13.25]}}]}"#
            .write(toFile: dir + "/places.geojson", atomically: true, encoding: .utf8)
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"TST","properties":{"name":"Testland","iso_a3":"TST"},"geometry":{"type":"Polygon","coordinates":[[[0,12],[3,12],[3,15],[0,15],[0,12]]]}}]}"#
            .write(toFile: dir + "/countries.geojson", atomically: true, encoding: .utf8)
        try csv.write(toFile: dir + "/events.csv", atomically: true, encoding: .utf8)
        let catalog = DataCatalog(directory: dir)
        return (SourceSet(catalog: catalog, layers: [Layer(id: "events", source: .csv(path: dir + "/events.csv"))]), dir + "/events.csv", catalog)
    }

    func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test func lastRowShortIsTruncation() throws {
        let (sources, path, _) = try catalog("latitude,longitude,name\n13,1.5,A\n13,1.")
        #expect(message { _ = try sources.features(.csv(path: path)) } ==
            "\(path):3: the last row has 2 of the header's 3 fields: the file looks truncated (a download that did not finish?); refused")
    }

    @Test func endInsideQuotesIsTruncation() throws {
        let (sources, path, _) = try catalog("latitude,longitude,name\n13,1.5,A\n13,1.5,\"Half a na")
        #expect(message { _ = try sources.features(.csv(path: path)) } ==
            "\(path):3: the file ends inside a quoted field: it looks truncated (a download that did not finish?); refused")
    }

    @Test func acledCutMidRowIsTruncation() throws {
        let path = ImportFixture.acled("since2023.csv")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let cut = lines[0..<3].joined(separator: "\n") + "\n" + lines[3].prefix(30)
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("acled-cut-\(UUID().uuidString).csv").path
        try cut.write(toFile: copy, atomically: true, encoding: .utf8)
        #expect(message { _ = try ACLEDReader(path: copy).features() }?.hasPrefix("\(copy):4: the last row has ") == true)
    }

    @Test func headerOnlyIsRefusedUnlessAllowed() throws {
        let (sources, path, catalog) = try catalog("latitude,longitude,name\n")
        #expect(message { _ = try sources.features(.csv(path: path)) } ==
            "\(path):2: expected rows after the header, found none (an empty export?); refused: set allow-empty: true on the layer to draw it empty")
        var layer = Layer(id: "events", source: .csv(path: path))
        layer.allowEmpty = true
        #expect(try SourceSet(catalog: catalog, layers: [layer]).features(.csv(path: path)).features.isEmpty)
    }

    @Test func skippedRowsAndUnplacedNamesAreWarnings() throws {
        let (sources, path, catalog) = try catalog("location,country,n\nTestville,TST,1\nNowhere,TST,2\nTestville,TST\nTestville,TST,4\n")
        #expect(try sources.features(.csv(path: path)).features.count == 2)
        #expect(sources.warnings == [
            MapWarning(kind: .badRow, file: path, line: 4, message: "row skipped: expected 3 fields as in the header, found 2"),
            MapWarning(kind: .unmatchedPlace, file: path, line: 3, message: "no known place named \"Nowhere\" in TST; nothing close in the gazetteer; row left out"),
        ])
        #expect(sources.warnings[0].description == "warning: \(path):4: row skipped: expected 3 fields as in the header, found 2")
        var refusing = Layer(id: "events", source: .csv(path: path))
        refusing.badRows = .refuse
        #expect(message { _ = try SourceSet(catalog: catalog, layers: [refusing]).features(.csv(path: path)) }?.contains("4: expected 3 fields as in the header, found 2") == true)
    }
}
