internal import CZlibPNG
import Dispatch
import Synchronization

/// Writes an RGB PNG from Cairo's RGB24 pixels with zlib, in parallel.
///
/// Cairo's own writer (libpng with its defaults: adaptive filters, zlib level 6, one thread) took about
/// 390 ms for an A4 page at 300 dpi, more than drawing it. Maps are mostly flat colour, so the "Up" filter and
/// zlib level 3 with the default strategy compress nearly as well at a fraction of the cost, and the rows are
/// split into stripes deflated on every core and joined into one zlib stream (each stripe ends on a byte
/// boundary with a sync flush; the Adler-32 checksums are combined), as pigz does. The file carries the DPI in
/// a pHYs chunk.
enum PNGEncoder {
    /// Rows of Cairo RGB24 pixels (32 bits per pixel, native-endian xRGB), `stride` bytes per row. A value: the
    /// stripes read it from several threads and nobody writes it.
    struct Segment: Sendable {
        var firstRow: Int, rows: Int
        var stride: Int
        var pixels: [UInt8]   // rows × stride bytes
    }

    /// One stripe of rows, filtered and deflated by one thread.
    private struct Stripe: Sendable {
        var deflated: [UInt8]
        var adler: uLong
        var length: Int   // filtered bytes, for combining the checksums
    }

    /// - Parameter segments: Bands of the image that together cover rows 0..<height.
    static func encode(_ segments: [Segment], width: Int, height: Int, dpi: Double) -> [UInt8]? {
        let stripes = max(1, min(height / 64, 16))
        let rowsPer = (height + stripes - 1) / stripes
        // Each stripe reads the shared, immutable segments and hands back its own result; the lock only guards
        // storing it.
        let done = Mutex([Stripe?](repeating: nil, count: stripes))
        DispatchQueue.concurrentPerform(iterations: stripes) { s in
            let rows = (s * rowsPer)..<min(height, (s + 1) * rowsPer)
            let stripe = Self.stripe(rows, of: segments, width: width, final: s == stripes - 1)
            done.withLock { $0[s] = stripe }
        }
        var adler = adler32(0, nil, 0)
        var idat: [UInt8] = [0x78, 0x5E]   // zlib header: deflate, 32K window, "default" level flag; (0x785E % 31 == 0)
        for (s, stripe) in done.withLock({ $0 }).enumerated() {
            guard let stripe else { return nil }
            idat += stripe.deflated
            adler = s == 0 ? stripe.adler : adler32_combine(adler, stripe.adler, off_t(stripe.length))
        }
        idat += bigEndian(UInt32(adler))

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0], into: &png)
        let ppm = UInt32((dpi / 0.0254).rounded())
        chunk("pHYs", bigEndian(ppm) + bigEndian(ppm) + [1], into: &png)
        chunk("IDAT", idat, into: &png)
        chunk("IEND", [], into: &png)
        return png
    }

    /// Filters rows with "Up" (each byte minus the byte above) and deflates them; nil when zlib fails.
    private static func stripe(_ rows: Range<Int>, of segments: [Segment], width: Int, final: Bool) -> Stripe? {
        let rowBytes = 1 + width * 3
        guard !rows.isEmpty else { return Stripe(deflated: [], adler: adler32(0, nil, 0), length: 0) }
        /// Calls `body` with the start of row `y`'s pixels.
        func withRow<R>(_ y: Int, _ body: (UnsafePointer<UInt8>) -> R) -> R {
            let s = segments.last { $0.firstRow <= y }!
            return s.pixels.withUnsafeBufferPointer { body($0.baseAddress! + (y - s.firstRow) * s.stride) }
        }
        var raw = [UInt8](repeating: 0, count: rows.count * rowBytes)
        raw.withUnsafeMutableBufferPointer { out in
            for y in rows {
                let o = (y - rows.lowerBound) * rowBytes
                out[o] = 2
                withRow(y) { row in
                    var k = o + 1
                    if y == 0 {
                        for x in 0..<width {
                            let p = row + x * 4   // little-endian xRGB: bytes are B, G, R, x
                            out[k] = p[2]; out[k + 1] = p[1]; out[k + 2] = p[0]
                            k += 3
                        }
                        return
                    }
                    withRow(y - 1) { above in
                        for x in 0..<width {
                            let p = row + x * 4, a = above + x * 4
                            out[k] = p[2] &- a[2]; out[k + 1] = p[1] &- a[1]; out[k + 2] = p[0] &- a[0]
                            k += 3
                        }
                    }
                }
            }
        }
        let adler = raw.withUnsafeBufferPointer { adler32(adler32(0, nil, 0), $0.baseAddress, uInt($0.count)) }
        guard let deflated = deflateRaw(&raw, final: final) else { return nil }
        return Stripe(deflated: deflated, adler: adler, length: raw.count)
    }

    /// Raw deflate of one stripe; all but the last end with a sync flush so the stripes concatenate.
    private static func deflateRaw(_ input: inout [UInt8], final: Bool) -> [UInt8]? {
        var stream = z_stream()
        guard deflateInit2_(&stream, 3, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 16)
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                return deflate(&stream, final ? Z_FINISH : Z_SYNC_FLUSH)
            }
        }
        guard status == (final ? Z_STREAM_END : Z_OK), stream.avail_in == 0 else { return nil }
        out.removeLast(Int(stream.avail_out))
        return out
    }

    private static func chunk(_ type: String, _ data: [UInt8], into png: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        png += bigEndian(UInt32(data.count)) + typeBytes + data
        var crc = crc32(0, typeBytes, uInt(typeBytes.count))
        crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        png += bigEndian(UInt32(crc))
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }
}
