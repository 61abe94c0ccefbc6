import Foundation
import Geometry
import Layers
@testable import Render
@testable import Style
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func composed(_ spec: String, change: (inout MapSpec) -> Void = { _ in }) throws -> ComposedMap {
    var s = try MapSpec.load(path: root.appendingPathComponent("Maps/\(spec).yaml").path, resources: testResources)
    change(&s)
    let r = try MapRenderer(spec: s, page: Page.preset("a4-landscape", dpi: 72)!, resources: testResources, info: fixedInfo)
    return try r.compose()
}

@Suite struct AltTextAndDateTests {
    /// One date style for every map, whatever the precision: day, month, year.
    @Test func oneDateFormatter() {
        #expect(DateWords.words(iso: "2021-11-13") == "13 November 2021")
        #expect(DateWords.words(iso: "2021-10") == "October 2021")
        #expect(DateWords.words(iso: "2013") == "2013")
        #expect(DateWords.words(iso: "2021-06-05T00:00:00Z") == "5 June 2021")
        #expect(DateWords.words(iso: "not a date") == "not a date" && DateWords.words(iso: "2021-13") == "2021-13")
        #expect(TimeContext.words(PartialDate("2021-10")!) == DateWords.words(iso: "2021-10"))
        #expect(TimeContext.words(PartialDate("2021-11-13")!) == "13 November 2021")
        let label = LabelStyle(text: "handed over {d|date}", sizePoints: 7, color: .hex("#000000"))
        #expect(label.text(for: ["d": .string("2021-10")]) == "handed over October 2021")
    }

    /// No shipped theme writes a date field raw: every `{…date…}` in a label template goes through `|date`.
    @Test(arguments: ["briefing", "print", "dark"])
    func themesFormatEveryDateField(theme: String) throws {
        let yaml = try String(contentsOfFile: root.appendingPathComponent("Styles/\(theme).yaml").path, encoding: .utf8)
        let raw = try Regex(#"\{[a-z_]*date[a-z_]*\}"#)
        #expect(yaml.firstMatch(of: raw) == nil, "\(theme): a date field without |date")
    }

    /// On the map, in its labels and in its alt text, the Barkhane handovers read "October 2021" (month precision)
    /// and "13 November 2021" (day precision); no ISO date is left anywhere.
    @Test func datesOnTheMapAreWords() throws {
        let map = try composed("barkhane-drawdown")
        let labels = map.report.labelsPlaced.map(\.text)
        #expect(labels.contains("Kidal (handed over October 2021)"))
        #expect(labels.contains("Tessalit (handed over 13 November 2021)"))
        let iso = try Regex(#"\b\d{4}-\d{2}"#)
        var texts: [String] = [map.report.altText]
        for op in map.scene.ops { if case .text(let s, _, _) = op { texts.append(s) } }
        for t in texts { #expect(t.firstMatch(of: iso) == nil, "ISO date in \"\(t)\"") }
        #expect(map.report.altText.contains("Kidal (handed over October 2021)"))
        #expect(map.report.altText.contains("As of 31 December 2021."))
    }

    /// The alt text names the focus countries (not the largest on the page), counts with the legend's class names
    /// and the layer's noun, and says the time shown.
    @Test func altTextNamesFocusCountsAndTime() throws {
        let expansion = try composed("jihadist-expansion").report.altText
        #expect(expansion.hasPrefix("Map of Mali, Burkina Faso and Niger: Jihadist expansion in the central Sahel, 2012–2021."))
        #expect(expansion.contains("Changes from 2012 to 31 December 2021."))
        let isgs = try Regex(#"ISGS: regular activity in \d+ regions"#)
        #expect(expansion.firstMatch(of: isgs) != nil, "\(expansion)")
        #expect(expansion.contains("JNIM: control of parts of the region in 2 regions (Mopti and Ségou); regular activity in "))
        #expect(!expansion.contains("It shows") || !expansion.lowercased().contains("isgs"))
        let overview = try composed("sahel-overview").report.altText
        #expect(overview.hasPrefix("Map of Mali, Burkina Faso and Niger:"))
        // Without a focus, a map whose extent names countries is about those countries.
        let bf = try composed("massacres-2019-2021") { $0.focus = nil; $0.extent = .features(["BFA"]) }.report.altText
        #expect(bf.hasPrefix("Map of Burkina Faso:"))
        // Without either, the countries its data lies in (each with a sixth of it), not the largest on the page.
        let data = try composed("massacres-2019-2021") { $0.focus = nil }.report.altText
        #expect(data.hasPrefix("Map of ") && !data.hasPrefix("Map of Algeria") && data.contains("Burkina Faso"))
        let massacres = try composed("massacres-2019-2021").report.altText
        #expect(massacres.contains("It shows 26 massacres of civilians (jihadist "))
        #expect(massacres.contains("1 January 2019 – 31 December 2021."))
    }

    /// A count of one is singular; a class name keeps an acronym's capitals and lowers a plain word.
    @Test func countsInWords() {
        #expect(AltTextBuilder.count(1, "regions") == "1 region" && AltTextBuilder.count(8, "regions") == "8 regions")
        #expect(AltTextBuilder.count(1, "massacres of civilians") == "1 massacre of civilians")
        #expect(AltTextBuilder.inSentence("Jihadist") == "jihadist" && AltTextBuilder.inSentence("JNIM") == "JNIM")
    }
}
