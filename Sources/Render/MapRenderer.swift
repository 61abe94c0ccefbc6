import Foundation
import Dispatch
import Geometry
import Layers
import Style

/// A composed map: the scene to draw on any surface, how projected metres land on the page, and what happened.
public struct ComposedMap: Sendable {
    package let scene: Scene
    package let view: ViewTransform
    public var report: RenderReport
}

/// Where one rendered file goes. `path` "-" means standard output.
public struct Output: Sendable, Equatable {
    public var path: String
    public var format: OutputFormat
    public init(path: String, format: OutputFormat) {
        self.path = path
        self.format = format
    }
}

/// Turns a `MapSpec` into pages: reads the layers' data, projects it through PROJ, simplifies it to the output
/// resolution, clips it to the frame, places labels, then draws the result through Cairo and Pango.
///
/// Composition is a pipeline of values: page layout → layer compilation → legend → furniture → label placement →
/// scene assembly in paint order, with the report computed from what each stage returned. The map body can be
/// composed into any rectangle of a page (`composeBody(in:parts:)`), so a document can put several maps and its
/// own captions on one surface.
///
/// ## Example
/// ```swift
/// let resources = try Resources.locate()
/// let renderer = try MapRenderer(spec: .sahelOverview(resources: resources), page: .a4Landscape, resources: resources)
/// let report = try renderer.write(renderer.compose(), to: [Output(path: "out/sahel.png", format: .png)])
/// ```
public final class MapRenderer {
    public let spec: MapSpec
    public let page: Page
    public let resources: Resources
    public let catalog: DataCatalog
    public var info: DocumentInfo
    /// How the map uses the page; `spec.layout` unless changed.
    public var layout: MapLayout
    /// Read every property of the sources, not only those the map uses (`MapSpec.fieldsRead`): the same map.
    package var readEveryField = false
    /// The map's transformation, built on another core from `init` on (PROJ opens its database: 20–45 ms) and
    /// taken when composing first needs it, after the sources are read.
    private let building: Handover<Transform, ProjectionError>
    private var transform: Transform { get throws(ProjectionError) { try building.take() } }
    let text: TextEngine
    let clock = ContinuousClock()

    /// - Throws: `RenderError` when the pinned font is missing (or `ProjectionError`, when the CRS is also one PROJ
    ///   cannot use: that is named first). A CRS PROJ cannot use is otherwise thrown by `compose()`, once the map's
    ///   sources are read.
    public init(spec: MapSpec, page: Page, resources: Resources, info: DocumentInfo? = nil) throws {
        self.spec = spec
        self.page = page
        self.resources = resources
        self.catalog = DataCatalog(resources: resources, spec: spec)
        self.info = info ?? DocumentInfo(title: spec.title, author: "SahelMap", creationDate: DocumentInfo.reproducibleDate(time: spec.time))
        self.layout = spec.layout
        FontConfiguration.install(resources.fontsConf)
        // PROJ opens its database to build the transformation (20–45 ms) on another core while fontconfig loads its
        // configuration, the pinned font is checked here and the sources are read.
        let projection = spec.projection
        let building = Handover { () throws(ProjectionError) in try Transform(to: projection) }
        self.building = building
        do {
            text = try TextEngine(verifying: spec.theme.fontFamily)
        } catch {
            _ = try building.take()
            // Name the theme the font came from (the first file of the chain that sets it is not tracked).
            guard case .font = error, let theme = spec.style.files.first else { throw error }
            throw RenderError.layout("\(theme): page.font: \(error)")
        }
    }

    // MARK: Composition

    /// What the page draws: everything on a full page, the map body alone on a bare one, less what the spec's
    /// `furniture:` (or `--no-title`, `--no-legend`, `--no-inset`, `--no-credits`) switches off.
    public var parts: MapParts {
        var p: MapParts
        switch layout {
        case .full: p = .all
        case .bare: p = []
        }
        let f = spec.furniture
        if !f.title { p.remove(.title) }
        if !f.credits { p.remove(.credits) }
        if !f.legend { p.remove(.legend) }
        if !f.inset { p.remove(.inset) }
        if !f.scaleBar { p.remove(.scaleBar) }
        return p
    }

    /// The sources of one composition, each read with only the fields the map uses (see `MapSpec.fieldsRead`).
    private func newSources() -> SourceSet {
        let spec = spec
        guard !readEveryField else { return SourceSet(catalog: catalog, layers: spec.layers) }
        return SourceSet(catalog: catalog, layers: spec.layers, fields: { spec.fieldsRead(by: $0) },
                         binnedFields: { spec.fieldsRead(by: $0, binned: true) })
    }

    /// Reads, projects and lays out the whole page. Nothing is drawn or written yet.
    /// - Throws: `GeoDataError` for unreadable or invalid data, `RenderError` for an unusable extent or page.
    public func compose() throws -> ComposedMap {
        let started = clock.now
        let sources = newSources()
        var t = clock.now
        // The description names the countries and regions of the map's focus or extent: their files are parsed
        // alongside the layers' (and read, as before, only if the description asks).
        let named = spec.focus?.isEmpty == false || { if case .features = spec.extent { return true }; return false }()
        try sources.read(spec.layers.map(\.source), later: named ? [.builtIn("countries"), .builtIn("regions")] : [])
        let readMs = ms(since: t)
        t = clock.now
        var page = self.page
        var pageLayout: PageLayout
        switch layout {
        case .full:
            let credits = creditsParts(sources: spec.layers.map(\.source))
            let titleAndCredits = parts.intersection([.title, .credits])
            if page.heightFollowsMap { page.heightPoints = max(page.heightPoints, 3 * page.widthPoints) }   // room to measure in
            pageLayout = try .full(spec: spec, page: page, scale: typeScale, text: text, plannedCredits: credits, parts: titleAndCredits)
            if page.heightFollowsMap {
                // Title block and sources do not depend on the page's height: the map gets its extent's shape.
                page.heightPoints += pageLayout.frame.width * (try mapAspect(sources)) - pageLayout.frame.height
                pageLayout = try .full(spec: spec, page: page, scale: typeScale, text: text, plannedCredits: credits, parts: titleAndCredits)
            }
        case .bare:
            if page.heightFollowsMap { page.heightPoints = page.widthPoints * (try mapAspect(sources)) }
            pageLayout = .bare(page: page)
        }
        var body = try composeBody(in: pageLayout.frame, parts: parts.subtracting([.title, .credits]), sources: sources,
                                   grow: page.heightFollowsMap)
        if body.area.height > pageLayout.frame.height + 0.01 {
            // The legend strip under the map made the figure taller.
            let extra = body.area.height - pageLayout.frame.height
            page.heightPoints += extra
            pageLayout.frame.height += extra
        }
        if case .bare(let framed) = layout, !framed,
           let i = body.ops.lastIndex(of: .strokeRect(body.view.frame, spec.theme.frame)) { body.ops.remove(at: i) }   // the frame line
        let creditLines = pageLayout.wrapCredits(creditsParts(sources: body.drawnSources, geocoded: sources.usedGazetteer), pageWidth: page.widthPoints, text: text)
        let paper = SceneOp.fillRect(PageRect(x: 0, y: 0, width: page.widthPoints, height: page.heightPoints), spec.theme.paper)
        // The body's list taken over (not copied), the paper put under it and the title and sources over it.
        var ops = body.ops
        body.ops = []
        ops.insert(paper, at: 0)
        ops += SceneOp.layer("title", pageLayout.headerOps())
        ops += SceneOp.layer("credits", pageLayout.creditOps(creditLines))
        var report = body.report
        report.warnings = pageLayout.warnings + report.warnings
        report.credits = creditLines.joined(separator: " ")
        report.texts = pageLayout.headerTexts(text) + report.texts + pageLayout.creditTexts(creditLines, pageHeight: page.heightPoints, text: text)
        report.altText = body.alt.text(title: spec.title, subtitle: spec.subtitle, time: spec.timeLine, credits: report.credits)
        if !pageLayout.parts.contains(.credits) { report.notes.append("sources line left out: the layout draws none; cite: \(report.credits)") }
        report.timings.readMs = readMs
        report.timings.labelMs += ms(since: t) - report.timings.projectMs - report.timings.labelMs
        report.timings.totalMs = ms(since: started)
        report.page = .init(widthMillimeters: page.widthMillimeters, heightMillimeters: page.heightMillimeters, dpi: page.dpi)
        return ComposedMap(scene: Scene(page: page, ops: ops), view: body.view, report: report)
    }

    /// Composes the map body alone into `frame` on this renderer's page: sea, layers, labels and the furniture
    /// among `parts` that fits inside the frame, clipped to it and outlined. Title and sources are the caller's.
    public func composeBody(in frame: PageRect, parts: MapParts = .inFrame) throws -> MapBody {
        try composeBody(in: frame, parts: parts, sources: newSources())
    }

    /// - Parameter grow: The legend strip, if one is needed, goes under `rect` rather than inside it (a figure
    ///   whose height follows its map); the body's `area` is then taller than `rect`.
    func composeBody(in rect: PageRect, parts: MapParts, sources: SourceSet, grow: Bool = false) throws -> MapBody {
        let frameFree = FrameFreeWork()   // what the compositions below share
        var draft = try draft(frame: rect, area: rect, parts: parts, sources: sources, frameFree: frameFree, mode: .choose, grow: grow)
        // A legend that fits nowhere in the frame goes in a strip under it: compose again with the frame that
        // much shorter (what is drawn, and so the legend, may change a little with the frame; at most twice), or,
        // when the figure grows, with the strip added under the frame. Labels are placed, and the description
        // written, only for the composition that is kept.
        var area = rect
        for _ in 0..<2 {
            if let w = draft.furniture.wantsSide, let size = draft.furniture.stripSize {
                let frame = PageRect(x: rect.x, y: rect.y, width: rect.width - w - 2, height: rect.height)
                guard frame.width > 20 else { break }
                draft.drop()
                draft = try self.draft(frame: frame, area: area, parts: parts, sources: sources, frameFree: frameFree, mode: .side(width: w, sizePoints: size), grow: grow)
                draft.furniture.stripSize = size
                continue
            }
            guard let h = draft.furniture.wantsStrip, let size = draft.furniture.stripSize else { break }
            var frame = PageRect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - h - 2)
            if grow {
                frame = rect
                area = PageRect(x: rect.x, y: rect.y, width: rect.width, height: rect.height + h + 2)
            }
            guard frame.height > 20 else { break }
            draft.drop()
            draft = try self.draft(frame: frame, area: area, parts: parts, sources: sources, frameFree: frameFree, mode: .strip(height: h, sizePoints: size), grow: grow)
            draft.furniture.stripSize = size
        }
        var body = finish(draft, sources: sources)
        if draft.furniture.wantsStrip != nil || draft.furniture.wantsSide != nil {
            body.report.warnings.append(MapWarning(kind: .legendLeftOut, message:
                "legend left out: it does not fit in the frame, nor in a strip under it; use a larger page or --no-legend"))
        }
        return body
    }

    /// A composition before its labels are placed: the layers compiled for a frame, their legend and the
    /// furniture laid out around what they cover.
    private struct Draft {
        var frame: PageRect
        var area: PageRect
        var view: ViewTransform
        var context: MapContext
        var layers: [CompiledLayer]
        var legend: [LegendBuilder.Item]
        var requests: [LabelRequest]
        var furniture: FurnitureLayout
        var projectMs: Double
        var started: ContinuousClock.Instant

        /// Lets the layers go before the next draft is compiled, so two drafts never fill memory at once.
        mutating func drop() {
            layers = []
            requests = []
        }
    }

    private func draft(frame: PageRect, area: PageRect, parts: MapParts, sources: SourceSet, frameFree: FrameFreeWork,
                       mode: FurnitureLayout.LegendMode, grow: Bool) throws -> Draft {
        let t = clock.now
        let view = try ViewTransform.fit(projectedExtent(sources), into: frame)
        var context = MapContext(spec: spec, view: view, transform: try transform,
                                 tolerance: 0.25 * 72 / max(page.dpi, 300) / view.pointsPerMeter,
                                 clip: view.visibleMapRect(marginPoints: 4), scale: typeScale)
        context.symbolScale = page.effectiveSymbolScale
        context.minimumTypePoints = page.minimumTypePoints
        var compiler = LayerCompiler(context: context, sources: sources, frameFree: frameFree)
        var layers = try spec.layers.indices.map { try compiler.compile($0) }
        let projectMs = ms(since: t)
        let started = clock.now
        let legend = LegendBuilder.build(from: layers)
        // The labels asked for, numbered in the map's order, moved out of their layers (100,000 are 24 MB).
        var requests: [LabelRequest] = []
        requests.reserveCapacity(layers.reduce(0) { $0 + $1.labels.count })
        for k in layers.indices {
            for var r in layers[k].labels { r.order = requests.count; requests.append(r) }
            layers[k].labels = []
        }
        var coverage = Self.coverage(layers, legend: legend, requests: requests)
        coverage.labelRooms = requests.map { r in
            // Beside a point, the label takes its width on one side or the other: count both.
            let m = text.measure(r.text, r.style)
            switch r.anchor {
            case .point(let p, let radius, _):
                return PageRect(x: p.x - radius - m.width - 2, y: p.y - m.height / 2, width: 2 * (radius + m.width + 2), height: m.height)
            case .inside(let p, _, _):
                return PageRect(x: p.x - m.width / 2, y: p.y - m.height / 2, width: m.width, height: m.height)
            case .along:
                // A river name finds its own place along the line; it claims no room of its own here.
                return PageRect(x: 0, y: 0, width: 0, height: 0)
            }
        }
        let strip = frame.maxY < area.maxY - 1
            ? PageRect(x: area.x, y: frame.maxY + 2, width: area.width, height: area.maxY - frame.maxY - 2) : nil
        let side = frame.maxX < area.maxX - 1
            ? PageRect(x: frame.maxX + 2, y: area.y, width: area.maxX - frame.maxX - 2, height: area.height) : nil
        let furniture = try FurnitureLayout.layout(parts, context: context, legend: legend, coverage: coverage,
                                                   sources: sources, text: text, strip: strip, side: side, mode: mode,
                                                   stripUnlimited: grow)
        return Draft(frame: frame, area: area, view: view, context: context, layers: layers, legend: legend,
                     requests: requests, furniture: furniture, projectMs: projectMs, started: started)
    }

    /// Places the labels of a draft and assembles its ops, report and description.
    private func finish(_ draft: Draft, sources: SourceSet) -> MapBody {
        let (frame, layers, furniture) = (draft.frame, draft.layers, draft.furniture)
        let symbols = layers.flatMap(\.symbols)
        // The description does not depend on where labels go: it is written on another core while they are placed
        // (it reads no source: the names the spec gives are looked up here first).
        let named = AltTextBuilder.named(spec: spec, sources: sources)
        let (legend, spec) = (draft.legend, spec)
        let describing = Handover { () throws(Never) in AltTextBuilder(layers, spec: spec, legend: legend, named: named) }
        let placement = Labeler(frame: frame, text: text, symbols: symbols, obstacles: furniture.boxes).place(draft.requests)
        // The body's ops in one list given its room at once, with some to spare for the page's paper, title and
        // sources (`compose` adds them in place).
        var ops: [SceneOp] = []
        ops.reserveCapacity(layers.reduce(0) { n, l in l.items.reduce(n) { $0 + $1.opCount } } + furniture.underlay.count
                            + placement.ops.count + furniture.overlay.count + furniture.outside.count + 2 * layers.count + 64)
        ops += [.fillRect(frame, spec.theme.sea), .clip(frame)]
        ops += SceneOp.layer("graticule", furniture.underlay)
        for layer in layers {
            SceneOp.appendLayer(layer.id, to: &ops) { ops in
                for item in layer.items {
                    switch item {
                    case .ops(let o): ops += o
                    case .marker(let p, let mark, let id): if !placement.isHidden(id) { ops.append(.marker(p, mark)) }
                    }
                }
            }
        }
        ops += SceneOp.layer("labels", placement.ops)
        ops += furniture.overlay
        ops += [.resetClip, .strokeRect(frame, spec.theme.frame)]
        ops += furniture.outside
        var report = self.report(layers, furniture, placement)
        report.warnings = sources.warnings + layers.flatMap(\.warnings) + furniture.warnings
        // A data layer (one with a legend) that read features and drew none because of the map's time or extent is an
        // empty map, not a quiet one.
        for layer in layers where layer.style.rules.contains(where: { $0.legend != nil }) && layer.index < report.layers.count {
            let l = report.layers[layer.index]
            // Left out by its own where only (no group newly active): the map says so by drawing nothing, rightly.
            guard l.featuresRead > 0, l.featuresDrawn == 0, l.featuresAggregated == 0,
                  l.featuresOutsideTime + l.featuresOutside > 0 else { continue }
            var why: [String] = []
            if l.featuresOutsideTime > 0 { why.append("\(l.featuresOutsideTime) outside the map's time" + (spec.timeLine.map { " (\($0))" } ?? "")) }
            if l.featuresFiltered > 0 { why.append("\(l.featuresFiltered) left out by its where") }
            if l.featuresOutside > 0 { why.append("\(l.featuresOutside) outside the extent") }
            report.warnings.append(MapWarning(kind: .nothingDrawn, layer: l.id, message:
                "nothing drawn: none of its \(l.featuresRead) features is on the map" + (why.isEmpty ? "" : ": " + why.joined(separator: ", "))))
        }
        report.texts = furniture.texts + placement.placed.map { .init(part: "label", text: $0.text, box: $0.box, within: frame) }
        report.timings.projectMs = draft.projectMs
        report.timings.labelMs = ms(since: draft.started)
        let drawn = spec.layers.enumerated().filter { report.layers[$0.offset].featuresDrawn > 0 }.map(\.element.source)
        var body = MapBody(ops: ops, view: draft.view, report: report, drawnSources: drawn,
                           alt: describing.take())
        body.wantsStrip = furniture.wantsStrip
        body.wantsSide = furniture.wantsSide
        body.stripSize = furniture.stripSize
        body.area = draft.area
        return body
    }

    /// What furniture would hide: the symbols and areas of layers that have a legend (the map's data), the places
    /// labels are asked for, and the other symbols.
    static func coverage(_ layers: [CompiledLayer], legend: [LegendBuilder.Item], requests: [LabelRequest]) -> Coverage {
        let thematic = Set(legend.compactMap(\.order.first))
        var c = Coverage()
        for layer in layers {
            if thematic.contains(layer.index) {
                c.symbols += layer.symbols.map(\.box)
                for k in layer.drawn.indices {   // by index: 100,000 events' features not copied out to find no polygon
                    for polygon in layer.drawn[k].shape.polygons {
                        let all = polygon.flatMap { $0 }
                        guard let x0 = all.map(\.x).min(), let x1 = all.map(\.x).max(),
                              let y0 = all.map(\.y).min(), let y1 = all.map(\.y).max() else { continue }
                        c.areas.append((PageRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0), polygon))
                    }
                }
            } else {
                c.others += layer.symbols.map(\.box)
            }
        }
        for r in requests {
            switch r.anchor {
            case .point(let p, _, _): c.labelled.append(p)
            case .inside(let p, _, _): c.labelled.append(p)
            case .along(let lines):
                let line = lines.max { $0.count < $1.count } ?? []
                guard !line.isEmpty else { continue }
                c.labelled.append(line[line.count / 2])
            }
            c.priorities.append(r.priority)
        }
        return c
    }

    /// The report of one composition, from what the stages returned.
    private func report(_ layers: [CompiledLayer], _ furniture: FurnitureLayout, _ placement: LabelPlacement) -> RenderReport {
        var report = RenderReport(title: spec.title, projection: spec.projection,
                                  page: .init(widthMillimeters: page.widthMillimeters, heightMillimeters: page.heightMillimeters, dpi: page.dpi))
        report.layers = layers.map(\.stats)
        for id in placement.hiddenSymbols {
            report.layers[id.layer].featuresDrawn -= 1
            report.layers[id.layer].symbolsHidden += 1
        }
        for k in report.layers.indices {
            report.layers[k].labelsPlaced = placement.placed.filter { $0.layer == report.layers[k].id }.count
            report.layers[k].labelsDropped = placement.dropped.filter { $0.layer == report.layers[k].id }.count
        }
        report.legend = furniture.legendEntries
        report.legendBox = furniture.legendBox
        report.legendLayout = furniture.legendInfo
        report.insetCovers = furniture.insetCovers
        report.scaleBar = furniture.scaleBar
        report.inset = furniture.inset
        report.furniture = furniture.boxes
        report.notes = furniture.notes + layers.flatMap(\.notes)
        report.labelsPlaced = placement.placed
        report.labelsDropped = placement.dropped
        report.labelQuality = placement.quality
        return report
    }

    /// Type scales with the page: its physical size (1 on A4), or the viewing distance of a screen preset.
    package var typeScale: Double { page.effectiveTypeScale }

    /// The parts of the sources line: each source once, the projection, the tool and the date the map was made.
    package func creditsParts(sources: [DataSource], geocoded: Bool = false) -> [String] {
        var seen: [String] = []
        for s in sources {
            for c in catalog.credits(for: s) where !seen.contains(c) { seen.append(c) }
        }
        // Place names geocoded through the gazetteer: GeoNames' licence asks for the credit.
        if geocoded, !seen.contains(where: { $0.hasPrefix("GeoNames") }) { seen.append("GeoNames gazetteer (CC BY 4.0)") }
        var parts = ["Sources: " + (seen.isEmpty ? "user data" : seen.joined(separator: "; "))]
        if spec.projection == Transform.sahelEqualArea { parts.append("Projection: Lambert azimuthal equal-area, centred 15° N 2° E") }
        else { parts.append("Projection: \(spec.projection)") }
        if info.creationDate.isEmpty { parts.append("Map: SahelMap") } else {
            let made = PartialDate(String(info.creationDate.prefix(10))).map { TimeContext.words($0) } ?? info.creationDate
            parts.append("Map: SahelMap, \(made)")
        }
        return parts
    }

    /// Height over width of the spec's extent once projected: the shape a figure needs to show it without
    /// padding. - Throws: as `compose()`, for an extent that cannot be resolved or projected.
    package func extentAspect() throws -> Double {
        let r = try projectedExtent(SourceSet(catalog: catalog))
        return r.height / r.width
    }

    /// Height over width a figure whose height follows its map gives the map: the extent's, between 0.45 and 1.25.
    private func mapAspect(_ sources: SourceSet) throws -> Double {
        let r = try projectedExtent(sources)
        return min(1.25, max(0.45, r.height / r.width))
    }

    private func projectedExtent(_ sources: SourceSet) throws -> MapRect {
        let geo: [GeoPoint]
        do { geo = try sources.extentPoints(spec.extent) } catch let e as ExtentError { throw RenderError.extent(e.message) }
        let projected = try transform.project(geo).compactMap { $0 }
        guard let rect = MapRect(around: projected), rect.width > 0, rect.height > 0 else {
            throw RenderError.extent("the extent cannot be projected to \(spec.projection)")
        }
        return rect
    }

    func ms(since t: ContinuousClock.Instant) -> Double {
        let d = clock.now - t
        return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }
}

/// A map body composed into a rectangle of a page: its ops in paint order (clipped to the frame and outlined), the
/// view, and what it drew.
public struct MapBody: Sendable {
    package var ops: [SceneOp]
    package let view: ViewTransform
    public var report: RenderReport
    /// Sources of the layers that drew something, for the caller's sources line.
    public let drawnSources: [DataSource]
    let alt: AltTextBuilder
    /// The legend strip this body's legend needs under its frame, not yet reserved.
    var wantsStrip: Double?
    /// The legend column this body's legend needs right of its frame, not yet reserved.
    var wantsSide: Double?
    /// The frame and the legend strip under it, if any.
    var area = PageRect(x: 0, y: 0, width: 0, height: 0)
    var stripSize: Double?

    /// The plain-text description of this body, as `NAME.txt` holds for a whole map.
    package func altText(title: String, subtitle: String?, time: String?, credits: String) -> String {
        alt.text(title: title, subtitle: subtitle, time: time, credits: credits)
    }
}

/// Work done on another thread whose result one caller takes, once: the value is handed over, never shared, so it
/// need not be Sendable (a `Transform` is used by one thread at a time; a map's description is written while its
/// labels are placed).
private final class Handover<Value, Failure: Error>: @unchecked Sendable {
    private var result: Result<Value, Failure>?   // written by the worker before `done` is signalled, read after
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws(Failure) -> Value) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = Result(catching: work)
            self.done.signal()
        }
    }

    private var waited = false

    /// Waits for the work (the first time) and returns its value or throws its error.
    func take() throws(Failure) -> Value {
        if !waited {
            done.wait()
            waited = true
        }
        return try result!.get()
    }
}
