import Foundation
import Geometry
import Layers
@testable import Render
import Style
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite struct ThematicMapTests {
    let resources: Resources
    init() throws { resources = try Resources.locate() }

    func spec(_ name: String) throws -> MapSpec { try MapSpec.load(path: root.appendingPathComponent("Maps/\(name).yaml").path, resources: resources) }

    /// Solhan (2021-06-05, 160 killed, jihadist, drawn at its site, frwiki's village point): a circle at its projected
    /// position, in the jihadist colour, with radius 17·√(160/200) points.
    @Test func massacreCircleAtItsPlaceInItsColour() throws {
        let spec = try spec("massacres-2019-2021")
        let page = Page(widthMillimeters: 297, heightMillimeters: 210, dpi: 150)
        let renderer = try MapRenderer(spec: spec, page: page, resources: resources, info: fixedInfo)
        let map = try renderer.compose()
        let solhan = try #require(try SourceSet(catalog: DataCatalog(resources: resources)).features(.builtIn("massacres")).features.first { $0.string("label") == "Solhan" })
        let geo = try #require(solhan.geometry?.points.first)
        let at = try pagePoint(geo.longitude, geo.latitude, in: map, projection: spec.projection)
        let radius = 17 * (160.0 / 200).squareRoot()
        let marks = map.scene.ops.compactMap { op -> Mark? in
            if case .marker(let p, let m) = op, abs(p.x - at.x) < 1e-6, abs(p.y - at.y) < 1e-6, abs(m.radiusPoints - radius) < 1e-9 { return m }
            return nil
        }
        let mark = try #require(marks.first, "no circle of radius \(radius) at Solhan")
        let vermillion = Color(hex: "#d55e00")!
        #expect(mark.fill == vermillion.withOpacity(0.85))
        #expect(mark.stroke?.dashPoints ?? [] == [])    // at the site, not on a town standing in for it
        // Halfway out from the centre the pixel is the vermillion at 60 % over the focus-country sand.
        let image = try renderer.image(map)
        let probe = PagePoint(x: at.x + radius * 0.5, y: at.y + radius * 0.3)
        let sand = Color(hex: "#f4e7cd")!
        let expected = Color(red: 0.85 * vermillion.red + 0.15 * sand.red, green: 0.85 * vermillion.green + 0.15 * sand.green,
                             blue: 0.85 * vermillion.blue + 0.15 * sand.blue)
        #expect(close(image.pixel(at: probe), expected, tolerance: 3), "\(String(describing: image.pixel(at: probe))) vs \(expected)")
        // Largest first: Yirgou (210) is drawn before Solhan (160).
        let drawn = try #require(map.report.layers.first { $0.id == "massacres" }).featuresDrawn
        let order = Array(map.scene.ops.compactMap { op -> Double? in
            if case .marker(_, let m) = op, m.radiusPoints > 3 { return m.radiusPoints }
            return nil
        }.prefix(drawn))
        #expect(order.count == drawn && drawn == 26)
        #expect(order == order.sorted(by: >))
        #expect(map.report.legend.contains("Jihadist") && map.report.legend.contains("Approximate location (nearest town)"))
        #expect(map.report.legend.contains("At the site (or the named town)"))
        #expect(map.report.legend.contains("Civilians killed (highest credible toll)"))
    }

    /// The Barkhane spec: handed-over bases are hollow squares and named with their date.
    @Test func barkhaneDrawdownLabels() throws {
        let map = try MapRenderer(spec: spec("barkhane-drawdown"), page: .a4Landscape, resources: resources, info: fixedInfo).compose()
        let texts = map.report.labelsPlaced.map(\.text)
        for t in ["Kidal (handed over October 2021)", "Tessalit (handed over 13 November 2021)", "Timbuktu (handed over 14 December 2021)", "Gao", "Ménaka", "Gossi", "Niamey"] {
            #expect(texts.contains(t), "missing label \(t)")
        }
        let bases = try #require(map.report.layers.first { $0.id == "bases" })
        // Six French bases in Mali, and those of Niamey and Ouagadougou at the frame's edge; thematic symbols are never
        // hidden under basemap labels.
        #expect(bases.featuresDrawn == 8 && bases.symbolsHidden == 0)
        #expect(bases.featuresOutside > 0)                         // French bases in Niger, Chad, Burkina are off the map
        #expect(bases.featuresFiltered == 23)                      // 13 MINUSMA sites, 3 G5 Sahel HQs, 7 Wagner Group sites
        #expect(bases.classesDrawn == ["French base, open", "French base, handed over", "Approximate location (a nearby town stands in)"])
    }

    /// Each shipped spec renders, and the PDF's text names what the story is about.
    @Test(arguments: [("jihadist-expansion", ["JNIM", "Mopti", "Ménaka"]),
                      ("barkhane-drawdown", ["Kidal", "handed over", "Gao"]),
                      ("massacres-2019-2021", ["Solhan", "Ogossagou", "Jihadist", "Militia", "State"])])
    func specsRender(name: String, words: [String]) throws {
        let renderer = try MapRenderer(spec: spec(name), page: .a4Landscape, resources: resources, info: fixedInfo)
        let map = try renderer.compose()
        let dir = try temporaryDirectory()
        let report = try renderer.write(map, to: [Output(path: dir + "/m.pdf", format: .pdf), Output(path: dir + "/m.png", format: .png)])
        #expect(report.outputs.count == 2)
        let text = try run("pdftotext", [dir + "/m.pdf", "-"])
        for w in words { #expect(text.contains(w), "\(name): PDF text lacks \(w)") }
        for l in map.report.layers { #expect(l.featuresRead > 0, "\(name): layer \(l.id) read nothing") }
    }

    /// A change view between two dates: every French base in Mali was handed over in 2021–2022.
    @Test func changeViewShowsWhatChangedHands() throws {
        let map = try MapRenderer(spec: spec("french-withdrawal-2021-2022"), page: .a4Landscape, resources: resources, info: fixedInfo).compose()
        let texts = map.report.labelsPlaced.map(\.text)
        for t in ["Gao (handed over 15 August 2022)", "Kidal (handed over October 2021)", "Gossi (handed over 19 April 2022)"] {
            #expect(texts.contains(t), "missing label \(t)")
        }
        let bases = try #require(map.report.layers.first { $0.id == "bases" })
        #expect(bases.classesDrawn == ["Handed over in the period", "Open throughout"])
        #expect(map.report.altText.contains("Handed over in the period: Gao (handed over 15 August 2022)"))
    }

    /// `aggregate: regions` counts events per first-level region: the counts add up to the events, and each region
    /// gets the events whose admin1 it is.
    @Test func eventsCountedPerRegion() throws {
        var spec = try spec("liptako-gourma")
        let i = try #require(spec.layers.firstIndex { $0.id == "events" })
        spec.layers[i].aggregation = .regions
        spec.extent = .bbox(BoundingBox(west: -12, south: 8, east: 16, north: 24))
        let map = try MapRenderer(spec: spec, page: Page(widthMillimeters: 297, heightMillimeters: 210, dpi: 72),
                                  resources: resources, info: fixedInfo).compose()
        let events = try #require(map.report.layers.first { $0.id == "events" })
        #expect(events.featuresAggregated == 25)
        let csv = try SourceSet(catalog: DataCatalog(resources: resources)).features(.csv(path: root.appendingPathComponent("Maps/data/liptako-gourma-events.csv").path)).features
        let regions = try SourceSet(catalog: DataCatalog(resources: resources)).features(.builtIn("regions")).features
        let sahel = try #require(regions.first { $0.string("name") == "Sahel" && $0.string("country") == "BFA" })
        let counts = RegionCounts.count(csv, in: FeatureCollection(features: regions))
        let k = try #require(regions.firstIndex(of: sahel))
        // The events of BF-12 Sahel, plus Yirgou, whose village point (the site) lies 3.5 km inside Sahel though its
        // row's admin1 is Centre-Nord (GeoData/sources/README.md).
        #expect(counts[k]?.count == csv.filter { $0.string("admin1") == "Sahel" && $0.string("country") == "Burkina Faso" }.count + 1)
        #expect(counts.values.reduce(0) { $0 + $1.count } == 25)
    }

    @Test func everyThemeDrawsEverySpec() throws {
        for theme in ["briefing", "print", "dark"] {
            var s = try spec("jihadist-expansion")
            s.style = try StyleSheet.load(path: root.appendingPathComponent("Styles/\(theme).yaml").path, resources: testResources)
            let map = try MapRenderer(spec: s, page: Page(widthMillimeters: 297, heightMillimeters: 210, dpi: 72),
                                      resources: resources, info: fixedInfo).compose()
            #expect(map.report.legend.count >= 4, "\(theme)")
        }
    }
}
