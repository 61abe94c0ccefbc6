import Foundation
import Geometry
import Yams

/// Reads a YAML document strictly, recording every problem with its line, column and key path instead of
/// stopping at the first. Unknown keys are problems, not silently ignored.
package final class YAMLReader {
    package let file: String
    package private(set) var problems: [StyleError.Problem] = []
    package let root: Node?

    /// - Throws: `StyleError` when the file cannot be read.
    package init(path: String) throws(StyleError) {
        file = path
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw StyleError(file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file as UTF-8" : "no such file")
        }
        var parsed: Node?
        var syntax: StyleError.Problem?
        do {
            parsed = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            switch e {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                syntax = .init(line: mark.line, column: mark.column, path: "", message: "YAML syntax: \(problem)")
            default:
                syntax = .init(line: 0, column: 0, path: "", message: "YAML syntax: \(e)")
            }
        } catch {
            syntax = .init(line: 0, column: 0, path: "", message: "YAML syntax: \(error)")
        }
        root = parsed
        if let syntax { problems.append(syntax) }
        if parsed == nil && syntax == nil { problems.append(.init(line: 1, column: 1, path: "", message: "the file is empty")) }
    }

    /// Throws every recorded problem, if any.
    package func finish() throws(StyleError) {
        if !problems.isEmpty { throw StyleError(file: file, problems: problems) }
    }

    package func problem(_ node: Node?, _ path: String, _ message: String) {
        let m = node?.mark
        problems.append(.init(line: m?.line ?? 0, column: m?.column ?? 0, path: path, message: message))
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): "\"\(s.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// The pairs of a mapping, in order; unknown keys are recorded as problems and left out.
    package func mapping(_ node: Node, _ path: String, allowed: [String]) -> [(key: String, value: Node, path: String)]? {
        guard case .mapping(let m) = node else {
            problem(node, path, "expected a mapping with keys \(allowed.joined(separator: ", ")), found \(Self.describe(node))")
            return nil
        }
        var out: [(String, Node, String)] = []
        for (k, v) in m {
            let key = k.string ?? ""
            let sub = path.isEmpty ? key : "\(path).\(key)"
            if !allowed.isEmpty && !allowed.contains(key) {
                let near = allowed.filter { $0.hasPrefix(String(key.prefix(2))) }
                problem(k, sub, "unknown key \"\(key)\"; expected one of \((near.isEmpty ? allowed : near).joined(separator: ", "))")
                continue
            }
            out.append((key, v, sub))
        }
        return out
    }

    /// A mapping whose keys are free (layer ids, match cases).
    package func entries(_ node: Node, _ path: String) -> [(key: String, value: Node, path: String)]? {
        mapping(node, path, allowed: [])
    }

    package func sequence(_ node: Node, _ path: String) -> [(value: Node, path: String)]? {
        guard case .sequence(let s) = node else {
            problem(node, path, "expected a list, found \(Self.describe(node))")
            return nil
        }
        return s.enumerated().map { ($0.element, "\(path)[\($0.offset)]") }
    }

    package func string(_ node: Node, _ path: String) -> String? {
        guard case .scalar(let s) = node else {
            problem(node, path, "expected text, found \(Self.describe(node))")
            return nil
        }
        return s.string
    }

    package func double(_ node: Node, _ path: String, in range: ClosedRange<Double>? = nil) -> Double? {
        guard case .scalar(let s) = node, let d = Double(s.string), d.isFinite else {
            problem(node, path, "expected a number, found \(Self.describe(node))")
            return nil
        }
        if let range, !range.contains(d) {
            problem(node, path, "expected a number from \(JSONValue.format(range.lowerBound)) to \(JSONValue.format(range.upperBound)), found \(s.string)")
            return nil
        }
        return d
    }

    package func int(_ node: Node, _ path: String) -> Int? {
        guard case .scalar(let s) = node, let d = Int(s.string) else {
            problem(node, path, "expected a whole number, found \(Self.describe(node))")
            return nil
        }
        return d
    }

    package func bool(_ node: Node, _ path: String) -> Bool? {
        guard case .scalar(let s) = node, let b = Bool(s.string.lowercased()) else {
            problem(node, path, "expected true or false, found \(Self.describe(node))")
            return nil
        }
        return b
    }

    package func color(_ node: Node, _ path: String) -> Color? {
        guard case .scalar(let s) = node, let c = Color(hex: s.string) else {
            problem(node, path, "expected a colour like \"#c0392b\", found \(Self.describe(node))")
            return nil
        }
        return c
    }

    package func expression(_ node: Node, _ path: String) -> Expression? {
        guard let text = string(node, path) else { return nil }
        do {
            return try Expression.parse(text)
        } catch {
            // Point at the character: the scalar's column plus the offset (plus one for an opening quote).
            guard case .scalar(let s) = node, let m = s.mark else { problem(node, path, error.message); return nil }
            let quote = s.style == .singleQuoted || s.style == .doubleQuoted ? 1 : 0
            problems.append(.init(line: m.line, column: m.column + quote + error.offset, path: path,
                                  message: "\(error.message) in \"\(text)\""))
            return nil
        }
    }

    /// A `Value` of numbers or colours: a constant, or `{match|step|interpolate: property, …}`.
    package func value<T>(_ node: Node, _ path: String, _ leaf: (Node, String) -> T?) -> Value<T>? {
        if case .scalar = node { return leaf(node, path).map { .constant($0) } }
        guard let pairs = mapping(node, path, allowed: ["match", "cases", "default", "step", "base", "interpolate", "curve", "stops"]) else { return nil }
        let d = Dictionary(pairs.map { ($0.key, ($0.value, $0.path)) }, uniquingKeysWith: { a, _ in a })
        func stops() -> [Value<T>.Stop]? {
            guard let (n, p) = d["stops"] else { problem(node, path, "expected \"stops\": a list of [input, output] pairs"); return nil }
            guard let items = sequence(n, p) else { return nil }
            var out: [Value<T>.Stop] = []
            for (item, ip) in items {
                guard case .sequence(let pair) = item, pair.count == 2 else {
                    problem(item, ip, "expected a pair [input, output], found \(Self.describe(item))")
                    return nil
                }
                guard let x = double(pair[0], ip + "[0]"), let y = leaf(pair[1], ip + "[1]") else { return nil }
                if let last = out.last, x <= last.input {
                    problem(item, ip, "expected stops in increasing order of input, found \(JSONValue.format(x)) after \(JSONValue.format(last.input))")
                    return nil
                }
                out.append(.init(x, y))
            }
            if out.isEmpty { problem(n, p, "expected at least one stop") ; return nil }
            return out
        }
        if let (n, p) = d["match"] {
            guard let prop = string(n, p) else { return nil }
            guard let (cn, cp) = d["cases"] else { problem(node, path, "expected \"cases\" with \"match\""); return nil }
            guard let (dn, dp) = d["default"] else { problem(node, path, "expected \"default\" with \"match\""); return nil }
            var cases: [String: T] = [:]
            for (k, v, vp) in entries(cn, cp) ?? [] { if let t = leaf(v, vp) { cases[k] = t } }
            guard let fallback = leaf(dn, dp) else { return nil }
            return .match(property: prop, cases: cases, fallback: fallback)
        }
        if let (n, p) = d["step"] {
            guard let prop = string(n, p) else { return nil }
            guard let (bn, bp) = d["base"] else { problem(node, path, "expected \"base\" (the value below the first stop) with \"step\""); return nil }
            guard let base = leaf(bn, bp), let s = stops() else { return nil }
            return .step(property: prop, base: base, stops: s)
        }
        if let (n, p) = d["interpolate"] {
            guard let prop = string(n, p) else { return nil }
            var curve = Value<T>.Curve.linear
            if let (cn, cp) = d["curve"] {
                guard let name = string(cn, cp), let c = Value<T>.Curve(rawValue: name) else {
                    problem(cn, cp, "expected linear or sqrt, found \(Self.describe(cn))")
                    return nil
                }
                curve = c
            }
            guard let s = stops() else { return nil }
            return .interpolate(property: prop, curve: curve, stops: s)
        }
        problem(node, path, "expected a constant or a mapping with match, step or interpolate")
        return nil
    }
}
