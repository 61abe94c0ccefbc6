import Foundation
import Geometry
import Layers
@testable import Render
import Style
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let specs = ["sahel-overview", "jihadist-expansion", "barkhane-drawdown", "massacres-2019-2021", "liptako-gourma",
                     "french-withdrawal-2021-2022"]

/// Paper presets at a low DPI (layout is in points, so it does not depend on the DPI); screen presets as they are.
private func presetPage(_ name: String) -> Page {
    Page.preset(name, dpi: Page.presets[name]?.dpi ?? 50)!
}

@Suite struct PageLayoutTests {
    let resources: Resources
    init() throws { resources = try Resources.locate() }

    func compose(_ spec: String, _ preset: String) throws -> (MapRenderer, ComposedMap) {
        let s = try MapSpec.load(path: root.appendingPathComponent("Maps/\(spec).yaml").path, resources: resources)
        let r = try MapRenderer(spec: s, page: presetPage(preset), resources: resources, info: fixedInfo)
        return (r, try r.compose())
    }

    /// In every preset: no two labels overlap, no label covers the furniture, furniture pieces do not overlap
    /// each other and stay in the frame, and no text is under 6 pt on paper.
    @Test(arguments: Page.presets.keys.sorted())
    func nothingOverlaps(preset: String) throws {
        for spec in specs {
            let (_, map) = try compose(spec, preset)
            let labels = map.report.labelsPlaced, furniture = map.report.furniture
            for (i, a) in labels.enumerated() {
                for b in labels[(i + 1)...] {
                    #expect(!a.footprint.contains { x in b.footprint.contains { x.intersects($0) } }, "\(spec)/\(preset): \(a.text) overlaps \(b.text)")
                }
                for f in furniture { #expect(!a.box.intersects(f), "\(spec)/\(preset): \(a.text) covers furniture at \(f)") }
            }
            for (i, a) in furniture.enumerated() {
                #expect(map.view.frame.insetBy(-1).contains(a), "\(spec)/\(preset): furniture \(a) leaves the frame")
                for b in furniture[(i + 1)...] where !(a.width < 40 && b.width < 40) {   // graticule labels may touch each other at a corner
                    #expect(!a.intersects(b), "\(spec)/\(preset): furniture \(a) overlaps \(b)")
                }
            }
            for op in map.scene.ops {
                if case .text(let s, _, let style) = op { #expect(style.sizePoints >= 6, "\(spec)/\(preset): \"\(s)\" is \(style.sizePoints) pt") }
            }
        }
    }

    /// The legend lists exactly what was drawn: every drawn class, and no class that nothing used.
    @Test func legendHasExactlyTheDrawnClasses() throws {
        let (_, massacres) = try compose("massacres-2019-2021", "a4-landscape")
        #expect(massacres.report.legend == ["Foreign", "Jihadist", "Militia", "State", "Approximate location (nearest town)",
                                             "At the site (or the named town)", "Civilians killed (highest credible toll)"])
        let (_, barkhane) = try compose("barkhane-drawdown", "a4-landscape")
        // Only French bases are drawn, none left without a handover in this extent and date; Sabre's Ouagadougou
        // camp, at the frame's edge, is placed on the town centre (geo_precision 2).
        #expect(barkhane.report.legend == ["Approximate location (a nearby town stands in)", "French base, open", "French base, handed over"])
        let (_, overview) = try compose("sahel-overview", "a4-landscape")
        #expect(overview.report.legend.isEmpty && overview.report.legendBox == nil)
        for spec in specs {
            let (_, map) = try compose(spec, "a4-landscape")
            for layer in map.report.layers {
                // A templated class ("{group_name}: regular activity") is in the legend under the names drawn.
                for c in layer.classesDrawn {
                    let tail = c.replacingOccurrences(of: "{group_name}", with: "")
                    #expect(map.report.legend.contains { c.contains("{") ? $0.hasSuffix(tail) : $0 == c }, "\(spec): \(c) drawn but not in the legend")
                }
            }
        }
    }

    /// The scale bar's round length is within 1 % of the geodesic distance PROJ gives between its ends, laid east
    /// from the map's centre.
    @Test(arguments: specs)
    func scaleBarTellsTheTruth(spec: String) throws {
        let (renderer, map) = try compose(spec, "a4-landscape")
        let bar = try #require(map.report.scaleBar)
        let km = bar.kilometres
        var step = 1.0
        while step * 10 <= km { step *= 10 }
        #expect([1.0, 2, 5].contains(km / step), "\(km) km is not a 1-2-5 number")
        let t = try Transform(to: renderer.spec.projection)
        let f = map.view.frame
        let c = PagePoint(x: f.x + f.width / 2, y: f.y + f.height / 2)
        let a = try #require(t.unproject(map.view.map(c)))
        let b = try #require(t.unproject(map.view.map(PagePoint(x: c.x + bar.lengthPoints, y: c.y))))
        let geodesic = t.geodesicDistanceMeters(a, b)
        #expect(abs(geodesic - km * 1000) / (km * 1000) < 0.01, "\(spec): \(km) km bar measures \(geodesic) m")
    }

    @Test func pdfTextHasTitleLegendAndSources() throws {
        let (renderer, map) = try compose("massacres-2019-2021", "a4-landscape")
        let dir = try temporaryDirectory()
        _ = try renderer.write(map, to: [Output(path: dir + "/m.pdf", format: .pdf)])
        let text = try run("pdftotext", [dir + "/m.pdf", "-"])
        for s in ["Massacres of civilians in the central Sahel, 2019–2021", "1 January 2019 – 31 December 2021",
                  "Jihadist", "Militia", "Approximate location (nearest town)", "Civilians killed (highest credible toll)",
                  "Sources: Natural Earth", "GeoNames (CC BY 4.0)", "SahelMap facts: massacres", "Map: SahelMap, 1 January 2026",
                  "Solhan, 5 June 2021: 160 killed", "200 km"] {
            #expect(text.contains(s), "PDF text lacks \"\(s)\"")
        }
        #expect(map.report.altText.contains("It shows 26 massacres of civilians"))
        #expect(map.report.altText.contains("The largest: Yirgou (216)"))
    }

    /// Golden images, one per preset, of the massacres map (fonts pinned by Styles/fonts.conf).
    @Test(arguments: Page.presets.keys.sorted())
    func goldenImage(preset: String) throws {
        let (renderer, map) = try compose("massacres-2019-2021", preset)
        let png = try renderer.encode(map, as: .png)
        let page = presetPage(preset)
        try expectMatchesGolden(png, "massacres-\(preset)-\(page.pixelWidth)x\(page.pixelHeight)")
    }
}
