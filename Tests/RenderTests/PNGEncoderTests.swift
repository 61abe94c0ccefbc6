import CCairo
import CPixels
import Foundation
import Layers
import Style
@testable import Render
import Testing
import Geometry

/// Decodes a PNG file with Cairo (libpng) into rows of RGB.
private func decode(_ path: String) throws -> (width: Int, height: Int, pixel: (Int, Int) -> (UInt8, UInt8, UInt8)) {
    let s = cairo_image_surface_create_from_png(path)!
    #expect(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS)
    let w = Int(cairo_image_surface_get_width(s)), h = Int(cairo_image_surface_get_height(s))
    let stride = Int(cairo_image_surface_get_stride(s))
    let data = cairo_image_surface_get_data(s)!
    var copy = [UInt8](repeating: 0, count: stride * h)
    copy.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: data, count: stride * h)) }
    cairo_surface_destroy(s)
    return (w, h, { x, y in
        let k = y * stride + x * 4
        return (copy[k + 2], copy[k + 1], copy[k])
    })
}

@Suite struct PNGEncoderTests {
    /// The byte shuffle packs xRGB rows into RGB exactly as one pixel at a time does, with and without the Up
    /// filter, for widths around its four-pixel groups and its stop before the row's end; nothing past the row is
    /// written.
    @Test func shuffledRowsArePixelByPixelRows() {
        var rng = SystemRandomNumberGenerator()
        for width in [1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 63, 3508] {
            let row = (0..<4 * width).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let above = (0..<4 * width).map { _ in UInt8.random(in: 0...255, using: &rng) }
            for up in [false, true] {
                var fast = [UInt8](repeating: 0xAB, count: 3 * width + 16)
                var slow = fast
                row.withUnsafeBufferPointer { r in
                    above.withUnsafeBufferPointer { a in
                        sahelmap_pack_rgb(r.baseAddress, up ? a.baseAddress : nil, &fast, Int32(width))
                        sahelmap_pack_rgb_scalar(r.baseAddress, up ? a.baseAddress : nil, &slow, Int32(width))
                    }
                }
                #expect(fast == slow, "width \(width), up \(up)")
                #expect(fast[(3 * width)...].allSatisfy { $0 == 0xAB }, "width \(width): written past the row")
                // Pixel by pixel, from the definition: R, G, B from bytes 2, 1, 0, less the pixel above for Up.
                let x = width - 1, p = 4 * x
                let expected = [row[p + 2] &- (up ? above[p + 2] : 0), row[p + 1] &- (up ? above[p + 1] : 0), row[p] &- (up ? above[p] : 0)]
                #expect(Array(slow[(3 * x)..<(3 * x + 3)]) == expected)
            }
        }
    }

    /// The PNG painted and encoded band by band on every core decodes (through libpng) to exactly the
    /// pixels of the same page painted on one surface.
    @Test func decodesToThePaintedPixels() throws {
        let resources = try Resources.locate()
        let page = Page(widthMillimeters: 297, heightMillimeters: 210, dpi: 60)
        let renderer = try MapRenderer(spec: try MapSpec.sahelOverview(resources: resources), page: page, resources: resources, info: fixedInfo)
        let map = try renderer.compose()
        let png = try renderer.encode(map, as: .png)
        let dir = try temporaryDirectory()
        FileManager.default.createFile(atPath: dir + "/m.png", contents: Data(png))
        let decoded = try decode(dir + "/m.png")
        #expect(decoded.width == page.pixelWidth && decoded.height == page.pixelHeight)
        let image = try renderer.image(map)
        var differing = 0
        for y in 0..<decoded.height {
            for x in 0..<decoded.width {
                let a = decoded.pixel(x, y)
                let b = image.pixel(x: x, y: y)!
                if max(abs(Int(a.0) - Int(b.red)), abs(Int(a.1) - Int(b.green)), abs(Int(a.2) - Int(b.blue))) > 2 { differing += 1 }
            }
        }
        #expect(differing == 0, "\(differing) pixels differ between the banded PNG and the single-surface image")
    }
}

@Suite struct PNGEncoderStripeTests {
    /// Pixels of `width`×`height` in Cairo's xRGB, native-endian, `width` × 4 bytes a row.
    private func pixels(width: Int, height: Int, _ rgb: (Int, Int) -> (UInt8, UInt8, UInt8)) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: height * width * 4)
        for y in 0..<height {
            for x in 0..<width {
                let (r, g, b) = rgb(x, y)
                let k = (y * width + x) * 4
                pixels[k] = b; pixels[k + 1] = g; pixels[k + 2] = r
            }
        }
        return pixels
    }

    /// The image encoded band by band as the band painter does: each band of `bandRows` rows one stripe, seeing
    /// only its own rows.
    private func banded(_ pixels: [UInt8], width: Int, height: Int, bandRows: Int) throws -> [UInt8] {
        var scratch = PNGEncoder.Scratch()
        let stripes = try stride(from: 0, to: height, by: bandRows).map { first in
            let rows = min(bandRows, height - first)
            return try #require(pixels.withUnsafeBytes {
                PNGEncoder.stripe($0.baseAddress! + first * width * 4, stride: width * 4, rows: rows, width: width,
                                  final: first + rows == height, scratch: &scratch)
            })
        }
        return PNGEncoder.file(stripes, width: width, height: height, dpi: 300)
    }

    /// Noise that does not compress (the deflate output outgrows its first buffer guess), vertical stripes
    /// (which "Up" turns into zeros, but for each band's first row, which has no row above it) and horizontal ones
    /// ("None" repeats), in bands of several sizes and as one image in memory, decode through libpng to exactly the
    /// pixels given, and the same pixels give the same bytes every time.
    @Test(arguments: [333, 64, 250])
    func noiseAndStripesRoundTrip(bandRows: Int) throws {
        let width = 301, height = 1000
        var seed: UInt64 = 0x5eed
        var noise = [UInt8](repeating: 0, count: width * height * 3)
        for k in noise.indices {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            noise[k] = UInt8(truncatingIfNeeded: seed >> 33)
        }
        let rgb: (Int, Int) -> (UInt8, UInt8, UInt8) = { x, y in
            if y < 400 { let k = (y * width + x) * 3; return (noise[k], noise[k + 1], noise[k + 2]) }
            if y < 700 { return x % 7 < 3 ? (200, 30, 10) : (10, 90, 220) }
            return y % 5 < 2 ? (250, 250, 240) : (UInt8(y % 256), 0, 0)
        }
        let image = pixels(width: width, height: height, rgb)
        let png = try banded(image, width: width, height: height, bandRows: bandRows)
        #expect(try banded(image, width: width, height: height, bandRows: bandRows) == png)
        let whole = try #require(image.withUnsafeBytes {
            PNGEncoder.encode($0.baseAddress!, stride: width * 4, width: width, height: height, dpi: 300)
        })
        let dir = try temporaryDirectory()
        for (name, bytes) in [("banded", png), ("whole", whole)] {
            FileManager.default.createFile(atPath: dir + "/\(name).png", contents: Data(bytes))
            let decoded = try decode(dir + "/\(name).png")
            #expect(decoded.width == width && decoded.height == height)
            var differing = 0
            for y in 0..<height {
                for x in 0..<width where decoded.pixel(x, y) != rgb(x, y) { differing += 1 }
            }
            #expect(differing == 0, "\(name): \(differing) pixels differ")
            // The noise alone is about 360 kB; the stripes add next to nothing.
            #expect(bytes.count < width * 400 * 3 + 20_000)
        }
        #expect(PNGChunks.pixelsPerMeter(in: png)?.0 == 11811)
    }

    /// The bytes of a stripe do not depend on what the thread's scratch buffers held before it (the stripes a core
    /// deflated earlier, which change from run to run), nor on the stripes deflated at the same time on other cores:
    /// the same stripe first, after noise, after a flat stripe, and on every core at once.
    @Test func sameBytesWhateverCameBefore() throws {
        let width = 3508, rows = 128
        var seed: UInt64 = 7
        func next() -> UInt8 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return UInt8(truncatingIfNeeded: seed >> 40) }
        let map = pixels(width: width, height: rows) { x, y in
            (x / 40 + y / 30) % 3 == 0 ? (230, 230, 220) : ((x * 7 + y * 3) % 11 < 2 ? (40, 60, 90) : (245, 245, 240))
        }
        let noise = pixels(width: width, height: rows) { _, _ in (next(), next(), next()) }
        let flat = pixels(width: width, height: 37) { _, _ in (250, 250, 250) }
        func stripe(_ p: [UInt8], rows: Int, _ scratch: inout PNGEncoder.Scratch) throws -> [UInt8] {
            try #require(p.withUnsafeBytes {
                PNGEncoder.stripe($0.baseAddress!, stride: width * 4, rows: rows, width: width, final: false, scratch: &scratch)
            }).deflated
        }
        var fresh = PNGEncoder.Scratch()
        let first = try stripe(map, rows: rows, &fresh)
        let found = Locked(0)
        nonisolated(unsafe) let m = map
        DispatchQueue.concurrentPerform(iterations: 40) { k in
            var sc = PNGEncoder.Scratch()
            let out = m.withUnsafeBytes {
                PNGEncoder.stripe($0.baseAddress!, stride: width * 4, rows: rows, width: width, final: false, scratch: &sc)
            }?.deflated
            if out != first { found.withLock { $0 += 1 } }
        }
        #expect(found.withLock { $0 } == 0, "stripes deflated on every core at once gave other bytes")
        var used = PNGEncoder.Scratch()
        for (before, n) in [(noise, rows), (flat, 37), (map, rows), (noise, rows)] {
            _ = try stripe(before, rows: n, &used)
            #expect(try stripe(map, rows: rows, &used) == first)
        }
    }
}
