internal import CZlibPNG
internal import CISAL
internal import CPixels
import Dispatch
import Geometry

/// Writes an RGB PNG from Cairo's RGB24 pixels with ISA-L's igzip, in parallel.
///
/// Cairo's own writer (libpng with its defaults: adaptive filters, zlib level 6, one thread) took about
/// 390 ms for an A4 page at 300 dpi, more than drawing it. Maps are mostly flat colour, so one filter per stripe
/// ("None" or "Up", whichever deflates smaller) and igzip level 1 compress well at a fraction of the cost, and
/// the rows are split into stripes deflated on every core and joined into one zlib stream (each stripe ends on
/// a byte boundary with a sync flush; zlib combines the Adler-32 checksums), as pigz does. A stripe needs only its
/// own rows, so a page can be painted and encoded band by band without ever being whole in memory
/// (`MapRenderer.paintAndEncode`). The file carries the DPI in a pHYs chunk. The same pixels give the same bytes on
/// every run (igzip picks its code path by CPU, so another machine may compress differently, never decode
/// differently).
enum PNGEncoder {
    /// One stripe of rows, filtered and deflated by one thread: a value that may cross threads.
    struct Stripe: Sendable {
        var deflated: [UInt8]
        var adler: uLong
        var length: Int   // filtered bytes, for combining the checksums
    }

    /// The rows of a stripe. A page is painted and encoded band by band (`MapRenderer.paintAndEncode`), each band one
    /// stripe, so the stripes (and so the bytes) depend on the image's height alone, never on the number of cores.
    /// 128 rows of an A4 page at 300 dpi are 1.8 MB of pixels; a band costs a replay of the scene, so fewer, taller
    /// bands draw a little faster and hold more memory.
    static func stripeRows(height: Int) -> Int {
        max(64, min(128, height))
    }

    /// Encodes a whole image in memory (one surface; Cairo's RGB24 rows of `stride` bytes), its stripes deflated on
    /// every core straight from the pixels: no copy of them is made.
    static func encode(_ pixels: UnsafeRawPointer, stride: Int, width: Int, height: Int, dpi: Double) -> [UInt8]? {
        let per = stripeRows(height: height)
        let count = max(1, (height + per - 1) / per)
        // Each stripe reads the shared pixels, which nobody writes, and hands back its own result. (The address
        // crosses threads as an integer: the memory outlives the loop.)
        let base = UInt(bitPattern: pixels)
        let stripes = concurrentMap(count) { s -> Stripe? in
            let rows = (s * per)..<min(height, (s + 1) * per)
            let start = UnsafeRawPointer(bitPattern: base)! + rows.lowerBound * stride
            var scratch = Scratch()
            return Self.stripe(start, stride: stride, rows: rows.count, width: width, final: s == count - 1, scratch: &scratch)
        }
        guard stripes.allSatisfy({ $0 != nil }) else { return nil }
        return file(stripes.map { $0! }, width: width, height: height, dpi: dpi)
    }

    /// The PNG file of stripes that together cover rows 0..<height, top to bottom: signature, header, pHYs, one IDAT
    /// whose zlib stream is the stripes joined (Adler-32 checksums combined), end. Written once, at its final size.
    static func file(_ stripes: [Stripe], width: Int, height: Int, dpi: Double) -> [UInt8] {
        var adler = adler32(0, nil, 0)
        for (s, stripe) in stripes.enumerated() {
            adler = s == 0 ? stripe.adler : adler32_combine(adler, stripe.adler, off_t(stripe.length))
        }
        let idatLength = 2 + stripes.reduce(0) { $0 + $1.deflated.count } + 4
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png.reserveCapacity(8 + 25 + 21 + 12 + idatLength + 12)
        chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0], into: &png)
        let ppm = UInt32((dpi / 0.0254).rounded())
        chunk("pHYs", bigEndian(ppm) + bigEndian(ppm) + [1], into: &png)
        // IDAT: zlib header (deflate, 32K window, "default" level flag; 0x785E % 31 == 0), the stripes, the checksum.
        png += bigEndian(UInt32(idatLength))
        let typeAt = png.count
        png += Array("IDAT".utf8) + [0x78, 0x5E]
        for stripe in stripes { png += stripe.deflated }
        png += bigEndian(UInt32(adler))
        let crc = png.withUnsafeBufferPointer { crc32(0, $0.baseAddress! + typeAt, uInt($0.count - typeAt)) }
        png += bigEndian(UInt32(crc))
        chunk("IEND", [], into: &png)
        return png
    }

    /// The deflate level of ISA-L's igzip (0–3): 1 is its fastest real compression; 2 gains a few per cent of size
    /// for about half again the time.
    static let level: Int32 = 1

    /// Packs `rows` rows of Cairo RGB24 pixels (native-endian xRGB, `stride` bytes a row, from `pixels`) into PNG's
    /// RGB (`sahelmap_pack_rgb`, four pixels a byte shuffle), filtered once with "None" and once with "Up" (each byte
    /// minus the byte above), deflates both and keeps the smaller: maps with large flat areas favour Up, those with
    /// many small symbols None. A stripe sees only its own rows, so with Up its first row is filtered with None (each
    /// PNG row names its own filter). Nil when the deflate fails.
    static func stripe(_ pixels: UnsafeRawPointer, stride: Int, rows: Int, width: Int, final: Bool,
                       scratch: inout Scratch) -> Stripe? {
        let rowBytes = 1 + width * 3
        guard rows > 0 else { return Stripe(deflated: [], adler: adler32(0, nil, 0), length: 0) }
        let length = rows * rowBytes
        // The rows are filtered a few at a time (about 64 KB) and deflated as they come: no stripe-sized copy.
        let chunk = max(1, min(rows, (64 << 10) / rowBytes))
        if scratch.filtered.count < chunk * rowBytes { scratch.filtered = [UInt8](repeating: 0, count: chunk * rowBytes) }
        let pixels = pixels.assumingMemoryBound(to: UInt8.self), total = rows
        var best: Stripe?
        for filter in [UInt8(0), 2] {
            var deflater = RawDeflater(final: final, expected: length, into: &scratch.deflated)
            var adler: UInt32 = 1   // adler32 of nothing
            for first in Swift.stride(from: 0, to: rows, by: chunk) {
                let rows = first..<min(rows, first + chunk)
                let bytes = rows.count * rowBytes
                scratch.filtered.withUnsafeMutableBufferPointer { out in
                    for y in rows {
                        let o = out.baseAddress! + (y - first) * rowBytes
                        let row = pixels + y * stride
                        let up = filter != 0 && y != 0
                        o[0] = up ? filter : 0
                        sahelmap_pack_rgb(row, up ? row - stride : nil, o + 1, Int32(width))
                    }
                }
                let fed = scratch.filtered.withUnsafeBufferPointer { b in
                    adler = isal_adler32(adler, b.baseAddress, UInt64(bytes))
                    return deflater.feed(UnsafeBufferPointer(rebasing: b[0..<bytes]), last: rows.upperBound == total, into: &scratch.deflated)
                }
                guard fed else { return nil }
            }
            let written = deflater.written
            if let b = best, b.deflated.count <= written { continue }
            // A copy of the bytes written: the stripe keeps nothing of the scratch buffers.
            best = Stripe(deflated: Array(scratch.deflated[0..<written]), adler: uLong(adler), length: length)
        }
        return best
    }

    /// Memory one thread reuses from stripe to stripe: a few filtered rows and the deflate output, so a page's
    /// stripes do not each allocate (and fault in) buffers of their own.
    struct Scratch {
        var filtered: [UInt8] = []
        var deflated: [UInt8] = []
    }

    /// One stripe's raw deflate with igzip, fed its filtered rows a chunk at a time into an output buffer (grown
    /// when full). All stripes but the last end with a sync flush (an empty stored block that ends on a byte
    /// boundary), so the stripes concatenate into one stream.
    /// Each stream has a level buffer of its own: igzip does not clear all of it at `isal_deflate_init`, and a buffer
    /// reused from stripe to stripe made the bytes depend on which stripes a core had deflated before (1 run in 12).
    ///
    /// The first `primer` bytes are deflated on their own, as a block that ends with a sync flush. igzip 2.30's
    /// level-1 body (`isal_deflate_icf_body_hash_hist_01/02/04`), when it takes a stream's first byte, hashes its
    /// scratch register `rcx` for the third byte's slot, and `rcx` still holds the stream's address there: one
    /// hash entry lands at a slot chosen by bits 16–47 of where the stream lies, and so do the matches found
    /// after it (the same input gave other bytes for about 3 addresses in 100; Scripts/isal-repro.sh). A flushed
    /// input of at most 16 bytes is too short for the body: igzip's finish routine takes the first byte, hashing
    /// it right, and the body then always finds a history. The cost is one small block per stripe.
    private struct RawDeflater: ~Copyable {
        private let stream: UnsafeMutablePointer<isal_zstream>
        private let levelBuffer: UnsafeMutablePointer<UInt8>
        private let final: Bool
        private var primed = false
        private(set) var written = 0

        /// Bytes deflated alone first: at least 4 (the finish routine hashes only with 4 bytes to go) and at most
        /// 16 (the body's lookahead when flushing), so the first byte is always the finish routine's.
        static let primer = 16

        /// - Parameter expected: The bytes to come, for the output's first room: an eighth of them, which our maps'
        ///   stripes are well under (a twentieth, typically). Room for the worst case would be a page-sized buffer
        ///   per core, faulted in for nothing.
        init(final: Bool, expected: Int, into out: inout [UInt8]) {
            let size = sahelmap_isal_level_buf_size(Int32(level))
            levelBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: Int(size))
            // On the heap, not in the worker's stack frame (82 KB); its address no longer matters (see above).
            stream = UnsafeMutablePointer<isal_zstream>.allocate(capacity: 1)
            stream.initialize(to: isal_zstream())
            self.final = final
            isal_deflate_init(stream)
            stream.pointee.level = UInt32(level)
            stream.pointee.level_buf = levelBuffer
            stream.pointee.level_buf_size = size
            stream.pointee.gzip_flag = UInt16(IGZIP_DEFLATE)
            let room = expected / 8 + 4096
            if out.count < room { out = [UInt8](repeating: 0, count: room) }
        }

        deinit {
            stream.deallocate()
            levelBuffer.deallocate()
        }

        /// Deflates `input`; `last` for the stripe's last rows, which end the block (or the stream). False when
        /// igzip fails.
        mutating func feed(_ input: UnsafeBufferPointer<UInt8>, last: Bool, into out: inout [UInt8]) -> Bool {
            var input = input
            if !primed {
                primed = true
                let k = min(Self.primer, input.count)
                if k < input.count || !last {
                    guard deflate(UnsafeBufferPointer(rebasing: input[0..<k]), flush: SYNC_FLUSH, end: false, into: &out)
                    else { return false }
                    input = UnsafeBufferPointer(rebasing: input[k...])
                }
            }
            return deflate(input, flush: last && !final ? SYNC_FLUSH : NO_FLUSH, end: last && final, into: &out)
        }

        private mutating func deflate(_ input: UnsafeBufferPointer<UInt8>, flush: Int32, end: Bool, into out: inout [UInt8]) -> Bool {
            let s = stream
            s.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            s.pointee.avail_in = UInt32(input.count)
            s.pointee.flush = UInt16(flush)
            s.pointee.end_of_stream = end ? 1 : 0
            while true {
                let status = out.withUnsafeMutableBufferPointer { outBuf -> Int32 in
                    s.pointee.next_out = outBuf.baseAddress! + written
                    s.pointee.avail_out = UInt32(outBuf.count - written)
                    let status = isal_deflate(s)
                    written = outBuf.count - Int(s.pointee.avail_out)
                    return status
                }
                guard status == COMP_OK else { return false }
                // Done: all input taken, and after a flush or the final block, written with room to spare.
                let finished = flush == NO_FLUSH && !end ? s.pointee.avail_in == 0
                    : end ? s.pointee.internal_state.state == ZSTATE_END : s.pointee.avail_in == 0 && s.pointee.avail_out > 0
                if finished { return true }
                if s.pointee.avail_out == 0 { out += [UInt8](repeating: 0, count: out.count / 2) }
            }
        }
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
