import Foundation
import Geometry
import Layers
@testable import Render
import Style
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let shipped = ["sahel-overview", "jihadist-expansion", "barkhane-drawdown", "massacres-2019-2021", "liptako-gourma",
                       "french-withdrawal-2021-2022"]
/// 55 mm, 85 mm, 170 mm, A4, slide and social.
private let sizes = ["half-column", "column", "report-column", "a4-landscape", "slide", "social"]

private func load(_ spec: String) throws -> MapSpec {
    try MapSpec.load(path: root.appendingPathComponent("Maps/\(spec).yaml").path, resources: testResources)
}

/// Paper presets at a low DPI (layout is in points); screen presets at their own.
private func page(_ preset: String, dpi: Double? = nil) -> Page {
    Page.preset(preset, dpi: dpi ?? (Page.presets[preset]?.dpi ?? 72))!
}

private func compose(_ spec: MapSpec, _ page: Page) throws -> (MapRenderer, ComposedMap) {
    let r = try MapRenderer(spec: spec, page: page, resources: testResources, info: fixedInfo)
    return (r, try r.compose())
}

@Suite struct AdaptiveLayoutTests {
    /// The acceptance check, for every shipped map at every size: each text box lies inside the page and inside the
    /// box of the furniture it belongs to, no two text boxes overlap, the legend is there with every class drawn,
    /// and the scale bar's numbers keep apart.
    @Test(arguments: sizes)
    func everyShippedMapReadsAt(size: String) throws {
        for name in shipped {
            let (_, map) = try compose(try load(name), page(size))
            let r = map.report
            let sheet = PageRect(x: 0, y: 0, width: map.scene.page.widthPoints, height: map.scene.page.heightPoints)
            #expect(!r.texts.isEmpty)
            for t in r.texts {
                #expect(sheet.contains(t.box), "\(name)/\(size): \(t.part) \"\(t.text)\" \(t.box) leaves the page")
                #expect(t.within.insetBy(-0.5).contains(t.box), "\(name)/\(size): \(t.part) \"\(t.text)\" \(t.box) leaves its box \(t.within)")
            }
            // A label along a line (a river's name) is its glyphs' boxes, not the box around its curve.
            func boxes(_ t: RenderReport.TextBox) -> [PageRect] {
                guard t.part == "label", let glyphs = r.labelsPlaced.first(where: { $0.text == t.text && $0.box == t.box })?.glyphBoxes
                else { return [t.box] }
                return glyphs
            }
            for (i, a) in r.texts.enumerated() {
                for b in r.texts[(i + 1)...] where a.box.insetBy(0.3).intersects(b.box.insetBy(0.3)) {
                    guard boxes(a).contains(where: { ga in boxes(b).contains { ga.insetBy(0.3).intersects($0.insetBy(0.3)) } }) else { continue }
                    Issue.record("\(name)/\(size): \(a.part) \"\(a.text)\" overlaps \(b.part) \"\(b.text)\"")
                }
            }
            for k in ["title", "credits", "label"] { #expect(r.texts.contains { $0.part == k }, "\(name)/\(size): no \(k) text") }
            #expect(!r.warnings.contains { $0.kind == .legendLeftOut || $0.kind == .textCutOff }, "\(name)/\(size): \(r.warnings)")
            let drawn = r.layers.flatMap(\.classesDrawn)
            if !drawn.isEmpty {
                #expect(r.legendBox != nil, "\(name)/\(size): no legend")
                for c in drawn { #expect(r.legend.contains(c), "\(name)/\(size): \(c) drawn, not in the legend") }
                // Entries too wide for a narrow strip are drawn in lines, one after the other.
                let legendText = r.texts.filter { $0.part == "legend" }.map(\.text).joined(separator: " ").replacingOccurrences(of: "- ", with: "-")
                for c in r.legend { #expect(legendText.contains(c), "\(name)/\(size): legend entry \(c) not drawn") }
                #expect((r.legendLayout?.sizePoints ?? 0) >= map.scene.page.minimumTypePoints - 1e-9)
            }
            let bar = try #require(r.scaleBar, "\(name)/\(size): no scale bar")
            #expect(bar.labels.count >= 2)
            for (a, b) in zip(bar.labels, bar.labels.dropFirst()) {
                #expect(a.maxX + 2 <= b.x, "\(name)/\(size): scale bar numbers \(a) and \(b) touch")
            }
            for op in map.scene.ops {
                if case .text(let s, _, let style) = op {
                    #expect(style.sizePoints >= map.scene.page.minimumTypePoints - 1e-9, "\(name)/\(size): \"\(s)\" at \(style.sizePoints) pt")
                }
            }
        }
    }

    /// "0 100200 km" at 85 mm was the bug: the chosen bar's numbers have a gap of paper-or-map between them in
    /// the pixels too, not only in the report.
    @Test func scaleBarNumbersDoNotTouchInThePixels() throws {
        let (renderer, map) = try compose(try load("massacres-2019-2021"), page("column", dpi: 300))
        let bar = try #require(map.report.scaleBar)
        let km = bar.kilometres
        var step = 1.0
        while step * 10 <= km { step *= 10 }
        #expect([1.0, 2, 5].contains(km / step))
        let image = try renderer.image(map)
        let s = 300.0 / 72
        for (a, b) in zip(bar.labels, bar.labels.dropFirst()) {
            #expect(b.x - a.maxX >= 2)
            // No text ink (the theme's text colour) in the gap between two numbers.
            var ink = 0
            for px in Int((a.maxX + 0.6) * s)..<Int((b.x - 0.6) * s) {
                for py in Int(a.y * s)..<Int(a.maxY * s) where close(image.pixel(x: px, y: py), renderer.spec.theme.text, tolerance: 40) { ink += 1 }
            }
            #expect(ink == 0, "\(ink) text pixels between \(a) and \(b)")
        }
        // The numbers themselves are inked.
        let zero = bar.labels[0]
        var inked = 0
        for px in Int(zero.x * s)..<Int(zero.maxX * s) {
            for py in Int(zero.y * s)..<Int(zero.maxY * s) where close(image.pixel(x: px, y: py), renderer.spec.theme.text, tolerance: 40) { inked += 1 }
        }
        #expect(inked > 5)
    }

    /// A title too long for the page wraps; one too long for two lines is shortened with "…" and a warning, and
    /// every line stays inside the header.
    @Test func titlesWrapThenWarn() throws {
        var spec = try load("sahel-overview")
        spec.title = "The central Sahel and its neighbours: countries, first-level regions, capitals and principal towns"
        let (_, a4) = try compose(spec, page("a4-portrait"))
        let lines = a4.report.texts.filter { $0.part == "title" }
        #expect(lines.count == 2 && lines.map(\.text).joined(separator: " ") == spec.title)
        #expect(!a4.report.warnings.contains { $0.kind == .textCutOff })
        spec.title = String(repeating: "A very long title indeed ", count: 12)
        let (_, long) = try compose(spec, page("column"))
        let shortened = long.report.texts.filter { $0.part == "title" }
        #expect(shortened.count == 2 && shortened.last!.text.hasSuffix("…"))
        let w = try #require(long.report.warnings.first { $0.kind == .textCutOff })
        #expect(w.message.hasPrefix("title \"A very long title indeed") && w.message.contains("it is shortened to"))
        for t in shortened { #expect(t.within.contains(t.box)) }
    }

    /// The credits wrap at their parts on A4 and run on between words on a narrow page; nothing runs off.
    @Test func creditsWrap() throws {
        let (_, a4) = try compose(try load("jihadist-expansion"), page("a4-landscape"))
        let (_, half) = try compose(try load("jihadist-expansion"), page("half-column"))
        let a4Lines = a4.report.texts.filter { $0.part == "credits" }, halfLines = half.report.texts.filter { $0.part == "credits" }
        #expect(a4Lines.count <= 2 && halfLines.count >= 4)
        #expect(halfLines.map(\.text).joined(separator: " ") == half.report.credits.replacingOccurrences(of: "\n", with: " ")
                || halfLines.allSatisfy { half.report.credits.contains($0.text) })
        for t in halfLines { #expect(t.box.maxX <= half.scene.page.widthPoints - 8 + 0.5) }
    }

    /// The legend reflows instead of disappearing: inside the frame on A4, in a strip under the map at 85 mm and
    /// 55 mm (the figure grows to hold it), in columns when several fit.
    @Test func legendReflows() throws {
        let spec = try load("massacres-2019-2021")
        let (_, a4) = try compose(spec, page("a4-landscape"))
        #expect(a4.report.legendLayout?.placement == "frame" && a4.report.legendLayout?.sizePoints == 6.5)
        let (_, column) = try compose(spec, page("column"))
        let info = try #require(column.report.legendLayout)
        #expect(info.placement == "strip" && info.columns == 2 && info.sizePoints == 6)
        let box = try #require(column.report.legendBox)
        #expect(box.y >= column.view.frame.maxY && box.width <= column.view.frame.width + 0.01)
        #expect(column.scene.page.widthMillimeters.rounded() == 85 && column.scene.page.heightMillimeters > 70)
        // A page of fixed height that cannot hold the strip either says so.
        var fixed = Page(widthMillimeters: 85, heightMillimeters: 40, dpi: 72)
        fixed.heightFollowsMap = false
        let (_, tiny) = try compose(spec, fixed)
        #expect(tiny.report.warnings.contains { $0.kind == .legendLeftOut && $0.message.hasPrefix("legend left out:") })
    }

    /// Grid columns balance their heights and never exceed the width asked for.
    @Test func legendGridColumns() throws {
        FontConfiguration.install(testResources.fontsConf)
        let text = try TextEngine(verifying: Theme.briefing.fontFamily)
        let items = (1...7).map { LegendBuilder.Item(swatch: .fill(color: .hex("#cc0000"), hatch: nil, outline: nil), text: "Class \($0)") }
            + [LegendBuilder.Item(swatch: .note, text: "Levels as coded for 2021")]
        let one = LegendGrid.measure(items, columns: 1, sizePoints: 6.5, minimumPoints: 6, theme: .briefing, text: text, symbolScale: 1)
        let two = LegendGrid.measure(items, columns: 2, sizePoints: 6.5, minimumPoints: 6, theme: .briefing, text: text, symbolScale: 1)
        #expect(one.columns == 1 && two.columns == 2 && two.height < one.height * 0.6 && two.width > one.width)
        #expect(Set(two.cells.map(\.x)).count == 2 && two.cells.map(\.item.text) == items.map(\.text))
        let strip = try #require(LegendGrid.fitting(width: 200, items, sizePoints: 6, minimumPoints: 6, theme: .briefing, text: text, symbolScale: 1))
        #expect(strip.width <= 200 && strip.columns >= 2)
        #expect(LegendGrid.valueLabelCentres([0, 3, 5], height: 8) == [0, 8, 16])
    }

    /// The inset and the legend go where they hide the least data and never over a labelled place when a place
    /// that hides none exists: on a Burkina Faso map the inset leaves Tillabéri (and every other labelled town) free.
    @Test func insetAndLegendAvoidLabelledPlaces() throws {
        var spec = try load("massacres-2019-2021")
        spec.extent = .features(["Burkina Faso"])
        let (_, map) = try compose(spec, page("a4-landscape"))
        let inset = try #require(map.report.inset)
        #expect(map.report.insetCovers?.labelledPlaces == 0)
        let tillaberi = try pagePoint(1.45, 14.21, in: map, projection: spec.projection)
        #expect(!(tillaberi.x >= inset.x && tillaberi.x <= inset.maxX && tillaberi.y >= inset.y && tillaberi.y <= inset.maxY))
        let legend = try #require(map.report.legendLayout), legendBox = try #require(map.report.legendBox)
        #expect(legend.covers.symbols == 0 && legend.covers.areaFraction == 0)
        // No place that has its label on the map lies under the inset or the legend, and no label either.
        for l in map.report.labelsPlaced {
            #expect(!l.box.intersects(inset) && !l.box.intersects(legendBox), "\(l.text) under the furniture")
            if let a = l.anchor {
                for b in [inset, legendBox] { #expect(!(a.x >= b.x && a.x <= b.maxX && a.y >= b.y && a.y <= b.maxY), "\(l.text)'s place under \(b)") }
            }
        }
    }

    /// Furniture can be switched off in the spec (and so from the CLI): nothing drawn, no warning.
    @Test func furnitureSwitches() throws {
        var spec = try load("massacres-2019-2021")
        spec.furniture = Furniture(title: false, credits: false, legend: false, inset: false)
        let (_, map) = try compose(spec, page("column"))
        let r = map.report
        #expect(!r.texts.contains { ["title", "subtitle", "date", "credits", "legend"].contains($0.part) })
        #expect(r.legendBox == nil && r.inset == nil && r.scaleBar != nil)
        #expect(r.warnings.isEmpty, "\(r.warnings)")
        #expect(map.view.frame.y < 10)   // the map takes the title's room
        #expect(r.altText.contains("Sources: "))   // the sources are still cited
    }

    /// Screen presets: a slide's type is 2.5 times the paper size for its distance; asked at another DPI it keeps
    /// its 1920×1080 pixels and its type keeps its pixel size (it is never silently ignored).
    @Test func slideTypeAndDPI() throws {
        let at144 = try #require(Page.preset("slide", dpi: nil)), at300 = try #require(Page.preset("slide", dpi: 300))
        #expect(at144.pixelWidth == 1920 && at144.pixelHeight == 1080 && at300.pixelWidth == 1920 && at300.pixelHeight == 1080)
        #expect(at300.dpi == 300 && abs(at144.effectiveTypeScale - 2.5 * at144.physicalTypeScale) < 1e-9)
        let spec = try load("massacres-2019-2021")
        func titlePixels(_ p: Page) throws -> Double {
            let (_, map) = try compose(spec, p)
            for op in map.scene.ops { if case .text(let s, _, let st) = op, s.hasPrefix("Massacres") { return st.sizePoints * p.dpi / 72 } }
            return 0
        }
        let a = try titlePixels(at144), b = try titlePixels(at300)
        #expect(a >= 48 && abs(a - b) < 0.01, "title \(a) px at 144 dpi, \(b) px at 300 dpi")
        #expect(try #require(Page.preset("column", dpi: nil)).widthMillimeters.rounded() == 85)
        #expect(try #require(Page.preset("half-column", dpi: 150)).widthMillimeters.rounded() == 55)
    }
}

