import Foundation
import Geometry
import Layers
import Style
@testable import Render
import Testing

/// Boundaries drawn once (issue 10, item 4): the `regions` and `borders` layers stroke the line network of
/// GeoData/boundary_lines.geojson, each edge once, so a dash pattern reads on the page as it is written.
@Suite struct BoundaryLinesTests {
    let resources: Resources
    init() throws { resources = try Resources.locate() }

    /// A theme whose `regions` are black 6/4 dashes, 1.5 pt wide, with nothing else drawn under them but the sea.
    func dashedTheme() throws -> StyleSheet {
        let dir = try temporaryDirectory()
        let path = dir + "/dashed.yaml"
        try """
        extends: briefing
        layers:
          regions:
            rules:
              - else: true
                line: { color: "#000000", width: 1.5, dash: [6, 4] }
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return try StyleSheet.load(path: path, resources: resources)
    }

    /// The share of points along a boundary line (sampled every 0.05 pt, its ends left out) where the pixel is ink.
    func inkedFraction(along id: String, layer: Layer) throws -> (fraction: Double, samples: Int) {
        var spec = try MapSpec.sahelOverview(resources: resources)
        spec.style = try dashedTheme()
        spec.extent = .bbox(BoundingBox(west: -6, south: 13, east: 2, north: 20))
        spec.layers = [layer]
        spec.layout = .bare(framed: false)
        let renderer = try MapRenderer(spec: spec, page: Page(widthMillimeters: 160, heightMillimeters: 110, dpi: 300),
                                       resources: resources, info: fixedInfo)
        renderer.layout = .bare(framed: false)
        let map = try renderer.compose()
        let image = try renderer.image(map)
        let lines = try SourceSet(catalog: DataCatalog(resources: resources)).features(.builtIn("boundary_lines")).features
        let line = try #require(lines.first { $0.id == id }, "no line \(id)")
        let t = try Transform(to: spec.projection)
        let points = try #require(line.geometry?.lines.first).compactMap { t.project($0) }.map { map.view.page($0) }
        var inked = 0, total = 0, walked = 0.0
        let length = zip(points, points.dropFirst()).reduce(0) { $0 + hypot($1.1.x - $1.0.x, $1.1.y - $1.0.y) }
        for (a, b) in zip(points, points.dropFirst()) {
            let d = hypot(b.x - a.x, b.y - a.y)
            var s = 0.0
            while s < d {
                let along = walked + s
                if along > 5, along < length - 5 {   // away from the line's ends, where other edges meet it
                    let p = PagePoint(x: a.x + (b.x - a.x) * s / d, y: a.y + (b.y - a.y) * s / d)
                    if let px = image.pixel(at: p) {
                        total += 1
                        if Int(px.red) + Int(px.green) + Int(px.blue) < 3 * 128 { inked += 1 }
                    }
                }
                s += 0.05
            }
            walked += d
        }
        return (Double(inked) / Double(max(total, 1)), total)
    }

    /// The Timbuktu–Gao border (ML-6|ML-7), 6 on 4 off with butt caps, stroked once: 60 % of it is ink. (Stroked
    /// from each region's outline with round caps, as before, one stroke alone inked 75 %: 7.5 on 2.5.)
    @Test func dashesAlongASharedEdgeMatchTheirPattern() throws {
        let once = try inkedFraction(along: "ML-6|ML-7#1", layer: Layer.builtIn["regions"]!)
        #expect(once.samples > 2000)
        #expect(abs(once.fraction - 0.6) < 0.04, "inked \(once.fraction) of the border, expected 0.6 for 6/4 dashes")
    }

    /// Every shared edge is in the network once, with the units it separates on its left and right.
    @Test func networkHoldsEachEdgeOnceWithItsPair() throws {
        let set = SourceSet(catalog: DataCatalog(resources: resources))
        let lines = try set.features(.builtIn("boundary_lines")).features
        var seen = Set<String>(), kinds: [String: Int] = [:]
        for f in lines {
            let kind = try #require(f.string("kind"))
            kinds[kind, default: 0] += 1
            let left = try #require(f.string("left"))
            if kind == "coast" { #expect(f.properties["right"] == .null) } else { #expect(f.string("right") != nil) }
            if kind == "admin1" { #expect(f.string("left_country") == f.string("right_country")) }
            if kind == "admin0" { #expect(f.string("left_country") != f.string("right_country"), "\(left)") }
            for (a, b) in zip(f.geometry!.lines[0], f.geometry!.lines[0].dropFirst()) {
                let key = [a, b].map { "\($0.longitude),\($0.latitude)" }.sorted().joined(separator: " ")
                #expect(seen.insert(key).inserted, "segment \(key) drawn twice")
            }
        }
        #expect(kinds == ["admin0": 277, "admin1": 337, "coast": 315])
        // Mali–Niger: the border between Gao and Tillabéri is admin-0, and Gao–Kidal admin-1.
        #expect(lines.contains { $0.string("kind") == "admin0" && $0.string("left_country") == "MLI" && $0.string("right_country") == "NER" })
        #expect(lines.contains { $0.id == "ML-7|ML-8#1" && $0.string("kind") == "admin1" })
    }

    /// The layers draw the network: each spec layer strokes its kinds, and coasts have their own style.
    @Test func bordersAndCoastsAreStyledApart() throws {
        let spec = try MapSpec.sahelOverview(resources: resources)
        let renderer = try MapRenderer(spec: spec, page: .a4Landscape, resources: resources, info: fixedInfo)
        let ops = try renderer.compose().scene.ops
        var widths = Set<Double>()
        var inBorders = false
        for op in ops {
            if case .beginLayer(let id) = op { inBorders = id == "borders" }
            if case .endLayer = op { inBorders = false }
            if inBorders, case .stroke(_, let l) = op { widths.insert(l.widthPoints) }
        }
        #expect(widths == [0.5, 0.7])   // coast 0.5, land border 0.7 (Styles/briefing.yaml)
    }
}
