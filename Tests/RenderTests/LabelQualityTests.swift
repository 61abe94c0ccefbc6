import Foundation
import Geometry
import Layers
@testable import Render
import Style
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Issue 10, item 2: labels that survive dense data. The default overview with 10,000 synthetic ACLED events drawn
/// one by one (Scripts/gen-acled.py, seeded). The 42 reference cities are the places of Mali, Burkina Faso and
/// Niger that the same map labels without the events (the 42 of the issue: Bamako, Niamey, Ouagadougou, Mopti…).
@Suite(.serialized) struct LabelQualityTests {
    let resources: Resources
    init() throws { resources = try Resources.locate() }

    /// A spec of the default overview's layers plus, if asked, 10,000 events (disc per event, no binning).
    func denseSpec(events: Bool, obstacle: String? = nil) throws -> MapSpec {
        let dir = try temporaryDirectory()
        var extra = ""
        if events {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", root.appendingPathComponent("Scripts/gen-acled.py").path, "10000", dir + "/events.csv"]
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            extra = ", { id: events, source: events.csv, aggregate: none }"
        }
        var theme = "briefing"
        if let obstacle {
            // The briefing theme with the events' obstacle strength changed.
            try """
            extends: briefing
            layers:
              events:
                label-obstacle: \(obstacle)
                rules:
                  - else: true
                    marker: { radius: { interpolate: fatalities, curve: sqrt, stops: [[0, 1.6], [200, 15]] }, fill: "#0072b2", opacity: 0.6 }
                    label: { text: "{location}", size: 6.5, halo: "#ffffff", priority: { interpolate: fatalities, stops: [[0, 20], [100, 60]] } }
            """.write(toFile: dir + "/theme.yaml", atomically: true, encoding: .utf8)
            theme = "theme.yaml"
        }
        try """
        title: 10,000 synthetic events
        theme: \(theme)
        extent: [-17.6, 4.2, 24.2, 25.2]
        layers: [countries, lakes, regions, rivers, borders, places\(extra)]
        """.write(toFile: dir + "/dense.yaml", atomically: true, encoding: .utf8)
        return try MapSpec.load(path: dir + "/dense.yaml", resources: resources)
    }

    func compose(_ spec: MapSpec) throws -> ComposedMap {
        try MapRenderer(spec: spec, page: .a4Landscape, resources: resources, info: fixedInfo).compose()
    }

    func cities(_ map: ComposedMap) -> [RenderReport.PlacedLabel] { map.report.labelsPlaced.filter { $0.layer == "places" } }

    /// The 42 reference cities' names: the places of Mali, Burkina Faso and Niger labelled without the events.
    func referenceCities() throws -> [String] {
        let places = try SourceSet(catalog: DataCatalog(resources: resources)).features(.builtIn("places")).features
        let central = Set(places.filter { ["MLI", "BFA", "NER"].contains($0.string("country") ?? "") }.compactMap { $0.string("name") })
        return cities(try compose(denseSpec(events: false))).map(\.text).filter(central.contains)
    }

    @Test func cityLabelsSurviveTenThousandEvents() throws {
        let reference = try referenceCities()
        #expect(reference.count == 42)
        let dense = try compose(denseSpec(events: true))
        let events = try #require(dense.report.layers.first { $0.id == "events" })
        #expect(events.featuresDrawn > 9_000)
        let kept = Set(cities(dense).map(\.text))
        let lost = reference.filter { !kept.contains($0) }
        #expect(reference.count - lost.count >= 40, "lost \(lost)")
        for capital in ["Bamako", "Niamey", "Ouagadougou", "Nouakchott", "N'Djamena", "Mopti", "Gao", "Timbuktu"] {
            #expect(kept.contains(capital), "\(capital) lost")
        }
        // No two labels overlap, by the report's own count and by the boxes it lists.
        #expect(dense.report.labelQuality.overlaps == 0)
        let placed = dense.report.labelsPlaced
        for i in placed.indices {
            for j in placed.indices where j > i {
                let a = placed[i].glyphBoxes ?? [placed[i].box], b = placed[j].glyphBoxes ?? [placed[j].box]
                #expect(!a.contains { x in b.contains { x.intersects($0) } }, "\(placed[i].text) overlaps \(placed[j].text)")
            }
        }
        // Each city label stays within its candidate distance of its dot: the dot's radius (2.4 pt at most, plus
        // its outline), the gap and the halo.
        for city in cities(dense) {
            let anchor = try #require(city.anchor)
            let d = Labeler.distance(anchor, city.box)
            #expect(d <= 2.4 + 0.3 + Labeler.gap + 1.5 + 0.01, "\(city.text) is \(d) pt from its dot")
        }
        // The figures: capitals (priority 100) all placed; some labels cross the translucent discs.
        let capitals = try #require(dense.report.labelQuality.byPriority.first { $0.priority == 100 })
        #expect(capitals.rate == 1)
        #expect(dense.report.labelQuality.crossingSoftObstacles > 0)
        #expect(dense.report.labelQuality.byPriority.map(\.priority) == dense.report.labelQuality.byPriority.map(\.priority).sorted(by: >))
    }

    /// The same events as hard obstacles block the city labels, as before the obstacle strengths: the strength is
    /// what keeps them.
    @Test func hardEventsBlockCities() throws {
        let reference = Set(try referenceCities())
        func kept(_ obstacle: String) throws -> Int {
            cities(try compose(denseSpec(events: true, obstacle: obstacle))).filter { reference.contains($0.text) }.count
        }
        let hard = try kept("hard"), soft = try kept("soft")
        #expect(hard < 30, "hard: \(hard)")
        #expect(soft >= 40, "soft: \(soft)")
    }

    /// Point labels try above first: a lone town's name sits centred over its dot.
    @Test func aboveIsTheFirstCandidate() throws {
        let m = TextMetrics(width: 20, height: 8, baseline: 6)
        let first = try #require(Labeler.pointCandidates(PagePoint(x: 100, y: 100), radius: 2, m).first)
        #expect(first == PagePoint(x: 90, y: 100 - 2 - Labeler.gap - 8))
    }
}
