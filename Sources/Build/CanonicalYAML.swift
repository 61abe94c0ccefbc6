import Foundation
import Yams

/// A YAML file's content as the renderer sees it: parsed (Yams) and written back in one canonical form — mappings
/// with sorted keys, each scalar with its resolved tag — so a comment, a blank line, indentation, quoting style or
/// the order of keys does not change its hash, while any change of a value does.
package enum CanonicalYAML {
    /// The canonical text of `yaml`, or nil when it is not one YAML document (the raw bytes are hashed then, and
    /// the render reports the problem).
    package static func text(_ yaml: String) -> String? {
        guard let root = try? Yams.compose(yaml: yaml) else { return nil }
        var out = ""
        write(root, into: &out)
        return out
    }

    /// `sha256:`-less hex digest of the canonical text of the file, or of its bytes when it is no YAML document;
    /// nil when it cannot be read.
    package static func sha256(file path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let s = String(data: data, encoding: .utf8), let canon = text(s) else { return SHA256.hex(Array(data)) }
        return SHA256.hex(Array(canon.utf8))
    }

    private static func write(_ node: Node, into out: inout String) {
        switch node {
        case .scalar(let s):
            out += "(" + node.tag.description + ")" + quoted(s.string)   // the resolved tag: plain 40 is an int, "40" a string
        case .sequence(let seq):
            out += "["
            for (k, n) in seq.enumerated() {
                if k > 0 { out += "," }
                write(n, into: &out)
            }
            out += "]"
        case .mapping(let m):
            let pairs = m.map { pair -> (String, String) in
                var k = "", v = ""
                write(pair.key, into: &k)
                write(pair.value, into: &v)
                return (k, v)
            }.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
            out += "{" + pairs.map { $0.0 + ":" + $0.1 }.joined(separator: ",") + "}"
        case .alias:
            out += "*"
        }
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
