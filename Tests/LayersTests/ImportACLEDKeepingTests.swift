import Foundation
import Geometry
import Testing
@testable import Layers

/// Issue 13, item 1: an ACLED export read with only the properties a map uses. The features keep exactly those,
/// with the same values, and the same rows are read, kept and skipped with the same messages as a full read.
@Suite struct ImportACLEDKeepingTests {
    /// A 2023+ export with bad rows in columns a map does not keep (inter codes, precisions) and in those it does.
    func export() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("keeping-\(UUID().uuidString).csv").path
        try """
        event_id_cnty,event_date,time_precision,disorder_type,event_type,actor1,inter1,actor2,inter2,admin1,location,latitude,longitude,geo_precision,notes,fatalities
        TEST5001,2022-02-01,1,Political violence,Battles,Test Group A,2,Test State Forces,1,Mopti,Test Town Number One,14.48,-4.18,1,test event: good,3
        TEST5002,2022-02-02,1,Political violence,Battles,Test Group A,9,,0,Mopti,Test Town Number One,14.48,-4.18,1,test event: inter1 code 9,1
        TEST5003,2022-02-03,5,Political violence,Battles,Test Group A,2,,0,Mopti,Test Town Number One,14.48,-4.18,1,test event: time_precision 5,1
        TEST5004,2022-02-04,1,Demonstrations,Protests,Test Protesters,6,,0,Gao,Test Town Number Two,16.27,-0.04,4,test event: geo_precision 4,0
        TEST5005,2022-02-05,1,Demonstrations,,Test Protesters,6,,0,Gao,Test Town Number Two,16.27,-0.04,2,test event: no event type,0
        TEST5006,2022-02-06,,Demonstrations,Protests,Test Protesters,Protesters,,,Gao,Test Town Number Two,16.27,-0.04,,test event: good,0
        TEST5001,2022-02-01,1,Political violence,Battles,Test State Forces,1,Test Group A,2,Mopti,Test Town Number One,14.48,-4.18,1,test event: repeated,3

        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func keepsOnlyTheNamedPropertiesAndSkipsTheSameRows() throws {
        let path = try export()
        let (full, fullSummary) = try ACLEDReader(path: path).features()
        var reader = ACLEDReader(path: path)
        reader.keeping = ["location", "fatalities", "geo_precision", "date", "no_such_column"]
        let (kept, summary, leftOut) = try reader.featuresKept()
        #expect(summary == fullSummary)
        #expect(summary.badRows.map(\.description) == [
            "3: inter1: expected an actor type or a code from 0 to 8, found \"9\"",
            "4: time_precision: expected 1, 2 or 3, found \"5\"",
            "5: geo_precision: expected 1, 2 or 3, found \"4\"",
            "6: event_type: expected an event type like Battles, found an empty field",
        ])
        #expect(summary.duplicatesSkipped == 1)
        #expect(kept.features.map(\.id) == ["TEST5001", "TEST5006"])
        #expect(kept.features.map(\.geometry) == full.features.map(\.geometry))
        #expect(kept.features[0].properties == ["location": .string("Test Town Number One"), "fatalities": .number(3),
                                                "geo_precision": .number(1), "date": .string("2022-02-01")])
        // No geo_precision in the row: none in the feature, as in a full read.
        #expect(kept.features[1].properties == ["location": .string("Test Town Number Two"), "fatalities": .number(0),
                                                "date": .string("2022-02-06")])
        for (a, b) in zip(kept.features, full.features) {
            #expect(a.properties == b.properties.filter { reader.keeping!.contains($0.key) })
        }
        // Every property a full read gave some feature, less those kept: for suggestions only.
        let all = full.features.reduce(into: Set<String>()) { $0.formUnion($1.properties.keys) }
        #expect(leftOut == all.subtracting(reader.keeping!))
        #expect(leftOut.contains("notes") && leftOut.contains("disorder_type") && leftOut.contains("time_precision"))
    }

    @Test func aReadWithNoListKeepsEverything() throws {
        let path = try export()
        let (full, _) = try ACLEDReader(path: path).features()
        let (same, _, leftOut) = try ACLEDReader(path: path).featuresKept()
        #expect(same == full)
        #expect(leftOut.isEmpty)
        #expect(full.features[0].properties.count == 22)   // all 23 but civilian_targeting, not a column here
    }

    @Test func sourceSetReadsTheUnionOfItsLayersFields() throws {
        let path = try export()
        let catalog = DataCatalog(directory: "/nonexistent")
        let a = Layer(id: "a", source: .csv(path: path)), b = Layer(id: "b", source: .csv(path: path))
        let fields: [String: Set<String>?] = ["a": ["location"], "b": ["admin1"]]
        let both = SourceSet(catalog: catalog, layers: [a, b], fields: { fields[$0.id]! })
        #expect(try both.features(.csv(path: path)).features[0].properties == ["location": .string("Test Town Number One"), "admin1": .string("Mopti")])
        #expect(both.propertiesLeftOut(.csv(path: path)).contains("notes"))
        #expect(both.warnings.count == 4)
        // One layer whose needs are unknown: the whole file.
        let unknown = SourceSet(catalog: catalog, layers: [a, b], fields: { $0.id == "a" ? nil : ["admin1"] })
        #expect(try unknown.features(.csv(path: path)).features[0].properties.count == 22)
        #expect(unknown.propertiesLeftOut(.csv(path: path)).isEmpty)
        #expect(unknown.warnings == both.warnings)
    }
}
