import Foundation
import Geometry
import Layers
import Style
@testable import Render
import Testing

/// The stages of composition, each on its own, and the scene they assemble.
@Suite struct CompositionTests {
    let resources: Resources
    init() throws { resources = try Resources.locate() }

    func theme(_ name: String) throws -> StyleSheet { try StyleSheet.load(path: resources.styles + "/\(name).yaml", resources: resources) }

    func renderer(_ spec: MapSpec, dpi: Double = 72) throws -> MapRenderer {
        try MapRenderer(spec: spec, page: Page(widthMillimeters: 297, heightMillimeters: 210, dpi: dpi), resources: resources, info: fixedInfo)
    }

    /// Every town label placed has its dot under its anchor, in every theme, and every round dot drawn has its label
    /// (towns' dots are there for their names). With the graticule on (print) the old composition deleted the
    /// wrong dots: Tessalit, Aguelhok, Goundam, Tillabéri, Tahoua and Dosso were labelled without a dot.
    @Test(arguments: ["briefing", "print", "dark"])
    func everyPlacedTownLabelHasItsDot(themeName: String) throws {
        var spec = try MapSpec.sahelOverview(resources: resources)
        spec.style = try theme(themeName)
        let r = try renderer(spec, dpi: 150)
        let map = try r.compose()
        let image = try r.image(map)
        var marks: [(PagePoint, Mark)] = []
        for case .marker(let p, let m) in map.scene.ops { marks.append((p, m)) }
        let anchors = map.report.labelsPlaced.filter { $0.layer == "places" }.compactMap(\.anchor)
        #expect(anchors.count > 100)
        for label in map.report.labelsPlaced where label.layer == "places" {
            let anchor = try #require(label.anchor)
            let mark = marks.first { $0.0 == anchor }?.1
            #expect(mark != nil, "\(themeName): \(label.text) is labelled with no dot")
            if let fill = mark?.fill {
                #expect(close(image.pixel(at: anchor), fill, tolerance: 40),
                        "\(themeName): pixel at \(label.text)'s dot is \(String(describing: image.pixel(at: anchor))), expected \(fill)")
            }
        }
        for (p, m) in marks where m.shape == .circle {
            #expect(anchors.contains(p), "\(themeName): a town dot at \(p) has no label")
        }
        if themeName == "print" {
            // (Dosso, once in this list, now yields its dot and name to Niamey's label, whose first free position is
            // over it: dot and name go together, which is what the loop above checks.)
            for town in ["Tessalit", "Aguelhok", "Goundam", "Tillabéri", "Tahoua"] {
                #expect(map.report.labelsPlaced.contains { $0.text == town && $0.anchor != nil }, "\(town) is placed")
            }
        }
    }

    /// The graticule is emitted in paint order, under every layer.
    @Test func graticuleIsUnderTheLayers() throws {
        var spec = try MapSpec.sahelOverview(resources: resources)
        spec.style = try theme("print")
        let ops = try renderer(spec).compose().scene.ops
        let graticule = spec.theme.mutedText.withOpacity(0.45)
        let lastLine = try #require(ops.lastIndex { if case .stroke(_, let l) = $0 { l.color == graticule } else { false } })
        let firstLayer = try #require(ops.firstIndex { if case .fill = $0 { true } else { false } })
        #expect(lastLine < firstLayer)
    }

    /// Page layout: the header above the frame, the sources below it, margins on both sides; a page too small for a
    /// map is refused with its size.
    @Test func pageLayoutStage() throws {
        let spec = try MapSpec.sahelOverview(resources: resources)
        FontConfiguration.install(resources.fontsConf)
        let text = try TextEngine(verifying: spec.theme.fontFamily)
        let page = Page.a4Landscape
        let layout = try PageLayout.full(spec: spec, page: page, scale: 1, text: text, plannedCredits: ["Sources: Natural Earth"])
        let lastHeader = try #require(layout.header.last)
        #expect(layout.header.map(\.text) == [spec.title, spec.subtitle!])
        #expect(lastHeader.origin.y + 5 < layout.frame.y)
        #expect(abs(layout.frame.x - layout.margin) < 1e-9 && abs(layout.frame.maxX - (page.widthPoints - layout.margin)) < 1e-9)
        #expect(layout.frame.maxY < page.heightPoints - layout.margin)
        #expect(layout.creditOps(["Sources: Natural Earth"]).count == 1)
        let bare = PageLayout.bare(page: page)
        #expect(bare.frame == PageRect(x: 0, y: 0, width: page.widthPoints, height: page.heightPoints))
        #expect(bare.headerOps().isEmpty && bare.creditOps(["x"]).isEmpty)
        #expect(throws: RenderError.layout("the page (20×15 mm) is too small for a map with a title and credits")) {
            _ = try PageLayout.full(spec: spec, page: Page(widthMillimeters: 20, heightMillimeters: 15, dpi: 72), scale: 1,
                                    text: text, plannedCredits: ["Sources: Natural Earth"])
        }
    }

    func context(_ spec: MapSpec, frame: PageRect) throws -> (MapContext, SourceSet) {
        let transform = try Transform(to: spec.projection)
        let sources = SourceSet(catalog: DataCatalog(resources: resources))
        let geo = try sources.extentPoints(spec.extent)
        let view = try ViewTransform.fit(try #require(MapRect(around: transform.project(geo).compactMap { $0 })), into: frame)
        return (MapContext(spec: spec, view: view, transform: transform, tolerance: 0.25 * 72 / 300 / view.pointsPerMeter,
                           clip: view.visibleMapRect(marginPoints: 4), scale: 1), sources)
    }

    /// The layer compiler alone: counts add up, every symbol has one identity, its own draw item and that layer.
    @Test func layerCompilerStage() throws {
        let spec = try MapSpec.sahelOverview(resources: resources)
        let (ctx, sources) = try context(spec, frame: PageRect(x: 20, y: 40, width: 800, height: 520))
        var compiler = LayerCompiler(context: ctx, sources: sources)
        let index = try #require(spec.layers.firstIndex { $0.id == "places" })
        let places = try compiler.compile(index)
        let s = places.stats
        #expect(s.featuresRead == 223)
        #expect(s.featuresDrawn + s.featuresOutside + s.featuresFiltered + s.featuresOutsideTime == s.featuresRead)
        #expect(places.symbols.count == s.featuresDrawn)
        #expect(Set(places.symbols.map(\.id)).count == places.symbols.count)
        #expect(places.symbols.allSatisfy { $0.id.layer == index })
        let itemSymbols = places.items.compactMap(\.symbol)
        #expect(itemSymbols == places.symbols.map(\.id))
        #expect(places.labels.count == s.featuresDrawn)
        // Towns labelled beside their own dot.
        for label in places.labels {
            guard case .point(_, _, let own?) = label.anchor else { Issue.record("\(label.text) has no symbol"); continue }
            #expect(places.symbols.contains { $0.id == own })
        }
        // A filter and a time window count what they leave out.
        var massacres = spec
        massacres.layers = [Layer(id: "massacres", source: .builtIn("massacres"), time: .event(property: "date"))]
        massacres.time = TimeContext(from: PartialDate("2019"), to: PartialDate("2019"))
        let (ctx2, sources2) = try context(massacres, frame: PageRect(x: 20, y: 40, width: 800, height: 520))
        var compiler2 = LayerCompiler(context: ctx2, sources: sources2)
        let m = try compiler2.compile(0)
        #expect(m.stats.featuresOutsideTime > 0 && m.stats.featuresDrawn > 0)
        #expect(m.stats.featuresDrawn + m.stats.featuresOutsideTime + m.stats.featuresOutside + m.stats.featuresFiltered == m.stats.featuresRead)
    }

    /// A layer compiled for a second frame with what a first composition found (`FrameFreeWork`: kept features,
    /// rules, the largest-first order) is the layer compiled for that frame afresh: the frames differ in width and so
    /// in scale, as when a legend moves beside the map. Towns and massacres, with a time window.
    @Test func secondFrameWithTheFirstsWorkIsTheSecondFrameAfresh() throws {
        var massacres = try MapSpec.load(path: resources.maps + "/massacres-2019-2021.yaml", resources: resources)
        massacres.time = TimeContext(from: PartialDate("2020"), to: PartialDate("2021"))
        for (spec, id) in [(try MapSpec.sahelOverview(resources: resources), "places"), (massacres, "massacres")] {
            let index = try #require(spec.layers.firstIndex { $0.id == id })
            let (wide, sources) = try context(spec, frame: PageRect(x: 20, y: 40, width: 800, height: 520))
            let (narrow, _) = try context(spec, frame: PageRect(x: 20, y: 40, width: 610, height: 520))
            let shared = FrameFreeWork()
            var first = LayerCompiler(context: wide, sources: sources, frameFree: shared)
            let before = try first.compile(index)
            #expect(shared.layers[index] != nil, "\(id): the first composition's work is kept")
            var second = LayerCompiler(context: narrow, sources: sources, frameFree: shared)
            let reused = try second.compile(index)
            var fresh = LayerCompiler(context: narrow, sources: sources)
            let afresh = try fresh.compile(index)
            #expect(reused.items.map(\.ops) == afresh.items.map(\.ops), "\(id)")
            #expect(reused.items.map(\.ops) != before.items.map(\.ops), "\(id): the frames draw differently")
            #expect(reused.symbols.map(\.box) == afresh.symbols.map(\.box))
            #expect(reused.labels.map(\.text) == afresh.labels.map(\.text))
            #expect(reused.drawn.map(\.ruleIndex) == afresh.drawn.map(\.ruleIndex))
            #expect(reused.stats == afresh.stats && reused.notes == afresh.notes, "\(id): counts, classes and notes")
        }
    }

    /// A layer drawn in several runs at once (one per core for 100,000 events) is the layer drawn in one: the same
    /// ops, symbols and their ids, labels, features and counts. Towns (223, labelled beside their dots) and
    /// massacres (sized by fatalities, largest first) in 1 run and in 3 or 7 runs of a few features.
    @Test func layerDrawnInRunsIsTheLayerDrawnInOne() throws {
        let massacres = try MapSpec.load(path: resources.maps + "/massacres-2019-2021.yaml", resources: resources)
        for (spec, id) in [(try MapSpec.sahelOverview(resources: resources), "places"), (massacres, "massacres")] {
            let (one, sources) = try context(spec, frame: PageRect(x: 20, y: 40, width: 800, height: 520))
            let index = try #require(spec.layers.firstIndex { $0.id == id })
            var compiler = LayerCompiler(context: one, sources: sources)
            var single = one
            single.symbolRuns = (1, 1)
            var singleCompiler = LayerCompiler(context: single, sources: sources)
            let whole = try singleCompiler.compile(index)
            #expect(whole.symbols.count > 20, "\(id): enough symbols to split")
            for runs in [3, 7] {
                var several = one
                several.symbolRuns = (runs, 5)
                compiler = LayerCompiler(context: several, sources: sources)
                let split = try compiler.compile(index)
                #expect(split.items.map(\.ops) == whole.items.map(\.ops), "\(id) in \(runs) runs")
                #expect(split.items.map(\.symbol) == whole.items.map(\.symbol))
                #expect(split.symbols.map(\.id) == whole.symbols.map(\.id) && split.symbols.map(\.box) == whole.symbols.map(\.box))
                #expect(split.labels.map(\.text) == whole.labels.map(\.text) && split.labels.map(\.order) == whole.labels.map(\.order))
                func owners(_ layer: CompiledLayer) -> [SymbolID?] {
                    layer.labels.map { r -> SymbolID? in if case .point(_, _, let s) = r.anchor { return s }; return nil }
                }
                #expect(owners(split) == owners(whole), "each label still names its own symbol")
                #expect(split.drawn.map(\.ruleIndex) == whole.drawn.map(\.ruleIndex))
                #expect(split.stats == whole.stats, "\(id): counts and classes")
            }
        }
    }

    /// Placement decides by symbol identity: a capital's name hides the village dot under it, never a thematic
    /// symbol; a village whose name finds no room loses its dot.
    @Test func labelPlacementStage() throws {
        FontConfiguration.install(resources.fontsConf)
        let text = try TextEngine(verifying: "Noto Sans")
        let style = TextStyle(family: "Noto Sans", sizePoints: 10, color: .hex("#000000"))
        let capital = SymbolID(layer: 0, feature: 0, part: 0), village = SymbolID(layer: 0, feature: 1, part: 0)
        let base = SymbolID(layer: 1, feature: 0, part: 0)
        func box(_ x: Double, _ y: Double) -> PageRect { PageRect(x: x - 2, y: y - 2, width: 4, height: 4) }
        // A strip so narrow that the capital's name fits only to the right of its symbol, over the village.
        let symbols = [Symbol(id: capital, box: box(8, 100), priority: 100, hideable: false),
                       Symbol(id: village, box: box(20, 100), priority: 40, hideable: true),
                       Symbol(id: base, box: box(300, 100), priority: 0, hideable: false)]
        let frame = PageRect(x: 0, y: 90, width: 400, height: 20)
        func request(_ name: String, at x: Double, symbol: SymbolID, priority: Int) -> LabelRequest {
            LabelRequest(layer: "places", text: name, style: style, anchor: .point(PagePoint(x: x, y: 100), radius: 2, symbol: symbol),
                         priority: priority, weight: 0, order: 0, symbolNeedsLabel: priority < 100)
        }
        let placed = Labeler(frame: frame, text: text, symbols: symbols).place([
            request("Capital City", at: 8, symbol: capital, priority: 100),
            request("Village", at: 20, symbol: village, priority: 40),
        ])
        #expect(placed.hiddenSymbols == [village])
        #expect(placed.isHidden(village) && !placed.isHidden(capital) && !placed.isHidden(base) && !placed.isHidden(nil))
        #expect(placed.placed.map(\.text) == ["Capital City"])
        #expect(placed.dropped.map(\.text) == ["Village"])
    }

    /// A name is placed once in its neighbourhood: events at a town labelled by the town's name give no second
    /// "Kidal" beside the town's own label; far enough away, the same name is placed again. A label with no room at
    /// a point is not tried again there, and says why.
    @Test func repeatedNamesArePlacedOnce() throws {
        FontConfiguration.install(resources.fontsConf)
        let text = try TextEngine(verifying: "Noto Sans")
        let style = TextStyle(family: "Noto Sans", sizePoints: 8, color: .hex("#000000"))
        func request(_ name: String, _ x: Double, _ y: Double, priority: Int, layer: String = "events") -> LabelRequest {
            LabelRequest(layer: layer, text: name, style: style, anchor: .point(PagePoint(x: x, y: y), radius: 2, symbol: nil),
                         priority: priority, weight: 0, order: 0, symbolNeedsLabel: false)
        }
        let frame = PageRect(x: 0, y: 0, width: 600, height: 400)
        let placed = Labeler(frame: frame, text: text, symbols: []).place([
            request("Kidal", 100, 100, priority: 60, layer: "places"),
            request("Kidal", 112, 106, priority: 40),    // 12 pt from the town: a repeat
            request("Kidal", 400, 300, priority: 40),    // far away: placed again
        ])
        #expect(placed.placed.map { "\($0.layer) \($0.text)" } == ["places Kidal", "events Kidal"])
        #expect(placed.dropped.map(\.reason) == ["repeats \"Kidal\" placed nearby"])
        // No room anywhere in a frame too small: the second request at the same point gets the same reason.
        let tiny = Labeler(frame: PageRect(x: 95, y: 95, width: 10, height: 10), text: text, symbols: []).place([
            request("Tessalit", 100, 100, priority: 40), request("Tessalit", 100, 100, priority: 30),
        ])
        #expect(tiny.placed.isEmpty && tiny.dropped.map(\.reason) == ["outside the frame", "outside the frame"])
    }

    /// Furniture: only the parts asked for; a legend left out is said so.
    @Test func furnitureStage() throws {
        let spec = try MapSpec.load(path: resources.maps + "/massacres-2019-2021.yaml", resources: resources)
        FontConfiguration.install(resources.fontsConf)
        let text = try TextEngine(verifying: spec.theme.fontFamily)
        let (ctx, sources) = try context(spec, frame: PageRect(x: 20, y: 40, width: 800, height: 520))
        var compiler = LayerCompiler(context: ctx, sources: sources)
        let layers = try spec.layers.indices.map { try compiler.compile($0) }
        let legend = LegendBuilder.build(from: layers)
        #expect(!legend.isEmpty)
        let all = try FurnitureLayout.layout(.inFrame, context: ctx, legend: legend, coverage: Coverage(), sources: sources, text: text)
        #expect(all.scaleBar != nil && all.inset != nil && all.legendBox != nil)
        #expect(all.legendEntries == legend.map(\.text) && all.notes.isEmpty)
        let none = try FurnitureLayout.layout([], context: ctx, legend: legend, coverage: Coverage(), sources: sources, text: text)
        #expect(none.scaleBar == nil && none.inset == nil && none.legendBox == nil && none.legendEntries.isEmpty)
        #expect(none.notes == ["legend left out: the layout draws none (\(legend.count) entries)"])
    }

    /// `--bare`: the map fills the whole page (every edge pixel is map, not paper), and the PDF has no title or
    /// sources text; the report says what was left out.
    @Test func bareLayoutFillsThePage() throws {
        var spec = try MapSpec.load(path: resources.maps + "/massacres-2019-2021.yaml", resources: resources)
        spec.layout = .bare(framed: false)
        let r = try renderer(spec)
        let map = try r.compose()
        let image = try r.image(map)
        let paper = spec.theme.paper
        var edge: [(Int, Int)] = []
        for x in stride(from: 0, to: image.width, by: 7) { edge += [(x, 0), (x, image.height - 1)] }
        for y in stride(from: 0, to: image.height, by: 7) { edge += [(0, y), (image.width - 1, y)] }
        let paperPixels = edge.filter { close(image.pixel(x: $0.0, y: $0.1), paper, tolerance: 1) }
        #expect(paperPixels.isEmpty, "paper at \(paperPixels.prefix(5))")
        #expect(map.report.notes.contains { $0.hasPrefix("legend left out: the layout draws none") })
        #expect(map.report.notes.contains { $0.hasPrefix("sources line left out") })
        #expect(map.report.legend.isEmpty && map.report.scaleBar == nil)
        let dir = try temporaryDirectory()
        let pdf = dir + "/bare.pdf"
        _ = try r.write(map, to: [Output(path: pdf, format: .pdf)])
        let words = try run("pdftotext", [pdf, "-"])
        #expect(words.contains("Solhan"))
        #expect(!words.contains(spec.title) && !words.contains("Sources") && !words.contains("SahelMap"))
        // Framed: the same body with a thin frame line as its last op.
        spec.layout = .bare(framed: true)
        let framed = try renderer(spec).compose()
        #expect(framed.scene.ops.contains(.strokeRect(PageRect(x: 0, y: 0, width: r.page.widthPoints, height: r.page.heightPoints), spec.theme.frame)))
    }

    /// The full page is the body composed into the layout's frame, plus title block and sources.
    @Test func fullPageIsTheBodyInItsFrame() throws {
        let spec = try MapSpec.sahelOverview(resources: resources)
        let r = try renderer(spec)
        let map = try r.compose()
        let body = try r.composeBody(in: map.view.frame, parts: .inFrame)
        #expect(Array(map.scene.ops.dropFirst().prefix(body.ops.count)) == body.ops)
        #expect(body.report.layers == map.report.layers)
        // A body in a small rectangle of another page: its ops stay inside that rectangle's clip.
        let small = try r.composeBody(in: PageRect(x: 300, y: 200, width: 240, height: 160), parts: [])
        #expect(small.ops.first == .fillRect(PageRect(x: 300, y: 200, width: 240, height: 160), spec.theme.sea))
        #expect(small.ops[1] == .clip(PageRect(x: 300, y: 200, width: 240, height: 160)))
        #expect(small.view.frame.width == 240)
    }
}
