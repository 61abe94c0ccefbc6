import Foundation
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// `sahelmap audit` checks the thematic data like a fact-checker: it passes on the shipped data with a summary a
/// reader can check, and fails on a fixture with an unsourced row, a massacre outside its region and a
/// contradictory first year, naming each.
@Suite struct AuditCommandTests {
    @Test func passesOnTheShippedData() throws {
        let r = try sahelmap(["audit"], in: root.path)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(4)) == ["bases.geojson: 35 features", "massacres.geojson: 26 features",
                                           "group_presence.geojson: 49 features", "political_events.geojson: 68 features"])
        #expect(lines.contains("checked massacres inside their region: 26"))
        #expect(lines.contains("checked source and confidence: 178"))
        #expect(lines.contains("note: massacres.geojson: massacre:yirgou-massacre: site point lies in BF-12, not in BF-05 Centre-Nord (kept for attribution; drawn at the site)"))
        #expect(lines.contains { $0.hasPrefix("note: bases.geojson: base:ber-minusma, base:timbuktu-barkhane, base:timbuktu-minusma, base:timbuktu-other: 4 features at one point") })
        #expect(lines.last?.hasPrefix("audit passed: ") == true && lines.last?.hasSuffix(" note(s), no failure") == true)
        #expect(r.stderr.isEmpty)
    }

    @Test func failsOnABadFixture() throws {
        let r = try sahelmap(["audit", "--data", root.appendingPathComponent("Tests/CLITests/Fixtures/audit-bad").path], in: root.path)
        #expect(r.status == 1)
        let failures = r.stderr.split(separator: "\n").map(String.init)
        #expect(failures == [
            "FAIL: massacres.geojson: massacre:outside: point -7.99,12.65 is outside ML-8 Kidal, the region its row names",
            "FAIL: group_presence.geojson: presence:jnim:ML-2: no source",
            "FAIL: group_presence.geojson: presence:jnim:ML-2: level_2015 \"none\" without a source (an unsourced none is an unknown: leave it empty)",
            "FAIL: group_presence.geojson: presence:jnim:ML-3: first_year 2020 contradicts level_2015 \"regular\" (present before the group's first year there)",
        ])
        #expect(r.out.hasSuffix("audit failed: 4 failure(s), 0 note(s)\n"))
    }
}
