/// Everything wrong with one data file: each problem says where (line:column, or feature and member path) and
/// what was expected. Loaders report every problem at once, up to a limit.
public struct GeoDataError: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Problem: Equatable, Sendable {
        /// "12:5" for a syntax error, `feature #3 (id "ML-7"): geometry.coordinates[0]` for a content error.
        public var location: String
        public var message: String
        public init(location: String, message: String) {
            self.location = location
            self.message = message
        }
    }

    public var file: String
    public var problems: [Problem]
    /// How many problems were found beyond those kept in `problems`.
    public var omitted: Int

    public init(file: String, problems: [Problem], omitted: Int = 0) {
        self.file = file
        self.problems = problems
        self.omitted = omitted
    }

    public init(file: String, location: String = "", message: String) {
        self.init(file: file, problems: [Problem(location: location, message: message)])
    }

    public var description: String {
        var lines = problems.map { p in
            p.location.isEmpty ? "\(file): \(p.message)"
                : p.location.first!.isNumber ? "\(file):\(p.location): \(p.message)"
                : "\(file): \(p.location): \(p.message)"
        }
        if omitted > 0 { lines.append("\(file): … and \(omitted) more problem(s)") }
        return lines.joined(separator: "\n")
    }
}
