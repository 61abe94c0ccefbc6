import Formats
import Foundation
import Geometry
import Testing

/// QGIS's world_map.gpkg (Debian qgis-common): three Natural Earth layers written by GDAL.
struct GeoPackageReaderTests {
    @Test func listsTheThreeLayersWithCountsFieldsAndCRS() throws {
        let layers = try VectorFile.layers(path: ThirdParty.require(ThirdParty.worldMap))
        #expect(layers.map(\.name) == ["countries", "disputed_borders", "states_provinces"])
        #expect(layers.map(\.featureCount) == [240, 46, 4556])
        #expect(layers.map(\.geometryType) == ["MULTIPOLYGON", "MULTILINESTRING", "MULTIPOLYGON"])
        #expect(layers.allSatisfy { $0.crs == "EPSG:4326" })
        #expect(layers[0].fields.map(\.name) == ["iso_a2", "NAME", "FIPS_10_", "ISO_A3", "WB_A2", "WB_A3"])
        #expect(layers[0].fields[1].type == "TEXT(25)")
    }

    @Test func severalLayersAndNoneChosenIsAnErrorListingThem() throws {
        let path = try ThirdParty.require(ThirdParty.worldMap)
        #expect(throws: GeoDataError(file: path, message: "3 layers, choose one with world_map.gpkg#NAME or layer: NAME: countries, disputed_borders, states_provinces")) {
            try VectorFile.read(path: path, layer: nil)
        }
        #expect(throws: GeoDataError(file: path, message: "no layer \"adm1\"; its layers are countries, disputed_borders, states_provinces")) {
            try VectorFile.read(path: path, layer: "adm1")
        }
    }

    /// Mali's box as decoded from WKB equals the envelope GDAL wrote into the blob's header
    /// (minx −12.264130411555783, maxx 4.235637655100812, miny 10.14005401392276, maxy 24.995064546548846).
    @Test func maliMatchesTheEnvelopeInItsGeoPackageHeader() throws {
        let layer = try VectorFile.read(path: ThirdParty.require(ThirdParty.worldMap), layer: "countries")
        #expect(layer.features.features.count == 240)
        let mali = try #require(layer.features.features.first { $0.string("ISO_A3") == "MLI" })
        #expect(mali.id == "4688")
        #expect(mali.string("NAME") == "Mali")
        let box = try #require(mali.geometry?.boundingBox)
        #expect(box == BoundingBox(west: -12.264130411555783, south: 10.14005401392276, east: 4.235637655100812, north: 24.995064546548846))
        #expect(mali.geometry?.typeName == "MultiPolygon")
    }

    @Test func accentedNamesAndLinesIntact() throws {
        let provinces = try VectorFile.read(path: ThirdParty.require(ThirdParty.worldMap), layer: "states_provinces")
        #expect(provinces.features.features.count == 4556)
        let names = Set(provinces.features.features.filter { $0.string("adm0_a3") == "BFA" }.compactMap { $0.string("name") })
        #expect(names.isSuperset(of: ["Zoundwéogo", "Boulkiemdé", "Komoé", "Kénédougou", "Léraba", "Séno"]))
        #expect(provinces.features.features.first { $0.id == "5197" }?.string("name") == "Tillabéri")
        let borders = try VectorFile.read(path: ThirdParty.worldMap, layer: "disputed_borders")
        #expect(borders.features.features.count == 46)
        #expect(borders.features.features.allSatisfy { $0.geometry?.typeName == "MultiLineString" })
    }
}

/// A GeoPackage built in the test: a layer in UTM zone 31N (EPSG:32631), blobs in both byte orders with XY and
/// XYZM envelopes, an empty geometry, a NULL one, NULL attributes.
struct GeoPackageBinaryTests {
    @Test func projectedLayerWithBothByteOrdersAndEmptyGeometries() throws {
        let s = Scratch()
        defer { s.remove() }
        let gpkg = s.geoPackage("sites.gpkg", srsID: 32631, organization: "EPSG", code: 32631, definition: "undefined", rows: [
            (GPB.bigEndianPointZ(srsID: 32631, x: 500_000, y: 0, z: 250), "Équateur", 12),
            (GPB.littleEndianPointZ(srsID: 32631, x: 500_000, y: 0, z: 250), nil, nil),
            (GPB.empty(srsID: 32631), "vide", 0),
            (nil, "sans géométrie", 1),
        ])
        let layers = try VectorFile.layers(path: gpkg)
        #expect(layers.map(\.name) == ["sites"])
        #expect(layers[0].crs == "EPSG:32631")
        #expect(layers[0].geometryType == "POINT Z")
        #expect(layers[0].featureCount == 4)
        #expect(layers[0].fields == [.init(name: "name", type: "TEXT"), .init(name: "population", type: "INTEGER")])
        let read = try VectorFile.read(path: gpkg, layer: "sites")
        #expect(read.skippedEmpty == 2)
        #expect(read.info.crsName == "WGS 84 / UTM zone 31N")
        let f = read.features.features
        #expect(f.map(\.id) == ["1", "2"])
        for feature in f {
            let p = try #require(feature.geometry?.points.first)
            #expect(abs(p.longitude - 3) < 1e-9 && abs(p.latitude) < 1e-9)   // exactly 3° E 0° N
        }
        #expect(f[0].properties == ["name": .string("Équateur"), "population": .number(12)])
        #expect(f[1].properties == ["name": .null, "population": .null])
    }

    @Test func corruptBlobNamesLayerAndFeature() throws {
        let s = Scratch()
        defer { s.remove() }
        var blob = GPB.bigEndianPointZ(srsID: 4326, x: 1, y: 2, z: 3)
        blob.removeLast(10)
        let gpkg = s.geoPackage("bad.gpkg", srsID: 4326, organization: "EPSG", code: 4326, definition: "", rows: [
            (blob, "cut", 1), (Array("XX".utf8) + [0, 0, 0, 0, 0, 0], "not GP", 2),
        ])
        #expect(throws: GeoDataError(file: gpkg, problems: [
            .init(location: "layer \"sites\": feature fid 1", message: "WKB byte 45: truncated: 1 position(s) needs 24 byte(s), 14 left"),
            .init(location: "layer \"sites\": feature fid 2", message: "WKB byte 0: expected a GeoPackage geometry starting with \"GP\", found bytes 0x58 0x58"),
        ])) { try VectorFile.read(path: gpkg, layer: nil) }
    }
}
