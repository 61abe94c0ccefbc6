/// Problems in a style or map-spec YAML file, each with its position and key path:
/// `Styles/briefing.yaml:14:11: layers.massacres.rules[2].marker.fill: expected a colour like "#c0392b", found "redd"`.
/// Loaders report every problem in a file at once.
public struct StyleError: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        public var line: Int, column: Int
        /// Key path from the document root, e.g. `layers.massacres.rules[2].marker.fill`.
        public var path: String
        public var message: String
        public var description: String { "\(line):\(column): \(path.isEmpty ? "" : path + ": ")\(message)" }
    }
    public var file: String
    public var problems: [Problem]

    public init(file: String, problems: [Problem]) {
        self.file = file
        self.problems = problems
    }

    public init(file: String, line: Int = 0, column: Int = 0, path: String = "", message: String) {
        self.init(file: file, problems: [Problem(line: line, column: column, path: path, message: message)])
    }

    public var description: String {
        problems.map { "\(file):\($0)" }.joined(separator: "\n")
    }
}
