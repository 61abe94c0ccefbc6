import Foundation
import Dispatch
import Synchronization

extension MapRenderer {
    // MARK: Drawing and writing

    /// Draws the composed map into one format and returns the encoded bytes.
    public func encode(_ map: ComposedMap, as format: OutputFormat) throws(RenderError) -> [UInt8] {
        if format == .png {
            try checkRaster()
            return try CairoSurface.encodePNG(paintBands(map), page: map.scene.page)
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

    /// Paints a raster page in horizontal bands, one per core, each on its own surface with its own Pango context
    /// (Cairo surfaces and Pango font maps are not shared between threads). A band shares nothing mutable with
    /// the others: it reads the immutable scene and marker sprites, makes its surface, text engine and pixel memory, and hands back
    /// its pixels as a value; the lock guards only storing that result.
    func paintBands(_ map: ComposedMap) throws(RenderError) -> [PNGEncoder.Segment] {
        let page = map.scene.page   // the composed page: a figure preset's height follows its map
        let height = page.pixelHeight
        let count = max(1, min(2 * ProcessInfo.processInfo.activeProcessorCount, 8, height / 256))
        let per = (height + count - 1) / count
        let scene = map.scene, info = info, family = spec.theme.fontFamily, paper = spec.theme.paper
        let bands = Mutex([Result<PNGEncoder.Segment, RenderError>?](repeating: nil, count: count))
        let sprites = MarkerSprites(scene: scene, scale: page.dpi / 72)   // read-only from here on, shared by the bands
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let rows = (i * per)..<min(height, (i + 1) * per)
            let band = Result { () throws(RenderError) -> PNGEncoder.Segment in
                let text = try TextEngine(verifying: family)
                return try CairoSurface.drawBand(page: page, info: info, rows: rows, paper: paper) { surface in
                    Painter.paint(scene, on: surface, text: text, sprites: sprites)
                }
            }
            bands.withLock { $0[i] = band }
        }
        return try bands.withLock { $0 }.map { (band) throws(RenderError) in try band!.get() }
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
                let bands = try paintBands(map)
                report.timings.drawMs += ms(since: t)
                t = clock.now
                encoded.append((output, try CairoSurface.encodePNG(bands, page: map.scene.page)))
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
