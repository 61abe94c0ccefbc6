import Foundation
import Geometry
import Layers
import Render
import Style

/// Makes a figure: loads the map spec the Markdown names (relative to the report), applies the report's and the
/// figure's overrides, composes the map body as vectors with legend, scale bar and inset inside its frame, and sets
/// the caption and the map's own sources line under it.
struct FigureMaker {
    let t: Typography
    let printer: DocumentPrinter
    let resources: Resources
    let file: String
    let info: DocumentInfo
    /// A theme path every figure uses instead of its own.
    let theme: String?
    let asOf: PartialDate?
    /// `--creation-date` and `--stamp-today`: a figure is otherwise dated by what it shows, as a map is.
    var explicitDate: String? = nil
    var stampToday = false

    private var reportDirectory: String { (file as NSString).deletingLastPathComponent }

    func make(_ call: FigureCall, number: Int, x frameX: Double, width frameWidth: Double, outlineLevel: Int,
              numbering: FootnoteNumbering) throws -> FigureItem {
        func fail(_ message: String) -> ReportError { ReportError(file: file, at: call.at, "figure \"\(call.path)\": \(message)") }
        let path = call.path.hasPrefix("/") ? call.path : (reportDirectory.isEmpty ? call.path : reportDirectory + "/" + call.path)
        let isImage = !["yaml", "yml"].contains((call.path as NSString).pathExtension.lowercased())
        guard FileManager.default.fileExists(atPath: path) else {
            throw fail("no such \(isImage ? "image" : "map spec") (relative to \(reportDirectory.isEmpty ? "the working directory" : reportDirectory + "/"))")
        }
        if isImage { return try image(call, path: path, number: number, x: frameX, width: frameWidth, outlineLevel: outlineLevel,
                                      numbering: numbering, fail: fail) }
        for k in ["source", "alt"] where call.attributes[k] != nil { throw fail("\(k): only for image figures (a map has its own sources and alt text)") }
        var spec: MapSpec
        do {
            spec = try MapSpec.load(path: path, resources: resources)
            if let theme { spec.style = try StyleSheet.load(path: theme, resources: resources) }
        } catch {
            throw fail("\(error)")
        }
        if let asOf { spec.time.asOf = asOf }
        if let s = call.attributes["as-of"] {
            guard let d = PartialDate(s) else { throw fail("as-of: expected a date like 2021-12-31, 2021-12 or 2021, found \"\(s)\"") }
            spec.time.asOf = d
        }
        if let e = call.attributes["extent"] { spec.extent = try Self.extent(e, fail: fail) }

        let (x, width) = try frame(call, x: frameX, width: frameWidth, fail: fail)
        let renderer: MapRenderer
        let height: Double
        do {
            var dated = info
            dated.creationDate = DocumentInfo.reproducibleDate(explicit: explicitDate, time: spec.time, stampToday: stampToday)
            renderer = try MapRenderer(spec: spec, page: t.page, resources: resources, info: dated)
            let bodyHeight = t.bodyBottom - t.bodyTop
            let aspect = try renderer.extentAspect()
            var h = width * min(1.0, max(0.5, aspect))
            if let asked = call.attributes["height"] {
                guard asked.hasSuffix("%"), let p = Double(asked.dropLast()), p >= 20, p <= 150 else {
                    throw fail("height: expected a percentage of the width like 60%, found \"\(asked)\"")
                }
                h = width * p / 100
            }
            height = min(h, bodyHeight * 0.68)
        } catch let e as ReportError {
            throw e
        } catch {
            throw fail("\(error)")
        }
        var caption = InlineText(plain: "")
        caption.append("Figure \(number). ", .bold)
        try caption.append(call.caption, footnote: numbering.number)
        let captionBlock = t.sans(caption.text, spans: caption.spans, size: t.captionSize, width: width)
        let captionText = call.caption.plainText
        // The map itself is composed later, with the report's other maps (`complete`): its size is known now, which
        // is all the flow needs.
        let empty = t.sans("", size: t.figureSourcesSize, width: width, color: t.muted)
        var item = FigureItem(number: number, mapOps: [], mapSize: (width, height),
                              caption: captionBlock, captionMetrics: printer.measure(captionBlock),
                              sources: empty, sourcesMetrics: printer.measure(empty),
                              x: x, captionText: captionText, altText: "", specPath: call.path, credits: [],
                              outlineLevel: outlineLevel, kind: .map, name: call.attributes["id"], shows: spec.time.asOf ?? spec.time.to)
        item.pending = PendingMap(renderer: renderer, title: captionText.isEmpty ? spec.title : captionText, subtitle: spec.subtitle,
                                  time: spec.timeLine, error: fail(""))
        return item
    }

    /// Composes the map of every figure still pending, several at once (each has its own renderer, fonts and PROJ
    /// context), and sets its map, sources line, alt text and credits. Errors are thrown in figure order, as they
    /// would be one by one.
    func complete(_ figures: inout [FigureItem]) throws {
        let pending = figures.indices.filter { figures[$0].pending != nil }
        guard !pending.isEmpty else { return }
        let work = Jobs(list: pending.map { (figures[$0].pending!, figures[$0].mapSize) })
        let bodies = concurrentMap(work.list.count) { k in
            let (job, size) = work.list[k]
            return Result { () throws(ReportError) -> MapBody in
                do {
                    return try job.renderer.composeBody(in: PageRect(x: 0, y: 0, width: size.width, height: size.height), parts: .inFrame)
                } catch let e as ReportError {
                    throw e
                } catch {
                    var e = job.error
                    e.message += "\(error)"
                    throw e
                }
            }
        }
        for (k, i) in pending.enumerated() {
            let body = try bodies[k].get()
            let job = figures[i].pending!
            let renderer = job.renderer
            let width = figures[i].mapSize.width
            let sourcesLine = renderer.creditsParts(sources: body.drawnSources).joined(separator: " · ")
            let sourcesBlock = t.sans(sourcesLine, size: t.figureSourcesSize, width: width, color: t.muted)
            var credits: [String] = []
            for s in body.drawnSources {
                for c in renderer.catalog.credits(for: s) where !credits.contains(c) { credits.append(c) }
            }
            figures[i].mapOps = body.ops
            figures[i].sources = sourcesBlock
            figures[i].sourcesMetrics = printer.measure(sourcesBlock)
            figures[i].altText = body.altText(title: job.title, subtitle: job.subtitle, time: job.time, credits: sourcesLine)
            figures[i].credits = credits
            figures[i].pending = nil
        }
    }

    /// The figure's `width`: the column, the full page between 40 pt margins, or a percentage of the column,
    /// centred in it.
    private func frame(_ call: FigureCall, x frameX: Double, width frameWidth: Double,
                       fail: (String) -> ReportError) throws -> (x: Double, width: Double) {
        switch call.attributes["width"] {
        case nil, "column"?: return (frameX, frameWidth)
        case "full"?: return (40, t.page.widthPoints - 80)
        case let w?:
            guard w.hasSuffix("%"), let p = Double(w.dropLast()), p > 10, p <= 100 else {
                throw fail("width: expected column, full or a percentage like 80%, found \"\(w)\"")
            }
            let width = frameWidth * p / 100
            return (frameX + (frameWidth - width) / 2, width)
        }
    }

    /// An image file as a figure: scaled to the column (or `width`), keeping its proportions, never taller than about
    /// two thirds of the page; the sources line is the `source` attribute, the alt text `alt` (else the caption).
    private func image(_ call: FigureCall, path: String, number: Int, x frameX: Double, width frameWidth: Double, outlineLevel: Int,
                       numbering: FootnoteNumbering, fail: (String) -> ReportError) throws -> FigureItem {
        for k in ["as-of", "extent"] where call.attributes[k] != nil { throw fail("\(k): only for map figures") }
        let file: ImageFile
        do { file = try ImageFile.load(path: path) } catch { throw fail("\(error)") }
        var (x, width) = try frame(call, x: frameX, width: frameWidth, fail: fail)
        var height = width * file.height / file.width
        if call.attributes["height"] != nil { throw fail("height: an image keeps its proportions; set its width instead") }
        let most = (t.bodyBottom - t.bodyTop) * 0.68
        if height > most { width *= most / height; height = most }
        if call.attributes["width"] != "full" { x = frameX + (frameWidth - width) / 2 }
        var caption = InlineText(plain: "")
        caption.append("Figure \(number). ", .bold)
        try caption.append(call.caption, footnote: numbering.number)
        let captionBlock = t.sans(caption.text, spans: caption.spans, size: t.captionSize, width: width)
        let credit = call.attributes["source"]
        // An image without a source says so under it, rather than passing for the report's own.
        let line = credit.map { "Source: " + $0 } ?? "Image: \((call.path as NSString).lastPathComponent); source not given"
        let sourcesBlock = t.sans(line, size: t.figureSourcesSize, width: width, color: t.muted)
        let captionText = call.caption.plainText
        return FigureItem(number: number, mapOps: [.image(file, PageRect(x: 0, y: 0, width: width, height: height))],
                          mapSize: (width, height), caption: captionBlock, captionMetrics: printer.measure(captionBlock),
                          sources: sourcesBlock, sourcesMetrics: printer.measure(sourcesBlock),
                          x: x, captionText: captionText, altText: call.attributes["alt"] ?? captionText, specPath: call.path,
                          credits: credit.map { [$0] } ?? [], outlineLevel: outlineLevel, kind: .image, name: call.attributes["id"])
    }

    /// `"Burkina Faso"`, `"Mali,Niger"` or `west,south,east,north`.
    static func extent(_ s: String, fail: (String) -> ReportError) throws -> Extent {
        let parts = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = parts.compactMap(Double.init)
        if numbers.count == parts.count {
            guard numbers.count == 4, numbers[0] < numbers[2], numbers[1] < numbers[3] else {
                throw fail("extent: expected west,south,east,north with west < east and south < north, found \"\(s)\"")
            }
            return .bbox(BoundingBox(west: numbers[0], south: numbers[1], east: numbers[2], north: numbers[3]))
        }
        guard parts.allSatisfy({ !$0.isEmpty }) else { throw fail("extent: empty name in \"\(s)\"") }
        return .features(parts)
    }
}

/// A map figure measured but not yet composed: its renderer and what its alt text says.
struct PendingMap {
    let renderer: MapRenderer
    let title: String
    let subtitle: String?
    let time: String?
    /// The figure's error, naming the report's line, to which a composing error's text is added.
    let error: ReportError
}

/// The figures' renderers handed to the workers: each renderer (with its fonts, PROJ context and sources) is used by
/// exactly one worker, and by nobody else until all are done.
private struct Jobs: @unchecked Sendable {
    let list: [(PendingMap, (width: Double, height: Double))]
}
