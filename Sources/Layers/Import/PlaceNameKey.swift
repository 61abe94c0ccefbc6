import Foundation

/// Place names reduced to what identifies them: letters and digits only, lower case, without accents.
///
/// "Tillabéri" = "TILLABERI", "N'Djamena" = "N Djamena" = "Ndjamena", "Bobo-Dioulasso" = "Bobo Dioulasso".
package enum PlaceNameKey {
    package static func make(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        for s in folded.unicodeScalars where CharacterSet.alphanumerics.contains(s) { out.append(s) }
        return String(out)
    }
}
