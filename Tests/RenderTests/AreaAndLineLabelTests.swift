import Foundation
import Geometry
import Layers
@testable import Render
import Style
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Issue 10, item 3: country and region names extract from the PDF as words; river names follow their rivers.
@Suite struct AreaAndLineLabelTests {
    let resources: Resources
    init() throws { resources = try Resources.locate() }

    static let shippedMaps = ["sahel-overview", "jihadist-expansion", "barkhane-drawdown", "french-withdrawal-2021-2022",
                              "liptako-gourma", "massacres-2019-2021"]

    func map(_ name: String) throws -> (MapRenderer, ComposedMap) {
        let spec = try MapSpec.load(path: root.appendingPathComponent("Maps/\(name).yaml").path, resources: resources)
        let renderer = try MapRenderer(spec: spec, page: .a4Landscape, resources: resources, info: fixedInfo)
        return (renderer, try renderer.compose())
    }

    /// Whether `name` occurs in `text` as whole words (as `grep -w` finds it), lines and spaces counting alike.
    static func hasWords(_ text: String, _ name: String) -> Bool {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let pattern = "(?<![\\p{L}\\p{N}])" + NSRegularExpression.escapedPattern(for: name) + "(?![\\p{L}\\p{N}])"
        return flat.range(of: pattern, options: .regularExpression) != nil
    }

    /// `pdftotext` finds every country and region name a shipped map draws as a word, though the names are
    /// letter-spaced (they once came out as "M a u r i ta n i a").
    @Test(arguments: shippedMaps)
    func areaNamesExtractAsWords(name: String) throws {
        let (renderer, map) = try map(name)
        let dir = try temporaryDirectory()
        _ = try renderer.write(map, to: [Output(path: dir + "/m.pdf", format: .pdf)])
        let text = try run("pdftotext", [dir + "/m.pdf", "-"])
        let names = map.report.labelsPlaced.filter { ["countries", "region-names"].contains($0.layer) }.map(\.text)
        #expect(names.count >= 3, "\(name): only \(names)")
        // Each word on its own: a long name may be set on two lines.
        for n in names {
            for w in n.split(separator: " ") { #expect(Self.hasWords(text, String(w)), "\(name): pdftotext lacks the word \(w) of \(n)") }
            if !n.contains(" ") { #expect(Self.hasWords(text, n)) }
        }
        // The country names are letter-spaced on the page: the extraction is not merely of unspaced text.
        let spaced = map.scene.ops.contains { if case .text(_, _, let s) = $0 { s.letterSpacingPoints > 0.5 } else { false } }
        #expect(spaced)
    }

    /// The close-up names its first-level regions, at the centre of their largest inscribed circle, and Mali is
    /// spaced wider than Burkina Faso (letter spacing follows the room).
    @Test func regionNamesAndSpacingFollowTheRoom() throws {
        let (_, map) = try map("liptako-gourma")
        let regions = map.report.labelsPlaced.filter { $0.layer == "region-names" }.map(\.text)
        for r in ["Tillabéri", "Sahel", "Mopti"] { #expect(regions.contains(r), "missing \(r) in \(regions)") }
        let (_, overview) = try self.map("sahel-overview")
        var spacing: [String: Double] = [:]
        for case .text(let t, _, let s) in overview.scene.ops where s.uppercase { spacing[t] = s.letterSpacingPoints }
        let mali = try #require(spacing["Mali"]), burkina = try #require(spacing["Burkina Faso"] ?? spacing["Burkina\nFaso"])
        #expect(mali > burkina, "Mali \(mali), Burkina Faso \(burkina)")
    }

    /// River names along their rivers: upright, each glyph turning at most 22.5° from the last, read left to
    /// right, and the letters present as text (an embedded italic font) in the PDF.
    @Test(arguments: [("sahel-overview", ["Niger", "Benue", "Chari"]), ("massacres-2019-2021", ["Niger", "Benue", "Chari"])])
    func riverNamesFollowTheirRivers(name: String, rivers expected: [String]) throws {
        let (renderer, map) = try map(name)
        var paths: [PathText] = []
        for op in map.scene.ops { if case .pathText(let p) = op { paths.append(p) } }
        let names = paths.map(\.text)
        for river in expected { #expect(names.contains(river), "\(river) not labelled: \(names)") }
        for p in paths {
            #expect(p.glyphs.map(\.text).joined() == p.text)
            #expect(p.glyphs.allSatisfy { abs($0.angleRadians) <= .pi / 2 }, "\(p.text) upside down")
            for (a, b) in zip(p.glyphs, p.glyphs.dropFirst()) {
                #expect(abs(b.angleRadians - a.angleRadians) <= Labeler.maxGlyphTurnDegrees * .pi / 180 + 1e-9, "\(p.text) turns sharply")
                #expect(b.origin.x > a.origin.x - 0.5, "\(p.text) reads backwards")
            }
        }
        let rivers = map.report.labelsPlaced.filter { $0.layer == "rivers" }
        #expect(rivers.allSatisfy { $0.glyphBoxes?.count == $0.text.count })
        let dir = try temporaryDirectory()
        _ = try renderer.write(map, to: [Output(path: dir + "/m.pdf", format: .pdf)])
        let fonts = try run("pdffonts", [dir + "/m.pdf"])
        #expect(fonts.contains("NotoSans-Italic"), "the river names' italic font is embedded: \(fonts)")
    }

    /// A zigzag is too sharp for a name; a gentle arc is not.
    @Test func sharpBendsAreRejected() throws {
        let clusters = (0..<5).map { ShapedCluster(text: "a", x: Double($0) * 5, width: 5) }
        var zigzag: [PagePoint] = []
        for k in 0..<20 { zigzag.append(PagePoint(x: Double(k) * 3, y: k % 2 == 0 ? 0 : 3)) }
        #expect(Labeler.glyphs(clusters, on: Polyline(zigzag), from: 5, lift: 1)?.count == nil)
        let arc = (0...60).map { k in PagePoint(x: Double(k), y: 0.004 * Double((k - 30) * (k - 30))) }
        let placed = try #require(Labeler.glyphs(clusters, on: Polyline(arc), from: 5, lift: 1))
        #expect(placed.count == 5)
        // An arc drawn right to left would read upside down: refused here; the labeler follows it from its other end.
        #expect(Labeler.glyphs(clusters, on: Polyline(arc.reversed()), from: 5, lift: 1)?.count == nil)
    }
}
