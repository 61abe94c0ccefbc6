import Foundation
import Geometry

/// A name a user's files write for a known place (`Hombori-Est` for Hombori), from `aliases:` in a map spec: a
/// mapping of name to place (`{ "Sevare camp": Sévaré }`, or `{ place: Gao, country: MLI }` for a choice), or a CSV
/// file with `alias`, `place` and optional `country` columns. Looked up before the gazetteer.
public struct PlaceAlias: Sendable, Equatable {
    public var name: String
    /// The known place it means, looked up in the gazetteer.
    public var place: String
    /// Alpha-3 code or name of the place's country, when the place's name alone is ambiguous.
    public var country: String?
    /// Where the alias is written (the spec or the CSV), and its line.
    public var file: String
    public var line: Int?

    public init(name: String, place: String, country: String? = nil, file: String, line: Int? = nil) {
        self.name = name
        self.place = place
        self.country = country
        self.file = file
        self.line = line
    }

    /// Reads an aliases CSV: a header with `alias` (or `name`) and `place` columns, optionally `country`.
    /// - Throws: `GeoDataError` naming the file and every bad line.
    public static func read(csv path: String) throws -> [PlaceAlias] {
        var out: [PlaceAlias] = []
        var alias = -1, place = -1, country = -1, width = 0
        var problems: [GeoDataError.Problem] = []
        var sawHeader = false
        try CSVScanner(path: path).forEachRecord { r in
            if !sawHeader {
                sawHeader = true
                let lower = (0..<r.count).map { r.string($0).trimmingCharacters(in: .whitespaces).lowercased() }
                alias = lower.firstIndex(of: "alias") ?? lower.firstIndex(of: "name") ?? -1
                place = lower.firstIndex(of: "place") ?? -1
                country = lower.firstIndex(of: "country") ?? -1
                width = r.count
                guard alias >= 0, place >= 0 else {
                    throw GeoDataError(file: path, location: String(r.line), message:
                        "expected an alias (or name) column and a place column, found \(lower.joined(separator: ", "))")
                }
                return
            }
            guard r.problem == nil, r.count == width else {
                problems.append(.init(location: String(r.line), message: r.problem ?? "expected \(width) fields as in the header, found \(r.count)"))
                return
            }
            let a = r.string(alias).trimmingCharacters(in: .whitespaces), p = r.string(place).trimmingCharacters(in: .whitespaces)
            guard !a.isEmpty, !p.isEmpty else {
                problems.append(.init(location: String(r.line), message: "expected an alias and the place it means, found an empty field"))
                return
            }
            let c = country >= 0 ? r.string(country).trimmingCharacters(in: .whitespaces) : ""
            out.append(PlaceAlias(name: a, place: p, country: c.isEmpty ? nil : c, file: path, line: r.line))
        }
        if !sawHeader { throw GeoDataError(file: path, message: "expected a header row (alias,place[,country]), found an empty file") }
        if !problems.isEmpty { throw GeoDataError(file: path, problems: problems) }
        return out
    }
}
