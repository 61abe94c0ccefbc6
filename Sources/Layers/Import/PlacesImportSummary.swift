/// What a `PlacesCSVReader` import read and kept, how it placed rows, and which names it could not place.
public struct PlacesImportSummary: Sendable, Equatable, Codable {
    /// A place name that matched nothing.
    public struct Unmatched: Sendable, Equatable, Codable {
        public var line: Int
        public var name: String
        /// The row's country, when the file has a country column.
        public var country: String?
        /// The known places with the closest names (`Gazetteer.suggestions(for:country:)`), nearest first.
        public var suggestions: [Gazetteer.Place]
        public init(line: Int, name: String, country: String? = nil, suggestions: [Gazetteer.Place] = []) {
            self.line = line
            self.name = name
            self.country = country
            self.suggestions = suggestions
        }
    }

    /// A place name that matched several places.
    public struct Ambiguous: Sendable, Equatable, Codable {
        public var line: Int
        public var name: String
        public var candidates: [Gazetteer.Place]
        public init(line: Int, name: String, candidates: [Gazetteer.Place]) {
            self.line = line
            self.name = name
            self.candidates = candidates
        }
    }

    public var file: String
    /// Every column, as written in the header; each becomes a property.
    public var columns: [String] = []
    /// The latitude and longitude columns used (`lat`, `lon`…), when the file has them.
    public var coordinateColumns: [String]?
    /// The place-name column geocoded (`town`…), when the file has no coordinates.
    public var placeColumn: String?
    /// The country column that narrows place names, if any.
    public var countryColumn: String?
    /// The first-level region column (`admin1`, `region`) that breaks ties between places of a name, if any.
    public var admin1Column: String?
    /// Data rows read, blank lines excluded.
    public var rowsRead = 0
    public var featuresKept = 0
    /// The first `PlacesImportSummary.listLimit` rows that could not be read.
    public var badRows: [BadRow] = []
    public var badRowCount = 0
    /// Names that matched no place (the first `listLimit`); their rows are left out.
    public var unmatched: [Unmatched] = []
    /// Names that matched several places (the first `listLimit`); their rows are left out.
    public var ambiguous: [Ambiguous] = []

    /// How many problems of each kind a summary lists.
    public static let listLimit = 1000

    public init(file: String) { self.file = file }
}
