/// What an importer does with rows it cannot read.
public enum BadRowPolicy: String, Sendable, CaseIterable, Codable {
    /// Leave them out, report them in the summary, and import the rest.
    case skip
    /// Refuse the whole file: read to the end to report every bad row, then throw.
    case refuse
}
