import Geometry

/// Recognises a CSV file cut short (a half-finished download): it ends inside a quoted field, or its last row
/// has fewer fields than the header. Such a file is refused whole, with the line, rather than read as fewer rows.
package struct TruncationCheck {
    private var last: (line: Int, count: Int, unclosed: Bool)?
    package init() {}

    /// Looks at each data row, in file order.
    package mutating func see(_ r: CSVRecord) {
        see(line: r.line, fields: r.count, unclosed: Self.unclosed(r))
    }

    package mutating func see(line: Int, fields: Int, unclosed: Bool) {
        last = (line, fields, unclosed)
    }

    /// Whether the record is one whose quote is still open at the end of the file.
    package static func unclosed(_ r: CSVRecord) -> Bool { r.problem?.hasSuffix(CSVScanner.unclosedAtEnd) ?? false }

    /// - Throws: `GeoDataError` naming `path` and the last row's line when the file looks truncated.
    package func finish(path: String, headerFields: Int) throws {
        guard let last else { return }
        if last.unclosed {
            throw GeoDataError(file: path, location: String(last.line), message:
                "the file ends inside a quoted field: it looks truncated (a download that did not finish?); refused")
        }
        if last.count < headerFields {
            throw GeoDataError(file: path, location: String(last.line), message:
                "the last row has \(last.count) of the header's \(headerFields) fields: the file looks truncated (a download that did not finish?); refused")
        }
    }
}
