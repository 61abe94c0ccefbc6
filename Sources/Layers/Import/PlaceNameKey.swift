import Foundation

/// Place names reduced to what identifies them: letters and digits only, lower case, without accents.
///
/// "Tillabéri" = "TILLABERI", "N'Djamena" = "N Djamena" = "Ndjamena", "Bobo-Dioulasso" = "Bobo Dioulasso".
package enum PlaceNameKey {
    package static func make(_ name: String) -> String {
        // ASCII (most GeoNames spellings): the same result without Foundation's folding, several times faster.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count)
            for b in name.utf8 {
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(b)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(b + 32)
                default: break
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        for s in folded.unicodeScalars where CharacterSet.alphanumerics.contains(s) { out.append(s) }
        return String(out)
    }
}
