import Foundation
import Geometry
@testable import Layers
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func builtIn(_ name: String) throws -> [Feature] {
    try GeoJSON.read(contentsOf: root.appendingPathComponent("GeoData/\(name).geojson").path).features
}

private func at(_ date: String) -> TimeContext { TimeContext(asOf: PartialDate(date)) }

@Suite struct PartialDateTests {
    @Test func parsesAndSpans() throws {
        let month = try #require(PartialDate("2021-10"))
        #expect(month.precision == .month && month.firstDay == 20211001 && month.lastDay == 20211031)
        #expect(PartialDate("2020-02")?.lastDay == 20200229)
        #expect(PartialDate("2013")?.lastDay == 20131231)
        #expect(PartialDate("2021-11-13")?.description == "2021-11-13")
        for bad in ["2021-13", "2021-02-30", "21-01-01", "2021/01/01", "", "2021-1-1"] {
            #expect(PartialDate(bad) == nil, "\(bad)")
        }
    }
}

@Suite struct TimeTests {
    let bases = Layer.builtIn["bases"]!.time

    func base(_ id: String) throws -> [String: JSONValue] {
        try #require(try builtIn("bases").first { $0.id == id }).properties
    }

    /// Tessalit was handed to FAMa on 2021-11-13: open the day before, handed over on the day.
    @Test func handOverOnBothSidesOfTheDate() throws {
        let tessalit = try base("base:tessalit-barkhane")
        #expect(bases.apply(tessalit, at("2021-11-12"))?["state"] == .string("open"))
        let after = try #require(bases.apply(tessalit, at("2021-11-13")))
        #expect(after["state"] == .string("handed-over"))
        #expect(after["state_date"] == .string("2021-11-13"))
        #expect(after["state_uncertain"] == .bool(false))
    }

    /// Kidal's hand-over is known only to the month (2021-10): inside October it is still drawn open but flagged
    /// uncertain; from November it is handed over.
    @Test func monthPrecisionHandOver() throws {
        let kidal = try base("base:kidal-barkhane")
        let mid = try #require(bases.apply(kidal, at("2021-10-15")))
        #expect(mid["state"] == .string("open") && mid["state_uncertain"] == .bool(true))
        #expect(bases.apply(kidal, at("2021-11-01"))?["state"] == .string("handed-over"))
        #expect(bases.apply(kidal, at("2021-09-30"))?["state_uncertain"] == .bool(false))
    }

    /// The Barkhane drawdown as of 2021-12-31: the three northern bases handed over, Gao, Ménaka and Gossi open.
    @Test func barkhaneAsOfEndOf2021() throws {
        let t = at("2021-12-31")
        let states = Dictionary(uniqueKeysWithValues: try builtIn("bases").compactMap { f -> (String, String)? in
            guard f.string("force") == "france", let p = bases.apply(f.properties, t) else { return nil }
            return (f.string("name")!, p["state"]!.stringValue!)
        })
        for name in ["Kidal", "Tessalit", "Timbuktu"] { #expect(states[name] == "handed-over", "\(name)") }
        for name in ["Gao", "Ménaka", "Gossi"] { #expect(states[name] == "open", "\(name)") }
        #expect(states["Madama"] == "withdrawn")     // mothballed in 2019, not handed over
    }

    @Test func notYetOpenIsLeftOut() throws {
        let menaka = try base("base:menaka-barkhane")     // opened 2018
        #expect(bases.apply(menaka, at("2017-06-01")) == nil)
        #expect(bases.apply(menaka, at("2018-12-31"))?["state"] == .string("open"))
    }

    @Test func changeViewBetweenTwoDates() throws {
        let t = TimeContext(asOf: PartialDate("2022-12-31"), from: PartialDate("2021-01-01"), change: true)
        #expect(bases.apply(try base("base:gao-barkhane"), t)?["change"] == .string("handed-over"))
        let t2 = TimeContext(asOf: PartialDate("2021-12-31"), from: PartialDate("2017-01-01"), change: true)
        #expect(bases.apply(try base("base:menaka-barkhane"), t2)?["change"] == .string("opened"))
    }

    /// Presence levels are read for the year of the map's date: the latest coded year at or before it.
    @Test func presenceByYear() throws {
        let presence = Layer.builtIn["presence"]!.time
        let mopti = try #require(try builtIn("group_presence").first { $0.string("group") == "JNIM" && $0.string("admin1") == "Mopti" })
        #expect(presence.apply(mopti.properties, at("2016-06-01"))?["level"] == mopti.properties["level_2015"])
        #expect(presence.apply(mopti.properties, at("2021-12-31"))?["level"] == .string("control"))
        #expect(presence.apply(mopti.properties, at("2021-12-31"))?["level_year"] == .number(2021))
        #expect(presence.apply(mopti.properties, at("2012-06-01"))?["level"] == .string("none"))   // first year 2013
        // From 2012 to 2021 JNIM is new in Mopti.
        let change = TimeContext(asOf: PartialDate("2021-12-31"), from: PartialDate("2012"), change: true)
        #expect(presence.apply(mopti.properties, change)?["change"] == .string("new"))
    }

    /// A level the facts leave empty stays unknown (null), never "none".
    @Test func emptyLevelStaysUnknown() throws {
        let presence = Layer.builtIn["presence"]!.time
        let unknown = try #require(try builtIn("group_presence").first { $0.properties["level_2021"] == .null })
        #expect(presence.apply(unknown.properties, at("2021-06-01"))?["level"] == .null)
    }

    @Test func eventsByDateRange() throws {
        let events = Layer.builtIn["massacres"]!.time
        let massacres = try builtIn("massacres")
        let in2020 = massacres.filter { events.apply($0.properties, TimeContext(from: PartialDate("2020-01-01"), to: PartialDate("2020-12-31"))) != nil }
        #expect(in2020.count == massacres.filter { $0.string("date")!.hasPrefix("2020") }.count)
        #expect(in2020.count > 0)
        // Solhan, 2021-06-05: in on the day, out the day before.
        let solhan = try #require(massacres.first { $0.string("label") == "Solhan" })
        #expect(events.apply(solhan.properties, TimeContext(asOf: PartialDate("2021-06-05"))) != nil)
        #expect(events.apply(solhan.properties, TimeContext(asOf: PartialDate("2021-06-04"))) == nil)
    }
}

@Suite struct ThematicDataTests {
    /// Every massacre point lies inside the first-level region its row names.
    @Test func massacresLieInTheirRegion() throws {
        let regions = Dictionary(uniqueKeysWithValues: try builtIn("regions").map { ($0.id!, $0) })
        let massacres = try builtIn("massacres")
        #expect(massacres.count == 26)
        for m in massacres {
            let id = try #require(m.string("region_id"), "\(m.string("name")!) has no region")
            let region = try #require(regions[id])
            let p = try #require(m.geometry?.points.first)
            let inside = region.geometry!.polygons.contains { rings in
                LabelPoint.signedDistance(MapPoint(x: p.longitude, y: p.latitude),
                                          rings.map { $0.map { MapPoint(x: $0.longitude, y: $0.latitude) } }) > 0
            }
            #expect(inside, "\(m.string("name")!) at \(p) is outside \(region.string("name")!)")
        }
    }

    /// Each feature keeps its source and confidence; nothing is filled in.
    @Test func provenanceIsKept() throws {
        for name in ["bases", "massacres", "group_presence"] {
            for f in try builtIn(name) {
                #expect(f.string("source")?.isEmpty == false, "\(name) \(f.id ?? "?") lacks a source")
                #expect(["high", "medium", "low"].contains(f.string("confidence") ?? ""), "\(name) \(f.id ?? "?") confidence")
            }
        }
    }
}
