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
    private let transform: Transform
    let text: TextEngine
    let clock = ContinuousClock()

    /// - Throws: `ProjectionError` for a CRS PROJ cannot use, `RenderError` when the pinned font is missing.
    public init(spec: MapSpec, page: Page, resources: Resources, info: DocumentInfo? = nil) throws {
        self.spec = spec
        self.page = page
        self.resources = resources
        self.catalog = DataCatalog(resources: resources, spec: spec)
        self.info = info ?? DocumentInfo(title: spec.title, author: "SahelMap", creationDate: DocumentInfo.reproducibleDate(time: spec.time))
        self.layout = spec.layout
        FontConfiguration.install(resources.fontsConf)
        transform = try Transform(to: spec.projection)
        text = try TextEngine(verifying: spec.theme.fontFamily)
    }

    // MARK: Composition

    /// Reads, projects and lays out the whole page. Nothing is drawn or written yet.
    /// - Throws: `GeoDataError` for unreadable or invalid data, `RenderError` for an unusable extent or page.
    public func compose() throws -> ComposedMap {
        let started = clock.now
        let sources = SourceSet(catalog: catalog, layers: spec.layers)
        var t = clock.now
        for layer in spec.layers { _ = try sources.features(layer.source) }
        let readMs = ms(since: t)
        t = clock.now
        let pageLayout: PageLayout
        switch layout {
        case .full: pageLayout = try .full(spec: spec, page: page, scale: typeScale, text: text,
                                           plannedCredits: creditsParts(sources: spec.layers.map(\.source)))
        case .bare: pageLayout = .bare(page: page)
        }
        var body = try composeBody(in: pageLayout.frame, parts: pageLayout.parts, sources: sources)
        if case .bare(let framed) = layout, !framed { body.ops.removeLast() }   // the frame line
        let creditLines = pageLayout.wrapCredits(creditsParts(sources: body.drawnSources, geocoded: sources.usedGazetteer),
                                                 pageWidth: page.widthPoints, text: text)
        let paper = SceneOp.fillRect(PageRect(x: 0, y: 0, width: page.widthPoints, height: page.heightPoints), spec.theme.paper)
        let ops = [paper] + body.ops + SceneOp.layer("title", pageLayout.headerOps())
            + SceneOp.layer("credits", pageLayout.creditOps(creditLines))
        var report = body.report
        report.warnings = pageLayout.warnings + report.warnings
        report.credits = creditLines.joined(separator: " ")
        report.altText = body.alt.text(title: spec.title, subtitle: spec.subtitle, time: spec.time.phrase, credits: report.credits)
        if !pageLayout.parts.contains(.credits) { report.notes.append("sources line left out: the layout draws none; cite: \(report.credits)") }
        report.timings.readMs = readMs
        report.timings.labelMs += ms(since: t) - report.timings.projectMs - report.timings.labelMs
        report.timings.totalMs = ms(since: started)
        return ComposedMap(scene: Scene(page: page, ops: ops), view: body.view, report: report)
    }

    /// Composes the map body alone into `frame` on this renderer's page: sea, layers, labels and the furniture
    /// among `parts` that fits inside the frame, clipped to it and outlined. Title and sources are the caller's.
    public func composeBody(in frame: PageRect, parts: MapParts = .inFrame) throws -> MapBody {
        try composeBody(in: frame, parts: parts, sources: SourceSet(catalog: catalog, layers: spec.layers))
    }

    func composeBody(in frame: PageRect, parts: MapParts, sources: SourceSet) throws -> MapBody {
        var t = clock.now
        let view = try ViewTransform.fit(projectedExtent(sources), into: frame)
        let context = MapContext(spec: spec, view: view, transform: transform,
                                 tolerance: 0.25 * 72 / max(page.dpi, 300) / view.pointsPerMeter,
                                 clip: view.visibleMapRect(marginPoints: 4), scale: typeScale)
        var compiler = LayerCompiler(context: context, sources: sources)
        let layers = try spec.layers.indices.map { try compiler.compile($0) }
        let projectMs = ms(since: t)
        t = clock.now
        let legend = LegendBuilder.build(from: layers)
        let symbols = layers.flatMap(\.symbols)
        let furniture = try FurnitureLayout.layout(parts, context: context, legend: legend, symbols: symbols.map(\.box),
                                                   sources: sources, text: text)
        let requests = layers.flatMap(\.labels).enumerated().map { k, r in var r = r; r.order = k; return r }
        let placement = Labeler(frame: frame, text: text, symbols: symbols, obstacles: furniture.boxes).place(requests)
        var ops: [SceneOp] = [.fillRect(frame, spec.theme.sea), .clip(frame)]
        ops += SceneOp.layer("graticule", furniture.underlay)
        for layer in layers {
            ops += SceneOp.layer(layer.id, layer.items.filter { !placement.isHidden($0.symbol) }.flatMap(\.ops))
        }
        ops += SceneOp.layer("labels", placement.ops)
        ops += furniture.overlay
        ops += [.resetClip, .strokeRect(frame, spec.theme.frame)]
        var report = self.report(layers, furniture, placement)
        report.warnings = sources.warnings + layers.flatMap(\.warnings) + furniture.warnings
        report.timings.projectMs = projectMs
        report.timings.labelMs = ms(since: t)
        let drawn = spec.layers.enumerated().filter { report.layers[$0.offset].featuresDrawn > 0 }.map(\.element.source)
        return MapBody(ops: ops, view: view, report: report, drawnSources: drawn, alt: AltTextBuilder(layers))
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
        report.scaleBar = furniture.scaleBar
        report.inset = furniture.inset
        report.furniture = furniture.boxes
        report.notes = furniture.notes
        report.labelsPlaced = placement.placed
        report.labelsDropped = placement.dropped
        return report
    }

    /// Type and symbols scale with the page's physical size: 1 on A4, larger on bigger pages, smaller on
    /// report columns and cards (then never below 6 pt on paper for text).
    package var typeScale: Double {
        let a4 = 595.276 * 841.89
        let s = (page.widthPoints * page.heightPoints / a4).squareRoot()
        return min(1.4, max(0.75, (s * 20).rounded() / 20))   // in steps of 0.05: A4 in either orientation is exactly 1
    }

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

    private func projectedExtent(_ sources: SourceSet) throws -> MapRect {
        let geo: [GeoPoint]
        do { geo = try sources.extentPoints(spec.extent) } catch let e as ExtentError { throw RenderError.extent(e.message) }
        let projected = transform.project(geo).compactMap { $0 }
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

    /// The plain-text description of this body, as `NAME.txt` holds for a whole map.
    package func altText(title: String, subtitle: String?, time: String?, credits: String) -> String {
        alt.text(title: title, subtitle: subtitle, time: time, credits: credits)
    }
}
