import Foundation
import Geometry
import Layers
import Style
import Testing

/// One `SourceSet` per render: each source read once, place names geocoded with *its* catalog's places.
@Suite struct SourceSetTests {
    /// A catalog in a folder of its own, holding only a made-up `places.geojson` and `countries.geojson`.
    func ownCatalog() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sahelmap-catalog-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Testville","country":"TST"},"geometry":{"type":"Point","coordinates":[1.5,13.25]}}]}"#
            .write(toFile: dir + "/places.geojson", atomically: true, encoding: .utf8)
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"TST","properties":{"name":"Testland","iso_a3":"TST"},"geometry":{"type":"Polygon","coordinates":[[[0,12],[3,12],[3,15],[0,15],[0,12]]]}}]}"#
            .write(toFile: dir + "/countries.geojson", atomically: true, encoding: .utf8)
        try "location,country,fatalities\nTestville,Testland,3\n".write(toFile: dir + "/events.csv", atomically: true, encoding: .utf8)
        return dir
    }

    /// The old reader ignored the catalog it was given and looked names up in the shipped GeoData.
    @Test func placeNamesUseTheCatalogsOwnPlaces() throws {
        let dir = try ownCatalog()
        let sources = SourceSet(catalog: DataCatalog(directory: dir))
        let events = try sources.features(.csv(path: dir + "/events.csv")).features
        #expect(events.count == 1)
        #expect(events.first?.geometry == .point(GeoPoint(longitude: 1.5, latitude: 13.25)))
        #expect(try sources.gazetteer().lookup("testville") != .notFound)
        #expect(try sources.gazetteer().lookup("Bamako") == .notFound)
    }

    @Test func eachSourceIsReadOnce() throws {
        let dir = try ownCatalog()
        let sources = SourceSet(catalog: DataCatalog(directory: dir))
        let first = try sources.features(.builtIn("countries"))
        // Replacing the file changes nothing for this render: it was read already.
        try "not json".write(toFile: dir + "/countries.geojson", atomically: true, encoding: .utf8)
        #expect(try sources.features(.builtIn("countries")) == first)
        #expect(throws: GeoDataError.self) { _ = try SourceSet(catalog: DataCatalog(directory: dir)).features(.builtIn("countries")) }
    }

    /// `read(_:)` parses the built-in files at once: the same collections as reading them one by one, and the
    /// error of the first bad source in the order given, not of whichever parse ended first.
    @Test func readingTogetherEqualsOneByOne() throws {
        let resources = try Resources.locate()
        let names = ["countries", "regions", "water", "places", "boundary_lines", "africa"]
        let together = SourceSet(catalog: DataCatalog(resources: resources))
        try together.read(names.map { .builtIn($0) } + [.builtIn("countries")])
        let alone = SourceSet(catalog: DataCatalog(resources: resources))
        for n in names {
            let a = try alone.features(.builtIn(n)), t = try together.features(.builtIn(n))
            #expect(!a.features.isEmpty && t == a, "\(n)")
        }
        let dir = try ownCatalog()
        try "not json".write(toFile: dir + "/regions.geojson", atomically: true, encoding: .utf8)
        try "{".write(toFile: dir + "/water.geojson", atomically: true, encoding: .utf8)
        for order in [["water", "regions"], ["regions", "water"]] {
            let broken = SourceSet(catalog: DataCatalog(directory: dir))
            let error = #expect(throws: GeoDataError.self) { try broken.read((["countries"] + order).map { .builtIn($0) }) }
            #expect(error?.file.hasSuffix("/\(order[0]).geojson") == true)
        }
        // A source parsed for later fails only if it is asked for, as it would have alone.
        let later = SourceSet(catalog: DataCatalog(directory: dir))
        try later.read([.builtIn("countries"), .builtIn("places")], later: [.builtIn("regions")])
        #expect(throws: GeoDataError.self) { _ = try later.features(.builtIn("regions")) }
    }

    @Test func extentsByName() throws {
        let sources = SourceSet(catalog: DataCatalog(resources: try Resources.locate()))
        #expect(try sources.places(named: "tillaberi").first?.string("name") == "Tillabéri")
        #expect(try sources.places(named: "BFA").first?.string("name") == "Burkina Faso")
        #expect(throws: ExtentError(message: "no country or region named \"Atlantis\"")) { _ = try sources.places(named: "Atlantis") }
        #expect(throws: ExtentError(message: "no country or region named \"Malli\"; did you mean Mali, Malta?")) {
            _ = try sources.places(named: "Malli")
        }
        let box = try sources.extentPoints(.bbox(BoundingBox(west: -5, south: 10, east: 5, north: 20)))
        #expect(box.count == 33 * 4 && box.allSatisfy { (-5...5).contains($0.longitude) && (10...20).contains($0.latitude) })
    }
}
