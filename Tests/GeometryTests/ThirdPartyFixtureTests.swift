import Foundation
import Testing
@testable import Geometry

/// Whether `../shared/testdata/third-party/geojson` exists next to the package; the tests are skipped without it.
let fixturesPresent: Bool = {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: Fixture.thirdPartyGeoJSON.path, isDirectory: &isDir) && isDir.boolValue
}()

/// The public GeoJSON test suites in `../shared/testdata/third-party/geojson` (see its SOURCES.md).
@Suite(.enabled(if: fixturesPresent, "../shared/testdata/third-party/geojson is absent"))
struct ThirdPartyFixtureTests {
    /// Files in `valid/` that we reject on purpose, each with the exact reason (the error's text after the path).
    static let validButRejected: [String: String] = [
        // Feature without "properties": RFC 7946 §3.2 requires the member and we reject it (see
        // GeoJSONInvalidTests "feature without properties", and chrieke_invalid_feature_no_properties in invalid/).
        // The file is there for its BOM, which GeoJSONValidTests.utf8ByteOrderMarkIsSkipped covers.
        "gdal_point_with_utf8bom.json": #"feature: expected a "properties" member (an object or null), found none"#,
    ]

    /// Files in `invalid/` that we deliberately accept.
    static let invalidButAccepted: Set<String> = [
        // RFC 7946 §3.1.1: positions SHOULD NOT have more than three elements — a SHOULD, and valid/ has 4D positions.
        "geojsonhint_point-toomany.geojson",
    ]

    /// Files in `degenerate/` that we reject; all others must decode. Each has a longitude beyond ±180, which
    /// RFC 7946 §3.1.1 does not allow (antimeridian-crossing shapes must be split, §3.1.9).
    static let degenerateRejected: Set<String> = [
        "antimeridian_issues-187.json",   // longitude 198.47
        "antimeridian_over-180.json",     // longitudes up to 190
        "geojsonvt_dateline.json",        // longitude 205.31
    ]

    static func path(_ folder: String, _ name: String) -> String {
        Fixture.thirdPartyGeoJSON.appendingPathComponent("\(folder)/\(name)").path
    }

    /// The error text without the leading path, or nil when the file decoded.
    static func rejection(_ folder: String, _ name: String) -> String? {
        let p = path(folder, name)
        do {
            _ = try GeoJSON.read(contentsOf: p)
            return nil
        } catch {
            let text = error.description
            return text.hasPrefix(p + ": ") ? String(text.dropFirst(p.count + 2)) : text
        }
    }

    @Test func foldersAreNotEmpty() {
        #expect(Fixture.thirdParty("valid").count > 0)
        #expect(Fixture.thirdParty("invalid").count > 0)
        #expect(Fixture.thirdParty("degenerate").count > 0)
    }

    @Test func everyValidFileDecodes() {
        for name in Fixture.thirdParty("valid") {
            let rejection = Self.rejection("valid", name)
            if let expected = Self.validButRejected[name] {
                #expect(rejection == expected, "valid/\(name): expected our deliberate rejection")
            } else {
                #expect(rejection == nil, "valid/\(name) was rejected: \(rejection ?? "")")
            }
        }
    }

    @Test func everyInvalidFileIsRejected() {
        for name in Fixture.thirdParty("invalid") {
            let rejection = Self.rejection("invalid", name)
            if Self.invalidButAccepted.contains(name) {
                #expect(rejection == nil, "invalid/\(name) is on the accept list but was rejected: \(rejection ?? "")")
            } else {
                #expect(rejection != nil, "invalid/\(name) decoded without error")
            }
        }
    }

    /// Never crashes (a crash ends the whole run); rejects exactly the files listed above.
    @Test func everyDegenerateFileDecodesOrThrows() {
        for name in Fixture.thirdParty("degenerate") {
            let rejection = Self.rejection("degenerate", name)
            if Self.degenerateRejected.contains(name) {
                #expect(rejection?.contains("expected longitude −180…180 and latitude −90…90") == true,
                        "degenerate/\(name): expected a longitude rejection, got \(rejection ?? "success")")
            } else {
                #expect(rejection == nil, "degenerate/\(name) was rejected: \(rejection ?? "")")
            }
        }
    }

    @Test func listsNameExistingFiles() {
        let all = Set(Fixture.thirdParty("valid").map { "valid/\($0)" } + Fixture.thirdParty("invalid").map { "invalid/\($0)" }
                      + Fixture.thirdParty("degenerate").map { "degenerate/\($0)" })
        for name in Self.validButRejected.keys { #expect(all.contains("valid/\(name)"), "valid/\(name) is listed but missing") }
        for name in Self.invalidButAccepted { #expect(all.contains("invalid/\(name)"), "invalid/\(name) is listed but missing") }
        for name in Self.degenerateRejected { #expect(all.contains("degenerate/\(name)"), "degenerate/\(name) is listed but missing") }
    }
}
