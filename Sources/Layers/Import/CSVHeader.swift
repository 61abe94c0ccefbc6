import Geometry

/// The first record of a CSV file, read without reading the rest.
package enum CSVHeader {
    private struct Stop: Error {}

    /// The header cells as written (BOM removed); empty for an empty file.
    /// - Throws: `GeoDataError` when the file cannot be read.
    package static func read(path: String) throws -> [String] {
        var header: [String] = []
        do {
            try CSVScanner(path: path, chunkSize: 64 * 1024).forEachRecord { r in
                header = (0..<r.count).map { r.string($0) }
                throw Stop()
            }
        } catch is Stop {}
        return header
    }
}
