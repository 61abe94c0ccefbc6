/// A problem in a report's Markdown, its front matter or one of its figures, with the place in the Markdown file:
/// `Reports/x.md:42:3: figure "../Maps/nope.yaml": no such map spec (relative to Reports/)`.
public struct ReportError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?, column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }

    init(file: String, at p: SourcePosition, _ message: String) {
        self.init(file: file, line: p.line, column: p.column, message: message)
    }

    public var description: String {
        let place = [line, column].compactMap { $0 }.map(String.init).joined(separator: ":")
        return place.isEmpty ? "\(file): \(message)" : "\(file):\(place): \(message)"
    }
}
