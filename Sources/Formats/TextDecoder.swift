import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Decodes DBF text in a code page to Swift strings through iconv: the sole owner of its `iconv_t`.
/// UTF-8 is decoded directly; bytes invalid in UTF-8 with no code page declared fall back to Windows-1252.
final class TextDecoder {
    let codePage: String
    private let cd: iconv_t?   // nil for UTF-8

    /// - Parameter codePage: an iconv name (`UTF-8`, `CP1252`, `ISO-8859-1`), from `Self.iconvName`.
    /// - Returns: nil when iconv does not know the code page.
    init?(codePage: String) {
        self.codePage = codePage
        if codePage == "UTF-8" { cd = nil; return }
        let h = iconv_open("UTF-8", codePage)   // (iconv_t)-1 on failure
        if h == iconv_t(bitPattern: -1) { return nil }
        cd = h
    }

    deinit { if let cd { iconv_close(cd) } }

    /// The text of `bytes`; nil when they are not valid in the code page.
    func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let cd else { return String(validating: bytes, as: UTF8.self) }
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        iconv(cd, nil, nil, nil, nil)   // reset the shift state
        var out = [CChar](repeating: 0, count: bytes.count * 4 + 4)
        var inLeft = bytes.count, outLeft = out.count
        let ok: Bool = out.withUnsafeMutableBufferPointer { ob in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self))
            var outPtr = ob.baseAddress
            return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1   // (size_t)-1 on an invalid sequence
        }
        guard ok else { return nil }
        return String(decoding: out.prefix(out.count - outLeft).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The iconv name for a `.cpg` text (`UTF-8`, `1252`, `ISO-8859-1`, `88591`) or shapelib's `LDID/87` for the DBF
    /// header's language driver byte; nil for none (LDID 0).
    static func iconvName(_ declared: String) -> String? {
        let t = declared.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        if t.isEmpty { return nil }
        if t.hasPrefix("LDID/") {
            // Language driver ids (dBASE/ESRI table): the common ones.
            let ldid: [Int: String] = [1: "CP437", 2: "CP850", 3: "CP1252", 0x57: "CP1252", 0x58: "CP1252", 0x59: "CP1252",
                                       0x64: "CP852", 0x65: "CP866", 0x66: "CP865", 0x7D: "CP1255", 0x7E: "CP1256",
                                       0xC8: "CP1250", 0xC9: "CP1251", 0xCA: "CP1254", 0xCB: "CP1253", 0x13: "CP932",
                                       0x4D: "CP936", 0x4E: "CP949", 0x4F: "CP950", 0x50: "CP874"]
            return Int(t.dropFirst(5)).flatMap { ldid[$0] } ?? (t == "LDID/0" ? nil : "CP1252")
        }
        if ["UTF-8", "UTF8", "65001"].contains(t) { return "UTF-8" }
        if t.allSatisfy(\.isNumber) {
            if t.hasPrefix("8859") { return "ISO-8859-" + t.dropFirst(4) }   // 88591 → ISO-8859-1
            return "CP" + t                                                  // 1252 → CP1252
        }
        if t.hasPrefix("ANSI ") { return "CP" + t.dropFirst(5) }
        return t
    }
}
