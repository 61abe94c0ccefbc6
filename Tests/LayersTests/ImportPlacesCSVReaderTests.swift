import Geometry
import Testing
@testable import Layers

/// `PlacesCSVReader` and `Gazetteer`: coordinates from columns, or names looked up in GeoNames towns.
@Suite struct ImportPlacesCSVReaderTests {
    static let shippedPlaces = Result { try Gazetteer(places: GeoJSON.read(contentsOf: ImportFixture.geoData("places.geojson")),
                                                      countries: GeoJSON.read(contentsOf: ImportFixture.geoData("countries.geojson"))) }
    /// Fictional places: "Testville" in MLI and NER, "Tèstville" in BFA.
    static let testPlaces = Result { try Gazetteer(places: GeoJSON.read(contentsOf: ImportFixture.csv("test-places.geojson")),
                                                   countries: GeoJSON.read(contentsOf: ImportFixture.geoData("countries.geojson"))) }

    func readAll(_ reader: PlacesCSVReader) throws -> ([Feature], PlacesImportSummary) {
        var features: [Feature] = []
        let summary = try reader.read { features.append($0) }
        return (features, summary)
    }

    @Test func coordinateColumnsInAnyCase() throws {
        let path = ImportFixture.csv("coordinates.csv")
        let (features, summary) = try readAll(PlacesCSVReader(path: path, gazetteer: Self.testPlaces.get()))
        var expected = PlacesImportSummary(file: path)
        expected.columns = ["Name", "Lat", "Lng", "count", "kind"]
        expected.coordinateColumns = ["Lat", "Lng"]
        expected.rowsRead = 3
        expected.featuresKept = 2
        expected.badRows = [BadRow(line: 3, message: "Lat: expected a number from -90 to 90, found \"95\"")]
        expected.badRowCount = 1
        #expect(summary == expected)
        #expect(features[0] == Feature(geometry: .point(GeoPoint(longitude: -2.1, latitude: 14.5)), properties: [
            "Name": .string("Test depot A"), "Lat": .number(14.5), "Lng": .number(-2.1), "count": .number(3),
            "kind": .string("test site"),
        ]))
        #expect(features[1].number("count") == 7)
    }

    @Test func namesMatchIgnoringCaseAccentsApostrophesAndHyphens() throws {
        let path = ImportFixture.csv("towns.csv")
        let (features, summary) = try readAll(PlacesCSVReader(path: path, gazetteer: Self.shippedPlaces.get()))
        #expect(summary.placeColumn == "town" && summary.countryColumn == nil && summary.coordinateColumns == nil)
        #expect(summary.rowsRead == 5 && summary.featuresKept == 4 && summary.badRowCount == 0)
        #expect(summary.unmatched == [.init(line: 6, name: "Testville-sur-Nowhere")])
        #expect(summary.ambiguous == [])
        #expect(features.map { $0.string("matched_name")! } == ["Tillabéri", "N'Djamena", "Ménaka", "Bobo-Dioulasso"])
        #expect(features.map { $0.string("town")! } == ["Tillaberi", "N Djamena", "MÉNAKA", "Bobo Dioulasso"])
        #expect(features[0].geometry == .point(GeoPoint(longitude: 1.45418, latitude: 14.20711)))
        #expect(features[0].string("matched_country") == "NER")
        #expect(features[0].string("matched_id") == "gn:2438678")
        #expect(features[2].number("visits") == 4)
    }

    @Test func ambiguousNamesListCandidatesAndCountriesChoose() throws {
        let path = ImportFixture.csv("ambiguous.csv")
        let (features, summary) = try readAll(PlacesCSVReader(path: path, gazetteer: Self.testPlaces.get()))
        #expect(summary.countryColumn == "country")
        #expect(summary.ambiguous.map(\.line) == [2])
        #expect(summary.ambiguous.first?.candidates.map { "\($0.name) (\($0.country))" }
                == ["Testville (MLI)", "Testville (NER)", "Tèstville (BFA)"])
        #expect(summary.unmatched == [.init(line: 5, name: "Testville", country: "TCD")])
        #expect(features.map { $0.string("matched_country")! } == ["NER", "MLI"])   // "NER" and "Mali"
        #expect(features[0].geometry == .point(GeoPoint(longitude: 2, latitude: 14)))
        #expect(features[0].string("note") == "test row")
    }

    @Test func refusedImportNamesEveryProblem() throws {
        let path = ImportFixture.csv("ambiguous.csv")
        let error = try #require(throws: GeoDataError.self) {
            _ = try PlacesCSVReader(path: path, policy: .refuse, gazetteer: Self.testPlaces.get()).read { _ in }
        }
        #expect(error.description == """
            \(path):2: place: "Testville" names 3 places: Testville (MLI), Testville (NER), Tèstville (BFA); add a country column to choose
            \(path):5: place: no known place named "Testville" in TCD
            """)
    }

    @Test func aFileWithoutCoordinatesOrNamesIsRefused() throws {
        let path = ImportFixture.acled("missing-required.csv")   // has Latitude but no longitude, and no name column
        let error = try #require(throws: GeoDataError.self) { _ = try PlacesCSVReader(path: path, gazetteer: Self.testPlaces.get()).read { _ in } }
        #expect(error.description == "\(path):1: expected latitude and longitude columns (or lat, lon, lng) or a place-name column (location, place, town or name), found Event_ID_Cnty, Event_Type, Latitude, Actor1")
    }

    @Test func gazetteerLookups() throws {
        let g = try Self.shippedPlaces.get()
        guard case .found(let p) = g.lookup("tillaberi") else { Issue.record("Tillabéri not found"); return }
        #expect(p.name == "Tillabéri" && p.country == "NER")
        #expect(g.lookup("Fada NGourma") == g.lookup("Fada N'Gourma"))
        #expect(g.lookup("Tillabéri", country: "Mali") == .notFound)
        #expect(g.lookup("Tillabéri", country: "niger") == g.lookup("Tillaberi"))
        #expect(g.countryCode("Burkina Faso") == "BFA")
        #expect(PlaceNameKey.make("N’Djamena") == PlaceNameKey.make("N Djamena"))
    }
}
