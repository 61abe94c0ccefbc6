import Foundation
import Style
import Testing
@testable import Render

/// PDF output paints each reused marker from one Form XObject (`MarkerForms`): a handful of forms and one `Do` per
/// marker, a resource dictionary without repeated keys, and on the rasterised page the same discs as when each
/// marker is drawn as its path.
@Suite struct MarkerFormsTests {
    static let page = Page(widthPoints: 300, heightPoints: 200, dpi: 72)
    static let background = Color(red: 0.93, green: 0.92, blue: 0.90)
    static let fills = [Color(red: 0, green: 0x72 / 255, blue: 0xb2 / 255, alpha: 0.6),
                        Color(red: 0xd5 / 255, green: 0x5e / 255, blue: 0, alpha: 0.6),
                        Color(red: 0.6, green: 0.6, blue: 0.6, alpha: 0.85),
                        Color(red: 0xcc / 255, green: 0x79 / 255, blue: 0xa7 / 255, alpha: 0.6)]
    static let outline = LineStyle(color: Color(red: 0x3a / 255, green: 0x3a / 255, blue: 0x3a / 255), widthPoints: 0.5,
                                   dashPoints: [1.4, 0.9])
    /// The benchmark's mark: a translucent disc with a thin dashed outline, in four colours and two sizes.
    static func mark(_ k: Int, radiusNudge: Double = 0) -> Mark {
        Mark(shape: .circle, radiusPoints: (k / 4 == 0 ? 2.5 : 4) + radiusNudge, fill: fills[k % 4], stroke: outline)
    }
    /// A lone disc, well away from the others, for the pixel at its centre.
    static let lone = PagePoint(x: 270.3, y: 170.6)

    /// 1,000 markers at fixed pseudo-random spots of the left part of the page, inside a clip on whole pixels at 150
    /// dpi (a column the clip's edge half covers composites differently through a form in poppler: measured up to 73
    /// off there, where the map's discs cross its frame), plus the lone disc
    /// (a mark used once: it stays a path) and a reused mark inside a group. `nudged` makes every mark distinct
    /// (radii apart by 1e-9 pt), so every marker is drawn as its path: the picture to compare with.
    static func scene(nudged: Bool) -> Scene {
        var ops: [SceneOp] = [.fillRect(PageRect(x: 0, y: 0, width: 300, height: 200), background),
                              .clip(PageRect(x: 4.8, y: 4.8, width: 288, height: 187.2))]
        var seed: UInt64 = 42
        func next() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 11) / Double(1 << 53)
        }
        for i in 0..<1000 {
            let k = Int(next() * 8)
            ops.append(.marker(PagePoint(x: 8 + next() * 232, y: 8 + next() * 180), mark(k, radiusNudge: nudged ? Double(i) * 1e-9 : 0)))
        }
        ops.append(.marker(lone, mark(0, radiusNudge: 0.8)))
        ops.append(.resetClip)
        ops.append(.group([.marker(PagePoint(x: 0, y: 0), mark(5, radiusNudge: nudged ? 2e-6 : 0))], offset: PagePoint(x: 270, y: 30)))
        return Scene(page: page, ops: ops)
    }

    static func pdf(_ scenes: [Scene]) throws -> [UInt8] {
        let surface = try CairoSurface(.pdf, page: page, info: fixedInfo)
        let text = try TextEngine(verifying: Theme.briefing.fontFamily)
        for (n, s) in scenes.enumerated() {
            if n > 0 { surface.showPage() }
            Painter.paint(s, on: surface, text: text)
        }
        return try surface.encoded()
    }

    /// The PDF's objects uncompressed (`qpdf --qdf`), and what `qpdf --check` says.
    static func inspect(_ pdf: [UInt8], in dir: String) throws -> (qdf: String, check: (status: Int32, stderr: String, stdout: String)) {
        let path = dir + "/map.pdf"
        FileManager.default.createFile(atPath: path, contents: Data(pdf))
        let qdf = try runTool("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", path, dir + "/map.qdf.pdf"], in: dir)
        #expect(qdf.status == 0, "qpdf --qdf: \(qdf.stderr)")
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/map.qdf.pdf")), as: UTF8.self)
        return (text, try runTool("/usr/bin/qpdf", ["--check", path], in: dir))
    }

    static func count(_ s: String, _ needle: String) -> Int { s.components(separatedBy: needle).count - 1 }

    @Test func aThousandMarkersPaintAHandfulOfForms() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (qdf, check) = try Self.inspect(try Self.pdf([Self.scene(nudged: false)]), in: dir)
        // Eight distinct marks among the 1,000, the grouped one among them; the lone disc is a path.
        #expect(Self.count(qdf, "/Subtype /Form") == 8)
        #expect(Self.count(qdf, " Do\n") == 1001)
        // Each form named once in the page's resources (Cairo 1.16 lists it once per use), and qpdf finds nothing.
        #expect(check.status == 0, "qpdf --check: \(check.stderr)")
        #expect(!check.stderr.contains("duplicated key"))
        // Every marker drawn as its path instead: no form, and an outline stroked per marker.
        let (paths, pathCheck) = try Self.inspect(try Self.pdf([Self.scene(nudged: true)]), in: dir)
        #expect(Self.count(paths, "/Subtype /Form") == 0 && Self.count(paths, " Do\n") == 0)
        #expect(Self.count(paths, " S\n") >= 1002)
        #expect(pathCheck.status == 0)
    }

    @Test func pagesOfOneDocumentShareTheForms() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (qdf, check) = try Self.inspect(try Self.pdf([Self.scene(nudged: false), Self.scene(nudged: false)]), in: dir)
        #expect(Self.count(qdf, "/Subtype /Form") == 8, "a second page drew its own forms")
        #expect(Self.count(qdf, " Do\n") == 2002)
        #expect(check.status == 0, "qpdf --check: \(check.stderr)")
    }

    /// The page as poppler draws it at 150 dpi: width, height and RGB bytes.
    static func raster(_ pdf: [UInt8], in dir: String, name: String) throws -> (Int, Int, [UInt8]) {
        let path = dir + "/\(name).pdf"
        FileManager.default.createFile(atPath: path, contents: Data(pdf))
        let r = try runTool("/usr/bin/pdftoppm", ["-r", "150", "-singlefile", path, dir + "/\(name)"], in: dir)
        #expect(r.status == 0, "pdftoppm: \(r.stderr)")
        let ppm = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/\(name).ppm")))
        // "P6\n<w> <h>\n255\n" then the pixels.
        var fields: [Int] = [], k = 2, v = 0, inNumber = false
        while fields.count < 3, k < ppm.count {
            let c = ppm[k]
            if c >= 48, c <= 57 { v = v * 10 + Int(c - 48); inNumber = true } else if inNumber { fields.append(v); v = 0; inNumber = false }
            k += 1
        }
        let (w, h) = (fields[0], fields[1])
        try #require(ppm.count - k >= w * h * 3)
        return (w, h, Array(ppm[k..<(k + w * h * 3)]))
    }

    @Test func theRasterisedPageMatchesTheMarkersDrawnAsPaths() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (w, h, forms) = try Self.raster(try Self.pdf([Self.scene(nudged: false)]), in: dir, name: "forms")
        let (_, _, paths) = try Self.raster(try Self.pdf([Self.scene(nudged: true)]), in: dir, name: "paths")
        func rgb(_ px: [UInt8], _ x: Int, _ y: Int) -> (Int, Int, Int) {
            let i = (y * w + x) * 3
            return (Int(px[i]), Int(px[i + 1]), Int(px[i + 2]))
        }
        // A reused disc alone at its spot (the grouped one, at 270, 30): 60 % of its fill over the background.
        let s = 150.0 / 72
        let c = rgb(forms, Int(270 * s), Int(30 * s))
        let f = Self.fills[1], bg = Self.background
        let expected = [f.red * 0.6 + bg.red * 0.4, f.green * 0.6 + bg.green * 0.4, f.blue * 0.6 + bg.blue * 0.4].map { Int(($0 * 255).rounded()) }
        #expect(abs(c.0 - expected[0]) <= 3 && abs(c.1 - expected[1]) <= 3 && abs(c.2 - expected[2]) <= 3, "\(c) vs \(expected)")
        // Outside the grouped disc's outline: the background.
        let b = rgb(forms, Int(270 * s) + Int(6 * s), Int(30 * s))
        #expect(abs(b.0 - Int((bg.red * 255).rounded())) <= 2, "\(b)")
        // The whole page against the paths: overlapping translucent discs composite the same, disc by disc, up to
        // 8-bit rounding in each group (measured: 0.93 % of pixels off by more than 3, 0.43 % by more than 8, at
        // most 28; a disc one pixel off gives more than 100).
        var off3 = 0, off32 = 0
        for y in 0..<h {
            for x in 0..<w {
                let a = rgb(forms, x, y), p = rgb(paths, x, y)
                let e = max(abs(a.0 - p.0), abs(a.1 - p.1), abs(a.2 - p.2))
                if e > 3 { off3 += 1 }
                if e > 32 { off32 += 1 }
            }
        }
        #expect(Double(off3) / Double(w * h) < 0.02, "\(off3) of \(w * h) px differ by more than 3")
        #expect(off32 == 0, "\(off32) px differ by more than 32")
    }

    @Test func bytesThatAreNotCairosListAreLeftAlone() {
        // Repeated entries, but no cross-reference table to move: unchanged.
        let noXref = Array("1 0 obj\n<<\n   /XObject << /x6 6 0 R /x6 6 0 R >>\n>>\nendobj\n".utf8)
        #expect(PDFRepeatedResources.removed(from: noXref) == noXref)
        #expect(PDFRepeatedResources.repeatedEntries(in: noXref).count == 1)
        // A dictionary of another form (not " /xN N 0 R" entries up to " >>"): nothing to remove.
        let other = Array("   /XObject << /x6 7 0 R /x6 7 0 R >>".utf8)
        #expect(PDFRepeatedResources.repeatedEntries(in: other).isEmpty)
    }
}
