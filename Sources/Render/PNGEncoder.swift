internal import CZlib
import Dispatch

/// Writes an RGB PNG from Cairo's RGB24 pixels with zlib, in parallel.
///
/// Cairo's own writer (libpng with its defaults: adaptive filters, zlib level 6, one thread) took about
/// 390 ms for an A4 page at 300 dpi, more than drawing it. Maps are mostly flat colour, so the "Up" filter and
/// zlib level 3 with the default strategy compress nearly as well at a fraction of the cost, and the rows are
/// split into stripes deflated on every core and joined into one zlib stream (each stripe ends on a byte
/// boundary with a sync flush; the Adler-32 checksums are combined), as pigz does. The file carries the DPI in
/// a pHYs chunk.
enum PNGEncoder {
    /// Rows of Cairo RGB24 pixels (32 bits per pixel, native-endian xRGB), `stride` bytes per row.
    struct Segment: @unchecked Sendable {
        var firstRow: Int, rows: Int
        var pixels: UnsafePointer<UInt8>
        var stride: Int
    }

    /// - Parameter segments: Bands of the image that together cover rows 0..<height.
    static func encode(_ segments: [Segment], width: Int, height: Int, dpi: Double) -> [UInt8]? {
        @Sendable func rowStart(_ y: Int) -> UnsafePointer<UInt8> {
            let s = segments.last { $0.firstRow <= y }!
            return s.pixels + (y - s.firstRow) * s.stride
        }
        let rowBytes = 1 + width * 3
        let stripes = max(1, min(height / 64, 16))
        let rowsPer = (height + stripes - 1) / stripes
        nonisolated(unsafe) var parts = [[UInt8]?](repeating: nil, count: stripes)
        nonisolated(unsafe) var adlers = [uLong](repeating: 0, count: stripes)
        nonisolated(unsafe) var lengths = [Int](repeating: 0, count: stripes)
        parts.withUnsafeMutableBufferPointer { partsBuf in
            adlers.withUnsafeMutableBufferPointer { adlerBuf in
                lengths.withUnsafeMutableBufferPointer { lengthBuf in
                    nonisolated(unsafe) let pb = partsBuf, ab = adlerBuf, lb = lengthBuf
                    DispatchQueue.concurrentPerform(iterations: stripes) { s in
                        let first = s * rowsPer, last = min(height, first + rowsPer)
                        guard first < last else { pb[s] = []; ab[s] = adler32(0, nil, 0); return }
                        // Filter the stripe's rows: "Up" (each byte minus the byte above).
                        var raw = [UInt8](repeating: 0, count: (last - first) * rowBytes)
                        raw.withUnsafeMutableBufferPointer { out in
                            for y in first..<last {
                                let o = (y - first) * rowBytes
                                out[o] = 2
                                let row = rowStart(y)
                                let above = y > 0 ? rowStart(y - 1) : nil
                                var k = o + 1
                                for x in 0..<width {
                                    let p = row + x * 4
                                    // Little-endian xRGB: bytes are B, G, R, x.
                                    if let a = above.map({ $0 + x * 4 }) {
                                        out[k] = p[2] &- a[2]; out[k + 1] = p[1] &- a[1]; out[k + 2] = p[0] &- a[0]
                                    } else {
                                        out[k] = p[2]; out[k + 1] = p[1]; out[k + 2] = p[0]
                                    }
                                    k += 3
                                }
                            }
                        }
                        lb[s] = raw.count
                        ab[s] = raw.withUnsafeBufferPointer { adler32(adler32(0, nil, 0), $0.baseAddress, uInt($0.count)) }
                        pb[s] = deflateRaw(&raw, final: s == stripes - 1)
                    }
                }
            }
        }
        var adler = adler32(0, nil, 0)
        var idat: [UInt8] = [0x78, 0x5E]   // zlib header: deflate, 32K window, "default" level flag; (0x785E % 31 == 0)
        for s in 0..<stripes {
            guard let part = parts[s] else { return nil }
            idat += part
            adler = s == 0 ? adlers[0] : adler32_combine(adler, adlers[s], off_t(lengths[s]))
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
