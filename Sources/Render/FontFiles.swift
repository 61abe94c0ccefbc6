internal import CPangoCairo
import Foundation

/// The font files fontconfig gives a family, through the project's `fonts.conf` (or `$FONTCONFIG_FILE`), as the
/// renderer's Pango will load them: inputs of a build's recipe, so a changed font file rebuilds the maps.
package enum FontFiles {
    /// The files for `family` in regular, bold, italic and bold italic (the faces maps use), without repeats, in
    /// that order; empty when fontconfig cannot initialise.
    package static func resolve(family: String, fontsConf: String) -> [String] {
        FontConfiguration.install(fontsConf)
        guard let config = FcInitLoadConfigAndFonts() else { return [] }
        defer { FcConfigDestroy(config) }
        var files: [String] = []
        for (weight, slant) in [(FC_WEIGHT_REGULAR, FC_SLANT_ROMAN), (FC_WEIGHT_BOLD, FC_SLANT_ROMAN),
                                (FC_WEIGHT_REGULAR, FC_SLANT_ITALIC), (FC_WEIGHT_BOLD, FC_SLANT_ITALIC)] {
            guard let pattern = FcPatternCreate() else { continue }
            defer { FcPatternDestroy(pattern) }
            _ = family.withCString { name in
                name.withMemoryRebound(to: FcChar8.self, capacity: family.utf8.count + 1) { FcPatternAddString(pattern, FC_FAMILY, $0) }
            }
            FcPatternAddInteger(pattern, FC_WEIGHT, Int32(weight))
            FcPatternAddInteger(pattern, FC_SLANT, Int32(slant))
            FcConfigSubstitute(config, pattern, FcMatchPattern)
            FcDefaultSubstitute(pattern)
            var result = FcResultNoMatch
            guard let match = FcFontMatch(config, pattern, &result) else { continue }
            defer { FcPatternDestroy(match) }
            var file: UnsafeMutablePointer<FcChar8>?
            if FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch, let file {
                let path = String(cString: file)
                if !files.contains(path) { files.append(path) }
            }
        }
        return files
    }
}
