/// A CSV row that could not be read: its 1-based physical line in the file and what was wrong.
public struct BadRow: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The line on which the row starts (rows with quoted line breaks span several lines).
    public var line: Int
    /// `event_date: expected a date like 2021-06-05 or 05 June 2021, found "2021-13-45"`.
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `17: event_date: …`; prefix the file name for `events.csv:17: …`.
    public var description: String { "\(line): \(message)" }
}
