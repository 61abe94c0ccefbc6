import Testing
@testable import Build

@Suite struct ManifestTests {
    /// Known SHA-256 values (FIPS 180-2 examples), through libcrypto.
    @Test func sha256OfKnownStrings() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func changesBetweenSummaries() {
        typealias L = MapSummary.LayerSummary
        let old = MapSummary(layers: [L(id: "events", source: "e.csv", featuresRead: 23, featuresDrawn: 23, classesDrawn: ["Battles"], labelsDropped: 1)])
        let new = MapSummary(layers: [L(id: "events", source: "e.csv", featuresRead: 15, featuresDrawn: 15, classesDrawn: ["Riots"], labelsDropped: 1)])
        #expect(new.changes(since: old) == ["events: features drawn 23 → 15 (-8); legend classes +\"Riots\" -\"Battles\""])
        #expect(old.changes(since: old) == [])
    }

    @Test func shrinkMessageHasBothCounts() {
        let e = BuildError.shrink(spec: "Maps/l.yaml", layer: "events", source: "Maps/data/e.csv", before: 24, now: 12)
        #expect(e.description == "Maps/l.yaml: layer events: Maps/data/e.csv yields 12 features, 24 at the last successful build (50 % fewer); refused: use --accept-shrink if this is right")
    }
}
