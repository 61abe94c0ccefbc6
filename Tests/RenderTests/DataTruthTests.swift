import Foundation
import Geometry
import Layers
@testable import Render
import Style
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Issue 11: every map says only what the data supports: unknown is not none, partial control is not whole
/// regions, old boundaries are named as old, and dates past the data say so.
@Suite struct DataTruthTests {
    let resources: Resources
    init() throws { resources = try Resources.locate() }

    func spec(_ name: String, asOf: String? = nil) throws -> MapSpec {
        var s = try MapSpec.load(path: root.appendingPathComponent("Maps/\(name).yaml").path, resources: resources)
        if let asOf { s.time.asOf = PartialDate(asOf) }
        return s
    }

    func compose(_ spec: MapSpec, dpi: Double = 72) throws -> (MapRenderer, ComposedMap) {
        let r = try MapRenderer(spec: spec, page: Page(widthMillimeters: 297, heightMillimeters: 210, dpi: dpi), resources: resources, info: fixedInfo)
        return (r, try r.compose())
    }

    /// The Lake Chad Basin is not blank: ISWAP in Borno, Yobe, Lac and Extrême-Nord, named in legend and alt text.
    @Test func iswapInTheLakeChadBasin() throws {
        let (_, map) = try compose(spec("jihadist-expansion"))
        #expect(map.report.legend.contains("ISWAP: regular activity"))
        #expect(map.report.legend.contains("ISWAP: regular activity, control of parts of the region"))
        #expect(map.report.altText.contains("ISWAP: regular activity, control of parts of the region in 1 region (Borno); regular activity in 3 regions (Diffa, Extrême-Nord and Yobe); sporadic activity or level not coded in 1 region (Lac)."), "\(map.report.altText)")
    }

    /// As of 2012 Mopti is held by a JNIM predecessor, named as such; JNIM did not exist yet and is not named.
    @Test func asOf2012MoptiHeldByAPredecessor() throws {
        let (_, map) = try compose(spec("jihadist-expansion", asOf: "2012-12-31"))
        let predecessors = "AQIM, Ansar Dine, MUJAO, Katiba Macina (JNIM predecessors)"
        #expect(map.report.legend.contains("\(predecessors): present (level not coded)"))
        #expect(!map.report.legend.contains { $0.hasPrefix("JNIM") }, "\(map.report.legend)")
        #expect(map.report.altText.contains("\(predecessors): present (level not coded) in 4 regions (Gao, Kidal, Mopti and Timbuktu)"), "\(map.report.altText)")
        #expect(map.report.legend.contains("Boko Haram (ISWAP predecessor): sporadic activity or level not coded"))
    }

    /// Regions no row codes are drawn and named "not assessed"; no legend class says "none" for an empty value.
    @Test func notAssessedIsNamedAndNoneIsNeverInvented() throws {
        for asOf in ["2012-12-31", "2015-12-31", "2018-12-31", "2021-12-31", "2024-06-30"] {
            let (_, map) = try compose(spec("jihadist-expansion", asOf: asOf))
            #expect(map.report.legend.first == "Not assessed (no group coded for the region)", "\(asOf)")
            #expect(!map.report.legend.contains { $0.lowercased().contains("none") }, "\(asOf): \(map.report.legend)")
            let na = try #require(map.report.layers.first { $0.id == "presence-not-assessed" })
            #expect(na.featuresRead == 141)   // 180 regions, 39 of them coded by the 49 rows (Comoé covers 2)
        }
    }

    /// "Control of parts" (Mopti, Ségou 2021) is a hatch over the region's fill, never a solid fill: inside Mopti
    /// both the regular-activity orange and the dark hatch colour show; inside Kidal (regular) only the orange.
    @Test func partialControlIsHatched() throws {
        let (renderer, map) = try compose(spec("jihadist-expansion"), dpi: 150)
        let image = try renderer.image(map)
        let orange = Color(hex: "#f1a340")!, hatch = Color(hex: "#7f3b08")!
        func shares(_ lon: Double, _ lat: Double) throws -> (fill: Double, hatch: Double) {
            let c = try pagePoint(lon, lat, in: map, projection: map.report.projection)
            var fill = 0, dark = 0, n = 0
            for dx in stride(from: -6.0, through: 6, by: 0.25) {
                for dy in stride(from: -6.0, through: 6, by: 0.25) {
                    n += 1
                    let px = image.pixel(at: PagePoint(x: c.x + dx, y: c.y + dy))
                    if close(px, orange, tolerance: 12) { fill += 1 }
                    if close(px, hatch, tolerance: 40) { dark += 1 }
                }
            }
            if ProcessInfo.processInfo.environment["DEBUG_PIXELS"] != nil {
                var h: [String: Int] = [:]
                for dx in stride(from: -6.0, through: 6, by: 1) { for dy in stride(from: -6.0, through: 6, by: 1) {
                    if let px = image.pixel(at: PagePoint(x: c.x + dx, y: c.y + dy)) { h[String(format: "%02x%02x%02x", px.0, px.1, px.2), default: 0] += 1 }
                } }
                print("PIXELS", lon, lat, h.sorted { $0.value > $1.value }.prefix(6))
            }
            return (Double(fill) / Double(n), Double(dark) / Double(n))
        }
        for (name, lon, lat) in [("Mopti", -4.3, 14.2), ("Ségou", -6.2, 14.9)] {
            let s = try shares(lon, lat)
            #expect(s.fill > 0.15 && s.hatch > 0.05, "\(name): fill \(s.fill), hatch \(s.hatch)")
        }
        let kidal = try shares(1.0, 19.5)
        #expect(kidal.fill > 0.5 && kidal.hatch < 0.005, "Kidal: \(kidal)")
        #expect(map.report.legend.contains("JNIM: control of parts of the region"))
        #expect(!map.report.legend.contains("JNIM: control of parts"))
    }

    /// Past the last coded year the date line, the legend and the alt text say which year the levels are from;
    /// beyond the allowed gap the render is refused.
    @Test func levelsPastTheirYearSaySo() throws {
        var s = try spec("jihadist-expansion", asOf: "2024-06-30")
        s.outputs = []
        let (renderer, map) = try compose(s)
        #expect(map.report.legend.contains("Levels as coded for 2021"))
        #expect(map.report.altText.contains("Changes from 2012 to 30 June 2024 (levels as coded for 2021)."))
        let dir = try temporaryDirectory()
        _ = try renderer.write(map, to: [Output(path: dir + "/m.pdf", format: .pdf)])
        let text = try run("pdftotext", [dir + "/m.pdf", "-"])
        #expect(text.contains("(levels as coded for 2021)"))
        let (_, in2021) = try compose(spec("jihadist-expansion"))
        #expect(!in2021.report.legend.contains("Levels as coded for 2021") && !in2021.report.altText.contains("as coded"))
        let late = try spec("jihadist-expansion", asOf: "2025-01-01")
        #expect(throws: RenderError.self) { try MapRenderer(spec: late, page: .a4Landscape, resources: resources, info: fixedInfo).compose() }
        do { _ = try MapRenderer(spec: late, page: .a4Landscape, resources: resources, info: fixedInfo).compose() } catch {
            #expect("\(error)".contains("levels are coded up to 2021, 4 years before the map's date (1 January 2025); the limit is 3 (max-level-gap: in the spec)"))
        }
        var allowed = late
        allowed.time.maxLevelGapYears = 4
        #expect(try compose(allowed).1.report.legend.contains("Levels as coded for 2021"))
    }

    /// A date before a data layer's first feature draws an empty map: said, not silent (and an error with --strict).
    @Test func anEmptyDataLayerIsAWarning() throws {
        let (_, map) = try compose(spec("massacres-2019-2021", asOf: "2012-12-31"))
        #expect(map.report.warnings.map(\.description).contains(
            "warning: layer massacres: nothing drawn: none of its 26 features is on the map: 26 outside the map's time (as of 31 December 2012)"),
            "\(map.report.warnings)")
        let (_, in2021) = try compose(spec("massacres-2019-2021"))
        #expect(!in2021.report.warnings.contains { $0.kind == .nothingDrawn })
        // A change layer whose where leaves nothing (no group newly active in the first year) is a fact, not a fault.
        let (_, first) = try compose(spec("jihadist-expansion", asOf: "2012-12-31"))
        #expect(!first.report.warnings.contains { $0.kind == .nothingDrawn }, "\(first.report.warnings)")
    }

    /// Old units say what they hold after the 2016 split, the new ones are named, the credits say which boundaries.
    @Test func oldBoundariesAreNamedAsOld() throws {
        let (_, now) = try compose(spec("jihadist-expansion"))
        #expect(now.report.altText.contains("Gao (incl. Ménaka)") && now.report.altText.contains("Tombouctou (incl. Taoudénit)"))
        #expect(now.report.labelsPlaced.map(\.text).contains("Ménaka region (since 2016)"))
        #expect(now.report.labelsPlaced.map(\.text).contains("Taoudénit region (since 2016)"))
        #expect(now.report.credits.contains("admin-1: Natural Earth v4.1 (Mali before 2016, Burkina Faso before 2025)"))
        let (_, then) = try compose(spec("jihadist-expansion", asOf: "2015-06-30"))
        #expect(!then.report.altText.contains("incl. Ménaka") && then.report.altText.contains("Gao"))
        #expect(!then.report.labelsPlaced.map(\.text).contains("Ménaka region (since 2016)"))
    }

    func allBases(asOf: String) throws -> MapSpec {
        var s = try spec("barkhane-drawdown", asOf: asOf)
        let i = try #require(s.layers.firstIndex { $0.id == "bases" })
        s.layers[i].filter = nil
        s.extent = .bbox(BoundingBox(west: -12, south: 10, east: 6, north: 22))
        return s
    }

    /// As of 2024-06-30 MINUSMA Gao (closing date unknown) is not drawn open: its status is unknown after the
    /// last sourced date. As of 2015-01-01 the Ogossagou post (opened March 2020) is not drawn.
    @Test func basesHonourUnknownDates() throws {
        let (_, later) = try compose(allBases(asOf: "2024-06-30"))
        #expect(later.report.altText.contains("Status unknown after the last sourced date: Bamako-Sénou (status unknown after 9 January 2023) and Gao (status unknown after 31 December 2023)."))
        let bases = try #require(later.report.layers.first { $0.id == "bases" })
        #expect(bases.classesDrawn.contains("Status unknown after the last sourced date"))
        #expect(!bases.classesDrawn.contains("MINUSMA camp, open"))
        let (_, early) = try compose(allBases(asOf: "2015-01-01"))
        #expect(!early.report.altText.contains("Ogossagou"))
        #expect(early.report.notes.contains("bases: opening date unknown, not drawn before it is known open: Abéché, Ber, Douentza, Faya-Largeau, Goundam"))
    }

    /// Approximate base locations (geo_precision 2) are dashed; stacked bases are spread on a ring: no two base
    /// symbols at one point.
    @Test func basesApproximateAndSpread() throws {
        let (_, map) = try compose(allBases(asOf: "2018-06-30"))
        let bases = try #require(map.report.layers.first { $0.id == "bases" })
        #expect(bases.classesDrawn.contains("Approximate location (a nearby town stands in)"))
        let marks = map.scene.ops.compactMap { op -> (PagePoint, Mark)? in
            if case .marker(let p, let m) = op, m.radiusPoints >= 2.6, m.shape != .square || m.radiusPoints > 2.4 { return (p, m) }
            return nil
        }.filter { $0.1.radiusPoints >= 2.6 }
        let dashed = marks.filter { $0.1.stroke?.dashPoints == [1.4, 0.9] }
        #expect(dashed.count >= 3, "Sévaré MINUSMA, Sévaré G5, Ouagadougou Sabre are approximate")
        var seen: [PagePoint] = []
        for (p, _) in marks {
            #expect(!seen.contains { abs($0.x - p.x) < 0.5 && abs($0.y - p.y) < 0.5 }, "two base symbols at \(p)")
            seen.append(p)
        }
        #expect(map.report.notes.contains { $0.hasPrefix("bases: ") && $0.contains("spread on a 4.5 pt ring") })
    }

    /// Massacres are drawn at their site where a source gives it (Solhan), the proxy town is kept in the data, and
    /// the Djibo killing of 9 April 2020 is counted once, inside the Djibo mass graves, when aggregated.
    @Test func massacresAtTheirSiteAndCountedOnce() throws {
        let (_, map) = try compose(spec("massacres-2019-2021"))
        let solhan = try #require(try SourceSet(catalog: DataCatalog(resources: resources)).features(.builtIn("massacres")).features.first { $0.id == "massacre:solhan-massacre" })
        let site = try pagePoint(0.45722, 13.37611, in: map, projection: map.report.projection)
        let proxy = try pagePoint(try #require(solhan.properties["proxy_lon"]?.numberValue), try #require(solhan.properties["proxy_lat"]?.numberValue),
                                  in: map, projection: map.report.projection)
        let radius = 17 * (160.0 / 200).squareRoot()
        let at = map.scene.ops.contains { op in
            if case .marker(let p, let m) = op { return abs(m.radiusPoints - radius) < 1e-9 && abs(p.x - site.x) < 1e-6 && abs(p.y - site.y) < 1e-6 }
            return false
        }
        #expect(at, "Solhan is not drawn at its site")
        #expect(abs(site.x - proxy.x) + abs(site.y - proxy.y) > 3)
        var s = try spec("massacres-2019-2021")
        let i = try #require(s.layers.firstIndex { $0.id == "massacres" })
        s.layers[i].aggregation = .regions
        let (_, counted) = try compose(s)
        let m = try #require(counted.report.layers.first { $0.id == "massacres" })
        #expect(m.featuresAggregated == 25)
        #expect(counted.report.notes.contains("massacres: 1 event(s) counted once, as part of another (part_of)"))
    }
}
