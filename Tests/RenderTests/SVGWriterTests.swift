import Foundation
import Geometry
import Layers
import Style
@testable import Render
import Testing

/// SVG of our own (issue 10, item 5): real `<text>`, layers as groups, and a file a real SVG renderer (librsvg's
/// rsvg-convert) draws like our PNG.
@Suite struct SVGWriterTests {
    let resources: Resources
    init() throws { resources = try Resources.locate() }

    func svg(_ scene: Scene) throws -> String {
        let text = try TextEngine(verifying: "Noto Sans")
        return String(decoding: SVGWriter.encode(scene, text: text, title: "A & B", description: "alt <text>"), as: UTF8.self)
    }

    /// Each op as its SVG element, with exactly the attributes that carry its style.
    @Test func opsBecomeElements() throws {
        let page = Page(widthMillimeters: 100, heightMillimeters: 50, dpi: 72)
        let label = TextStyle(family: "Noto Sans", sizePoints: 8.5, bold: true, letterSpacingPoints: 1, uppercase: true,
                              color: .hex("#1f1f1f"), halo: .hex("#ffffff"), haloWidthPoints: 1.2)
        let ops: [SceneOp] = [
            .fillRect(PageRect(x: 0, y: 0, width: 283.46, height: 141.73), .hex("#ffffff")),
            .clip(PageRect(x: 10, y: 10, width: 200, height: 100)),
            .beginLayer("regions"),
            .stroke(lines: [[PagePoint(x: 10, y: 10), PagePoint(x: 20.006, y: 15), PagePoint(x: 15, y: 12.5)]],
                    LineStyle(color: .hex("#a39e93"), widthPoints: 0.35, dashPoints: [1.6, 0.8])),
            .fill(rings: [[PagePoint(x: 0, y: 0), PagePoint(x: 10, y: 0), PagePoint(x: 10, y: 10), PagePoint(x: 0, y: 0)]],
                  color: Color.hex("#d55e00").withOpacity(0.6), outline: LineStyle(color: .hex("#ffffff"), widthPoints: 0.5)),
            .endLayer,
            .beginLayer("regions"),
            .marker(PagePoint(x: 50, y: 50), Mark(shape: .circle, radiusPoints: 2, fill: .hex("#3a3a3a"), stroke: nil)),
            .endLayer,
            .beginLayer("labels"),
            .text("Burkina\nFaso & co", origin: PagePoint(x: 40, y: 30), label),
            .endLayer,
            .resetClip,
            .destination("fn-1", PagePoint(x: 0, y: 0)),
        ]
        let s = try svg(Scene(page: page, ops: ops))
        #expect(s.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(s.contains("width=\"283.46pt\" height=\"141.73pt\" viewBox=\"0 0 283.46 141.73\""))
        #expect(s.contains("<title>A &amp; B</title>\n<desc>alt &lt;text&gt;</desc>"))
        #expect(s.contains("<clipPath id=\"clip1\"><rect x=\"10\" y=\"10\" width=\"200\" height=\"100\"/></clipPath>\n<g clip-path=\"url(#clip1)\">"))
        // Relative path data from rounded absolute points: 20.006 rounds to 20.01 (hundredths), then back by 5.01.
        #expect(s.contains("<path d=\"M10 10l10.01 5-5.01-2.5\" fill=\"none\" stroke=\"#a39e93\" stroke-width=\"0.35\" stroke-dasharray=\"1.6 0.8\" stroke-linecap=\"butt\"/>"))
        #expect(s.contains("<path d=\"M0 0l10 0 0 10-10-10z\" fill=\"#d55e00\" fill-opacity=\"0.6\" fill-rule=\"evenodd\" stroke=\"#ffffff\" stroke-width=\"0.5\"/>"))
        #expect(s.contains("<g id=\"regions\" inkscape:groupmode=\"layer\" inkscape:label=\"regions\">"))
        #expect(s.contains("<g id=\"regions-2\" inkscape:groupmode=\"layer\" inkscape:label=\"regions\">"))   // ids stay unique
        #expect(s.contains("<circle cx=\"50\" cy=\"50\" r=\"2\" fill=\"#3a3a3a\"/>"))
        // One <text> for the label, a line per <tspan>, shown in capitals, halo under the fill.
        let text = try #require(s.split(separator: "\n").first { $0.hasPrefix("<text") })
        #expect(text.contains(" font-family=\"Noto Sans, sans-serif\" font-size=\"8.5\" font-weight=\"bold\" letter-spacing=\"1\" fill=\"#1f1f1f\" stroke=\"#ffffff\" stroke-width=\"2.4\" paint-order=\"stroke\">"))
        #expect(text.contains(">BURKINA</tspan><tspan x="))
        #expect(text.contains(">FASO &amp; CO</tspan></text>"))
        #expect(!s.contains("fn-1"))   // a PDF destination draws nothing
        #expect(s.hasSuffix("</g>\n</svg>\n"))
        let opened = s.components(separatedBy: "<g ").count - 1, closed = s.components(separatedBy: "</g>").count - 1
        #expect(opened == closed && opened == 4)
    }

    /// A text block's lines are `<text>` elements; links become `<a>`, styled spans `<tspan>` at Pango's x.
    @Test func textBlocksKeepTheirSpans() throws {
        let t = "Read the brief now"
        let block = TextBlock(text: t, spans: [TextSpan(start: 5, end: 14, .bold), TextSpan(start: 9, end: 14, .link("https://example.org/?a=1&b=2"))],
                              family: "Noto Sans", sizePoints: 10, color: .hex("#000000"), widthPoints: 400)
        let s = try svg(Scene(page: Page(widthMillimeters: 150, heightMillimeters: 20, dpi: 72),
                              ops: [.textBlock(block, origin: PagePoint(x: 10, y: 10), lines: 0..<1)]))
        #expect(s.contains("<tspan x=\"10\" y=\""))
        #expect(s.contains(">Read </tspan>"))
        #expect(s.contains(" font-weight=\"bold\">the </tspan>"))
        #expect(s.contains("<a xlink:href=\"https://example.org/?a=1&amp;b=2\"><tspan x=\""))
        #expect(s.contains(" font-weight=\"bold\" fill=\"#1d4f91\">brief</tspan></a>"))
        #expect(s.contains("> now</tspan></text>"))
    }

    /// A name along a river, as Cairo draws it: a group named by the label, a halo pass under the glyphs, and each
    /// glyph a `<text>` moved to the left end of its baseline and turned clockwise by its angle (degrees); spaces
    /// are not drawn. (librsvg draws neither `rotate` on a `<tspan>` nor `<textPath>`, so glyphs carry transforms.)
    @Test func textAlongALineIsAGroupOfPlacedGlyphs() throws {
        let style = TextStyle(family: "Noto Sans", sizePoints: 7, italic: true, color: .hex("#3d6f96"), halo: .hex("#ffffff"),
                              haloWidthPoints: 1.2)
        let glyphs = [PathText.Glyph(text: "N", origin: PagePoint(x: 10, y: 20), angleRadians: 0),
                      PathText.Glyph(text: "i", origin: PagePoint(x: 15.004, y: 21), angleRadians: .pi / 12),
                      PathText.Glyph(text: " ", origin: PagePoint(x: 17, y: 22), angleRadians: -.pi / 6),
                      PathText.Glyph(text: "&", origin: PagePoint(x: 20, y: 23), angleRadians: -.pi / 6)]
        let s = try svg(Scene(page: Page(widthMillimeters: 50, heightMillimeters: 50, dpi: 72),
                              ops: [.pathText(PathText(text: "Ni &", style: style, glyphs: glyphs))]))
        let font = " font-family=\"Noto Sans, sans-serif\" font-size=\"7\" font-style=\"italic\""
        let place = [" transform=\"translate(10 20)\"", " transform=\"translate(15 21) rotate(15)\"",
                     " transform=\"translate(20 23) rotate(-30)\""]
        let expected = "<g class=\"along-line\" aria-label=\"Ni &amp;\"><title>Ni &amp;</title>\n"
            + "<g aria-hidden=\"true\"\(font) fill=\"none\" stroke=\"#ffffff\" stroke-width=\"2.4\">"
            + "<text\(place[0])>N</text><text\(place[1])>i</text><text\(place[2])>&amp;</text></g>\n"
            + "<text\(place[0])\(font) fill=\"#3d6f96\">N</text><text\(place[1])\(font) fill=\"#3d6f96\">i</text>"
            + "<text\(place[2])\(font) fill=\"#3d6f96\">&amp;</text>\n</g>\n"
        #expect(s.contains(expected), "\(s)")
    }

    /// An image figure is embedded (the SVG stands alone); tagged-PDF structure draws nothing.
    @Test func imagesAreEmbedded() throws {
        let image = ImageFile(path: "x.png", format: .png, bytes: [1, 2, 3], width: 1, height: 1)
        let s = try svg(Scene(page: Page(widthMillimeters: 50, heightMillimeters: 50, dpi: 72),
                              ops: [.structure(.begin("Figure")), .image(image, PageRect(x: 1, y: 2, width: 30, height: 20)), .structure(.end("Figure"))]))
        #expect(s.contains("<image x=\"1\" y=\"2\" width=\"30\" height=\"20\" preserveAspectRatio=\"xMidYMid meet\" xlink:href=\"data:image/png;base64,AQID\"/>"))
        #expect(!s.contains("Figure"))
    }

    static let shipped = ["sahel-overview", "jihadist-expansion", "massacres-2019-2021", "barkhane-drawdown",
                          "french-withdrawal-2021-2022", "liptako-gourma"]

    /// Every shipped map as SVG: one `<text>` per placed label in the labels group, a group per spec layer, well
    /// formed (xmllint), the same bytes twice; and rsvg-convert draws it like our PNG. Text is where the two differ
    /// (librsvg hints its glyph positions to whole pixels), by less than a pixel; geometry matches exactly.
    @Test(arguments: shipped)
    func shippedMapsAsSVG(name: String) throws {
        let spec = try MapSpec.load(path: resources.maps + "/\(name).yaml", resources: resources)
        let page = Page(widthMillimeters: 297, heightMillimeters: 210, dpi: 100)
        let renderer = try MapRenderer(spec: spec, page: page, resources: resources, info: fixedInfo)
        let map = try renderer.compose()
        let bytes = try renderer.encode(map, as: .svg)
        let again = try MapRenderer(spec: spec, page: page, resources: resources, info: fixedInfo)
        #expect(try again.encode(again.compose(), as: .svg) == bytes, "\(name): SVG differs between runs")
        let s = String(decoding: bytes, as: UTF8.self)
        // The labels group, to its own closing tag: a <text> per label, a group per label along a line.
        let after = try #require(s.components(separatedBy: "<g id=\"labels\"").dropFirst().first)
        var depth = 0, labels = ""
        for line in after.split(separator: "\n", omittingEmptySubsequences: false) {
            depth += line.components(separatedBy: "<g ").count - line.components(separatedBy: "</g>").count
            if depth < 0 { break }
            labels += line + "\n"
        }
        let along = labels.components(separatedBy: "<g class=\"along-line\"").count - 1
        let plain = labels.split(separator: "\n").filter { $0.hasPrefix("<text") && !$0.contains("transform=") }.count
        #expect(plain + along == map.report.labelsPlaced.count, "\(name): labels")
        #expect(along == map.report.labelsPlaced.filter { $0.glyphBoxes != nil }.count, "\(name): names along lines")
        if name == "sahel-overview" { #expect(along >= 3) }   // Niger, Benue, Chari
        #expect(map.report.labelsPlaced.count > 20)
        for layer in spec.layers where map.report.layers.first(where: { $0.id == layer.id })?.featuresDrawn ?? 0 > 0 {
            // A layer of labels only (region names, new units at a point) has its text in the labels group.
            let symbolized = spec.style.layers[layer.style]?.rules.contains { !$0.symbolizers.isEmpty } ?? true
            #expect(s.contains("<g id=\"\(layer.id)\"") == symbolized, "\(name): group for layer \(layer.id)")
        }
        #expect(!s.contains("<image") && !s.contains("glyph"))   // no glyph outlines, nothing rasterised

        let dir = try temporaryDirectory()
        let svgPath = dir + "/\(name).svg", ours = dir + "/\(name).png", theirs = dir + "/\(name)-rsvg.png"
        try Data(bytes).write(to: URL(fileURLWithPath: svgPath))
        try Data(renderer.encode(map, as: .png)).write(to: URL(fileURLWithPath: ours))
        #expect(try status("xmllint", ["--noout", svgPath]) == 0, "\(name): not well-formed XML")
        #expect(try status("rsvg-convert", ["--dpi-x", "100", "--dpi-y", "100", "-o", theirs, svgPath]) == 0)
        let a = try #require(DecodedImage(path: ours)), b = try #require(DecodedImage(path: theirs), "rsvg-convert drew nothing")
        #expect(abs(a.width - b.width) <= 1 && abs(a.height - b.height) <= 1)
        var far = 0, sum = 0, count = 0
        for y in 0..<min(a.height, b.height) {
            for x in 0..<min(a.width, b.width) {
                let i = (y * a.width + x) * 3, j = (y * b.width + x) * 3
                let d = (0..<3).map { abs(Int(a.rgb[i + $0]) - Int(b.rgb[j + $0])) }.max()!
                if d > 48 { far += 1 }
                sum += d
                count += 1
            }
        }
        let farShare = Double(far) / Double(count), mean = Double(sum) / Double(count)
        #expect(farShare < 0.02, "\(name): \(far) of \(count) px (\(farShare * 100) %) differ by more than 48")
        #expect(mean < 2.5, "\(name): mean difference \(mean)")
        // Away from text, the sea and the land are the same colour in both.
        let sea = try #require(renderer.image(map).pixel(at: PagePoint(x: map.view.frame.x + 2, y: map.view.frame.maxY - 2)))
        let k = (Int((map.view.frame.maxY - 2) * 100 / 72) * b.width + Int((map.view.frame.x + 2) * 100 / 72)) * 3
        #expect(abs(Int(sea.red) - Int(b.rgb[k])) <= 2 && abs(Int(sea.green) - Int(b.rgb[k + 1])) <= 2 && abs(Int(sea.blue) - Int(b.rgb[k + 2])) <= 2)
    }
}

/// A tool's exit status (its output goes to the test log).
private func status(_ tool: String, _ args: [String]) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [tool] + args
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
}
