import Geometry
import Testing
@testable import Layers

/// `ACLEDReader` on hand-written exports of both generations. Every event in the fixtures is fictional.
@Suite struct ImportACLEDReaderTests {
    static let minimalMissing = ["time_precision", "disorder_type", "sub_event_type", "inter1", "inter2",
                                 "civilian_targeting", "iso", "country", "admin1", "admin2", "location",
                                 "geo_precision", "source"]

    @Test func since2023Export() throws {
        let path = ImportFixture.acled("since2023.csv")
        let (events, summary) = try ImportFixture.readAll(ACLEDReader(path: path, policy: .refuse))
        var expected = ACLEDImportSummary(file: path, generation: .since2023)
        expected.rowsRead = 3
        expected.eventsKept = 3
        expected.columnsUsed = ["event_id_cnty", "event_date", "time_precision", "disorder_type", "event_type",
                                "sub_event_type", "actor1", "inter1", "actor2", "inter2", "civilian_targeting", "iso",
                                "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
                                "source", "notes", "fatalities"]
        expected.columnsIgnored = ["year", "assoc_actor_1", "assoc_actor_2", "interaction", "region", "admin3",
                                   "source_scale", "tags", "timestamp"]
        #expect(summary == expected)
        #expect(events.count == 3)
        #expect(events.first == ACLEDEvent(
            id: "TEST0001", date: ImportFixture.day(2023, 3, 14), timePrecision: 1, disorderType: "Political violence",
            eventType: "Battles", subEventType: "Armed clash", actor1: "Test Armed Group A", actor2: "Test State Forces",
            inter1: "Rebel group", inter2: "State forces", civilianTargeting: false, country: "Mali", iso: "466",
            admin1: "Menaka", admin2: "Menaka", location: "Menaka", latitude: 15.91985, longitude: 2.39609,
            geoPrecision: 1, fatalities: 4, source: "Test Source",
            notes: "test event: fictional clash for the importer tests"))
        #expect(events.map(\.civilianTargeting) == [false, true, false])
        #expect(events.map(\.timePrecision) == [1, 2, 3])
        #expect(events.map(\.geoPrecision) == [1, 2, 3])
        #expect(events[2].inter2 == "")
        #expect(events[2].location == "Tillabéri")
        #expect(events[2].notes == "test event, fictional, with a comma")
        #expect(events[2].disorderType == "Demonstrations")
    }

    @Test func before2023ExportWithBOMCRLFUpperCaseAndNumericInterCodes() throws {
        let path = ImportFixture.acled("before2023.csv")
        let (events, summary) = try ImportFixture.readAll(ACLEDReader(path: path, policy: .refuse))
        var expected = ACLEDImportSummary(file: path, generation: .before2023)
        expected.rowsRead = 3
        expected.eventsKept = 3
        expected.columnsUsed = ["iso", "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
                                "actor1", "inter1", "actor2", "inter2", "country", "admin1", "admin2", "location",
                                "latitude", "longitude", "geo_precision", "source", "notes", "fatalities"]
        expected.columnsMissing = ["disorder_type", "civilian_targeting"]
        expected.columnsIgnored = ["DATA_ID", "EVENT_ID_NO_CNTY", "YEAR", "ASSOC_ACTOR_1", "ASSOC_ACTOR_2",
                                   "INTERACTION", "REGION", "ADMIN3", "SOURCE_SCALE", "TIMESTAMP", "ISO3"]
        #expect(summary == expected)
        #expect(events.map(\.id) == ["TEST1001", "TEST1002", "TEST1003"])
        #expect(events.map(\.date) == [ImportFixture.day(2021, 6, 5), ImportFixture.day(2021, 6, 12),
                                       ImportFixture.day(2021, 6, 20)])
        #expect(events.map(\.inter1) == ["Rebel Groups", "Political Militias", "External/Other Forces"])
        #expect(events.map(\.inter2) == ["State Forces", "Civilians", ""])
        #expect(events[1] == ACLEDEvent(
            id: "TEST1002", date: ImportFixture.day(2021, 6, 12), timePrecision: 2, disorderType: nil,
            eventType: "Violence against civilians", subEventType: "Attack", actor1: "Test Militia",
            actor2: "Civilians (Burkina Faso)", inter1: "Political Militias", inter2: "Civilians",
            civilianTargeting: nil, country: "Burkina Faso", iso: "854", admin1: "Sahel", admin2: "Seno",
            location: "Dori", latitude: 14.03326, longitude: -0.03333, geoPrecision: 2, fatalities: 1,
            source: "Test Source", notes: "test event, fictional: a \"quoted\" word,\nand a second line"))
        #expect(events[2].actor2 == "")
    }

    @Test func repeatedEventsKeepTheFirstRow() throws {
        let path = ImportFixture.acled("duplicates.csv")
        let (events, summary) = try ImportFixture.readAll(ACLEDReader(path: path))
        var expected = ACLEDImportSummary(file: path, generation: .before2023)
        expected.rowsRead = 4
        expected.eventsKept = 2
        expected.duplicatesSkipped = 2
        expected.columnsUsed = ["event_id_cnty", "event_date", "event_type", "actor1", "actor2", "latitude",
                                "longitude", "fatalities", "notes"]
        expected.columnsMissing = Self.minimalMissing
        #expect(summary == expected)
        #expect(events.map(\.id) == ["TEST2001", "TEST2002"])
        #expect(events[0].actor1 == "Test Group A")
        #expect(events[0].notes == "test event: first row")
        #expect(events[0].timePrecision == nil && events[0].geoPrecision == nil && events[0].inter1 == "")
    }

    static let brokenRows = [
        BadRow(line: 3, message: "event_date: expected a date like 2021-06-05 or 05 June 2021, found \"2021-13-45\""),
        BadRow(line: 7, message: "latitude: expected a number from -90 to 90, found \"123.5\""),
        BadRow(line: 8, message: "expected 9 fields as in the header, found 8"),
        BadRow(line: 9, message: "fatalities: expected a whole number of 0 or more, found \"many\""),
        BadRow(line: 11, message: "event_date: expected a date like 2021-06-05 or 05 June 2021, found \"29 February 2021\""),
    ]

    @Test func badRowsAreSkippedWithTheirPhysicalLines() throws {
        let path = ImportFixture.acled("broken.csv")
        let (events, summary) = try ImportFixture.readAll(ACLEDReader(path: path, policy: .skip))
        var expected = ACLEDImportSummary(file: path, generation: .before2023)
        expected.rowsRead = 8
        expected.eventsKept = 3
        expected.badRows = Self.brokenRows
        expected.badRowCount = 5
        expected.columnsUsed = ["event_id_cnty", "event_date", "event_type", "actor1", "actor2", "latitude",
                                "longitude", "fatalities", "notes"]
        expected.columnsMissing = Self.minimalMissing
        #expect(summary == expected)
        #expect(events.map(\.id) == ["TEST3001", "TEST3003", "TEST3007"])
        #expect(events[1].notes == "test event: notes over\nthree lines,\nwith a comma")
    }

    @Test func badRowsRefuseTheImport() throws {
        let path = ImportFixture.acled("broken.csv")
        var delivered: [String] = []
        let error = try #require(throws: GeoDataError.self) {
            _ = try ACLEDReader(path: path, policy: .refuse).read { delivered.append($0.id) }
        }
        #expect(delivered == ["TEST3001"])   // nothing after the first bad row
        #expect(error.problems.count == 5 && error.omitted == 0)
        #expect(error.description == Self.brokenRows.map { "\(path):\($0.line): \($0.message)" }.joined(separator: "\n"))
        #expect(error.description.hasPrefix("\(path):3: event_date: expected a date like 2021-06-05 or 05 June 2021, found \"2021-13-45\""))
    }

    @Test func missingRequiredColumnsAreNamed() throws {
        let path = ImportFixture.acled("missing-required.csv")
        let error = try #require(throws: GeoDataError.self) { _ = try ACLEDReader(path: path).read { _ in } }
        #expect(error.description == "\(path):1: missing required ACLED columns event_date, longitude (the header has: Event_ID_Cnty, Event_Type, Latitude, Actor1)")
    }

    @Test func chunkBoundariesDoNotChangeTheResult() throws {
        for name in ["since2023.csv", "before2023.csv", "duplicates.csv", "broken.csv"] {
            let path = ImportFixture.acled(name)
            let whole = try ImportFixture.readAll(ACLEDReader(path: path))
            for chunk in [4, 5, 7, 13, 64] {
                var reader = ACLEDReader(path: path)
                reader.chunkSize = chunk
                let pieces = try ImportFixture.readAll(reader)
                #expect(pieces.0 == whole.0, "\(name), chunk \(chunk)")
                #expect(pieces.1 == whole.1, "\(name), chunk \(chunk)")
            }
        }
    }

    @Test func eventsBecomePointFeatures() throws {
        let (collection, summary) = try ACLEDReader(path: ImportFixture.acled("since2023.csv")).features()
        #expect(summary.eventsKept == collection.features.count)
        let f = collection.features[1]
        #expect(f.id == "TEST0002")
        #expect(f.geometry == .point(GeoPoint(longitude: -0.04472, latitude: 16.27167)))
        #expect(f.properties == [
            "event_id_cnty": .string("TEST0002"), "event_date": .string("2023-03-15"), "date": .string("2023-03-15"),
            "time_precision": .number(2), "disorder_type": .string("Political violence"),
            "event_type": .string("Violence against civilians"), "sub_event_type": .string("Attack"),
            "actor1": .string("Test Armed Group A"), "actor2": .string("Civilians (Mali)"),
            "inter1": .string("Rebel group"), "inter2": .string("Civilians"), "civilian_targeting": .bool(true),
            "country": .string("Mali"), "iso": .string("466"), "admin1": .string("Gao"), "admin2": .string("Gao"),
            "location": .string("Gao"), "latitude": .number(16.27167), "longitude": .number(-0.04472),
            "geo_precision": .number(2), "fatalities": .number(2), "source": .string("Test Source"),
            "notes": .string("test event: fictional attack"),
        ])
        let old = try ACLEDReader(path: ImportFixture.acled("before2023.csv")).features().0.features[0]
        #expect(old.properties["disorder_type"] == nil && old.properties["civilian_targeting"] == nil)
        #expect(old.string("date") == "2021-06-05")
    }

    @Test func detectsACLEDHeaders() throws {
        #expect(try ACLEDReader.looksLikeACLED(path: ImportFixture.acled("before2023.csv")))
        #expect(try !ACLEDReader.looksLikeACLED(path: ImportFixture.csv("towns.csv")))
    }
}
