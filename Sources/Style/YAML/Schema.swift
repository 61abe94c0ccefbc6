/// The keys a YAML mapping may have, each with the one function that reads it into `Target`. The allowed keys are
/// the readers' keys, so a key cannot be allowed without being read, or read without being allowed:
///
/// ```swift
/// static let line = Schema<LineStyle>([
///     "color": { $0.color = $1.color() ?? $0.color },
///     "width": { $0.widthPoints = $1.double(in: 0...50) ?? $0.widthPoints },
/// ])
/// ```
/// Keys are read in the document's order. Checks across keys ("expected when or else") belong to the caller,
/// after `read`.
package struct Schema<Target>: Sendable {
    package typealias Field = @Sendable (inout Target, YAMLValue) -> Void

    /// The allowed keys, in the order messages list them.
    package let keys: [String]
    /// The reader of each allowed key.
    package let fields: [String: Field]

    package init(_ fields: KeyValuePairs<String, Field>) {
        keys = fields.map(\.key)
        self.fields = Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { _, _ in
            preconditionFailure("a schema lists a key twice")
        })
    }

    /// Reads each key of a mapping into `target`. An unknown key is a problem at the key (with the allowed keys);
    /// a value that is not a mapping is a problem at the value. (Repeated keys are refused by the YAML parser.)
    /// - Returns: false when `v` is not a mapping.
    @discardableResult
    package func read(_ v: YAMLValue, into target: inout Target) -> Bool {
        guard let pairs = v.pairs(expected: "a mapping with keys \(keys.joined(separator: ", "))") else { return false }
        for (key, keyValue, value) in pairs {
            guard let field = fields[key] else {
                keyValue.problem("unknown key \"\(key)\"\(suggestion(for: key)); expected one of \(keys.joined(separator: ", "))")
                continue
            }
            field(&target, value)
        }
        return true
    }

    /// `read(_:into:)` starting from `start`.
    package func read(_ v: YAMLValue, from start: Target) -> Target {
        var target = start
        read(v, into: &target)
        return target
    }

    /// ` (did you mean "color"?)` for a key close to an allowed one: one edit for short keys, two for longer.
    func suggestion(for key: String) -> String {
        let limit = key.count >= 5 ? 2 : 1
        let near = keys.map { ($0, Self.editDistance(key, $0)) }.filter { $0.1 <= limit }.min { $0.1 < $1.1 }
        return near.map { " (did you mean \"\($0.0)\"?)" } ?? ""
    }

    /// Levenshtein distance over characters (keys are short).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in a.indices {
            var diagonal = row[0]
            row[0] = i + 1
            for j in b.indices {
                let substitute = diagonal + (a[i] == b[j] ? 0 : 1)
                diagonal = row[j + 1]
                row[j + 1] = min(substitute, row[j + 1] + 1, row[j] + 1)
            }
        }
        return row[b.count]
    }
}
