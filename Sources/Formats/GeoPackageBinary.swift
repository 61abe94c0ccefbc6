import Geometry

/// The GeoPackage geometry blob (GeoPackage 1.3 §2.1.3, "GeoPackageBinary"): a header, then ISO WKB.
///
/// Header: magic `GP`, version 0 (= 1), flags (bit 0 byte order of the header, bits 1–3 envelope code
/// 0–4 → 0/32/48/48/64 bytes, bit 4 empty, bit 5 extended type), int32 `srs_id`, the envelope.
package enum GeoPackageBinary {
    /// The geometry of one blob; nil when the empty flag is set or the WKB is an empty point.
    /// - Throws: `WKBError` with the byte offset in the blob.
    package static func decode(_ blob: UnsafeRawBufferPointer) throws(WKBError) -> Geometry? {
        guard blob.count >= 8 else {
            throw WKBError(offset: 0, message: "truncated GeoPackage geometry: \(blob.count) byte(s), the header alone needs 8")
        }
        guard blob[0] == 0x47, blob[1] == 0x50 else {
            throw WKBError(offset: 0, message: "expected a GeoPackage geometry starting with \"GP\", found bytes \(hex(blob[0])) \(hex(blob[1]))")
        }
        guard blob[2] == 0 else { throw WKBError(offset: 2, message: "unknown GeoPackage binary version \(blob[2]) (expected 0, version 1)") }
        let flags = blob[3]
        guard flags & 0x20 == 0 else {
            throw WKBError(offset: 3, message: "extended GeoPackage geometry (a non-standard type from an extension) is not supported")
        }
        let envelopeCode = Int(flags >> 1) & 0x7
        let envelopeBytes = [0, 32, 48, 48, 64]
        guard envelopeCode < envelopeBytes.count else {
            throw WKBError(offset: 3, message: "invalid envelope code \(envelopeCode) in the GeoPackage geometry flags (expected 0–4)")
        }
        let start = 8 + envelopeBytes[envelopeCode]
        if flags & 0x10 != 0 { return nil }   // empty geometry
        guard blob.count > start else {
            throw WKBError(offset: blob.count, message: "truncated GeoPackage geometry: no WKB after the \(start)-byte header")
        }
        do {
            return try WKB.decode(UnsafeRawBufferPointer(rebasing: blob[start...]))
        } catch {
            throw WKBError(offset: error.offset + start, message: error.message)
        }
    }

    static func hex(_ b: UInt8) -> String { "0x" + String(b, radix: 16, uppercase: false) }
}
