import Foundation
import Dispatch
import Geometry
import Synchronization

extension MapRenderer {
    // MARK: Drawing and writing

    /// Draws the composed map into one format and returns the encoded bytes.
    public func encode(_ map: ComposedMap, as format: OutputFormat) throws(RenderError) -> [UInt8] {
        if format == .png {
            try checkRaster()
            return try paintAndEncode(map).png
        }
        if format == .svg { return svg(map) }
        let surface = try CairoSurface(format, page: map.scene.page, info: info)
        Painter.paint(map.scene, on: surface, text: text)
        return try surface.encoded()
    }

    /// Refuses, before any pixel memory is allocated, a raster page too large for the limits (`Page.rasterProblem`).
    func checkRaster() throws(RenderError) {
        if let problem = page.rasterProblem() { throw .layout(problem) }
    }

    /// The map as SVG of our own (`SVGWriter`): real text, layers as groups; its description is the alt text.
    func svg(_ map: ComposedMap) -> [UInt8] {
        SVGWriter.encode(map.scene, text: text, title: info.title, description: map.report.altText)
    }

    /// A raster page painted and encoded band by band: the PNG's bytes, and how the time went (milliseconds of
    /// the call, split between painting and deflating in the proportion of the threads' time in each).
    struct RasterPage {
        var png: [UInt8]
        var drawMs: Double, encodeMs: Double
    }

    /// Paints a raster page in horizontal bands of `PNGEncoder.stripeRows` rows and encodes each band as soon as
    /// it is painted, one worker per core taking the bands in turn, so no page-sized surface or copy ever exists:
    /// each worker owns one band's pixel memory and encoder buffers, reused band after band, and its own text
    /// engine (Cairo surfaces and Pango font maps are not used by two threads at once). A worker reads the immutable scene and marker sprites
    /// and hands back each band as its deflated stripe, a value; the lock guards only storing it. The stripes
    /// depend on the page's height, not on the cores, so the bytes are the same on any machine of the same build.
    func paintAndEncode(_ map: ComposedMap) throws(RenderError) -> RasterPage {
        let started = clock.now
        let page = map.scene.page   // the composed page: a figure preset's height follows its map
        let height = page.pixelHeight, width = page.pixelWidth
        let per = PNGEncoder.stripeRows(height: height)
        let count = max(1, (height + per - 1) / per)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count))
        let scene = map.scene, info = info, family = spec.theme.fontFamily, paper = spec.theme.paper
        let stride = CairoSurface.stride(for: page)
        let sprites = MarkerSprites(scene: scene, scale: page.dpi / 72)   // read-only from here on, shared by the workers
        let bounds = SceneBounds(scene.ops, text: text)   // likewise
        let next = Atomic(0)
        let stripes = Slots<Result<PNGEncoder.Stripe, RenderError>>(count)   // by band
        let busy = Slots<(paint: Duration, deflate: Duration)>(workers)      // by worker
        // The first worker uses the renderer's own text engine: the calling thread waits in concurrentPerform, so
        // that engine is used by one thread at a time.
        let ownText = Lent(text)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let clock = ContinuousClock()
            var paint = Duration.zero, deflate = Duration.zero
            var pixels = [UInt8](repeating: 0, count: stride * per)
            var scratch = PNGEncoder.Scratch()
            var text: Result<TextEngine, RenderError>? = w == 0 ? .success(ownText.value) : nil
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < count else { break }
                let rows = (i * per)..<min(height, (i + 1) * per)
                let t0 = clock.now
                let band = Result { () throws(RenderError) -> PNGEncoder.Stripe in
                    if text == nil { text = Result { () throws(RenderError) in try TextEngine(verifying: family) } }
                    let text = try text!.get()
                    let failure: RenderError? = pixels.withUnsafeMutableBytes { memory in
                        do throws(RenderError) {
                            try CairoSurface.drawBand(page: page, info: info, rows: rows, paper: paper, into: memory) { surface in
                                Painter.paint(scene, on: surface, text: text, sprites: sprites, bounds: bounds)
                            }
                            return nil
                        } catch {
                            return error
                        }
                    }
                    if let failure { throw failure }
                    let t1 = clock.now
                    paint += t1 - t0
                    defer { deflate += clock.now - t1 }
                    let stripe = pixels.withUnsafeBytes {
                        PNGEncoder.stripe($0.baseAddress!, stride: stride, rows: rows.count, width: width, final: i == count - 1,
                                          scratch: &scratch)
                    }
                    guard let stripe else { throw RenderError.cairo(doing: "encode PNG", status: "deflate failed") }
                    return stripe
                }
                stripes.set(i, band)
            }
            busy.set(w, (paint, deflate))
        }
        let done = try stripes.values.map { (s) throws(RenderError) in try s!.get() }
        let png = PNGEncoder.file(done, width: width, height: height, dpi: page.dpi)
        let wall = ms(since: started)
        var paint = Duration.zero, deflate = Duration.zero
        for case let b? in busy.values { paint += b.paint; deflate += b.deflate }
        let share = paint + deflate > .zero ? paint / (paint + deflate) : 1
        return RasterPage(png: png, drawMs: wall * share, encodeMs: wall * (1 - share))
    }

    /// Draws a PNG surface and returns it for inspection (tests, checks).
    package func image(_ map: ComposedMap) throws(RenderError) -> RenderedImage {
        try checkRaster()
        let surface = try CairoSurface(.png, page: map.scene.page, info: info, paper: spec.theme.paper)
        Painter.paint(map.scene, on: surface, text: text)
        return RenderedImage(surface: surface)
    }

    /// Draws and writes every output, each image with its description beside it (`NAME.alt.txt`, unless
    /// `altText` is false), and the JSON render report when `reportPath` is given.
    ///
    /// All-or-nothing: every output is drawn and encoded before anything is written; then the images, their
    /// descriptions and the report are written as one set (see `AtomicFile.Transaction`), so a failure or a
    /// signal leaves every previous file untouched. Standard output (`-`) is written last, once the files are
    /// in place. A description file of that name that sahelmap did not write is never replaced (an error).
    /// - Throws: `RenderError` naming the output that failed.
    public func write(_ map: ComposedMap, to outputs: [Output], altText: Bool = true, reportPath: String? = nil) throws -> RenderReport {
        if outputs.contains(where: { $0.format == .png }) { try checkRaster() }
        var report = map.report
        let sidecars = altText ? Self.descriptionPaths(for: outputs) : []
        for path in outputs.map(\.path) + sidecars + (reportPath.map { [$0] } ?? []) { try AtomicFile.checkWritable(path) }
        var encoded: [(Output, [UInt8])] = []
        for output in outputs {
            var t = clock.now
            if output.format == .png {
                let raster = try paintAndEncode(map)
                report.timings.drawMs += raster.drawMs
                report.timings.encodeMs += raster.encodeMs
                encoded.append((output, raster.png))
                continue
            } else if output.format == .svg {
                let bytes = svg(map)
                report.timings.drawMs += ms(since: t)
                t = clock.now
                encoded.append((output, bytes))
            } else {
                let surface = try CairoSurface(output.format, page: map.scene.page, info: info)
                Painter.paint(map.scene, on: surface, text: text)
                report.timings.drawMs += ms(since: t)
                t = clock.now
                encoded.append((output, try surface.encoded()))
            }
            report.timings.encodeMs += ms(since: t)
        }
        let t = clock.now
        let description = Array((report.altText + "\n").utf8)
        let set = AtomicFile.Transaction()
        do throws(RenderError) {
            try set.stage(encoded.filter { $0.0.path != "-" }.map { AtomicFile.File(path: $0.0.path, bytes: $0.1) }
                          + sidecars.map { AtomicFile.File(path: $0, bytes: description, sidecar: true) })
        } catch {
            set.abandon()
            throw error
        }
        for (output, bytes) in encoded {
            report.outputs.append(.init(path: output.path, format: output.format, bytes: bytes.count,
                                        widthPixels: output.format == .png ? map.scene.page.pixelWidth : nil,
                                        heightPixels: output.format == .png ? map.scene.page.pixelHeight : nil,
                                        dpi: output.format == .png ? map.scene.page.dpi : nil))
        }
        // The report is part of the set, so its write time is that of the images and descriptions staged.
        report.timings.writeMs = ms(since: t)
        report.timings.totalMs += report.timings.drawMs + report.timings.encodeMs + report.timings.writeMs
        if let reportPath {
            let json: [UInt8]
            do { json = try PrettyJSON.encode(report) } catch { set.abandon(); throw error }
            do throws(RenderError) { try set.stage([.init(path: reportPath, bytes: json)]) } catch { set.abandon(); throw error }
        }
        try set.commit()
        if let (_, bytes) = encoded.first(where: { $0.0.path == "-" }) { try AtomicFile.writeStandardOutput(bytes) }
        return report
    }

    /// Where each file output's description goes: `maps/a.png` → `maps/a.alt.txt`, once for `a.png` and `a.pdf`.
    package static func descriptionPaths(for outputs: [Output]) -> [String] {
        var seen = Set<String>()
        return outputs.filter { $0.path != "-" }
            .map { ($0.path as NSString).deletingPathExtension + ".alt.txt" }
            .filter { seen.insert($0).inserted }
    }
}

/// A drawn raster page, for reading pixels back.
package final class RenderedImage {
    private let surface: CairoSurface
    init(surface: CairoSurface) { self.surface = surface }
    package var width: Int { surface.page.pixelWidth }
    package var height: Int { surface.page.pixelHeight }
    /// The pixel's red, green and blue, or nil outside the image.
    package func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8)? {
        surface.pixel(x: x, y: y).map { (red: $0.0, green: $0.1, blue: $0.2) }
    }
    /// The pixel under a page point.
    package func pixel(at p: PagePoint) -> (red: UInt8, green: UInt8, blue: UInt8)? {
        let s = surface.page.dpi / 72
        return pixel(x: Int(p.x * s), y: Int(p.y * s))
    }
}
