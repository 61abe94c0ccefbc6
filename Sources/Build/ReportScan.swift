import Foundation

/// What a report reads, found in its Markdown without typesetting it, so an unchanged report costs a scan and some
/// hashes: the figures it names (`![…](../Maps/x.yaml)`, reference definitions `[x]: path`), the `source:` of its
/// fenced blocks (tables, charts), and the front matter's `theme:` and `as-of:`. Deliberately generous: anything
/// that looks like a local figure or source counts, so a change to it rebuilds the report; after a build the
/// figures the typeset report actually drew are checked against this list.
struct ReportScan: Equatable {
    /// Figure targets as written (relative to the report): map specs and image files.
    var figures: [String] = []
    /// `source:` values as written: `builtin:massacres`, `../Maps/data/x.csv`.
    var sources: [String] = []
    var theme: String?
    var asOf: String?

    static let figureExtensions = ["yaml", "yml", "png", "jpg", "jpeg", "svg"]

    init(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Front matter.
        if lines.first?.trimmingCharacters(in: .whitespaces) == "---",
           let end = lines.dropFirst().firstIndex(where: { let t = $0.trimmingCharacters(in: .whitespaces); return t == "---" || t == "..." }) {
            for l in lines[1..<end] {
                if let v = Self.value(l, key: "theme") { theme = v }
                if let v = Self.value(l, key: "as-of") { asOf = v }
            }
            lines.removeSubrange(0...end)
        }
        var fence: String?
        for l in lines {
            let t = l.trimmingCharacters(in: .whitespaces)
            if let f = fence {
                if t.hasPrefix(f) && t.allSatisfy({ $0 == f.first }) { fence = nil; continue }
                if let v = Self.value(l, key: "source"), !sources.contains(v) { sources.append(v) }
                continue
            }
            if t.hasPrefix("```") || t.hasPrefix("~~~") {
                fence = String(t.prefix { $0 == t.first })
                continue
            }
            for target in Self.targets(in: l) where !figures.contains(target) {
                let ext = (target as NSString).pathExtension.lowercased()
                if Self.figureExtensions.contains(ext) { figures.append(target) }
            }
        }
    }

    /// `key: value` (value unquoted, a trailing `# comment` dropped), or nil.
    static func value(_ line: String, key: String) -> String? {
        let t = line.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix(key + ":") else { return nil }
        var v = t.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
        if let hash = v.range(of: " #") { v = String(v[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces) }
        if v.count >= 2, let q = v.first, q == "\"" || q == "'", v.last == q { v = String(v.dropFirst().dropLast()) }
        return v.isEmpty ? nil : v
    }

    /// Link and image targets on a line: `](target …)` and `[label]: target`; URLs left out.
    static func targets(in line: String) -> [String] {
        var out: [String] = []
        var rest = Substring(line)
        while let r = rest.range(of: "](") {
            let after = rest[r.upperBound...].drop { $0 == " " || $0 == "<" }
            let target = after.prefix { $0 != ")" && $0 != " " && $0 != ">" }
            if !target.isEmpty { out.append(String(target)) }
            rest = after
        }
        let t = line.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("["), let close = t.range(of: "]:") {
            let target = t[close.upperBound...].trimmingCharacters(in: .whitespaces).prefix { $0 != " " }
            if !target.isEmpty { out.append(String(target).trimmingCharacters(in: CharacterSet(charactersIn: "<>"))) }
        }
        return out.filter { !$0.contains("://") && !$0.hasPrefix("mailto:") && !$0.hasPrefix("#") }
    }
}
