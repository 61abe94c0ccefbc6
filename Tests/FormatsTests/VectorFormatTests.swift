import Formats
import Foundation
import Geometry
import Testing

/// Every unsupported or corrupt file: one line naming the file and what is wrong.
struct VectorFormatTests {
    func message(_ path: String, layer: String? = nil) -> String {
        do {
            _ = try VectorFile.read(path: path, layer: layer)
            return "read"
        } catch {
            return "\(error)"
        }
    }

    @Test func detectsByContentNotExtension() throws {
        let s = Scratch()
        defer { s.remove() }
        let gpkg = try s.copy(ThirdParty.require(ThirdParty.worldMap), as: "world.dat")
        #expect(try VectorFormat.detect(path: gpkg) == .geoPackage)
        let shp = try s.copy(ThirdParty.require(ThirdParty.ne110Countries), as: "x.bin")
        #expect(try VectorFormat.detect(path: shp) == .shapefile)
        let json = s.write("regions.txt", Array(" \n{\"type\":\"FeatureCollection\",\"features\":[]}".utf8))
        #expect(try VectorFormat.detect(path: json) == .geoJSON)
        let csv = s.write("events.csv", Array("event_id,latitude,longitude\n".utf8))
        #expect(try VectorFormat.detect(path: csv) == .csv)
    }

    @Test func refusesOtherFormatsWithTheConversion() {
        let s = Scratch()
        defer { s.remove() }
        let kml = s.write("admin.kml", Array("<?xml version=\"1.0\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\">".utf8))
        #expect(message(kml) == "\(kml): KML is not supported; convert it with: ogr2ogr -f GPKG \(s.path("admin.gpkg")) \(kml)")
        let fgb = s.write("roads.fgb", Array("fgb\u{3}fgb\u{0}".utf8))
        #expect(message(fgb) == "\(fgb): FlatGeobuf is not supported; convert it with: ogr2ogr -f GPKG \(s.path("roads.gpkg")) \(fgb)")
        let elf = s.write("random.bin", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0xFF, 0x00])
        #expect(message(elf) == "\(elf): unrecognised format (binary, starting with bytes 7f 45 4c 46); SahelMap reads GeoJSON, CSV, GeoPackage (.gpkg) and Shapefile (.shp, or a .zip of one)")
        #expect(message(s.path("nothing.gpkg")) == "\(s.path("nothing.gpkg")): cannot read: no such file")
    }

    @Test func corruptFilesGiveOneLine() throws {
        let s = Scratch()
        defer { s.remove() }
        // A truncated zip: the first half of a real one (no central directory).
        let zipBytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: ThirdParty.require(ThirdParty.ne10Zip))))
        let truncated = s.write("mli_adm.zip", Array(zipBytes.prefix(zipBytes.count / 2)))
        #expect(message(truncated) == "\(truncated): not a readable zip archive (truncated or corrupt: no central directory)")
        // A Shapefile without its .shx.
        let src = try ThirdParty.require(ThirdParty.ne110Countries).dropLast(4)
        for e in ["shp", "dbf"] { _ = try s.copy(src + "." + e, as: "countries." + e) }
        #expect(message(s.path("countries.shp")) == "\(s.path("countries.shp")): missing its index countries.shx (a Shapefile is .shp + .shx + .dbf, side by side)")
        // An SQLite database without the GeoPackage tables.
        let plain = s.plainSQLite("places.gpkg")
        #expect(message(plain) == "\(plain): an SQLite database but not a GeoPackage: no gpkg_contents table")
        // A file named .shp that is not one, and an empty zip.
        let fake = s.write("fake.shp", Array("hello".utf8))
        #expect(message(fake) == "\(fake): not a Shapefile (no file code 9994 at the start)")
        let emptyZip = s.write("empty.zip", [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
        #expect(message(emptyZip) == "\(emptyZip): a zip archive with no Shapefile (.shp) inside")
        // One line each.
        for m in [message(truncated), message(plain), message(fake)] { #expect(!m.contains("\n")) }
    }

    @Test func splitsLayerFromPath() {
        #expect(VectorFile.split("cod-ab/mli_adm.zip#mli_admbnda_adm1") == ("cod-ab/mli_adm.zip", "mli_admbnda_adm1"))
        #expect(VectorFile.split("admin.gpkg") == ("admin.gpkg", nil))
    }
}
