import Foundation
import Dispatch

extension MapRenderer {
    // MARK: Drawing and writing

    /// Draws the composed map into one format and returns the encoded bytes.
    public func encode(_ map: ComposedMap, as format: OutputFormat) throws(RenderError) -> [UInt8] {
        if format == .png { return try CairoSurface.encodePNG(paintBands(map)) }
        let surface = try CairoSurface(format, page: page, info: info)
        Painter.paint(map.scene, on: surface, text: text)
        return try surface.encoded()
    }

    /// Paints a raster page in horizontal bands, one per core, each on its own surface with its own Pango context
    /// (Cairo surfaces and Pango font maps are not shared between threads).
    func paintBands(_ map: ComposedMap) throws(RenderError) -> [CairoSurface] {
        let height = page.pixelHeight
        let count = max(1, min(2 * ProcessInfo.processInfo.activeProcessorCount, 8, height / 256))
        let per = (height + count - 1) / count
        nonisolated(unsafe) var surfaces = [CairoSurface?](repeating: nil, count: count)
        nonisolated(unsafe) var failures = [RenderError?](repeating: nil, count: count)
        let scene = map.scene, page = page, info = info, family = spec.theme.fontFamily
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let rows = (i * per)..<min(height, (i + 1) * per)
            do throws(RenderError) {
                let text = try TextEngine(verifying: family)
                let surface = try CairoSurface(.png, page: page, info: info, rows: rows)
                Painter.paint(scene, on: surface, text: text)
                surfaces[i] = surface
            } catch {
                failures[i] = error
            }
        }
        if let e = failures.compactMap({ $0 }).first { throw e }
        return surfaces.compactMap { $0 }
    }

    /// Draws a PNG surface and returns it for inspection (tests, checks).
    public func image(_ map: ComposedMap) throws(RenderError) -> RenderedImage {
        let surface = try CairoSurface(.png, page: page, info: info)
        Painter.paint(map.scene, on: surface, text: text)
        return RenderedImage(surface: surface)
    }

    /// Draws and writes every output. Each file is written to a temporary file and renamed over the target,
    /// so a failure leaves any previous file untouched.
    /// - Throws: `RenderError` naming the output that failed.
    public func write(_ map: ComposedMap, to outputs: [Output]) throws -> RenderReport {
        var report = map.report
        for output in outputs { try AtomicFile.checkWritable(output.path) }
        var encoded: [(Output, [UInt8])] = []
        for output in outputs {
            var t = clock.now
            if output.format == .png {
                let bands = try paintBands(map)
                report.timings.drawMs += ms(since: t)
                t = clock.now
                encoded.append((output, try CairoSurface.encodePNG(bands)))
            } else {
                let surface = try CairoSurface(output.format, page: page, info: info)
                Painter.paint(map.scene, on: surface, text: text)
                report.timings.drawMs += ms(since: t)
                t = clock.now
                encoded.append((output, try surface.encoded()))
            }
            report.timings.encodeMs += ms(since: t)
        }
        // Only once everything has encoded is anything written. Each image gets its description beside it.
        let t = clock.now
        var described = Set<String>()
        for (output, bytes) in encoded {
            try AtomicFile.write(bytes, to: output.path)
            if output.path != "-" {
                let base = (output.path as NSString).deletingPathExtension + ".txt"
                if described.insert(base).inserted { try AtomicFile.write(Array((report.altText + "\n").utf8), to: base) }
            }
            report.outputs.append(.init(path: output.path, format: output.format, bytes: bytes.count,
                                        widthPixels: output.format == .png ? page.pixelWidth : nil,
                                        heightPixels: output.format == .png ? page.pixelHeight : nil,
                                        dpi: output.format == .png ? page.dpi : nil))
        }
        report.timings.writeMs = ms(since: t)
        report.timings.totalMs += report.timings.drawMs + report.timings.encodeMs + report.timings.writeMs
        return report
    }
}

/// A drawn raster page, for reading pixels back.
public final class RenderedImage {
    private let surface: CairoSurface
    init(surface: CairoSurface) { self.surface = surface }
    public var width: Int { surface.page.pixelWidth }
    public var height: Int { surface.page.pixelHeight }
    /// The pixel's red, green and blue, or nil outside the image.
    public func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8)? {
        surface.pixel(x: x, y: y).map { (red: $0.0, green: $0.1, blue: $0.2) }
    }
    /// The pixel under a page point.
    public func pixel(at p: PagePoint) -> (red: UInt8, green: UInt8, blue: UInt8)? {
        let s = surface.page.dpi / 72
        return pixel(x: Int(p.x * s), y: Int(p.y * s))
    }
}
