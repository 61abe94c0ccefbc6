import Foundation
import Dispatch
import Synchronization

extension MapRenderer {
    // MARK: Drawing and writing

    /// Draws the composed map into one format and returns the encoded bytes.
    public func encode(_ map: ComposedMap, as format: OutputFormat) throws(RenderError) -> [UInt8] {
        if format == .png { return try CairoSurface.encodePNG(paintBands(map), page: page) }
        if format == .svg { return svg(map) }
        let surface = try CairoSurface(format, page: page, info: info)
        Painter.paint(map.scene, on: surface, text: text)
        return try surface.encoded()
    }

    /// The map as SVG of our own (`SVGWriter`): real text, layers as groups; its description is the alt text.
    func svg(_ map: ComposedMap) -> [UInt8] {
        SVGWriter.encode(map.scene, text: text, title: info.title, description: map.report.altText)
    }

    /// Paints a raster page in horizontal bands, one per core, each on its own surface with its own Pango context
    /// (Cairo surfaces and Pango font maps are not shared between threads). A band shares nothing mutable with
    /// the others: it reads the immutable scene, makes its surface, text engine and pixel memory, and hands back
    /// its pixels as a value; the lock guards only storing that result.
    func paintBands(_ map: ComposedMap) throws(RenderError) -> [PNGEncoder.Segment] {
        let height = page.pixelHeight
        let count = max(1, min(2 * ProcessInfo.processInfo.activeProcessorCount, 8, height / 256))
        let per = (height + count - 1) / count
        let scene = map.scene, page = page, info = info, family = spec.theme.fontFamily, paper = spec.theme.paper
        let bands = Mutex([Result<PNGEncoder.Segment, RenderError>?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let rows = (i * per)..<min(height, (i + 1) * per)
            let band = Result { () throws(RenderError) -> PNGEncoder.Segment in
                let text = try TextEngine(verifying: family)
                return try CairoSurface.drawBand(page: page, info: info, rows: rows, paper: paper) { surface in
                    Painter.paint(scene, on: surface, text: text)
                }
            }
            bands.withLock { $0[i] = band }
        }
        return try bands.withLock { $0 }.map { (band) throws(RenderError) in try band!.get() }
    }

    /// Draws a PNG surface and returns it for inspection (tests, checks).
    package func image(_ map: ComposedMap) throws(RenderError) -> RenderedImage {
        let surface = try CairoSurface(.png, page: page, info: info, paper: spec.theme.paper)
        Painter.paint(map.scene, on: surface, text: text)
        return RenderedImage(surface: surface)
    }

    /// Draws and writes every output, each image with its description beside it (`NAME.txt`).
    ///
    /// All-or-nothing: every output is drawn and encoded before anything is written; then the files and their
    /// descriptions are written as one set (see `AtomicFile.writeAll`), so a failure leaves every previous file
    /// untouched. Standard output (`-`) is written last, once the files are in place.
    /// - Throws: `RenderError` naming the output that failed.
    public func write(_ map: ComposedMap, to outputs: [Output]) throws -> RenderReport {
        var report = map.report
        let sidecars = Self.descriptionPaths(for: outputs)
        for path in outputs.map(\.path) + sidecars { try AtomicFile.checkWritable(path) }
        var encoded: [(Output, [UInt8])] = []
        for output in outputs {
            var t = clock.now
            if output.format == .png {
                let bands = try paintBands(map)
                report.timings.drawMs += ms(since: t)
                t = clock.now
                encoded.append((output, try CairoSurface.encodePNG(bands, page: page)))
            } else if output.format == .svg {
                let bytes = svg(map)
                report.timings.drawMs += ms(since: t)
                t = clock.now
                encoded.append((output, bytes))
            } else {
                let surface = try CairoSurface(output.format, page: page, info: info)
                Painter.paint(map.scene, on: surface, text: text)
                report.timings.drawMs += ms(since: t)
                t = clock.now
                encoded.append((output, try surface.encoded()))
            }
            report.timings.encodeMs += ms(since: t)
        }
        let t = clock.now
        let description = Array((report.altText + "\n").utf8)
        try AtomicFile.writeAll(encoded.filter { $0.0.path != "-" }.map { AtomicFile.File(path: $0.0.path, bytes: $0.1) }
                                + sidecars.map { AtomicFile.File(path: $0, bytes: description) })
        if let (_, bytes) = encoded.first(where: { $0.0.path == "-" }) { try AtomicFile.writeStandardOutput(bytes) }
        for (output, bytes) in encoded {
            report.outputs.append(.init(path: output.path, format: output.format, bytes: bytes.count,
                                        widthPixels: output.format == .png ? page.pixelWidth : nil,
                                        heightPixels: output.format == .png ? page.pixelHeight : nil,
                                        dpi: output.format == .png ? page.dpi : nil))
        }
        report.timings.writeMs = ms(since: t)
        report.timings.totalMs += report.timings.drawMs + report.timings.encodeMs + report.timings.writeMs
        return report
    }

    /// Where each file output's description goes: `maps/a.png` → `maps/a.txt`, once for `a.png` and `a.pdf`.
    package static func descriptionPaths(for outputs: [Output]) -> [String] {
        var seen = Set<String>()
        return outputs.filter { $0.path != "-" }
            .map { ($0.path as NSString).deletingPathExtension + ".txt" }
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
