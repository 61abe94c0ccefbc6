import Foundation
@testable import Geometry

/// Paths of test data, found from this file's location rather than the working directory.
enum Fixture {
    /// The package root: three levels up from `Tests/GeometryTests/Support.swift`.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file in `Tests/GeometryTests/Fixtures/`.
    static func path(_ name: String) -> String {
        packageRoot.appendingPathComponent("Tests/GeometryTests/Fixtures/\(name)").path
    }

    /// The shared third-party GeoJSON corpus, next to the package: `../shared/testdata/third-party/geojson`.
    static let thirdPartyGeoJSON: URL = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/testdata/third-party/geojson").standardizedFileURL

    /// The sorted file names in one folder of the third-party corpus (`valid`, `invalid`, `degenerate`).
    static func thirdParty(_ folder: String) -> [String] {
        let dir = thirdPartyGeoJSON.appendingPathComponent(folder).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seedable generator, so property checks see the same inputs every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Decodes a GeoJSON string as `test.geojson`.
func decode(_ json: String, file: String = "test.geojson") throws(GeoDataError) -> FeatureCollection {
    try GeoJSON.decode(Array(json.utf8), file: file)
}

/// The error text for a document that must be rejected, or nil when it was accepted.
func errorText(_ json: String, file: String = "bad.geojson") -> String? {
    do {
        _ = try GeoJSON.decode(Array(json.utf8), file: file)
        return nil
    } catch {
        return error.description
    }
}

func gp(_ lon: Double, _ lat: Double) -> GeoPoint { GeoPoint(longitude: lon, latitude: lat) }
func mp(_ x: Double, _ y: Double) -> MapPoint { MapPoint(x: x, y: y) }
