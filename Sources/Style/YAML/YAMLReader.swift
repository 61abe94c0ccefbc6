import Foundation
internal import Yams
import Geometry

/// Reads a YAML document strictly, recording every problem with its line, column and key path instead of
/// stopping at the first. One of the files that import Yams; no Yams type leaves them: the document is walked as
/// `YAMLValue`s, and mappings are read with a `Schema`.
package final class YAMLReader {
    package let file: String
    package private(set) var problems: [StyleError.Problem] = []
    private let rootNode: Node?
    /// Lines of `file` before the YAML text (a Markdown file's front matter starts on line 2).
    package let lineOffset: Int

    /// Reads and parses a file; YAML syntax errors become problems (thrown by `finish()`).
    /// - Parameter what: What the file is, for the error when it does not exist: "theme", "map spec".
    /// - Throws: `NotFoundError` when there is no such file; `StyleError` when it cannot be read as UTF-8 text.
    package convenience init(path: String, what: String) throws {
        if !FileManager.default.fileExists(atPath: path) { throw NotFoundError.file(what: what, path: path) }
        let bytes: [UInt8]
        do { bytes = try InputFile.read(path, what: "YAML") } catch {
            throw StyleError(file: path, message: error.problems.first?.message ?? "cannot read the file")
        }
        guard let text = String(validating: bytes.dropLast(), as: UTF8.self) else {
            throw StyleError(file: path, message: "cannot read the file as UTF-8 (save it as UTF-8)")
        }
        self.init(text: text, file: path)
    }

    /// Parses YAML text that sits in `file` after `lineOffset` other lines (front matter in a Markdown file), so
    /// problems carry the file's own line numbers.
    package init(text: String, file: String, lineOffset: Int = 0) {
        self.file = file
        self.lineOffset = lineOffset
        var parsed: Node?
        var syntax: StyleError.Problem?
        do {
            parsed = try Yams.compose(yaml: text, .basic)
        } catch let e as YamlError {
            switch e {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                syntax = .init(line: mark.line + lineOffset, column: mark.column, path: "", message: "YAML syntax: \(problem)")
            case .duplicatedKeysInMapping(let keys, let context):
                // Yams' own message quotes the whole document.
                let names = keys.map { "\"\($0)\"" }.joined(separator: ", ")
                syntax = .init(line: context.mark.line + lineOffset, column: context.mark.column, path: "",
                               message: "YAML syntax: \(keys.count == 1 ? "key" : "keys") \(names) given more than once in a mapping")
            default:
                syntax = .init(line: nil, column: nil, path: "", message: "YAML syntax: \(e)")
            }
        } catch {
            syntax = .init(line: nil, column: nil, path: "", message: "YAML syntax: \(error)")
        }
        rootNode = parsed
        if let syntax { problems.append(syntax) }
        if parsed == nil && syntax == nil { problems.append(.init(line: 1, column: 1, path: "", message: "the file is empty")) }
    }

    /// The document, or nil when it is empty or does not parse (a problem is recorded).
    package var root: YAMLValue? { rootNode.map { YAMLValue(node: $0, path: "", reader: self) } }

    /// Throws every recorded problem, if any.
    package func finish() throws(StyleError) {
        if !problems.isEmpty { throw StyleError(file: file, problems: problems) }
    }

    /// Records a problem with no position in the file.
    package func problem(_ message: String) {
        problems.append(.init(line: nil, column: nil, path: "", message: message))
    }

    func record(_ node: Node?, _ path: String, _ message: String, columnOffset: Int = 0) {
        let m = node?.mark
        problems.append(.init(line: m.map { $0.line + lineOffset }, column: m.map { $0.column + columnOffset }, path: path, message: message))
    }
}
