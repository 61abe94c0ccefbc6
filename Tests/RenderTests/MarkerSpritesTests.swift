import Foundation
import Style
import Testing
@testable import Render

/// Markers stamped from sprites in raster output must look like the same markers drawn as paths: same colour at
/// the centre, nothing outside the outline, clipped by the frame, in the right place in every band.
@Suite struct MarkerSpritesTests {
    static let page = Page(widthPoints: 120, heightPoints: 80, dpi: 300)
    static let paper = Color(red: 1, green: 1, blue: 1)
    static let background = Color(red: 0.93, green: 0.92, blue: 0.90)
    /// The benchmark's approximate-location disc: translucent fill, thin dashed outline.
    static let disc = Mark(shape: .circle, radiusPoints: 6, fill: Color(red: 0, green: 0x72 / 255, blue: 0xb2 / 255, alpha: 0.6),
                           stroke: LineStyle(color: Color(red: 0x3a / 255, green: 0x3a / 255, blue: 0x3a / 255), widthPoints: 0.5,
                                             dashPoints: [1.4, 0.9]))
    static let frame = PageRect(x: 10.1, y: 10.3, width: 100.2, height: 60.15)   // edges off the pixel grid

    /// Discs in pairs at the same spot (so each is reused), a few overlapping, two on the frame's left and top edges.
    static let scene = Scene(page: page, ops: [
        .fillRect(PageRect(x: 0, y: 0, width: 120, height: 80), background),
        .clip(frame),
        .marker(PagePoint(x: 30.3, y: 30.7), disc), .marker(PagePoint(x: 30.3, y: 30.7), disc),
        .marker(PagePoint(x: 60.05, y: 40.12), disc), .marker(PagePoint(x: 64.55, y: 42.62), disc),
        .marker(PagePoint(x: 60.05, y: 40.12), disc), .marker(PagePoint(x: 64.55, y: 42.62), disc),
        .marker(PagePoint(x: 10.1, y: 50), disc), .marker(PagePoint(x: 10.1, y: 50), disc),
        .marker(PagePoint(x: 90, y: 10.3), disc), .marker(PagePoint(x: 90, y: 10.3), disc),
        .resetClip,
        .group([.marker(PagePoint(x: 0, y: 0), disc), .marker(PagePoint(x: 0, y: 0), disc)], offset: PagePoint(x: 100.2, y: 60.4)),
    ])

    /// The scene drawn on one surface (or one band of rows), with sprites or with every marker as a path.
    static func draw(stamped: Bool, rows: Range<Int>? = nil) throws -> CairoSurface {
        let surface = try CairoSurface(.png, page: page, info: fixedInfo, rows: rows, paper: paper)
        let sheet = MarkerSprites(scene: stamped ? scene : Scene(page: page, ops: []), scale: page.dpi / 72)
        Painter.paint(scene, on: surface, text: try TextEngine(verifying: Theme.briefing.fontFamily), sprites: sheet)
        return surface
    }

    static func px(_ p: Double) -> Int { Int(p * page.dpi / 72) }

    static func rgb(_ c: Color) -> (Int, Int, Int) {
        (Int((c.red * 255).rounded()), Int((c.green * 255).rounded()), Int((c.blue * 255).rounded()))
    }

    /// The background as Cairo stored it (its 8-bit rounding is Cairo's), from a corner no marker reaches.
    static func backgroundPixel(_ s: CairoSurface) throws -> (Int, Int, Int) {
        let p = try #require(s.pixel(x: 3, y: 3))
        return (Int(p.0), Int(p.1), Int(p.2))
    }

    static func near(_ a: (UInt8, UInt8, UInt8)?, _ b: (Int, Int, Int), within: Int) -> Bool {
        guard let a else { return false }
        return abs(Int(a.0) - b.0) <= within && abs(Int(a.1) - b.1) <= within && abs(Int(a.2) - b.2) <= within
    }

    /// A cross drawn after an area fill (which leaves the fill rule at even-odd) is filled in its middle too.
    @Test func crossAfterAnAreaFillIsSolid() throws {
        let black = Color(red: 0, green: 0, blue: 0)
        let cross = Mark(shape: .cross, radiusPoints: 8, fill: black, stroke: nil)
        let scene = Scene(page: Self.page, ops: [
            .fillRect(PageRect(x: 0, y: 0, width: 120, height: 80), Self.background),
            .fill(rings: [[PagePoint(x: 2, y: 2), PagePoint(x: 20, y: 2), PagePoint(x: 20, y: 20)]], color: Self.background, outline: nil),
            .marker(PagePoint(x: 60, y: 40), cross),
        ])
        let surface = try CairoSurface(.png, page: Self.page, info: fixedInfo, paper: Self.paper)
        Painter.paint(scene, on: surface, text: try TextEngine(verifying: Theme.briefing.fontFamily))
        #expect(Self.near(surface.pixel(x: Self.px(60), y: Self.px(40)), (0, 0, 0), within: 2), "the middle of the cross")
        #expect(Self.near(surface.pixel(x: Self.px(66), y: Self.px(40)), (0, 0, 0), within: 2), "an arm")
    }

    @Test func theSceneIsStampedNotDrawn() throws {
        let scale = Self.page.dpi / 72
        let sheet = MarkerSprites(scene: Self.scene, scale: scale)
        // Six spots, each used twice: a sprite per half-pixel phase among them, the pair below among them.
        #expect((1...6).contains(sheet.sprites.count), "\(sheet.sprites.count) sprites")
        let at = try #require(MarkerSprites.place(x: 30.3 * scale, y: 30.7 * scale))
        #expect(sheet.sprite(for: MarkerSprites.Key(Self.disc, phase: at.phase)) != nil)
        #expect(MarkerSprites(scene: Scene(page: Self.page, ops: [.marker(PagePoint(x: 5, y: 5), Self.disc)]), scale: 300 / 72.0)
            .sprites.isEmpty, "a mark drawn once stays a path")
        // Bounded: a mark wider than `maxSide` pixels stays a path (and an absurd radius does not trap).
        for r in [200.0, .infinity] {
            var big = Self.disc
            big.radiusPoints = r
            let ops: [SceneOp] = [.marker(PagePoint(x: 5, y: 5), big), .marker(PagePoint(x: 5, y: 5), big)]
            #expect(MarkerSprites(scene: Scene(page: Self.page, ops: ops), scale: scale).sprites.isEmpty, "radius \(r)")
        }
    }

    @Test func centreAndOutsideMatchThePathDrawnDisc() throws {
        let stamped = try Self.draw(stamped: true), drawn = try Self.draw(stamped: false)
        // Centre of the lone reused disc: two layers of 60 % blue over the background, as drawn.
        let (cx, cy) = (Self.px(30.3), Self.px(30.7))
        let fill = Self.rgb(Self.disc.fill!), bg = try Self.backgroundPixel(stamped)
        func twice(_ f: Int, _ b: Int) -> Int { Int((Double(f) * 0.84 + Double(b) * 0.16).rounded()) }   // 1 - 0.4²
        let expected = (twice(fill.0, bg.0), twice(fill.1, bg.1), twice(fill.2, bg.2))
        #expect(Self.near(stamped.pixel(x: cx, y: cy), expected, within: 3), "\(String(describing: stamped.pixel(x: cx, y: cy))) vs \(expected)")
        let d = drawn.pixel(x: cx, y: cy)!
        #expect(Self.near(stamped.pixel(x: cx, y: cy), (Int(d.0), Int(d.1), Int(d.2)), within: 2))
        // Just outside radius + half the outline + antialiasing: the background, untouched.
        let reach = Self.px(6 + 0.25) + 2
        for (dx, dy) in [(reach, 0), (-reach, 0), (0, reach), (0, -reach)] {
            #expect(Self.near(stamped.pixel(x: cx + dx, y: cy + dy), bg, within: 0), "stamp leaks at \(dx),\(dy)")
        }
        // The outline's dashes and the overlapping pairs read the same everywhere: no pixel off by more than an
        // edge moved by at most 1/4 px in x and y can make (measured 77 with half-pixel phases, 33 with quarter-pixel
        // ones; a stamp one pixel off gives 190), and few off at all (measured 0.7 %).
        var off = 0, worst = 0
        for y in 0..<Self.page.pixelHeight {
            for x in 0..<Self.page.pixelWidth {
                let a = stamped.pixel(x: x, y: y)!, b = drawn.pixel(x: x, y: y)!
                let e = max(abs(Int(a.0) - Int(b.0)), abs(Int(a.1) - Int(b.1)), abs(Int(a.2) - Int(b.2)))
                worst = max(worst, e)
                if e > 3 { off += 1 }
            }
        }
        let total = Self.page.pixelWidth * Self.page.pixelHeight
        #expect(worst <= 100, "worst channel difference \(worst)")
        #expect(Double(off) / Double(total) < 0.015, "\(off) of \(total) px differ by more than 3")
    }

    @Test func clippedStampsStayInsideTheFrame() throws {
        let stamped = try Self.draw(stamped: true)
        let bg = try Self.backgroundPixel(stamped)
        // The disc on the left edge: drawn inside, nothing a pixel outside the clip.
        let y = Self.px(50), left = Int((Self.frame.x * Self.page.dpi / 72).rounded(.down))
        #expect(!Self.near(stamped.pixel(x: left + 8, y: y), bg, within: 10), "the clipped disc is missing inside the frame")
        for x in (left - 30)..<left { #expect(Self.near(stamped.pixel(x: x, y: y), bg, within: 0), "leak at x \(x)") }
        // The one on the top edge.
        let x = Self.px(90), top = Int((Self.frame.y * Self.page.dpi / 72).rounded(.down))
        #expect(!Self.near(stamped.pixel(x: x, y: top + 8), bg, within: 10))
        for y in (top - 30)..<top { #expect(Self.near(stamped.pixel(x: x, y: y), bg, within: 0), "leak at y \(y)") }
        // The grouped pair after the clip ends is drawn whole, at its offset (its centre, then past the frame).
        let gx = Self.px(100.2), gy = Self.px(60.4)
        #expect(!Self.near(stamped.pixel(x: gx, y: gy), bg, within: 10))
        #expect(!Self.near(stamped.pixel(x: gx, y: Self.px(60.4 + 5)), bg, within: 10))
    }

    @Test func aBandStampsTheSameRowsAsTheWholePage() throws {
        let whole = try Self.draw(stamped: true)
        let rows = 150..<260   // through the overlapping pair and the left-edge disc
        let band = try Self.draw(stamped: true, rows: rows)
        var differing = 0
        for y in rows {
            for x in 0..<Self.page.pixelWidth where band.pixel(x: x, y: y)! != whole.pixel(x: x, y: y)! { differing += 1 }
        }
        #expect(differing == 0, "\(differing) px of the band differ from the page")
    }

    @Test func vectorOutputKeepsPaths() throws {
        let surface = try CairoSurface(.pdf, page: Self.page, info: fixedInfo)
        Painter.paint(Self.scene, on: surface, text: try TextEngine(verifying: Theme.briefing.fontFamily))
        let pdf = String(decoding: try surface.encoded(), as: UTF8.self)
        #expect(!pdf.contains("/Image"), "markers became images in the PDF")
    }
}
