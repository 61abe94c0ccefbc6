import Foundation
import Geometry

extension Extent {
    /// The one reader of an extent written as text, used by `--extent` and a spec's `extent:` alike: four numbers
    /// `west, south, east, north` in degrees, or names of countries and regions.
    ///
    /// A list with anything number-like in it (`-7.5`, `1e308`, `.inf`, `nan`) is read as numbers, so one bad number
    /// is a number error, not four place names. Numbers must be finite, within −180…180 and −90…90, with
    /// west < east and south < north.
    /// - Returns: The extent, or what was expected (without the option or key name, which the caller adds).
    public static func parse(_ items: [String]) -> Result<Extent, ExtentError> {
        let parts = items.map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.contains(where: looksNumeric) {
            guard parts.count == 4 else {
                return .failure(ExtentError(message: "expected four numbers west, south, east, north, found \(parts.count) values"))
            }
            var numbers: [Double] = []
            for p in parts {
                guard let d = Double(p), d.isFinite else {
                    return .failure(ExtentError(message: "expected four finite numbers west, south, east, north in degrees, found \"\(InputFile.echo(p))\""))
                }
                numbers.append(d)
            }
            let b = BoundingBox(west: numbers[0], south: numbers[1], east: numbers[2], north: numbers[3])
            guard b.west >= -180, b.east <= 180, b.south >= -90, b.north <= 90 else {
                return .failure(ExtentError(message: "expected longitudes −180…180 and latitudes −90…90, found \(parts.joined(separator: ", "))"))
            }
            guard b.west < b.east, b.south < b.north else {
                return .failure(ExtentError(message: "expected west < east and south < north, found \(parts.joined(separator: ", "))"))
            }
            return .success(.bbox(b))
        }
        if parts.isEmpty || parts.contains(where: \.isEmpty) {
            return .failure(ExtentError(message: "expected four numbers west, south, east, north or country/region names, found an empty name"))
        }
        // A command-line value is taken whatever it looks like, so a forgotten value swallows the next option.
        if let option = parts.first(where: { $0.hasPrefix("-") }) {
            return .failure(ExtentError(message: "expected four numbers west, south, east, north or names, found \"\(InputFile.echo(option))\""))
        }
        return .success(.features(parts))
    }

    /// `-7.5`, `+3`, `.5`, `1e308`, `inf`, `.inf`, `-.Inf`, `NaN`: text meant as a number, even when not a usable one.
    static func looksNumeric(_ s: String) -> Bool {
        if Double(s) != nil { return true }
        var t = Substring(s.lowercased())
        if t.first == "+" || t.first == "-" { t = t.dropFirst() }
        if t.first == "." { t = t.dropFirst() }
        return t.first?.isASCII == true && (t.first!.isNumber || t.hasPrefix("inf") || t.hasPrefix("nan"))
    }
}
