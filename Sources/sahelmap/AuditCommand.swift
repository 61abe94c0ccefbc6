import ArgumentParser
import Foundation
import Layers
import Style

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the thematic data like a fact-checker and print a summary.",
        discussion: """
            Checks bases, massacres, group_presence and political_events (GeoJSON, as GeoData/ ships them): every \
            feature has a source and a confidence; dates parse and are in order; a row's first year agrees with its \
            levels; every massacre's town point lies inside the region its row names; no "none" level without a \
            source; no id used twice; points shared by several features are listed (maps spread them). Exits 1 \
            on any failure.
            """)

    @Option(name: .customLong("data"), help: ArgumentHelp("Folder with the four thematic GeoJSON files. Default: the built-in GeoData.", valueName: "dir"))
    var data: String?

    @Option(help: ArgumentHelp("Region polygons (GeoJSON). Default: regions.geojson beside the data, else the built-in one.", valueName: "file"))
    var regions: String?

    func run() throws {
        let geoData = try Resources.locate().geoData
        let dir = data ?? geoData
        let regionsPath = regions ?? (FileManager.default.fileExists(atPath: dir + "/regions.geojson") ? dir + "/regions.geojson" : geoData + "/regions.geojson")
        let audit = try DataAudit(directory: dir, regions: regionsPath)
        for line in audit.summary.dropLast() { print(line) }
        for n in audit.notes { print("note: \(n)") }
        for f in audit.failures { FileHandle.standardError.write(Data("FAIL: \(f)\n".utf8)) }
        print(audit.summary.last ?? "")
        if !audit.passed { throw ExitCode(1) }
    }
}
