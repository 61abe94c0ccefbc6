import Foundation
import Testing
@testable import Build

@Suite struct ProgressTests {
    @Test func lineAndJSONOfOneFinishedMap() throws {
        var o = BuildOutcome(spec: "Maps/niger.yaml#NE-1", status: .rebuilt, reasons: ["niger#NE-1: never built"], ms: 412.34)
        o.warnings = []
        let p = BuildProgress(index: 3, total: 24, outcome: o)
        #expect(p.line == "[3/24] Maps/niger.yaml#NE-1 412 ms")
        #expect(!p.json.contains("\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(p.json.utf8)) as? [String: Any])
        #expect(json["event"] as? String == "map" && json["index"] as? Int == 3 && json["total"] as? Int == 24)
        #expect(json["spec"] as? String == "Maps/niger.yaml" && json["item"] as? String == "NE-1")
        #expect(json["status"] as? String == "rebuilt" && json["ms"] as? Double == 412.3 && json["warnings"] as? Int == 0)
        #expect(json["reasons"] as? [String] == ["niger#NE-1: never built"])
        #expect(json["error"] == nil)
        let failed = BuildProgress(index: 1, total: 1, outcome: BuildOutcome(spec: "Maps/x.yaml", status: .failed, error: "boom"))
        #expect(failed.line == "[1/1] Maps/x.yaml FAILED")
        let f = try #require(try JSONSerialization.jsonObject(with: Data(failed.json.utf8)) as? [String: Any])
        #expect(f["item"] is NSNull && f["error"] as? String == "boom" && f["status"] as? String == "failed")
        #expect(BuildProgress(index: 2, total: 5, outcome: BuildOutcome(spec: "a.yaml", status: .wouldRebuild)).json.contains("\"status\":\"would-rebuild\""))
    }

    @Test func barShowsDoneTotalAndAnETAFromRenderedMaps() {
        let bar = ProgressBar(width: 10)
        // 6 of 24 done after 3 s, all six rendered: 0.5 s a map, 18 to go: 9 s.
        let six = bar.draw(done: 6, total: 24, rendered: 6, elapsed: 3)
        #expect(six.hasPrefix("\r[==>       ] 6/24  ETA 9 s"))
        #expect(!six.contains("\n"))
        // Unchanged maps finish at once: no estimate until one was rendered.
        #expect(bar.draw(done: 4, total: 24, rendered: 0, elapsed: 0.1).hasPrefix("\r[=>        ] 4/24  ETA …"))
        #expect(bar.draw(done: 1, total: 2, rendered: 1, elapsed: 150).contains("ETA 2 min 30 s"))
        #expect(bar.draw(done: 24, total: 24, rendered: 24, elapsed: 12).hasPrefix("\r[==========] 24/24  done in 12 s"))
        // Every redraw is as long, so a shorter one covers a longer one.
        #expect(six.count == bar.draw(done: 24, total: 24, rendered: 24, elapsed: 12).count)
        #expect(bar.clear.hasPrefix("\r") && bar.clear.hasSuffix("\r"))
    }
}
