internal import CZlibPNG
internal import CISAL
import Dispatch
import Synchronization

/// Writes an RGB PNG from Cairo's RGB24 pixels with ISA-L's igzip, in parallel.
///
/// Cairo's own writer (libpng with its defaults: adaptive filters, zlib level 6, one thread) took about
/// 390 ms for an A4 page at 300 dpi, more than drawing it. Maps are mostly flat colour, so one filter per stripe
/// ("None" or "Up", whichever deflates smaller) and igzip level 1 compress well at a fraction of the cost, and
/// the rows are split into stripes deflated on every core and joined into one zlib stream (each stripe ends on
/// a byte boundary with a sync flush; zlib combines the Adler-32 checksums), as pigz does. The file carries the
/// DPI in a pHYs chunk. The same pixels give the same bytes on every run (igzip picks its code path by CPU, so
/// another machine may compress differently, never decode differently).
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

    /// The deflate level of ISA-L's igzip (0–3): 1 is its fastest real compression; 2 gains a few per cent of size
    /// for about half again the time.
    static let level: Int32 = 1

    /// Packs the rows into PNG's RGB, filtered once with "None" and once with "Up" (each byte minus the byte
    /// above), deflates both and keeps the smaller: maps with large flat areas favour Up, those with many small
    /// symbols None. Nil when the deflate fails.
    private static func stripe(_ rows: Range<Int>, of segments: [Segment], width: Int, final: Bool) -> Stripe? {
        let rowBytes = 1 + width * 3
        guard !rows.isEmpty else { return Stripe(deflated: [], adler: adler32(0, nil, 0), length: 0) }
        /// The start of row `y`'s pixels.
        func withRow<R>(_ y: Int, _ body: (UnsafePointer<UInt8>) -> R) -> R {
            let s = segments.last { $0.firstRow <= y }!
            return s.pixels.withUnsafeBufferPointer { body($0.baseAddress! + (y - s.firstRow) * s.stride) }
        }
        var raw = [UInt8](repeating: 0, count: rows.count * rowBytes)
        var best: Stripe?
        for filter in [UInt8(0), 2] {
            raw.withUnsafeMutableBufferPointer { out in
                let out = out.baseAddress!
                for y in rows {
                    let o = out + (y - rows.lowerBound) * rowBytes
                    o[0] = filter
                    withRow(y) { row in
                        if filter == 0 || y == 0 {
                            // Up on the image's first row subtracts nothing: the row as it is.
                            for x in 0..<width {
                                let p = row + x * 4   // little-endian xRGB: bytes are B, G, R, x
                                o[1 + 3 * x] = p[2]; o[2 + 3 * x] = p[1]; o[3 + 3 * x] = p[0]
                            }
                            return
                        }
                        withRow(y - 1) { above in
                            for x in 0..<width {
                                let p = row + x * 4, a = above + x * 4
                                o[1 + 3 * x] = p[2] &- a[2]; o[2 + 3 * x] = p[1] &- a[1]; o[3 + 3 * x] = p[0] &- a[0]
                            }
                        }
                    }
                }
            }
            guard let deflated = deflateRaw(raw, final: final) else { return nil }
            if let b = best, b.deflated.count <= deflated.count { continue }
            let adler = raw.withUnsafeBufferPointer { adler32(adler32(0, nil, 0), $0.baseAddress, uInt($0.count)) }
            best = Stripe(deflated: deflated, adler: adler, length: raw.count)
        }
        return best
    }

    /// Raw deflate of one stripe with igzip; all but the last end with a sync flush (an empty stored block that
    /// ends on a byte boundary) so the stripes concatenate into one stream.
    private static func deflateRaw(_ input: [UInt8], final: Bool) -> [UInt8]? {
        let levelBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: Int(sahelmap_isal_level_buf_size(Int32(level))))
        defer { levelBuffer.deallocate() }
        var stream = isal_zstream()
        isal_deflate_init(&stream)
        stream.level = UInt32(level)
        stream.level_buf = levelBuffer
        stream.level_buf_size = sahelmap_isal_level_buf_size(Int32(level))
        stream.gzip_flag = UInt16(IGZIP_DEFLATE)
        stream.flush = UInt16(final ? NO_FLUSH : SYNC_FLUSH)
        stream.end_of_stream = final ? 1 : 0
        // Incompressible input grows by a few bytes per stored block; 1/64 and a page more is ample, and the loop
        // grows the buffer if it ever is not.
        var out = [UInt8](repeating: 0, count: input.count + input.count / 64 + 4096)
        var written = 0
        let ok: Bool = input.withUnsafeBufferPointer { inBuf in
            stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
            stream.avail_in = UInt32(inBuf.count)
            while true {
                let status = out.withUnsafeMutableBufferPointer { outBuf -> Int32 in
                    stream.next_out = outBuf.baseAddress! + written
                    stream.avail_out = UInt32(outBuf.count - written)
                    let status = isal_deflate(&stream)
                    written = outBuf.count - Int(stream.avail_out)
                    return status
                }
                guard status == COMP_OK else { return false }
                // Done: the final block written, or all input taken and the flush written with room to spare.
                let finished = final ? stream.internal_state.state == ZSTATE_END : stream.avail_in == 0 && stream.avail_out > 0
                if finished { return true }
                if stream.avail_out == 0 { out += [UInt8](repeating: 0, count: out.count / 2) }
            }
        }
        guard ok else { return nil }
        out.removeLast(out.count - written)
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
