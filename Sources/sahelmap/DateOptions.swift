import ArgumentParser
import Foundation

/// The date a map carries (credits line, PDF creation date), shared by `render` and `build`: reproducible unless
/// today is asked for.
struct DateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The map's date (credits line, PDF creation date), ISO 8601. Default: $SOURCE_DATE_EPOCH, else the spec's as-of or to, else none.", valueName: "date"))
    var creationDate: String?

    @Flag(help: "Stamp maps with no date of their own with today's date (not reproducible).")
    var stampToday = false

    func validate() throws {
        if let d = creationDate, ISO8601DateFormatter().date(from: d) == nil {
            throw ValidationError("--creation-date: expected ISO 8601 like 2026-11-25T00:00:00Z, found \"\(d)\"")
        }
    }
}
