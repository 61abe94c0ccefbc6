/// Problems in a style or map-spec YAML file, each with its position and key path:
/// `Styles/briefing.yaml:14:11: layers.massacres.rules[2].marker.fill: expected a colour like "#c0392b", found "redd"`.
/// Loaders report every problem in a file at once. A problem with no position (an unreadable file) prints none.
public struct StyleError: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        /// 1-based; nil when the problem has no position in the file.
        public var line: Int?, column: Int?
        /// Key path from the document root, e.g. `layers.massacres.rules[2].marker.fill`; empty for the whole file.
        public var path: String
        public var message: String

        public init(line: Int?, column: Int?, path: String, message: String) {
            self.line = line
            self.column = column
            self.path = path
            self.message = message
        }

        /// `3:8`, `3`, or nil.
        var position: String? { line.map { l in column.map { "\(l):\($0)" } ?? "\(l)" } }

        /// `3:8: page.sea: expected …`, without the parts it lacks.
        public var description: String {
            [position, path.isEmpty ? nil : path, message].compactMap { $0 }.joined(separator: ": ")
        }
    }
    public var file: String
    public var problems: [Problem]

    public init(file: String, problems: [Problem]) {
        self.file = file
        self.problems = problems
    }

    public init(file: String, line: Int? = nil, column: Int? = nil, path: String = "", message: String) {
        self.init(file: file, problems: [Problem(line: line, column: column, path: path, message: message)])
    }

    public var description: String {
        problems.map { p in "\(file)\(p.position.map { ":" + $0 } ?? ""): " + (p.path.isEmpty ? "" : p.path + ": ") + p.message }
            .joined(separator: "\n")
    }
}

/// A theme or map spec that is not where it was looked for. Says what it is and where it was looked for.
public enum NotFoundError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file given by its path: `map spec not found: no-such-spec.yaml`.
    case file(what: String, path: String)
    /// A theme path named by a file (`relativeTo`), or on the command line (`relativeTo` nil, the working
    /// directory): `theme "analyst" not found: tried styles/analyst.yaml (relative to Maps/x.yaml)`.
    case theme(path: String, relativeTo: String?)
    /// A bare theme name that is not a built-in theme. `sibling` is a file of that name next to the naming file,
    /// which a bare name does not reach.
    case builtInTheme(name: String, builtIns: [String], sibling: String?)

    public var description: String {
        switch self {
        case .file(let what, let path):
            return "\(what) not found: \(path)"
        case .theme(let path, let relativeTo):
            let file = path.split(separator: "/").last.map(String.init) ?? path
            let stem = file.hasSuffix(".yaml") ? String(file.dropLast(5)) : file
            let origin = path.hasPrefix("/") ? "" : " (relative to \(relativeTo ?? "the working directory"))"
            return "theme \"\(stem)\" not found: tried \(path)\(origin)"
        case .builtInTheme(let name, let builtIns, let sibling):
            let hint = sibling.map { "; to use \($0), write \"\(name).yaml\"" } ?? ""
            return "theme \"\(name)\" not found: the built-in themes are \(builtIns.joined(separator: ", "))\(hint)"
        }
    }
}
