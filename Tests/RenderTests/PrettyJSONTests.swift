import Foundation
import Geometry
import Layers
import Style
@testable import Render
import Testing

/// The render report is written by `PrettyJSON`, which must give `JSONEncoder`'s bytes ([.prettyPrinted,
/// .sortedKeys]) exactly: on real reports (a map with warnings, events, dropped labels) and on awkward values.
@Suite struct PrettyJSONTests {
    func foundation<T: Encodable>(_ v: T) throws -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Array(try e.encode(v))
    }

    struct Awkward: Encodable {
        var text = "quote \" backslash \\ slash / tab \t newline \n cr \r bell \u{7} nul \u{0} unit \u{1F} é – 😀"
        var doubles: [Double] = [0, -0.0, 1, -1, 0.1, 1.5, 1e-7, 2.5e-300, 1e20, 1.7976931348623157e308, 123456789.125, 300, 1e16, 4.2e15]
        var ints: [Int] = [0, -1, Int.max, Int.min]
        var flags: [Bool] = [true, false]
        var missing: String? = nil
        var present: String? = "x"
        var empty: [Int] = []
        var nested: [[String: Int]] = [[:], ["b": 2, "a": 1, "A": 3, "a10": 4, "a9": 5, "_": 6, "Z": 7]]
        var keyed: [String: [Int]] = ["labelsDropped": [], "labelQuality": [1], "x": [2, 3]]
        var f: Float = 0.1
        var u8: UInt8 = 255
    }

    @Test func awkwardValuesAreWrittenAsJSONEncoderWritesThem() throws {
        let ours = try PrettyJSON.encode(Awkward())
        let theirs = try foundation(Awkward())
        #expect(String(decoding: ours, as: UTF8.self) == String(decoding: theirs, as: UTF8.self))
    }

    @Test func reportsAreWrittenAsJSONEncoderWritesThem() throws {
        let resources = testResources
        for layers in [["countries", "regions", "borders", "places"], ["countries", "regions", "massacres", "bases", "places"]] {
            let renderer = try MapRenderer(spec: try overview(layers: layers), page: Page(widthPixels: 1000, heightPixels: 700, dpi: 100),
                                           resources: resources, info: fixedInfo)
            let report = try renderer.compose().report
            #expect(report.labelsDropped.count + report.labelsPlaced.count > 20)
            #expect(!report.labelsDropped.isEmpty)
            let ours = try PrettyJSON.encode(report), theirs = try foundation(report)
            #expect(ours == theirs, "\(layers)")
            #expect(try JSONDecoder().decode(RenderReport.self, from: Data(ours)) == report)
        }
    }

    /// Dropped labels are written straight from their list: the same bytes as the tree's, escapes, nesting and an
    /// empty list included.
    @Test func droppedLabelsAreWrittenAsJSONEncoderWritesThem() throws {
        struct Nested: Codable { var inner: [String: [RenderReport.DroppedLabel]]; var none: [RenderReport.DroppedLabel] }
        let labels = [RenderReport.DroppedLabel(layer: "places", text: "Ségou \"old\" town/1\n", reason: "overlaps \"Mopti\"", priority: -3),
                      RenderReport.DroppedLabel(layer: "events", text: "", reason: "outside the frame", priority: 0)]
        let value = Nested(inner: ["a": labels, "b": []], none: [])
        #expect(try PrettyJSON.encode(value) == foundation(value))
        #expect(try PrettyJSON.encode(labels) == foundation(labels))
    }

    @Test func aValueJSONEncoderRefusesIsRefused() throws {
        #expect(throws: EncodingError.self) { _ = try PrettyJSON.encode([Double.nan]) }
    }
}
