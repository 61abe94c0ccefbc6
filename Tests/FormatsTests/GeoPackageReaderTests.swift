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
