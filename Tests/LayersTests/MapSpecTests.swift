import Foundation
import Geometry
import Layers
import Style
import Testing

/// Reading map specs: their keys, their theme (relative to the spec), and what is said when something is missing.
@Suite struct MapSpecTests {
    static let resources = Resources(home: ImportFixture.packageRoot.path)
    var resources: Resources { Self.resources }

    /// A fresh folder under the temporary directory holding `files` (name → text).
    func folder(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spec-\(UUID().uuidString)").path
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }

    func errorText(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    static let mineTheme = "name: mine\nextends: briefing\npage: { sea: \"#010203\" }\n"

    @Test(arguments: ["sahel-overview", "barkhane-drawdown", "french-withdrawal-2021-2022", "jihadist-expansion",
                      "liptako-gourma", "massacres-2019-2021"])
    func shippedSpecsLoad(name: String) throws {
        let spec = try MapSpec.load(path: resources.maps + "/\(name).yaml", resources: resources)
        #expect(!spec.layers.isEmpty)
        #expect(spec.style.name == "briefing")
    }

    /// `theme: styles/mine.yaml` is found next to the spec, not in the working directory (which is not the
    /// spec's folder), whether the spec's own path is absolute or relative.
    @Test func relativeThemeIsRelativeToTheSpec() throws {
        let dir = try folder(["maps/x.yaml": "title: X\ntheme: styles/mine.yaml\nextent: [0, 10, 5, 15]\nlayers: [countries]\n",
                              "maps/styles/mine.yaml": Self.mineTheme])
        let cwd = FileManager.default.currentDirectoryPath
        #expect(!FileManager.default.fileExists(atPath: cwd + "/styles/mine.yaml"))
        let absolute = try MapSpec.load(path: dir + "/maps/x.yaml", resources: resources)
        #expect(absolute.style.name == "mine")
        #expect(absolute.theme.sea == .hex("#010203"))
        // The same spec by a path relative to the working directory: ../../tmp/…/maps/x.yaml.
        let relative = String(repeating: "../", count: cwd.split(separator: "/").count) + dir.dropFirst() + "/maps/x.yaml"
        #expect(try MapSpec.load(path: relative, resources: resources) == absolute)
    }

    @Test func missingThemeSaysWhereItWasLookedFor() throws {
        let dir = try folder(["x.yaml": "title: X\ntheme: styles/analyst.yaml\nextent: [0, 10, 5, 15]\nlayers: [countries]\n",
                              "y.yaml": "title: Y\ntheme: analyst\nextent: [0, 10, 5, 15]\nlayers: [countries]\n"])
        #expect(errorText { _ = try MapSpec.load(path: dir + "/x.yaml", resources: resources) }
            == "theme \"analyst\" not found: tried styles/analyst.yaml (relative to \(dir)/x.yaml)")
        #expect(errorText { _ = try MapSpec.load(path: dir + "/y.yaml", resources: resources) }
            == "theme \"analyst\" not found: the built-in themes are briefing, dark, print")
    }

    @Test func missingSpec() {
        #expect(errorText { _ = try MapSpec.load(path: "no-such-spec.yaml", resources: resources) } == "map spec not found: no-such-spec.yaml")
    }

    /// Every problem in the spec at once, unknown keys with the allowed keys.
    @Test func problemsHavePositions() throws {
        let dir = try folder(["x.yaml": """
        titel: X
        extent: [0, 10, 5]
        dpi: 5
        layers:
          - countries
          - rivres
          - { id: events, source: e.csv, aggregate: lots, colour: red }
        """])
        let text = errorText { _ = try MapSpec.load(path: dir + "/x.yaml", resources: resources) }
        let allowed = "title, subtitle, theme, extent, projection, as-of, from, to, change, page, dpi, outputs, layout, layers, strict, regions, aliases, atlas"
        #expect(text == [
            "\(dir)/x.yaml:1:1: titel: unknown key \"titel\" (did you mean \"title\"?); expected one of \(allowed)",
            "\(dir)/x.yaml:2:9: extent: expected [west, south, east, north] with west < east and south < north",
            "\(dir)/x.yaml:3:6: dpi: expected a number from 10 to 2400, found 5",
            "\(dir)/x.yaml:1:1: title: expected a title",
            "\(dir)/x.yaml:1:1: extent: expected an extent: [west, south, east, north] or a list of country/region names",
            "\(dir)/x.yaml:6:5: layers[1]: unknown layer \"rivres\"; built-in layers are bases, borders, countries, lakes, massacres, places, presence, regions, rivers",
            "\(dir)/x.yaml:7:45: layers[2].aggregate: expected none, auto, regions or a hexagon size in points (2–200), found \"lots\"",
            "\(dir)/x.yaml:7:51: layers[2].colour: unknown key \"colour\"; expected one of id, source, layer, style, where, bad-rows, allow-empty, time, aggregate",
        ].joined(separator: "\n"))
    }

    /// A layer the theme has no style for is reported where the spec lists it.
    @Test func layerWithoutAStyle() throws {
        let dir = try folder(["x.yaml": "title: X\nextent: [Mali]\nlayers:\n  - countries\n  - { id: wells, source: wells.geojson }\n"])
        #expect(errorText { _ = try MapSpec.load(path: dir + "/x.yaml", resources: resources) }
            == "\(dir)/x.yaml:5:5: layers[1]: the theme \(resources.styles)/briefing.yaml has no style \"wells\"")
    }

    /// A spec setting every key gives those values.
    @Test func everySpecKeyIsRead() throws {
        let dir = try folder(["x.yaml": """
        title: Everything
        subtitle: Every key
        theme: mine.yaml
        extent: [Mali, Tillabéri]
        projection: EPSG:32631
        as-of: 2021-12
        from: 2019
        to: 2021-06-30
        change: true
        page: a3-portrait
        dpi: 150
        outputs: [out/a.png, out/a.pdf]
        layout: bare-framed
        layers:
          - massacres
          - { id: events, source: data/e.csv, style: massacres, where: fatalities > 1e-3, time: none, aggregate: 12 }
          - { id: mine, source: builtin:bases, style: bases, aggregate: regions }
          - { id: shapes, source: /abs/shapes.geojson, style: countries, time: event, aggregate: none }
        """, "mine.yaml": Self.mineTheme])
        let spec = try MapSpec.load(path: dir + "/x.yaml", resources: resources)
        let mine = try StyleSheet.load(path: dir + "/mine.yaml", resources: resources)
        var expected = MapSpec(
            title: "Everything", subtitle: "Every key",
            layers: [
                Layer.builtIn["massacres"]!,
                Layer(id: "events", source: .csv(path: dir + "/data/e.csv"), style: "massacres",
                      filter: try Expression.parse("fatalities > 0.001"), time: .timeless, aggregation: .hexagons(12)),
                Layer(id: "mine", source: .builtIn("bases"), style: "bases", time: Layer.builtIn["bases"]!.time, aggregation: .regions),
                Layer(id: "shapes", source: .geoJSON(path: "/abs/shapes.geojson"), style: "countries", time: .event(property: "date"),
                      aggregation: .none),
            ],
            extent: .features(["Mali", "Tillabéri"]), projection: "EPSG:32631", style: mine,
            time: TimeContext(asOf: PartialDate("2021-12"), from: PartialDate("2019"), to: PartialDate("2021-06-30"), change: true),
            page: "a3-portrait", dpi: 150, outputs: ["out/a.png", "out/a.pdf"])
        expected.layout = .bare(framed: true)
        #expect(spec == expected)
    }
}
