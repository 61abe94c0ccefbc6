import Foundation
import Geometry
import Layers

/// Paths of the import fixtures, found from this file's location rather than the working directory.
enum ImportFixture {
    /// The package root: three levels up from `Tests/LayersTests/ImportSupport.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file in `Tests/LayersTests/Fixtures/acled/`.
    static func acled(_ name: String) -> String {
        packageRoot.appendingPathComponent("Tests/LayersTests/Fixtures/acled/\(name)").path
    }

    /// A file in `Tests/LayersTests/Fixtures/csv/`.
    static func csv(_ name: String) -> String {
        packageRoot.appendingPathComponent("Tests/LayersTests/Fixtures/csv/\(name)").path
    }

    /// A file in the shipped `GeoData/`.
    static func geoData(_ name: String) -> String {
        packageRoot.appendingPathComponent("GeoData/\(name)").path
    }

    /// Every event a reader hands over, with its summary.
    static func readAll(_ reader: ACLEDReader) throws -> ([ACLEDEvent], ACLEDImportSummary) {
        var events: [ACLEDEvent] = []
        let summary = try reader.read { events.append($0) }
        return (events, summary)
    }

    /// A day that must exist.
    static func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }
}
