import CShapelib
import Foundation
import Formats
import Geometry
import Layers
import Style
@testable import Render
import Testing

/// A Burkina Faso provinces Shapefile as COD-AB ships them — projected (UTM 30N), a Latin-1 attribute table, P-code
/// and French name fields — made in the test from the 45 BF provinces of QGIS's world_map.gpkg (Natural Earth
/// v4.1, Debian qgis-common; `Scripts/fixtures/format-fixtures.py` fetches it) with our reader, PROJ and shapelib.
enum BFProvinces {
    static let worldMap = (ProcessInfo.processInfo.environment["SAHELMAP_DERIVE_CACHE"] ?? NSHomeDirectory() + "/.cache/sahelmap-derive")
        + "/apt-qgis-common-3.22.16+dfsg-1/usr/share/qgis/resources/data/world_map.gpkg"
    static let utm30North = #"PROJCS["WGS_1984_UTM_Zone_30N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",-3.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#

    /// Writes `DIR/cod-ab/bfa_provinces.{shp,shx,dbf,prj,cpg}` and returns the .shp path. Fields: ADM2_PCODE
    /// (`BF01`… in the GeoPackage's order: a made-up unique code, as Natural Earth has no P-codes), ADM2_FR (the
    /// name), ADM2_FIPS (Natural Earth's FIPS code, not unique: 31 codes for 45 provinces), ADM0_FR.
    static func write(into dir: String) throws -> String {
        try #require(FileManager.default.fileExists(atPath: worldMap), "missing \(worldMap): run python3 Scripts/fixtures/format-fixtures.py")
        let provinces = try VectorFile.read(path: worldMap, layer: "states_provinces").features.features
            .filter { $0.string("adm0_a3") == "BFA" }
        try #require(provinces.count == 45)
        try FileManager.default.createDirectory(atPath: dir + "/cod-ab", withIntermediateDirectories: true)
        let base = dir + "/cod-ab/bfa_provinces"
        let utm = try Transform(to: "EPSG:32630")
        let shp = try #require(SHPCreate(base, SHPT_POLYGON))
        let dbf = try #require(DBFCreateEx(base + ".dbf", "LDID/87"))
        _ = DBFAddField(dbf, "ADM2_PCODE", FTString, 10, 0)
        _ = DBFAddField(dbf, "ADM2_FR", FTString, 50, 0)
        _ = DBFAddField(dbf, "ADM2_FIPS", FTString, 10, 0)
        _ = DBFAddField(dbf, "ADM0_FR", FTString, 20, 0)
        for (k, p) in provinces.enumerated() {
            var xs: [Double] = [], ys: [Double] = [], starts: [Int32] = []
            for polygon in p.geometry?.polygons ?? [] {
                for (r, ring) in polygon.enumerated() {
                    var pts = try utm.project(ring).map { try #require($0) }
                    // Shapefile rings: outer clockwise, holes counter-clockwise (x east, y north).
                    let area = zip(pts, pts.dropFirst() + [pts[0]]).reduce(0.0) { $0 + $1.0.x * $1.1.y - $1.1.x * $1.0.y }
                    if (r == 0) == (area > 0) { pts.reverse() }
                    starts.append(Int32(xs.count))
                    xs += pts.map(\.x)
                    ys += pts.map(\.y)
                }
            }
            let o = try #require(SHPCreateObject(SHPT_POLYGON, -1, Int32(starts.count), &starts, nil, Int32(xs.count), &xs, &ys, nil, nil))
            _ = SHPWriteObject(shp, -1, o)
            SHPDestroyObject(o)
            for (field, text) in ["BF" + (k < 9 ? "0" : "") + String(k + 1), p.string("name") ?? "", p.string("fips") ?? "", "Burkina Faso"].enumerated() {
                var latin1 = Array(try #require(text.data(using: .isoLatin1))) + [0]
                _ = latin1.withUnsafeMutableBufferPointer { b in
                    b.withMemoryRebound(to: CChar.self) { DBFWriteStringAttribute(dbf, Int32(k), Int32(field), $0.baseAddress) }
                }
            }
        }
        SHPClose(shp)
        DBFClose(dbf)
        try utm30North.write(toFile: base + ".prj", atomically: true, encoding: .utf8)
        try "1252".write(toFile: base + ".cpg", atomically: true, encoding: .utf8)
        return base + ".shp"
    }
}

/// `regions:` — a spec's own boundaries replace the built-in regions for drawing, extents, counts and credits.
@Suite struct UserRegionsTests {
    let resources: Resources
    init() throws { resources = try Resources.locate() }

    /// A folder with the provinces Shapefile, the Liptako-Gourma ACLED-format events and a choropleth spec.
    func setUp(extent: String = "[Burkina Faso]") throws -> String {
        let dir = try temporaryDirectory()
        _ = try BFProvinces.write(into: dir)
        try FileManager.default.copyItem(atPath: resources.maps + "/data/liptako-gourma-events.csv", toPath: dir + "/events.csv")
        try """
            title: Events by province, Burkina Faso, 2019–2021
            extent: \(extent)
            from: 2019-01-01
            to: 2021-12-31
            regions: { source: cod-ab/bfa_provinces.shp, id: ADM2_PCODE, name: ADM2_FR }
            layers:
              - countries
              - { id: events, source: events.csv, aggregate: regions, where: country == "Burkina Faso" }
              - regions
              - borders
            """.write(toFile: dir + "/provinces.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    func compose(_ dir: String, dpi: Double = 100) throws -> (MapRenderer, ComposedMap) {
        let spec = try MapSpec.load(path: dir + "/provinces.yaml", resources: resources)
        let renderer = try MapRenderer(spec: spec, page: Page(widthMillimeters: 297, heightMillimeters: 210, dpi: dpi),
                                       resources: resources, info: fixedInfo)
        return (renderer, try renderer.compose())
    }

    /// The counts per province in the render report, checked against the events' own province (admin2 is empty in
    /// the file; these are the provinces their coordinates fall in: Djibo, Arbinda, Silgadji and Boukouma's proxy
    /// towns are in Soum; Yirgou's village point falls just inside these generalised polygons' Soum although the village is
    /// in Sanmatenga, as GeoData/sources/README.md says), the credits naming the file, and no warning: every Burkina
    /// Faso event is counted.
    @Test func eventsCountedPerProvince() throws {
        let dir = try setUp()
        let (_, map) = try compose(dir)
        let events = try #require(map.report.layers.first { $0.id == "events" })
        #expect(events.source == dir + "/events.csv")
        #expect(events.featuresAggregated == 10)
        let counts = try #require(events.regionCounts)
        #expect(counts.map { "\($0.name) \($0.count)" }.sorted() == ["Gourma 1", "Sanmatenga 1", "Soum 6", "Yagha 1", "Yatenga 1"])
        #expect(counts.first { $0.name == "Soum" }?.fatalities == 393)   // 180 + 35 + 39 + 31 + 59 + 49
        #expect(counts.allSatisfy { $0.id.hasPrefix("BF") && $0.id.count == 4 })
        #expect(map.report.warnings == [])
        #expect(map.report.credits.contains("regions: bfa_provinces.shp"))
        let regions = try #require(map.report.layers.first { $0.id == "regions" })
        #expect(regions.source == dir + "/cod-ab/bfa_provinces.shp" && regions.featuresRead == 45)
        #expect(map.report.legend.contains("1–9 events"))
    }

    /// The choropleth read back from pixels: inside Soum (5 events) the "1–9 events" fill over the land colour,
    /// inside Séno (none) the land colour.
    @Test func choroplethPixels() throws {
        let dir = try setUp()
        let (renderer, map) = try compose(dir)
        let image = try renderer.image(map)
        let provinces = try UserRegions(path: dir + "/cod-ab/bfa_provinces.shp", idField: "ADM2_PCODE", nameField: "ADM2_FR").read()
        let land = Color(hex: "#f4e7cd")!, fill = Color(hex: "#fdd0a2")!
        let shaded = Color(red: 0.9 * fill.red + 0.1 * land.red, green: 0.9 * fill.green + 0.1 * land.green,
                           blue: 0.9 * fill.blue + 0.1 * land.blue)
        func share(_ name: String, _ colour: Color) throws -> Double {
            let f = try #require(provinces.features.first { $0.string("name") == name })
            let rings = (f.geometry?.polygons ?? []).map { $0.map { $0.map { MapPoint(x: $0.longitude, y: $0.latitude) } } }
            let box = try #require(f.geometry?.boundingBox)
            var inside = 0, matching = 0
            for i in 0...20 {
                for j in 0...20 {
                    let lon = box.west + (box.east - box.west) * Double(i) / 20, lat = box.south + (box.north - box.south) * Double(j) / 20
                    guard rings.contains(where: { RegionCounts.contains($0, MapPoint(x: lon, y: lat)) }) else { continue }
                    inside += 1
                    if close(image.pixel(at: try pagePoint(lon, lat, in: map, projection: renderer.spec.projection)), colour, tolerance: 3) { matching += 1 }
                }
            }
            return Double(matching) / Double(max(inside, 1))
        }
        #expect(try share("Soum", shaded) > 0.8)
        #expect(try share("Séno", land) > 0.8)
        #expect(try share("Séno", shaded) == 0)
    }

    /// `--extent` takes a province name (accents optional) from the spec's regions, on the command line; a name
    /// that is no province is an error listing the closest.
    @Test func extentByProvinceName() throws {
        let dir = try setUp()
        let sources = SourceSet(catalog: DataCatalog(resources: resources, spec: try MapSpec.load(path: dir + "/provinces.yaml", resources: resources)))
        #expect(try sources.places(named: "seno").map { $0.string("name") } == ["Séno"])
        #expect(try sources.places(named: "Kénédougou").first?.string("ADM0_FR") == "Burkina Faso")
        #expect(throws: ExtentError(message: "no country or region of bfa_provinces.shp named \"Senno\"; did you mean Séno?")) {
            _ = try sources.places(named: "Senno")
        }
        let exe = try #require(sahelmapExecutable, "build sahelmap first")
        let r = try runTool(exe, ["render", "provinces.yaml", "--extent", "Séno", "-o", "seno.png", "--size", "600x400px", "--dpi", "72",
                                  "--report", "seno.json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let report = try JSONDecoder().decode(RenderReport.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/seno.json")))
        #expect(report.credits.contains("regions: bfa_provinces.shp"))
        // Séno fills the map: Dori, its capital, is on the page, Ouagadougou (250 km away) is not.
        var seno = try MapSpec.load(path: dir + "/provinces.yaml", resources: resources)
        seno.extent = .features(["Séno"])
        let page = Page(widthMillimeters: 600 / 72 * 25.4, heightMillimeters: 400 / 72 * 25.4, dpi: 72)
        let composed = try MapRenderer(spec: seno, page: page, resources: resources, info: fixedInfo).compose()
        let dori = try pagePoint(-0.03445, 14.03540, in: composed, projection: seno.projection)
        let ouaga = try pagePoint(-1.53388, 12.36566, in: composed, projection: seno.projection)
        #expect(dori.x > 0 && dori.x < page.widthPoints && dori.y > 0 && dori.y < page.heightPoints)
        #expect(!(ouaga.x > 0 && ouaga.x < page.widthPoints && ouaga.y > 0 && ouaga.y < page.heightPoints))
        #expect(report.layers.first { $0.id == "regions" }?.featuresDrawn == composed.report.layers.first { $0.id == "regions" }?.featuresDrawn)
        let listed = try runTool(exe, ["regions", "--spec", "provinces.yaml"], in: dir)
        #expect(listed.status == 0)
        let lines = listed.stdout.split(separator: "\n")
        #expect(lines.first == "bfa_provinces.shp: 45 regions (ADM2_PCODE, ADM2_FR)" && lines.count == 46)
        #expect(lines.contains { $0.hasSuffix("\tSéno") } && lines.contains { $0.hasSuffix("\tKénédougou") })
        let bad = try runTool(exe, ["render", "provinces.yaml", "--extent", "Senno", "-o", "x.png"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("no country or region of bfa_provinces.shp named \"Senno\"; did you mean Séno?"))
    }

    /// A field the file does not have is an error listing its fields; a repeated id is one too.
    @Test func wrongFieldsAreNamed() throws {
        let dir = try setUp()
        let path = dir + "/cod-ab/bfa_provinces.shp"
        let e = try #require(throws: GeoDataError.self) { _ = try UserRegions(path: path, idField: "ADM2_PCOD", nameField: "ADM0_FR").read() }
        #expect(e.description == "bfa_provinces.shp: regions: id: no field \"ADM2_PCOD\"; did you mean ADM2_PCODE?; its fields are ADM0_FR, ADM2_FIPS, ADM2_FR, ADM2_PCODE")
        let d = try #require(throws: GeoDataError.self) { _ = try UserRegions(path: path, idField: "ADM2_FIPS", nameField: "ADM2_FR").read() }
        #expect(d.problems.count == 14)
        #expect(d.problems.allSatisfy { $0.message.hasSuffix("region ids must be unique") })
    }
}

/// The built `sahelmap` executable, next to the test bundle.
let sahelmapExecutable: String? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for d in [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(), root.appendingPathComponent(".build/debug")] {
        var url = d
        for _ in 0..<3 {
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("sahelmap").path) { return url.appendingPathComponent("sahelmap").path }
            url.deleteLastPathComponent()
        }
    }
    return nil
}()

/// Runs `tool` in `dir`: its exit status, standard output and standard error (output into a file, so neither
/// pipe can fill up while the other is read).
func runTool(_ tool: String, _ args: [String], in dir: String) throws -> (status: Int32, stderr: String, stdout: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    let err = Pipe()
    let outPath = dir + "/.stdout-\(UUID().uuidString)"
    FileManager.default.createFile(atPath: outPath, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    p.standardError = err
    p.standardOutput = out
    try p.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    try out.close()
    let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(atPath: outPath)
    return (p.terminationStatus, String(decoding: data, as: UTF8.self), stdout)
}
