import Foundation
import Layers
import Style

/// Points fontconfig at the project's `Styles/fonts.conf` once per process, before Pango first loads a font,
/// so the same fonts are used on every machine. A user's own `FONTCONFIG_FILE` is respected.
enum FontConfiguration {
    static let installed: Void = {
        let conf = DataCatalog.home + "/Styles/fonts.conf"
        if ProcessInfo.processInfo.environment["FONTCONFIG_FILE"] == nil, FileManager.default.fileExists(atPath: conf) {
            setenv("FONTCONFIG_FILE", conf, 1)
        }
    }()
}
