import Foundation
import Geometry

extension Gazetteer {
    /// The columns of `GeoData/gazetteer.tsv` (written by `Scripts/geodata/gazetteer.py`), in order.
    static let tsvColumns = ["id", "name", "country", "admin1", "latitude", "longitude", "population", "precision",
                             "source", "alternates"]

    /// Reads a gazetteer file: one place a line, tab-separated `tsvColumns` after a header line, `#` lines are
    /// comments, alternate names `|`-separated.
    /// - Throws: `GeoDataError` naming the file and every line that is not a place.
    static func readTSV(path: String) throws -> (places: [Place], alternates: [[String]]) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw GeoDataError(file: path, message: "cannot read the gazetteer (missing, unreadable or not UTF-8)")
        }
        var places: [Place] = [], alternates: [[String]] = []
        var problems: [GeoDataError.Problem] = []
        var sawHeader = false
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if !sawHeader {
                sawHeader = true
                if f != tsvColumns {
                    throw GeoDataError(file: path, location: String(k + 1), message:
                        "expected the header \(tsvColumns.joined(separator: " ")), found \(f.joined(separator: " "))")
                }
                continue
            }
            guard f.count == tsvColumns.count, let lat = Double(f[4]), let lon = Double(f[5]), (-90...90).contains(lat),
                  (-180...180).contains(lon), let precision = Int(f[7]) else {
                if problems.count < 50 {
                    problems.append(.init(location: String(k + 1), message: "expected \(tsvColumns.count) tab-separated fields with numeric coordinates and precision"))
                }
                continue
            }
            places.append(Place(id: f[0], name: f[1], country: f[2], latitude: lat, longitude: lon,
                                admin1: f[3].isEmpty ? nil : f[3], population: Int(f[6]), precision: precision,
                                source: f[8] == "GeoNames" ? nil : f[8]))
            alternates.append(f[9].isEmpty ? [] : f[9].split(separator: "|").map(String.init))
        }
        if !problems.isEmpty { throw GeoDataError(file: path, problems: problems) }
        return (places, alternates)
    }
}
