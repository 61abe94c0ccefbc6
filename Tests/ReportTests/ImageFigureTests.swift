import Foundation
import Report
import Testing

/// PNG, JPEG and SVG files as figures: SVG through librsvg as vectors (its text stays text), JPEG embedded as the
/// JPEG itself, PNG as an image; in the HTML, each file itself with its alt text.
@Suite struct ImageFigureTests {
    /// A solid-colour PNG written by hand (zlib through Foundation is not available: a stored deflate block).
    static func png(width: Int, height: Int, rgb: (UInt8, UInt8, UInt8)) -> Data {
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }
        func crc(_ d: [UInt8]) -> UInt32 {
            var c: UInt32 = 0xFFFF_FFFF
            for b in d { c ^= UInt32(b); for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 } }
            return ~c
        }
        func chunk(_ type: String, _ d: [UInt8]) -> [UInt8] { be(UInt32(d.count)) + Array(type.utf8) + d + be(crc(Array(type.utf8) + d)) }
        var raw: [UInt8] = []
        for _ in 0..<height { raw.append(0); for _ in 0..<width { raw += [rgb.0, rgb.1, rgb.2] } }
        // zlib stream of stored blocks, with its Adler-32.
        var z: [UInt8] = [0x78, 0x01]
        var k = 0
        while k < raw.count {
            let n = min(65535, raw.count - k)
            z += [k + n == raw.count ? 1 : 0, UInt8(n & 255), UInt8(n >> 8), UInt8(~n & 255), UInt8((~n >> 8) & 255)] + raw[k..<(k + n)]
            k += n
        }
        var a: UInt32 = 1, b: UInt32 = 0
        for x in raw { a = (a + UInt32(x)) % 65521; b = (b + a) % 65521 }
        z += be(b << 16 | a)
        let header = be(UInt32(width)) + be(UInt32(height)) + [8, 2, 0, 0, 0]
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", z) + chunk("IEND", []))
    }

    static let svg = """
    <svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">
      <rect width="400" height="200" fill="#0072b2"/><circle cx="100" cy="100" r="60" fill="#d55e00"/>
      <text x="190" y="110" font-family="Noto Sans" font-size="30" fill="#ffffff">Vector words</text>
    </svg>
    """

    func folder() throws -> String {
        let dir = try scratch()
        try Self.svg.write(toFile: dir + "/drawing.svg", atomically: true, encoding: .utf8)
        try Self.png(width: 300, height: 150, rgb: (0x00, 0x9e, 0x73)).write(to: URL(fileURLWithPath: dir + "/green.png"))
        // A JPEG made by poppler from the sample's first page.
        try run("pdftoppm", ["-jpeg", "-r", "15", "-f", "1", "-l", "1", "-singlefile", sample.path, dir + "/page"])
        return dir
    }

    @Test func svgIsVectorJpegIsEmbeddedPngIsAnImage() throws {
        let dir = try folder()
        let md = """
        ---
        title: Images
        ---

        A drawing ([@fig:drawing]), a PNG and a JPEG.

        ![A vector drawing.](drawing.svg){#fig:drawing width=60% source="SahelMap test drawing"}

        ![A green PNG.](green.png){width=40% alt="A plain green rectangle"}

        ![A JPEG page.](page.jpg){width=30%}
        """
        try md.write(toFile: dir + "/i.md", atomically: true, encoding: .utf8)
        let report = try BriefingReport(path: dir + "/i.md", resources: resources, options: ReportOptions(creationDate: creation))
        let r = try report.typeset()
        _ = try report.write(r, to: [dir + "/i.pdf", dir + "/i.html"])
        #expect(r.figures.map(\.kind) == [.image, .image, .image])
        // The SVG's proportions are kept: 2:1 at 60 % of the column.
        let svgFrame = r.figures[0].frame
        #expect(abs(svgFrame.width / svgFrame.height - 2) < 0.01 && abs(svgFrame.width - (595.276 - 136) * 0.6) < 0.5)
        let images = try run("pdfimages", ["-list", dir + "/i.pdf"]).out.split(separator: "\n").dropFirst(2)
            .map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(images.count == 2, "the SVG is not an image: \(images)")
        #expect(images.contains { $0[3] == "300" && $0[4] == "150" && $0[8] == "image" }, "PNG")
        #expect(images.contains { $0[8] == "jpeg" }, "the JPEG is embedded as JPEG")
        let text = try run("pdftotext", [dir + "/i.pdf", "-"]).out
        #expect(text.contains("Vector words"), "the SVG's text is text in the PDF")
        #expect(text.contains("Source: SahelMap test drawing") && text.contains("Image: green.png; source not given"))
        #expect(text.contains("A drawing (Figure 1), a PNG and a JPEG."))
        // Pixels: the SVG's blue and vermillion and the PNG's green where the figures are.
        try run("pdftoppm", ["-r", "72", "-singlefile", dir + "/i.pdf", dir + "/page-out"])
        let img = try ppmPixels(dir + "/page-out.ppm")
        func pixel(_ x: Double, _ y: Double) -> [UInt8] { let k = (Int(y) * img.width + Int(x)) * 3; return Array(img.rgb[k..<(k + 3)]) }
        func near(_ p: [UInt8], _ c: [UInt8]) -> Bool { zip(p, c).allSatisfy { abs(Int($0) - Int($1)) <= 8 } }
        #expect(near(pixel(svgFrame.x + svgFrame.width * 0.25, svgFrame.y + svgFrame.height / 2), [0xd5, 0x5e, 0x00]))
        #expect(near(pixel(svgFrame.x + 5, svgFrame.y + 5), [0x00, 0x72, 0xb2]))
        let g = r.figures[1].frame
        #expect(near(pixel(g.x + g.width / 2, g.y + g.height / 2), [0x00, 0x9e, 0x73]))
        let html = try String(contentsOfFile: dir + "/i.html", encoding: .utf8)
        #expect(html.contains("<img src=\"data:image/svg+xml;base64,\(Data(Self.svg.utf8).base64EncodedString())\""))
        #expect(html.contains("data:image/jpeg;base64,") && html.contains("alt=\"A plain green rectangle\""))
    }

    @Test func badImagesAreErrorsAtTheFigure() throws {
        let dir = try folder()
        try Data("not a png".utf8).write(to: URL(fileURLWithPath: dir + "/bad.png"))
        func error(_ line: String) throws -> String {
            try "---\ntitle: T\n---\n\n\(line)\n".write(toFile: dir + "/e.md", atomically: true, encoding: .utf8)
            do { _ = try BriefingReport(path: dir + "/e.md", resources: resources).typeset(); Issue.record("no error") }
            catch { return "\(error)".replacingOccurrences(of: dir + "/", with: "") }
            return ""
        }
        #expect(try error("![C](bad.png)").hasPrefix("e.md:5:1: figure \"bad.png\": gdk-pixbuf cannot decode it: "))
        #expect(try error("![C](nope.svg)").hasPrefix("e.md:5:1: figure \"nope.svg\": no such image (relative to "))
        #expect(try error("![C](x.gif)") == "e.md:5:1: figure \"x.gif\": expected a map spec (.yaml) or an image (.png, .jpg, .svg)")
        #expect(try error("![C](green.png){extent=Mali}") == "e.md:5:1: figure \"green.png\": extent: only for map figures")
    }
}
