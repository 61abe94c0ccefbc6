import CCairo
import Foundation
import Geometry
import Layers
@testable import Render
import Style
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Issue 13, item 1: a map reads only the properties it uses (`MapSpec.fieldsRead`), and draws, reports and
/// describes exactly what it would with every property read.
@Suite(.serialized) struct FieldsReadTests {
    let resources: Resources
    init() throws { resources = try Resources.locate() }

    /// `n` synthetic events (Scripts/gen-acled.py, seeded) and, after them, rows bad in kept and in unkept columns.
    func events(_ n: Int, in dir: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", root.appendingPathComponent("Scripts/gen-acled.py").path, String(n), dir + "/events.csv"]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let bad = [   // 31 columns as the generator writes them: inter1 9, time_precision 7, no event type, a bad date
            "BAD1,2021-03-01,2021,1,Political violence,Battles,Armed clash,A,,9,B,,State forces,x,,466,Western Africa,Mali,Mopti,Mopti,,Mopti,14.49,-4.19,1,S,Local,n,1,,1",
            "BAD2,2021-03-02,2021,7,Political violence,Battles,Armed clash,A,,Rebel group,B,,State forces,x,,466,Western Africa,Mali,Mopti,Mopti,,Mopti,14.49,-4.19,1,S,Local,n,1,,1",
            "BAD3,2021-03-03,2021,1,Political violence,,Armed clash,A,,Rebel group,B,,State forces,x,,466,Western Africa,Mali,Mopti,Mopti,,Mopti,14.49,-4.19,1,S,Local,n,1,,1",
            "BAD4,2021-02-30,2021,1,Political violence,Battles,Armed clash,A,,Rebel group,B,,State forces,x,,466,Western Africa,Mali,Mopti,Mopti,,Mopti,14.49,-4.19,1,S,Local,n,1,,1",
        ]
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/events.csv"))
        h.seekToEndOfFile()
        h.write(Data((bad.joined(separator: "\n") + "\n").utf8))
        try h.close()
        return dir + "/events.csv"
    }

    func spec(_ dir: String, layer: String, theme: String = "briefing", extra: String = "") throws -> MapSpec {
        try """
        title: Synthetic events
        theme: \(theme)
        extent: [-17.6, 4.2, 24.2, 25.2]
        \(extra)
        layers: [countries, regions, borders, places, \(layer)]
        """.write(toFile: dir + "/map.yaml", atomically: true, encoding: .utf8)
        return try MapSpec.load(path: dir + "/map.yaml", resources: resources)
    }

    /// `theme.yaml` in `dir`: the briefing theme with one rule for events, a blue dot labelled as `label` says.
    func theme(label: String, in dir: String) throws {
        try """
        extends: briefing
        layers:
          events:
            rules:
              - else: true
                marker: { radius: 3, fill: "#0072b2" }
                label: \(label)
        """.write(toFile: dir + "/theme.yaml", atomically: true, encoding: .utf8)
    }

    /// The PNG's bytes and the report (timings aside), with the reduced read or a full one.
    func render(_ spec: MapSpec, everyField: Bool, in dir: String) throws -> (pixels: [UInt8], report: RenderReport) {
        let renderer = try MapRenderer(spec: spec, page: Page(widthPixels: 1400, heightPixels: 990, dpi: 120),
                                       resources: resources, info: fixedInfo)
        renderer.readEveryField = everyField
        let out = dir + (everyField ? "/full.png" : "/reduced.png")
        var report = try renderer.write(renderer.compose(), to: [Output(path: out, format: .png)])
        report.timings = .init()
        report.outputs = []
        return (try Self.pixels(out), report)
    }

    /// The decoded pixels of a PNG (Cairo's reader), rows packed: the map as drawn. Its bytes are not compared, as
    /// igzip may deflate the same pixels differently from one render to another (the README's "Reproducible").
    static func pixels(_ path: String) throws -> [UInt8] {
        let surface = try #require(cairo_image_surface_create_from_png(path))
        defer { cairo_surface_destroy(surface) }
        try #require(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, "\(path) does not decode")
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = try #require(cairo_image_surface_get_data(surface))
        var out: [UInt8] = []
        out.reserveCapacity(width * height * 4)
        for y in 0..<height { out.append(contentsOf: UnsafeBufferPointer(start: data + y * stride, count: width * 4)) }
        return out
    }

    @Test func theShippedThemesEventsLayerReadsExactlyTheseFields() throws {
        let dir = try temporaryDirectory()
        _ = try events(10, in: dir)
        let expected: Set<String> = [
            "fatalities", "geo_precision", "event_type", "location",   // the rules, largest-first, the label
            "date", "date_end",                                        // time: event, on a map with a date
            "label", "region_name", "name", "admin1",                  // alt text names ("location" above)
            "population", "fatalities_high", "id", "part_of", "opening_known", "level_note",   // the renderer's own
        ]
        func withDated(_ s: Set<String>) -> Set<String> { s.union(s.map { $0 + "_by_date" }) }
        for theme in ["briefing", "dark", "print"] {
            let s = try spec(dir, layer: "{ id: events, source: events.csv }", theme: theme, extra: "as-of: 2022-06-30")
            let fields = try #require(s.fieldsRead(by: s.layers.last!))
            #expect(fields == withDated(expected), "\(theme)")
            // Of the export's columns, the map keeps six.
            #expect(Set(ACLEDEvent.propertyNames).intersection(fields) == ["fatalities", "geo_precision", "event_type", "location", "date", "admin1"])
            // Without a date or period every event is kept as it is: its date is not read.
            let undated = try spec(dir, layer: "{ id: events, source: events.csv }", theme: theme)
            #expect(undated.fieldsRead(by: undated.layers.last!) == withDated(expected.subtracting(["date", "date_end"])), "\(theme)")
            // Always binned: the cells are styled by their count and fatalities, so the events give only those.
            let binned = try spec(dir, layer: "{ id: events, source: events.csv, aggregate: 12 }", theme: theme)
            #expect(binned.fieldsRead(by: binned.layers.last!) == withDated(["fatalities", "fatalities_high", "id", "part_of", "opening_known", "name", "level_note"]))
        }
    }

    @Test func aStyleWithNoRuleForTheLayerReadsEverything() throws {
        let dir = try temporaryDirectory()
        _ = try events(10, in: dir)
        var s = try spec(dir, layer: "{ id: events, source: events.csv }")
        s.layers[s.layers.count - 1].style = "no-such-style"
        #expect(s.fieldsRead(by: s.layers.last!) == nil)
    }

    @Test(arguments: ["none", "auto", "12", "regions"], ["as-of: 2022-06-30", ""])
    func reducedAndFullReadsDrawTheSameMap(aggregate: String, time: String) throws {
        let dir = try temporaryDirectory()
        _ = try events(3_000, in: dir)
        let s = try spec(dir, layer: "{ id: events, source: events.csv, aggregate: \(aggregate) }", extra: time)
        let reduced = try render(s, everyField: false, in: dir)
        let full = try render(s, everyField: true, in: dir)
        #expect(reduced.pixels == full.pixels)
        #expect(reduced.report == full.report)
        let events = try #require(reduced.report.layers.first { $0.id == "events" })
        #expect(events.featuresRead > 2_500)
        #expect(time.isEmpty ? events.featuresOutsideTime == 0 : events.featuresOutsideTime > 0)
        if aggregate == "none" { #expect(events.featuresDrawn > 1_000) } else { #expect(events.featuresAggregated > 1_000) }
        // The bad rows are warned about with their lines, whatever is kept.
        let bad = reduced.report.warnings.filter { $0.kind == .badRow }.compactMap(\.line)
        #expect(bad.count == 4)
        #expect(reduced.report.warnings.contains { $0.message.contains("inter1: expected an actor type or a code from 0 to 8, found \"9\"") })
        #expect(reduced.report.warnings.contains { $0.message.contains("time_precision: expected 1, 2 or 3, found \"7\"") })
    }

    /// `aggregate: auto` reads only what binning needs first; when few events are in view and they are drawn one
    /// by one after all, the rest is read then: the same map and report as a full read, the bad rows said once.
    @Test(arguments: [300, 3_000])
    func autoReadsForBinningFirst(count: Int) throws {
        let dir = try temporaryDirectory()
        _ = try events(count, in: dir)
        let s = try spec(dir, layer: "{ id: events, source: events.csv, aggregate: auto }", extra: "as-of: 2022-06-30")
        let reduced = try render(s, everyField: false, in: dir)
        let full = try render(s, everyField: true, in: dir)
        #expect(reduced.pixels == full.pixels)
        #expect(reduced.report == full.report)
        #expect(reduced.report.warnings.filter { $0.message.contains("BAD") || $0.line != nil }.count
                == full.report.warnings.filter { $0.message.contains("BAD") || $0.line != nil }.count)
        let events = try #require(reduced.report.layers.first { $0.id == "events" })
        #expect(count < 1_000 ? events.featuresDrawn > 100 : events.featuresAggregated > 1_000)
        // What the first read keeps: binning's fields only, for a large source.
        let layer = s.layers.last!
        let sources = SourceSet(catalog: DataCatalog(resources: resources), layers: s.layers,
                                fields: { s.fieldsRead(by: $0) }, binnedFields: { s.fieldsRead(by: $0, binned: true) })
        let slim = try sources.features(layer.source)
        #expect(sources.isSlim(layer.source))
        let binned = try #require(s.fieldsRead(by: layer, binned: true))
        #expect(slim.features.allSatisfy { Set($0.properties.keys).isSubset(of: binned) })
        #expect(!binned.contains("event_type") && !binned.contains("location"))
        let whole = try sources.features(layer.source, whole: true)
        #expect(!sources.isSlim(layer.source) && whole.features.count == slim.features.count)
        #expect(whole.features.contains { $0.properties["event_type"] != nil })
    }

    @Test func aLabelOrWhereNamingAColumnGetsIt() throws {
        let dir = try temporaryDirectory()
        let csv = try events(400, in: dir)
        try theme(label: ##"{ text: "{admin1} ({sub_event_type})", size: 7, halo: "#ffffff", priority: 50 }"##, in: dir)
        let s = try spec(dir, layer: #"{ id: events, source: events.csv, aggregate: none, where: 'actor1 == "Synthetic Civilians"' }"#,
                         theme: "theme.yaml")
        let fields = try #require(s.fieldsRead(by: s.layers.last!))
        #expect(fields.isSuperset(of: ["admin1", "sub_event_type", "actor1"]))
        let reduced = try render(s, everyField: false, in: dir)
        let full = try render(s, everyField: true, in: dir)
        #expect(reduced.pixels == full.pixels)
        #expect(reduced.report == full.report)
        // As many events as the file has rows with that actor first (the where saw actor1), labelled with admin1.
        let (all, _) = try ACLEDReader(path: csv).features()
        let civilians = all.features.filter { $0.string("actor1") == "Synthetic Civilians" }.count
        let events = try #require(reduced.report.layers.first { $0.id == "events" })
        #expect(civilians > 10)
        #expect(events.featuresRead - events.featuresFiltered == civilians)
        let labels = reduced.report.labelsPlaced.filter { $0.layer == "events" }
        #expect(!labels.isEmpty)
        #expect(labels.allSatisfy { $0.text.hasPrefix("Synthetic admin1 (") })
    }

    @Test func aMisspelledTemplateFieldIsSuggestedAsIfAllWereRead() throws {
        let dir = try temporaryDirectory()
        _ = try events(50, in: dir)
        try theme(label: #"{ text: "{admin2x}", size: 7 }"#, in: dir)
        let s = try spec(dir, layer: "{ id: events, source: events.csv, aggregate: none }", theme: "theme.yaml")
        let reduced = try render(s, everyField: false, in: dir)
        let full = try render(s, everyField: true, in: dir)
        let warning = try #require(reduced.report.warnings.first { $0.kind == .unknownTemplateField })
        #expect(warning.message.contains("did you mean {admin1}, {admin2}?"))
        #expect(reduced.report.warnings == full.report.warnings)
    }

    @Test func ruleFieldsCoverEveryPartOfARule() throws {
        let rule = Rule(filter: try Expression.parse("kind == \"x\""),
                        symbolizers: [.fill(FillStyle(color: .match(property: "group", cases: [:], fallback: .hex("#000000")))),
                                      .marker(MarkerStyle(radiusPoints: .interpolate(property: "deaths", curve: .sqrt, stops: []),
                                                          fill: .step(property: "level", base: .hex("#000000"), stops: [])))],
                        label: LabelStyle(text: "{name}, {date|date}", sizePoints: 7, color: .hex("#000000"),
                                          priority: .match(property: "rank", cases: [:], fallback: 0)),
                        legend: "{group_name}: active")
        #expect(rule.fields == ["kind", "group", "deaths", "level", "name", "date", "rank", "group_name"])
        let style = LayerStyle(rules: [rule], drawLargestFirstBy: "size")
        #expect(style.fields == rule.fields.union(["size"]))
    }
}
