/// What an ACLED import read, kept, skipped, and which columns it used.
public struct ACLEDImportSummary: Sendable, Equatable, Codable {
    /// The file, as given to the reader.
    public var file: String
    public var generation: ACLEDGeneration
    /// Data rows read: every record after the header, blank lines excluded.
    public var rowsRead: Int = 0
    /// Events handed to the caller.
    public var eventsKept: Int = 0
    /// Rows whose `event_id_cnty` was seen before (one row per actor in some exports): the first row is kept.
    public var duplicatesSkipped: Int = 0
    /// The first `ACLEDImportSummary.badRowLimit` bad rows, in file order.
    public var badRows: [BadRow] = []
    /// How many rows were bad, including those beyond `badRows`.
    public var badRowCount: Int = 0
    /// The columns the reader used, as named in ACLED's documentation (lower case), in the file's order.
    public var columnsUsed: [String] = []
    /// Columns the reader knows but the file lacks (`disorder_type` and `civilian_targeting` before 2023).
    public var columnsMissing: [String] = []
    /// The file's other columns, as written in its header (`year`, `assoc_actor_1`, `timestamp`…).
    public var columnsIgnored: [String] = []

    /// How many bad rows a summary lists; the rest are only counted.
    public static let badRowLimit = 1000

    public init(file: String, generation: ACLEDGeneration) {
        self.file = file
        self.generation = generation
    }
}
