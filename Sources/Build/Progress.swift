import Foundation

/// One finished map, as the builder reports it: the `index`-th of `total` to finish.
package struct BuildProgress: Sendable {
    package var index: Int
    package var total: Int
    package var outcome: BuildOutcome

    package init(index: Int, total: Int, outcome: BuildOutcome) {
        self.index = index
        self.total = total
        self.outcome = outcome
    }

    /// `[3/6] Maps/liptako-gourma.yaml 412 ms` (or `unchanged`, `would rebuild`, `FAILED`).
    package var line: String {
        let what: String
        switch outcome.status {
        case .rebuilt: what = "\(Int(outcome.ms.rounded())) ms"
        case .unchanged: what = "unchanged"
        case .wouldRebuild: what = "would rebuild"
        case .failed: what = "FAILED"
        }
        return "[\(index)/\(total)] \(outcome.spec) \(what)"
    }

    /// One JSON object on one line (keys sorted): `{"event":"map","index":3,"total":6,"spec":"Maps/niger.yaml",
    /// "item":"NE-1","status":"rebuilt","ms":412.3,"warnings":0,"reasons":[…],"changes":[…]}`; `item` is the atlas
    /// page (null for a plain spec), `error` is there when the map failed.
    package var json: String {
        let parts = outcome.spec.split(separator: "#", maxSplits: 1).map(String.init)
        var object: [String: Any] = [
            "event": "map", "index": index, "total": total, "spec": parts[0],
            "item": parts.count == 2 ? parts[1] : NSNull(), "status": outcome.status.rawValue,
            "ms": (outcome.ms * 10).rounded() / 10, "warnings": outcome.warnings.count,
            "reasons": outcome.reasons, "changes": outcome.changes,
        ]
        if let e = outcome.error { object["error"] = e }
        return Self.jsonLine(object)
    }

    /// A JSON object on one line, keys sorted, slashes not escaped.
    package static func jsonLine(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// The one-line bar redrawn with `\r` on a terminal: `[=========>          ] 12/24  ETA 9 s`.
package struct ProgressBar: Sendable {
    package var width = 24

    package init(width: Int = 24) { self.width = width }

    /// The bar after `done` of `total` maps, `elapsed` seconds after the first map was started; `rendered` of the
    /// `done` took a render (unchanged maps finish at once, so the ETA is estimated from rendered ones only).
    /// Starts with `\r` and pads to a fixed width so a shorter line covers a longer one.
    package func draw(done: Int, total: Int, rendered: Int, elapsed: Double) -> String {
        let filled = total == 0 ? width : min(width, done * width / total)
        let bar = String(repeating: "=", count: filled) + (filled < width ? ">" + String(repeating: " ", count: width - filled - 1) : "")
        let eta: String
        if done >= total { eta = "done in \(Self.seconds(elapsed))" } else if rendered == 0 { eta = "ETA …" } else {
            eta = "ETA " + Self.seconds(elapsed / Double(rendered) * Double(total - done))
        }
        let text = "[\(bar)] \(done)/\(total)  \(eta)"
        return "\r" + text + String(repeating: " ", count: max(0, 48 - text.count))
    }

    /// `\r`, blanks over the bar, `\r`: the cursor back at the start of an empty line.
    package var clear: String { "\r" + String(repeating: " ", count: width + 48) + "\r" }

    /// `9 s`, `2 min 5 s`.
    static func seconds(_ s: Double) -> String {
        let n = Int(s.rounded(.up))
        return n < 60 ? "\(n) s" : "\(n / 60) min \(n % 60) s"
    }
}
