import Testing
import Foundation
@testable import Geometry

@Test func probe() throws {
    let root = "/work/shared/testdata/third-party/geojson"
    for dir in ["valid", "invalid", "degenerate"] {
        for f in try FileManager.default.contentsOfDirectory(atPath: "\(root)/\(dir)").sorted() {
            do { let fc = try GeoJSON.read(contentsOf: "\(root)/\(dir)/\(f)"); print("PROBE \(dir) OK \(f) n=\(fc.features.count)") }
            catch { print("PROBE \(dir) ERR \(f) <<\(error.description.replacingOccurrences(of: root, with: ""))>>") }
        }
    }
    let json = #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null},{"type":"Feature","id":"b","properties":{},"geometry":{"type":"LineString","coordinates":[[0,0]]}},{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[200,0]}}]}"#
    do { _ = try GeoJSON.decode(Array(json.utf8), file: "bad.geojson") } catch { print("PROBE several <<\(error.description)>>") }
}

@Test func crash() async {
    await #expect(processExitsWith: .success) {
        do { _ = try GeoJSON.decode(Array("[\"\\".utf8), file: "x") } catch { }
    }
}
