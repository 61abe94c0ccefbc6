/// Something a render left out or could not do that a reader of the map should know about: a CSV row skipped,
/// a place name that did not geocode, a label template field no feature has, a legend left out, a title cut off. Printed on
/// standard error, listed in the render report's `warnings`, and turned into an error by `--strict`.
public struct MapWarning: Codable, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case badRow = "bad-row"
        case unmatchedPlace = "unmatched-place"
        case ambiguousPlace = "ambiguous-place"
        case unknownTemplateField = "unknown-template-field"
        case legendLeftOut = "legend-left-out"
        case textCutOff = "text-cut-off"
        /// Events `aggregate: regions` could not count: in no region of the map's regions.
        case outsideRegions = "outside-regions"
        /// An inset, scale bar or other furniture the page has no room for.
        case furnitureLeftOut = "furniture-left-out"
        /// A data layer that read features and drew none (its time, filter or extent leaves none on the map).
        case nothingDrawn = "nothing-drawn"
    }
    public var kind: Kind
    /// The file the problem is in, when it is in one.
    public var file: String?
    /// Its 1-based line in `file`.
    public var line: Int?
    /// The map layer concerned, when one is.
    public var layer: String?
    public var message: String

    public init(kind: Kind, file: String? = nil, line: Int? = nil, layer: String? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.layer = layer
        self.message = message
    }

    /// `warning: data/events.csv:17: event_date: …` or `warning: layer towns: …`.
    public var description: String {
        var place = ""
        if let file { place = file + (line.map { ":\($0)" } ?? "") + ": " }
        if let layer { place += "layer \(layer): " }
        return "warning: \(place)\(message)"
    }
}
