import Foundation
import Report
import Testing

/// The highest credible toll of the built-in massacres, summed per quarter and perpetrator type, computed here
/// from the GeoJSON itself (not through SahelMap's code), for 2019–2021.
func massacreDeathsByQuarter() throws -> (byQuarter: [String: Double], byType: [String: Double]) {
    let data = try Data(contentsOf: URL(fileURLWithPath: resources.home + "/GeoData/massacres.geojson"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var byQuarter: [String: Double] = [:], byType: [String: Double] = [:]
    for f in try #require(json["features"] as? [[String: Any]]) {
        let p = try #require(f["properties"] as? [String: Any])
        guard let date = p["date"] as? String, date.count >= 7, let deaths = p["fatalities_high"] as? Double,
              let year = Int(date.prefix(4)), (2019...2021).contains(year), let month = Int(date.dropFirst(5).prefix(2)) else { continue }
        byQuarter["\(year) Q\((month - 1) / 3 + 1)", default: 0] += deaths
        byType[p["perpetrator_type"] as? String ?? "unknown", default: 0] += deaths
    }
    return (byQuarter, byType)
}

/// Reads a binary PPM (what `pdftoppm` writes without `-png`) into RGB triples.
func ppmPixels(_ path: String) throws -> (width: Int, height: Int, rgb: [UInt8]) {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    var fields: [String] = [], k = 0, current = ""
    while fields.count < 4 {
        let c = bytes[k]; k += 1
        if c == 0x0A || c == 0x20 { if !current.isEmpty { fields.append(current); current = "" } } else { current.append(Character(UnicodeScalar(c))) }
    }
    let w = Int(fields[1])!, h = Int(fields[2])!
    return (w, h, Array(bytes[k..<(k + w * h * 3)]))
}

/// Figures drawn from data: bars per period, stacked by category, in the theme's colours, numbered like maps.
@Suite struct ChartTests {
    @Test func sampleChartSumsTheMassacresPerQuarter() throws {
        let (byQuarter, byType) = try massacreDeathsByQuarter()
        let chart = try #require(sample.report.figures.first { $0.kind == .chart })
        #expect(chart.number == 3 && chart.spec == "builtin:massacres")
        // Every quarter's total is printed above its bar, and the alt text gives each perpetrator type's total.
        let page = try pageText(sample.path, chart.pageIndex + 1)
        let words = Set(page.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
        for (quarter, total) in byQuarter where total > 0 {
            let printed = total >= 1000 ? "\(Int(total) / 1000),\(String(format: "%03d", Int(total) % 1000))" : "\(Int(total))"
            #expect(words.contains(printed), "total \(printed) of \(quarter) not printed")
        }
        let names = ["jihadist": "Jihadist groups", "militia": "Militias", "state": "State forces", "foreign": "Foreign forces"]
        for (type, total) in byType {
            #expect(chart.altText.contains("\(names[type] ?? type) \(Int(total))") || total >= 1000, "\(type) \(total): \(chart.altText)")
            #expect(page.contains(names[type] ?? type), "legend lacks \(type)")
        }
        let top = try #require(byQuarter.max { $0.value < $1.value })
        #expect(chart.altText.contains("Highest: \(top.key), \(Int(top.value))"), "\(chart.altText)")
        #expect(page.contains("Figure 3. Civilians killed in massacres per quarter, 2019–2021, by type of perpetrator."))
        #expect(page.contains("Source: SahelMap facts: massacres (sources per feature)."))
        #expect(chart.altText.hasPrefix("Stacked bar chart of civilians killed (highest credible toll) per quarter, 2019 Q1 to 2021 Q4"))
    }

    @Test func barsAreInTheMapsColoursAndVector() throws {
        let (_, byType) = try massacreDeathsByQuarter()
        let chart = try #require(sample.report.figures.first { $0.kind == .chart })
        let dir = try scratch()
        let f = chart.frame
        try run("pdftoppm", ["-r", "72", "-f", "\(chart.pageIndex + 1)", "-l", "\(chart.pageIndex + 1)",
                             "-x", "\(Int(f.x))", "-y", "\(Int(f.y))", "-W", "\(Int(f.width))", "-H", "\(Int(f.height))",
                             "-singlefile", sample.path, dir + "/chart"])
        let img = try ppmPixels(dir + "/chart.ppm")
        var counts: [String: Int] = [:]
        let colours = ["jihadist": (0xd5, 0x5e, 0x00), "militia": (0xe6, 0x9f, 0x00), "state": (0x00, 0x72, 0xb2), "foreign": (0xcc, 0x79, 0xa7)]
        for k in stride(from: 0, to: img.rgb.count, by: 3) {
            for (name, c) in colours where abs(Int(img.rgb[k]) - c.0) <= 6 && abs(Int(img.rgb[k + 1]) - c.1) <= 6 && abs(Int(img.rgb[k + 2]) - c.2) <= 6 {
                counts[name, default: 0] += 1
            }
        }
        for (type, total) in byType where total > 0 {
            #expect((counts[type] ?? 0) > 20, "no \(type) bar in the chart: \(counts)")
        }
        // The jihadist share of the bars is larger than the militia share, as in the data.
        if let j = byType["jihadist"], let m = byType["militia"], j > m * 1.5 { #expect(counts["jihadist"]! > counts["militia"]!) }
    }

    /// A line chart per month from a GeoJSON of our own: rows whose date is only a year, or whose value is unknown,
    /// are left out and said to be, never counted as zero.
    @Test func lineChartPerMonthSaysWhatItLeavesOut() throws {
        let dir = try scratch()
        func feature(_ date: String, _ deaths: String, _ kind: String) -> String {
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,14]},"properties":{"date":"\#(date)","deaths":\#(deaths),"kind":"\#(kind)"}}"#
        }
        let rows = [feature("2021-01-05", "3", "a"), feature("2021-01-20", "4", "b"), feature("2021-03-02", "12", "a"),
                    feature("2021", "50", "a"), feature("2021-02-11", "null", "b"), feature("2021-04-30", "1", "b")]
        try #"{"type":"FeatureCollection","features":[\#(rows.joined(separator: ","))]}"#.write(toFile: dir + "/events.geojson", atomically: true, encoding: .utf8)
        let md = """
        ---
        title: Chart
        ---

        Monthly deaths are in [@fig:monthly].

        ```chart
        id: monthly
        source: events.geojson
        type: line
        y: sum(deaths)
        x: month
        by: kind
        caption: Deaths per month.
        ```
        """
        try md.write(toFile: dir + "/c.md", atomically: true, encoding: .utf8)
        let r = try BriefingReport(path: dir + "/c.md", resources: resources, options: ReportOptions(creationDate: creation)).typeset()
        let pdf = dir + "/c.pdf"
        _ = FileManager.default.createFile(atPath: pdf, contents: Data(try r.pdf()))
        let text = try run("pdftotext", [pdf, "-"]).out.replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("Monthly deaths are in Figure") && text.contains("Figure 1. Deaths per month."), "\(text)")
        #expect(text.contains("Not shown: 1 row dated only to the year; 1 row with deaths unknown."), "\(text)")
        #expect(text.contains("4 rows") == false && text.contains("6 rows; sum of deaths per month, 2021-01 to 2021-04."), "\(text)")
        let alt = try #require(r.figures.first).altText
        #expect(alt.hasPrefix("Line chart of sum of deaths per month, 2021-01 to 2021-04, by kind: A 15, B 5."), "\(alt)")
        #expect(alt.contains("Highest: 2021-03, 12."), "\(alt)")
        #expect(try run("pdfimages", ["-list", pdf]).out.split(separator: "\n").count == 2, "a chart is vector")
    }

    @Test func chartErrorsPointIntoTheBlock() throws {
        func error(_ body: String) throws -> String {
            do { _ = try typeset("---\ntitle: T\n---\n\n```chart\n\(body)\n```\n"); Issue.record("no error") }
            catch { return "\(error)".replacingOccurrences(of: #"^.*/t\.md"#, with: "t.md", options: .regularExpression) }
            return ""
        }
        let unknown = try error("source: builtin:massacres\ny: sum(fatalities)\ncaption: C")
        #expect(unknown.hasPrefix("t.md:5:1: chart: field \"fatalities\": not in builtin:massacres; it has ") && unknown.contains(" fatalities_high, "), "\(unknown)")
        #expect(try error("source: builtin:massacres\ny: mean(fatalities_high)\ncaption: C").contains("t.md:7:4: y: expected count or sum(FIELD), found \"mean(fatalities_high)\""))
        #expect(try error("source: builtin:massacres\nx: week\ncaption: C").contains("t.md:7:4: x: expected one of month, quarter, year"))
        #expect(try error("source: builtin:massacres").contains("caption: expected a caption"))
        #expect(try error("source: builtin:massacres\ncaption: C\nwhere: 'country == \"Atlantis\"'") ==
                "t.md:5:1: chart: no row of builtin:massacres matches \"country == \"Atlantis\"\"; nothing to draw")
    }
}
