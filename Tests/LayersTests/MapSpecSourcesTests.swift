import Foundation
import Layers
import Style
import Testing

/// A spec layer's file source: GeoPackage and zip layers chosen with `#name` or `layer:`, relative to the spec.
@Suite struct MapSpecSourcesTests {
    @Test func layerChosenWithHashOrLayerKey() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spec-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
            title: Sources
            extent: [Mali]
            layers:
              - { id: a, source: cod-ab/bfa_adm.gpkg#bfa_adm2, style: regions }
              - { id: b, source: cod-ab/mli_adm.zip, layer: mli_admbnda_adm1, style: regions }
              - { id: c, source: adm1.shp, style: regions }
              - { id: d, source: shapes.geojson, style: countries }
              - { id: e, source: world.gpkg, layer: countries, style: countries }
            """.write(toFile: dir + "/x.yaml", atomically: true, encoding: .utf8)
        let spec = try MapSpec.load(path: dir + "/x.yaml", resources: Resources(home: ImportFixture.packageRoot.path))
        #expect(spec.layers.map(\.source) == [
            .vector(path: dir + "/cod-ab/bfa_adm.gpkg", layer: "bfa_adm2"),
            .vector(path: dir + "/cod-ab/mli_adm.zip", layer: "mli_admbnda_adm1"),
            .vector(path: dir + "/adm1.shp", layer: nil),
            .geoJSON(path: dir + "/shapes.geojson"),
            .vector(path: dir + "/world.gpkg", layer: "countries"),
        ])
    }
}
