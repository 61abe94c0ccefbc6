/// Which layout an ACLED export has.
public enum ACLEDGeneration: String, Sendable, Codable {
    /// The 31-column export introduced in 2023, with `disorder_type`, `civilian_targeting` and `tags`.
    case since2023 = "2023+"
    /// Earlier exports: no `disorder_type`; other or extra columns, upper-case headers, numeric inter codes.
    case before2023 = "before 2023"
}
