import Geometry
internal import Yams

/// One node of a YAML document with its key path (`layers.massacres.rules[2].marker`), read strictly: each
/// accessor returns nil and records a problem (`expected …, found …`, at the node's line and column) when the
/// node is not what it expects.
package struct YAMLValue {
    let node: Node
    /// Key path from the document root; empty for the root.
    package let path: String
    let reader: YAMLReader

    init(node: Node, path: String, reader: YAMLReader) {
        self.node = node
        self.path = path
        self.reader = reader
    }

    /// The file the value is in.
    package var file: String { reader.file }
    /// 1-based, where the node starts.
    package var line: Int? { node.mark.map { $0.line + reader.lineOffset } }
    package var column: Int? { node.mark?.column }

    /// Records a problem at this value.
    package func problem(_ message: String) { reader.record(node, path, message) }

    /// Records a problem about a key this mapping lacks, at the mapping: `1:1: title: expected a title`.
    package func problem(missing key: String, _ message: String) {
        reader.record(node, path.isEmpty ? key : "\(path).\(key)", message)
    }

    /// How the value reads in a message: `"redd"`, `a mapping`, `a list`.
    package var found: String {
        switch node {
        case .scalar(let s): "\"\(s.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// The text of a scalar, or nil for a mapping or list; records no problem.
    package var scalar: String? {
        if case .scalar(let s) = node { return s.string }
        return nil
    }

    /// True for the scalar `none` (no halo, no fill).
    package var isNone: Bool { scalar == "none" }

    package func string() -> String? {
        guard let s = scalar else { problem("expected text, found \(found)"); return nil }
        return s
    }

    package func double(in range: ClosedRange<Double>? = nil) -> Double? {
        guard let s = scalar, let d = Double(s), d.isFinite else { problem("expected a number, found \(found)"); return nil }
        if let range, !range.contains(d) {
            problem("expected a number from \(JSONValue.format(range.lowerBound)) to \(JSONValue.format(range.upperBound)), found \(s)")
            return nil
        }
        return d
    }

    package func int() -> Int? {
        guard let s = scalar, let i = Int(s) else { problem("expected a whole number, found \(found)"); return nil }
        return i
    }

    package func bool() -> Bool? {
        guard let s = scalar, let b = Bool(s.lowercased()) else { problem("expected true or false, found \(found)"); return nil }
        return b
    }

    package func color() -> Color? {
        guard let s = scalar, let c = Color(hex: s) else { problem("expected a colour like \"#c0392b\", found \(found)"); return nil }
        return c
    }

    /// One of an enumeration's raw values: "expected point or area, found …".
    package func oneOf<E: RawRepresentable & CaseIterable>(_: E.Type) -> E? where E.RawValue == String {
        guard let s = string() else { return nil }
        if let e = E(rawValue: s) { return e }
        let names = E.allCases.map(\.rawValue)
        let expected = names.count == 2 ? "\(names[0]) or \(names[1])" : "one of \(names.joined(separator: ", "))"
        problem("expected \(expected), found \"\(s)\"")
        return nil
    }

    /// A filter expression; a syntax error points at its character.
    package func expression() -> Expression? {
        guard let text = string() else { return nil }
        do {
            return try Expression.parse(text)
        } catch {
            // Point at the character: the scalar's column plus the offset (plus one for an opening quote).
            guard case .scalar(let s) = node, s.mark != nil else { problem(error.message); return nil }
            let quote = s.style == .singleQuoted || s.style == .doubleQuoted ? 1 : 0
            reader.record(node, path, "\(error.message) in \"\(text)\"", columnOffset: quote + error.offset)
            return nil
        }
    }

    /// The items of a list, with paths `path[0]`, `path[1]`, ….
    package func list() -> [YAMLValue]? {
        guard let items else { problem("expected a list, found \(found)"); return nil }
        return items
    }

    /// The items of a list, or nil for a scalar or mapping; records no problem.
    package var items: [YAMLValue]? {
        guard case .sequence(let s) = node else { return nil }
        return s.enumerated().map { YAMLValue(node: $0.element, path: "\(path)[\($0.offset)]", reader: reader) }
    }

    /// The items of a list read by `item`; items it rejects are left out (their problems are recorded).
    package func list<T>(_ item: (YAMLValue) -> T?) -> [T]? {
        list()?.compactMap(item)
    }

    /// The pairs of a mapping whose keys are free (layer ids, match cases), in order.
    package func entries() -> [(key: String, value: YAMLValue)]? {
        guard let pairs = pairs(expected: "a mapping") else { return nil }
        return pairs.map { ($0.key, $0.value) }
    }

    /// The pairs of a mapping, each key with its own node (for positions) and the value's path.
    func pairs(expected: @autoclosure () -> String) -> [(key: String, keyValue: YAMLValue, value: YAMLValue)]? {
        guard case .mapping(let m) = node else { problem("expected \(expected()), found \(found)"); return nil }
        return m.map { k, v in
            let key = k.string ?? ""
            let sub = path.isEmpty ? key : "\(path).\(key)"
            return (key, YAMLValue(node: k, path: sub, reader: reader), YAMLValue(node: v, path: sub, reader: reader))
        }
    }
}
