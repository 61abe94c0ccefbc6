import ArgumentParser
import Foundation
import Geometry
import Layers
import Style

/// `sahelmap events FILE`: reads an ACLED export (either generation) or a CSV of places and says what it found.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Import an ACLED export or a CSV of places and summarise it",
        discussion: """
        A file whose header has event_id_cnty is read as an ACLED export (2023+ or older); any other CSV needs \
        latitude/longitude (lat, lon, lng) columns or a place-name column (location, place, town, name) looked up \
        in GeoData/gazetteer.tsv (GeoNames places with alternate names; a country and an admin1 or region column \
        break ties), after the --aliases file. Unmatched names come with the closest known places. Exits with status 1 when the file cannot be read or the import is refused.
        """)

    /// How many problems the text output lists.
    static let listLimit = 20

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
    var file: String

    @Option(name: .customLong("bad-rows"), help: ArgumentHelp("skip: import the rest and report them; refuse: import nothing.", valueName: "skip|refuse"))
    var badRows: BadRowPolicy = .skip

    @Option(help: ArgumentHelp("A CSV of aliases (columns alias, place, country) looked up before the gazetteer.", valueName: "file"))
    var aliases: String?

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func run() throws {
        do {
            if try ACLEDReader.looksLikeACLED(path: file) {
                let summary = try ACLEDReader(path: file, policy: badRows).read { _ in }
                if json { try printJSON(summary) } else { print(Self.text(summary), terminator: "") }
            } else {
                var catalog = DataCatalog(resources: try Resources.locate())
                if let aliases { catalog.aliases = try PlaceAlias.read(csv: aliases) }
                let sources = SourceSet(catalog: catalog)
                let summary = try PlacesCSVReader(path: file, policy: badRows, gazetteer: sources.gazetteer).read { _ in }
                if json { try printJSON(summary) } else { print(Self.text(summary), terminator: "") }
            }
        } catch let error as GeoDataError {
            var lines = Self.limited(error.problems.map { p in
                p.location.isEmpty ? "\(error.file): \(p.message)" : "\(error.file):\(p.location): \(p.message)"
            }, total: error.problems.count + error.omitted)
            if badRows == .refuse, error.problems.contains(where: { Int($0.location) ?? 0 > 1 }) {
                lines.append("\(file): import refused (--bad-rows refuse): \(error.problems.count + error.omitted) problem(s)")
            }
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            throw ExitCode(1)
        }
    }

    private func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// At most `listLimit` lines, then "… and N more".
    static func limited(_ lines: [String], total: Int) -> [String] {
        let shown = Array(lines.prefix(listLimit))
        return total > shown.count ? shown + ["… and \(total - shown.count) more"] : shown
    }

    static func list(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }

    static func text(_ s: ACLEDImportSummary) -> String {
        var out = """
        \(s.file): ACLED export (\(s.generation.rawValue) columns)
        rows read: \(s.rowsRead)
        events kept: \(s.eventsKept)
        duplicates skipped: \(s.duplicatesSkipped)
        bad rows: \(s.badRowCount)

        """
        for l in limited(s.badRows.map { "  \(s.file):\($0.line): \($0.message)" }, total: s.badRowCount) {
            out += l.hasPrefix("…") ? "  \(l)\n" : "\(l)\n"
        }
        out += "columns used: \(list(s.columnsUsed))\n"
        out += "columns missing: \(list(s.columnsMissing))\n"
        out += "columns ignored: \(list(s.columnsIgnored))\n"
        return out
    }

    static func text(_ s: PlacesImportSummary) -> String {
        let how = s.coordinateColumns.map { "coordinates in \($0.joined(separator: ", "))" }
            ?? "place names in \(s.placeColumn ?? "?")" + (s.countryColumn.map { ", countries in \($0)" } ?? "")
                + (s.admin1Column.map { ", regions in \($0)" } ?? "")
        var out = """
        \(s.file): CSV of places (\(how))
        rows read: \(s.rowsRead)
        features kept: \(s.featuresKept)
        bad rows: \(s.badRowCount)

        """
        func add(_ lines: [String], total: Int) {
            for l in limited(lines, total: total) { out += "  \(l)\n" }
        }
        add(s.badRows.map { "\(s.file):\($0.line): \($0.message)" }, total: s.badRowCount)
        if s.placeColumn != nil {
            out += "unmatched names: \(s.unmatched.count)\n"
            add(s.unmatched.map { u in
                "\(s.file):\(u.line): \"\(u.name)\"" + (u.country.map { " in \($0)" } ?? "")
                    + (u.suggestions.isEmpty ? "" : "; closest: " + u.suggestions.map(\.label).joined(separator: ", "))
            }, total: s.unmatched.count)
            out += "ambiguous names: \(s.ambiguous.count)\n"
            add(s.ambiguous.map { a in
                "\(s.file):\(a.line): \"\(a.name)\": " + a.candidates.map(\.label).joined(separator: ", ")
            }, total: s.ambiguous.count)
        }
        out += "columns used: \(list(s.columns))\n"
        return out
    }
}

extension BadRowPolicy: ExpressibleByArgument {}
