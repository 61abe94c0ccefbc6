import Foundation
import Dispatch
import Geometry
import Layers
import Style
import Style

/// A composed map: the scene to draw on any surface, how projected metres land on the page, and what happened.
public struct ComposedMap: Sendable {
    public let scene: Scene
    public let view: ViewTransform
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
/// ## Example
/// ```swift
/// let renderer = try MapRenderer(spec: .sahelOverview, page: .a4Landscape, catalog: .standard())
/// let map = try renderer.compose()
/// let report = try renderer.write(map, to: [Output(path: "out/sahel.png", format: .png)])
/// ```
public final class MapRenderer {
    public let spec: MapSpec
    public let page: Page
    public let catalog: DataCatalog
    public var info: DocumentInfo
    private let transform: Transform
    let text: TextEngine
    let clock = ContinuousClock()

    /// - Throws: `ProjectionError` for a CRS PROJ cannot use, `RenderError` when the pinned font is missing.
    public init(spec: MapSpec, page: Page, catalog: DataCatalog, info: DocumentInfo? = nil) throws {
        self.spec = spec
        self.page = page
        self.catalog = catalog
        self.info = info ?? DocumentInfo(title: spec.title, author: "SahelMap", creationDate: "2026-01-01T00:00:00Z")
        transform = try Transform(to: spec.projection)
        text = try TextEngine(verifying: spec.theme.fontFamily)
    }

    // MARK: Composition

    /// Reads, projects and lays out the map. Nothing is drawn or written yet.
    /// - Throws: `GeoDataError` for unreadable or invalid data, `RenderError` for an unusable extent or page.
    public func compose() throws -> ComposedMap {
        let started = clock.now
        let theme = spec.theme
        var report = RenderReport(title: spec.title, projection: spec.projection,
                                  page: .init(widthMillimeters: page.widthMillimeters, heightMillimeters: page.heightMillimeters, dpi: page.dpi))

        // Read every distinct source once.
        var t = clock.now
        var sources: [DataSource: FeatureCollection] = [:]
        for layer in spec.layers where sources[layer.source] == nil {
            sources[layer.source] = try catalog.load(layer.source)
        }
        report.timings.readMs = ms(since: t)

        // Page layout: header (title, subtitle, date), map frame, footer (sources). Type scales with the page's
        // physical size, never below 6 pt on paper.
        t = clock.now
        let scale = typeScale
        func sized(_ points: Double) -> Double { max(6, points * scale) }
        let margin = max(8, min(page.widthPoints, page.heightPoints) * 0.045)
        let titleStyle = TextStyle(family: theme.fontFamily, sizePoints: sized(theme.titleSizePoints), bold: true, color: theme.text)
        let subtitleStyle = TextStyle(family: theme.fontFamily, sizePoints: sized(theme.subtitleSizePoints), color: theme.mutedText)
        let creditStyle = TextStyle(family: theme.fontFamily, sizePoints: sized(theme.creditsSizePoints), color: theme.mutedText)
        var header: [(String, TextStyle)] = [(spec.title, titleStyle)]
        if let sub = spec.subtitle { header.append((sub, subtitleStyle)) }
        if let phrase = spec.time.phrase { header.append((phrase.prefix(1).uppercased() + phrase.dropFirst(), subtitleStyle)) }
        let headerHeight = header.map { text.measure($0.0, $0.1).height + 1 }.reduce(0, +) + margin * 0.3
        let plannedCredits = wrap(creditsParts(sources: spec.layers.map(\.source)), width: page.widthPoints - 2 * margin, style: creditStyle)
        let creditLineHeight = text.measure("Sources", creditStyle).height
        let footerHeight = Double(plannedCredits.count) * creditLineHeight + margin * 0.25
        let frame = PageRect(x: margin, y: margin + headerHeight, width: page.widthPoints - 2 * margin,
                             height: page.heightPoints - 2 * margin - headerHeight - footerHeight)
        guard frame.width > 20, frame.height > 20 else {
            throw RenderError.layout("the page (\(Int(page.widthMillimeters))×\(Int(page.heightMillimeters)) mm) is too small for a map with a title and credits")
        }

        let extent = try projectedExtent(sources: sources)
        let view = try ViewTransform.fit(extent, into: frame)
        // Simplify to a quarter of a device pixel (300 dpi at least, for vector outputs) and clip a little outside
        // the frame so cut edges never show.
        let tolerance = 0.25 * 72 / max(page.dpi, 300) / view.pointsPerMeter
        let clipRect = view.visibleMapRect(marginPoints: 4)

        var ops: [SceneOp] = [.fillRect(PageRect(x: 0, y: 0, width: page.widthPoints, height: page.heightPoints), theme.paper),
                              .fillRect(frame, theme.sea), .clip(frame)]
        let graticuleIndex = ops.count
        var labels: [LabelRequest] = []
        var symbols: [PlacedSymbol] = []
        var cache: [DataSource: [Int: ProjectedFeature]] = [:]
        var legend = LegendBuilder()
        var alt = AltTextBuilder()
        for (layerIndex, layer) in spec.layers.enumerated() {
            guard let layerStyle = spec.style.layers[layer.style] else {
                throw RenderError.layout("the theme \"\(spec.style.name)\" has no style \"\(layer.style)\" for layer \"\(layer.id)\"")
            }
            let collection = sources[layer.source]!
            var stats = RenderReport.LayerStats(id: layer.id, source: describe(layer.source))
            stats.featuresRead = collection.features.count
            // Filter, then time, then the style's rules; what is left is drawn in order.
            var items: [(shape: ProjectedFeature, props: [String: JSONValue], rule: Int)] = []
            var kept: [(index: Int, props: [String: JSONValue])] = []
            for (k, feature) in collection.features.enumerated() {
                if let f = layer.filter, !f.matches(feature.properties) { stats.featuresFiltered += 1; continue }
                guard let props = layer.time.apply(feature.properties, spec.time) else { stats.featuresOutsideTime += 1; continue }
                kept.append((k, props))
            }
            let shapes = projectedShapes(layer.source, kept.map(\.index), collection, cache: &cache,
                                         tolerance: tolerance, clip: clipRect, view: view)
            var hexagonSize: Double?
            var drawStyle = layerStyle
            switch layer.aggregation {
            case .none, .regions: break
            case .hexagons(let size): hexagonSize = size
            case .auto(let threshold, let size):
                if shapes.lazy.filter({ !$0.points.isEmpty }).count > threshold { hexagonSize = size }
            }
            if let size = hexagonSize {
                // Cells are styled by "<style>-hexagons" in the theme, else by a plain graduated default.
                let cellStyle = spec.style.layers[layer.style + "-hexagons"] ?? Hexagons.defaultStyle
                drawStyle = cellStyle
                let points = zip(kept, shapes).compactMap { item, shape in shape.points.first.map { ($0, item.props) } }
                stats.featuresOutside += kept.count - points.count
                stats.featuresAggregated = points.count
                for cell in Hexagons.bin(points, sizePoints: size) {
                    guard let rule = cellStyle.ruleIndex(for: cell.properties) else { stats.featuresFiltered += 1; continue }
                    items.append((ProjectedFeature(polygon: cell.ring, center: cell.center), cell.properties, rule))
                }
            } else if layer.aggregation == .regions {
                // Events counted per first-level region; regions with none are left out.
                let regionStyle = spec.style.layers[layer.style + "-regions"] ?? RegionCounts.defaultStyle
                drawStyle = regionStyle
                let regions = try catalog.load(.builtIn("regions"))
                let counts = RegionCounts.count(kept.map { collection.features[$0.index] }, in: regions)
                stats.featuresAggregated = counts.values.reduce(0) { $0 + $1.count }
                stats.featuresOutside += kept.count - stats.featuresAggregated
                for (k, region) in regions.features.enumerated() {
                    guard let c = counts[k] else { continue }
                    var props = region.properties
                    props["count"] = .number(Double(c.count))
                    props["fatalities"] = .number(c.fatalities)
                    guard let rule = regionStyle.ruleIndex(for: props) else { stats.featuresFiltered += 1; continue }
                    let shape = ProjectedFeature(region, transform: transform, tolerance: tolerance, clip: clipRect, view: view)
                    items.append((shape, props, rule))
                }
            } else {
                for (item, shape) in zip(kept, shapes) {
                    guard let rule = layerStyle.ruleIndex(for: item.props) else { stats.featuresFiltered += 1; continue }
                    items.append((shape, item.props, rule))
                }
            }
            if let key = drawStyle.drawLargestFirstBy {
                // Largest first, so small symbols stay visible on top; ties keep their order.
                items = items.enumerated().sorted {
                    let a = $0.element.props[key]?.numberValue ?? 0, b = $1.element.props[key]?.numberValue ?? 0
                    return a != b ? a > b : $0.offset < $1.offset
                }.map(\.element)
            }
            var classes: [String] = []
            for (shape, props, ruleIndex) in items {
                let rule = drawStyle.rules[ruleIndex]
                guard !shape.isEmpty else { stats.featuresOutside += 1; continue }
                if shape.wasClipped { stats.featuresClipped += 1 }
                stats.featuresDrawn += 1
                if let text = rule.legend, !classes.contains(text) { classes.append(text) }
                legend.note(layer: layer.id, layerIndex: layerIndex, style: drawStyle, ruleIndex: ruleIndex, properties: props)
                alt.note(layer: layer.id, style: drawStyle, rule: rule, properties: props, shape: shape, hexagon: hexagonSize != nil)
                var radius = 0.0
                for symbolizer in rule.symbolizers {
                    switch symbolizer {
                    case .fill(let f):
                        let color = f.color?.value(for: props).map { $0.withOpacity(f.opacity) }
                        for polygon in shape.polygons {
                            if color != nil || f.outline != nil { ops.append(.fill(rings: polygon, color: color, outline: nil)) }
                            if let h = f.hatch { ops.append(.hatch(rings: polygon, h)) }
                            if let o = f.outline { ops.append(.fill(rings: polygon, color: nil, outline: o)) }
                        }
                    case .line(let l):
                        let lines = shape.polygons.flatMap { $0 } + shape.lines
                        if !lines.isEmpty { ops.append(.stroke(lines: lines, l)) }
                    case .marker(let m):
                        guard let r = m.radiusPoints.value(for: props).map({ $0 * scale }), r > 0 else { continue }
                        let mark = Mark(shape: m.shape, radiusPoints: r, fill: m.fill?.value(for: props).map { $0.withOpacity(m.opacity) },
                                        stroke: m.stroke)
                        radius = max(radius, r)
                        for p in shape.points {
                            let e = r * (m.shape == .diamond || m.shape == .triangle ? 1.25 : 1) + (m.stroke?.widthPoints ?? 0) / 2
                            symbols.append(PlacedSymbol(box: PageRect(x: p.x - e, y: p.y - e, width: 2 * e, height: 2 * e),
                                                        opIndex: ops.count, priority: rule.label?.priority ?? 0, layer: layer.id,
                                                        hideable: rule.label?.symbolNeedsLabel ?? false))
                            ops.append(.marker(p, mark))
                        }
                    }
                }
                if let ls = rule.label, let text = ls.text(for: props) {
                    let style = TextStyle(family: theme.fontFamily, sizePoints: sized(ls.sizePoints), bold: ls.bold, italic: ls.italic,
                                          letterSpacingPoints: ls.letterSpacingPoints, uppercase: ls.uppercase, color: ls.color,
                                          halo: ls.halo, haloWidthPoints: ls.halo == nil ? 0 : ls.haloWidthPoints)
                    let anchor: LabelRequest.Anchor?
                    switch ls.placement {
                    case .point:
                        anchor = shape.points.first.map { .point($0, radius: radius, symbol: radius > 0 ? symbols.count - 1 : nil) }
                    case .area:
                        anchor = shape.labelPoint.map { .inside($0.point, room: $0.room, rings: $0.rings) }
                    }
                    if let anchor {
                        // Among equal priorities: larger towns, larger events first.
                        let weight = props["population"]?.numberValue ?? drawStyle.drawLargestFirstBy.flatMap { props[$0]?.numberValue } ?? 0
                        labels.append(LabelRequest(layer: layer.id, text: text, style: style, anchor: anchor, priority: ls.priority,
                                                   weight: weight, order: labels.count, symbolNeedsLabel: ls.symbolNeedsLabel,
                                                   callout: ls.callout))
                    }
                }
            }
            stats.classesDrawn = classes
            report.layers.append(stats)
        }
        report.timings.projectMs = ms(since: t)

        t = clock.now
        legend.finish()
        report.legend = legend.items.map(\.text)
        var furniture: [SceneOp] = [], obstacles: [PageRect] = []
        let pad = 6.0
        if theme.graticule {
            let g = Graticule.ops(view: view, transform: transform, theme: theme, text: text, sizePoints: sized(5.5))
            ops.insert(contentsOf: g.lines, at: graticuleIndex)
            furniture += g.labels
            obstacles += g.boxes
        }
        var cornerY = frame.maxY - pad   // the lower-right corner stacks the scale bar, then the north arrow
        if theme.scaleBar, let bar = ScaleBar.measure(view: view, transform: transform, target: min(frame.width * 0.16, 140)) {
            let origin = PagePoint(x: frame.maxX - pad - bar.lengthPoints - text.measure("km", creditStyle).width - 4, y: cornerY)
            let drawn = bar.ops(at: origin, theme: theme, text: text, sizePoints: sized(6))
            furniture += drawn.ops
            obstacles.append(drawn.box)
            report.scaleBar = .init(kilometres: bar.kilometres, lengthPoints: bar.lengthPoints, geodesicMeters: bar.geodesicMeters,
                                    box: drawn.box)
            cornerY = drawn.box.y - 4
        }
        if theme.northArrow {
            let arrow = NorthArrow.ops(at: PagePoint(x: frame.maxX - pad - 8, y: cornerY), theme: theme, text: text, sizePoints: sized(7))
            furniture += arrow.ops
            obstacles.append(arrow.box)
        }
        if theme.inset, frame.width > 200, let africa = try? catalog.load(.builtIn("africa")) {
            let w = min(frame.width * 0.17, 130), h = w * 0.95
            let box = PageRect(x: frame.maxX - pad - w, y: frame.y + pad, width: w, height: h)
            if let inset = Inset.ops(africa: africa, view: view, transform: transform, box: box, theme: theme) {
                furniture += inset
                obstacles.append(box.insetBy(-2))
                report.inset = box
            }
        }
        // The legend goes last, into the corner where it hides the fewest symbols.
        if let l = LegendLayout.ops(legend.items, frame: frame, theme: theme, text: text, scale: scale,
                                    symbols: symbols.map(\.box), avoid: obstacles) {
            furniture += l.ops
            obstacles.append(l.box)
            report.legendBox = l.box
        } else if !legend.items.isEmpty {
            report.legend = []
            report.notes.append("legend left out: it would cover more than a fifth of the map on this page")
        }
        report.furniture = obstacles
        let placed = Labeler(frame: frame, text: text, symbols: symbols, obstacles: obstacles).place(labels)
        let hiddenOps = Set(placed.hiddenSymbols.map { symbols[$0].opIndex })
        if !hiddenOps.isEmpty {
            ops = ops.enumerated().filter { !hiddenOps.contains($0.offset) }.map(\.element)
            for k in placed.hiddenSymbols {
                if let i = report.layers.firstIndex(where: { $0.id == symbols[k].layer }) {
                    report.layers[i].featuresDrawn -= 1
                    report.layers[i].symbolsHidden += 1
                }
            }
        }
        ops += placed.ops
        ops += furniture
        report.labelsPlaced = placed.placed
        report.labelsDropped = placed.dropped
        for k in report.layers.indices {
            report.layers[k].labelsPlaced = placed.placed.filter { $0.layer == report.layers[k].id }.count
            report.layers[k].labelsDropped = placed.dropped.filter { $0.layer == report.layers[k].id }.count
        }
        ops.append(.resetClip)
        ops.append(.strokeRect(frame, theme.frame))

        // Title block above the frame; sources of the layers that drew something below it.
        var y = margin
        for (line, style) in header {
            ops.append(.text(line, origin: PagePoint(x: margin, y: y), style))
            y += text.measure(line, style).height + 1
        }
        let drawnSources = spec.layers.enumerated().filter { report.layers[$0.offset].featuresDrawn > 0 }.map(\.element.source)
        let creditLines = wrap(creditsParts(sources: drawnSources), width: page.widthPoints - 2 * margin, style: creditStyle)
        report.credits = creditLines.joined(separator: " ")
        report.altText = alt.text(title: spec.title, subtitle: spec.subtitle, time: spec.time.phrase, credits: report.credits)
        for (k, line) in creditLines.enumerated() {
            ops.append(.text(line, origin: PagePoint(x: margin, y: frame.maxY + margin * 0.2 + Double(k) * creditLineHeight), creditStyle))
        }
        report.timings.labelMs = ms(since: t)
        report.timings.totalMs = ms(since: started)
        return ComposedMap(scene: Scene(page: page, ops: ops), view: view, report: report)
    }

    /// The features of a source, projected, simplified, clipped and on the page; each computed once per render.
    /// Point features are projected together in one PROJ call (10,000 events cost one call, not 10,000).
    private func projectedShapes(_ source: DataSource, _ indices: [Int], _ collection: FeatureCollection,
                                 cache: inout [DataSource: [Int: ProjectedFeature]], tolerance: Double, clip: MapRect,
                                 view: ViewTransform) -> [ProjectedFeature] {
        var known = cache[source] ?? [:]
        var pointOwners: [Int] = [], points: [GeoPoint] = []
        for k in indices where known[k] == nil {
            switch collection.features[k].geometry {
            case .point(let p)?:
                pointOwners.append(k)
                points.append(p)
            default:
                known[k] = ProjectedFeature(collection.features[k], transform: transform, tolerance: tolerance, clip: clip, view: view)
            }
        }
        for (k, p) in zip(pointOwners, transform.project(points)) {
            known[k] = ProjectedFeature(point: p, clip: clip, view: view)
        }
        cache[source] = known
        return indices.map { known[$0]! }
    }

    /// Type and symbols scale with the page's physical size: 1 on A4, larger on bigger pages, smaller on
    /// report columns and cards (then never below 6 pt on paper for text).
    public var typeScale: Double {
        let a4 = 595.276 * 841.89
        let s = (page.widthPoints * page.heightPoints / a4).squareRoot()
        return min(1.4, max(0.75, (s * 20).rounded() / 20))   // in steps of 0.05: A4 in either orientation is exactly 1
    }

    /// The parts of the sources line: each source once, the projection, the tool and the date the map was made.
    private func creditsParts(sources: [DataSource]) -> [String] {
        var seen: [String] = []
        for s in sources {
            for c in catalog.credits(for: s) where !seen.contains(c) { seen.append(c) }
        }
        var parts = ["Sources: " + (seen.isEmpty ? "user data" : seen.joined(separator: "; "))]
        if spec.projection == Transform.sahelEqualArea { parts.append("Projection: Lambert azimuthal equal-area, centred 15° N 2° E") }
        else { parts.append("Projection: \(spec.projection)") }
        let made = PartialDate(String(info.creationDate.prefix(10))).map { TimeContext.words($0) } ?? info.creationDate
        parts.append("Map: SahelMap, \(made)")
        return parts
    }

    /// Joins parts with " · " into as few lines as fit `width`.
    private func wrap(_ parts: [String], width: Double, style: TextStyle) -> [String] {
        var lines: [String] = []
        for part in parts {
            if let last = lines.last, text.measure(last + " · " + part, style).width <= width {
                lines[lines.count - 1] = last + " · " + part
            } else {
                lines.append(part)
            }
        }
        return lines
    }

    private func describe(_ s: DataSource) -> String {
        switch s {
        case .builtIn(let n): "built-in:\(n)"
        case .geoJSON(let p), .csv(let p): p
        }
    }

    private func projectedExtent(sources: [DataSource: FeatureCollection]) throws -> MapRect {
        var geo: [GeoPoint] = []
        switch spec.extent {
        case .bbox(let b):
            guard b.west < b.east, b.south < b.north, b.south >= -90, b.north <= 90 else {
                throw RenderError.extent("expected west < east and south < north within ±90°, found \(b.west),\(b.south),\(b.east),\(b.north)")
            }
            // Edges are densified: a straight box in degrees is curved once projected.
            for k in 0...32 {
                let f = Double(k) / 32
                let lon = b.west + (b.east - b.west) * f, lat = b.south + (b.north - b.south) * f
                geo += [GeoPoint(longitude: lon, latitude: b.south), GeoPoint(longitude: lon, latitude: b.north),
                        GeoPoint(longitude: b.west, latitude: lat), GeoPoint(longitude: b.east, latitude: lat)]
            }
        case .features(let names):
            let countries = try catalog.load(.builtIn("countries")).features
            let regions = try catalog.load(.builtIn("regions")).features
            // Case and accents do not matter: "tillaberi" finds Tillabéri.
            func fold(_ s: String) -> String { s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
            for name in names {
                let key = fold(name)
                let matches = (countries + regions).filter { f in
                    ["name", "iso_a3", "iso_a2", "id"].contains { f.string($0).map(fold) == key } || f.id.map(fold) == key
                }
                guard !matches.isEmpty else {
                    let known = countries.compactMap { $0.string("name") }.filter { $0.lowercased().hasPrefix(String(key.prefix(2))) }
                    throw RenderError.extent("no country or region named \"\(name)\"" + (known.isEmpty ? "" : "; did you mean \(known.joined(separator: ", "))?"))
                }
                geo += matches.flatMap { $0.geometry?.allPoints ?? [] }
            }
        }
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
