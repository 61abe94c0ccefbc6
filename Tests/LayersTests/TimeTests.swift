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
        #expect(presence.apply(mopti.properties, at("2012-06-01"))?["level"] == .string("present"))   // first year 2012 (MUJAO, Douentza)
        // MUJAO (JNIM lineage) held Douentza in 2012: from 2012 to 2021 JNIM is not new in Mopti.
        let change = TimeContext(asOf: PartialDate("2021-12-31"), from: PartialDate("2012"), change: true)
        #expect(presence.apply(mopti.properties, change)?["change"] == .string("unchanged"))
    }

    /// A level the facts leave empty stays unknown (null), never "none".
    @Test func emptyLevelStaysUnknown() throws {
        let presence = Layer.builtIn["presence"]!.time
        let unknown = try #require(try builtIn("group_presence").first { $0.properties["level_2021"] == .null })
        #expect(presence.apply(unknown.properties, at("2021-06-01"))?["level"] == .null)
    }

    /// Before a row's first year the level is unknown, never "none"; a group first seen after the start date is new.
    @Test func beforeTheFirstYearIsUnknownNotNone() throws {
        let presence = Layer.builtIn["presence"]!.time
        let rows = try builtIn("group_presence")
        let late = try #require(rows.first { $0.id == "presence:jnim:BF-08" })      // JNIM in Burkina's Est, first 2018
        let first = try #require(late.properties["first_year"]?.numberValue)
        #expect(first > 2012)
        #expect(presence.apply(late.properties, at("2012-06-01"))?["level"] == .null)
        for f in rows {
            for year in ["2012-06-01", "2014-06-01", "2016-06-01", "2019-06-01", "2024-06-30"] {
                let level = presence.apply(f.properties, at(year))?["level"]
                if level == .string("none") {
                    // Only where the row itself codes none for that year.
                    let coded = [2015, 2018, 2021].filter { $0 <= Int(year.prefix(4))! }.max().map { f.properties["level_\($0)"] }
                    #expect(coded == .string("none"), "\(f.id!) \(year): none without a coded none")
                }
            }
        }
        let change = TimeContext(asOf: PartialDate("2021-12-31"), from: PartialDate("2012"), change: true)
        #expect(presence.apply(late.properties, change)?["change"] == .string("new"))
    }

    /// Names follow the lineage by date, and old units say what they hold once a newer unit was cut from them.
    @Test func namesByDate() throws {
        let presence = Layer.builtIn["presence"]!.time
        let rows = try builtIn("group_presence")
        let mopti = try #require(rows.first { $0.id == "presence:jnim:ML-5" }).properties
        #expect(presence.apply(mopti, at("2012-12-31"))?["group_name"] == .string("AQIM, Ansar Dine, MUJAO, Katiba Macina (JNIM predecessors)"))
        #expect(presence.apply(mopti, at("2017-03-01"))?["group_name"]?.stringValue?.hasSuffix("(JNIM predecessors)") == true)
        #expect(presence.apply(mopti, at("2017-03-02"))?["group_name"] == .string("JNIM"))
        let gao = try #require(rows.first { $0.id == "presence:isgs:ML-7" }).properties
        #expect(presence.apply(gao, at("2015-12-31"))?["region_name"] == .string("Gao"))
        #expect(presence.apply(gao, at("2021-12-31"))?["region_name"] == .string("Gao (incl. Ménaka)"))
        #expect(presence.apply(gao, at("2015-12-31"))?["group_name"]?.stringValue?.contains("al-Sahrawi") == true)
        #expect(presence.apply(gao, at("2018-12-31"))?["group_name"] == .string("ISGS"))
        #expect(presence.apply(gao, at("2024-06-30"))?["group_name"] == .string("IS Sahel (ISGS)"))
        let tombouctou = try #require(rows.first { $0.id == "presence:jnim:ML-6" }).properties
        #expect(presence.apply(tombouctou, at("2021-12-31"))?["region_name"] == .string("Tombouctou (incl. Taoudénit)"))
    }

    /// After the last coded year the levels are 2021's, and the feature says so.
    @Test func levelsAfterTheLastCodedYearSaySo() throws {
        let presence = Layer.builtIn["presence"]!.time
        let mopti = try #require(try builtIn("group_presence").first { $0.id == "presence:jnim:ML-5" }).properties
        let later = try #require(presence.apply(mopti, at("2024-06-30")))
        #expect(later["level"] == .string("control") && later["level_year"] == .number(2021))
        #expect(later["level_note"] == .string("levels as coded for 2021"))
        #expect(presence.apply(mopti, at("2021-12-31"))?["level_note"] == nil)
    }

    /// MINUSMA Gao has no closing date: open while its sources say so, then "unknown" after the last sourced date.
    @Test func unknownClosingIsNotOpenForever() throws {
        let gao = try base("base:gao-minusma")
        #expect(bases.apply(gao, at("2023-06-30"))?["state"] == .string("open"))
        let later = try #require(bases.apply(gao, at("2024-06-30")))
        #expect(later["state"] == .string("unknown") && later["state_date"] == .string("2023-12-31"))
    }

    /// A site with no opening date is not drawn before it is known open; the Ogossagou post opened in March 2020.
    @Test func unknownOpeningIsNotOpenSinceForever() throws {
        #expect(bases.apply(try base("base:ogossagou-minusma"), at("2015-01-01")) == nil)
        #expect(bases.apply(try base("base:ogossagou-minusma"), at("2020-03-31"))?["state"] == .string("open"))
        let douentza = try base("base:douentza-minusma")             // opened: unknown; closed 2023-10-21
        #expect(douentza["opening_known"] == .bool(false))
        #expect(bases.apply(douentza, at("2018-01-01")) == nil)
        #expect(bases.apply(douentza, at("2023-12-31"))?["state"] == .string("handed-over"))
    }

    /// An interval event takes part in every period it overlaps: the Djibo mass graves (2019-11/2020-06) are in
    /// March 2020 and in 2019's December.
    @Test func intervalEventsOverlapTheirPeriod() throws {
        let events = Layer.builtIn["massacres"]!.time
        let graves = try #require(try builtIn("massacres").first { $0.id == "massacre:djibo-mass-graves" }).properties
        #expect(events.apply(graves, TimeContext(from: PartialDate("2020-03-01"), to: PartialDate("2020-03-31"))) != nil)
        #expect(events.apply(graves, TimeContext(from: PartialDate("2019-12"), to: PartialDate("2019-12"))) != nil)
        #expect(events.apply(graves, TimeContext(from: PartialDate("2020-07-01"), to: PartialDate("2020-12-31"))) == nil)
        #expect(events.apply(graves, TimeContext(from: PartialDate("2019-01-01"), to: PartialDate("2019-10-31"))) == nil)
    }

    @Test func eventsByDateRange() throws {
        let events = Layer.builtIn["massacres"]!.time
        let massacres = try builtIn("massacres")
        let in2020 = massacres.filter { events.apply($0.properties, TimeContext(from: PartialDate("2020-01-01"), to: PartialDate("2020-12-31"))) != nil }
        // Those of 2020, and the Djibo mass graves (2019-11/2020-06), which overlap it.
        #expect(in2020.count == massacres.filter { $0.string("date")!.hasPrefix("2020") || $0.id == "massacre:djibo-mass-graves" }.count)
        #expect(in2020.count > 0)
        // Solhan, 2021-06-05: in on the day, out the day before.
        let solhan = try #require(massacres.first { $0.string("label") == "Solhan" })
        #expect(events.apply(solhan.properties, TimeContext(asOf: PartialDate("2021-06-05"))) != nil)
        #expect(events.apply(solhan.properties, TimeContext(asOf: PartialDate("2021-06-04"))) == nil)
    }
}

@Suite struct ThematicDataTests {
    /// Every massacre's town proxy lies inside the first-level region its row names (the site may not: Yirgou).
    @Test func massacresLieInTheirRegion() throws {
        let regions = Dictionary(uniqueKeysWithValues: try builtIn("regions").map { ($0.id!, $0) })
        let massacres = try builtIn("massacres")
        #expect(massacres.count == 26)
        for m in massacres {
            let id = try #require(m.string("region_id"), "\(m.string("name")!) has no region")
            let region = try #require(regions[id])
            let p = GeoPoint(longitude: try #require(m.properties["proxy_lon"]?.numberValue), latitude: try #require(m.properties["proxy_lat"]?.numberValue))
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
