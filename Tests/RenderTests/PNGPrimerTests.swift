import CZlibPNG
@testable import Render
import Testing

/// igzip 2.30's level-1 body hashes a stream's first bytes with the stream's own address (see `PNGEncoder`'s
/// `RawDeflater`), so the same rows gave other bytes in about 3 processes in 100. Each stripe's first 16 bytes are
/// therefore deflated on their own, in a block of their own that igzip's finish routine takes.
@Suite struct PNGPrimerTests {
    /// The bytes each block of a raw deflate stream holds, in order, read with zlib's `inflate(Z_BLOCK)`.
    private func blockLengths(_ deflated: [UInt8], total: Int) throws -> [Int] {
        var z = z_stream()
        #expect(inflateInit2_(&z, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { inflateEnd(&z) }
        var input = deflated
        var out = [UInt8](repeating: 0, count: total + 1)
        var ends: [Int] = []
        try input.withUnsafeMutableBufferPointer { i in
            try out.withUnsafeMutableBufferPointer { o in
                z.next_in = i.baseAddress; z.avail_in = uInt(i.count)
                z.next_out = o.baseAddress; z.avail_out = uInt(o.count)
                while z.avail_in > 0 {
                    let status = inflate(&z, Z_BLOCK)
                    try #require(status == Z_OK || status == Z_STREAM_END, "inflate: \(status)")
                    if z.data_type & 128 != 0 { ends.append(Int(z.total_out)) }
                    if status == Z_STREAM_END { break }
                }
            }
        }
        #expect(Int(z.total_out) == total)
        return zip(ends, [0] + ends).map { $0 - $1 }
    }

    @Test(arguments: [false, true])
    func aStripeBeginsWithSixteenBytesAlone(final: Bool) throws {
        let width = 500, rows = 40
        var pixels = [UInt8](repeating: 0, count: width * rows * 4)
        for y in 0..<rows {
            for x in 0..<width {
                let k = (y * width + x) * 4
                pixels[k] = UInt8(x % 9 * 25); pixels[k + 1] = UInt8(y * 5); pixels[k + 2] = (x / 50) % 2 == 0 ? 200 : 40
            }
        }
        var scratch = PNGEncoder.Scratch()
        let stripe = try #require(pixels.withUnsafeBytes {
            PNGEncoder.stripe($0.baseAddress!, stride: width * 4, rows: rows, width: width, final: final, scratch: &scratch)
        })
        let blocks = try blockLengths(stripe.deflated, total: rows * (1 + 3 * width))
        // The first 16 bytes, the sync flush's empty stored block, then the rest (and, but for the last stripe, its
        // own sync flush).
        #expect(blocks.first == 16)
        #expect(blocks.count >= 3 && blocks[1] == 0)
        #expect(blocks.reduce(0, +) == rows * (1 + 3 * width))
    }
}
