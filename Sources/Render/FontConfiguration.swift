import Foundation
internal import CPangoCairo

/// Points fontconfig at the project's `Styles/fonts.conf` before Pango first loads a font, so the same fonts are
/// used on every machine. A user's own `FONTCONFIG_FILE` is respected.
///
/// The setting is process-wide and taken once: the first renderer's `Resources` decides. It is safe because
/// `MapRenderer.init` calls it on the caller's thread before its first `TextEngine` (and so before any band
/// thread) exists.
enum FontConfiguration {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var installed = false

    static func install(_ fontsConf: String) {
        lock.lock()
        defer { lock.unlock() }
        guard !installed else { return }
        installed = true
        guard ProcessInfo.processInfo.environment["FONTCONFIG_FILE"] == nil, FileManager.default.fileExists(atPath: fontsConf) else { return }
        setenv("FONTCONFIG_FILE", fontsConf, 1)   // for anything that initialises fontconfig on its own
        // The configuration is loaded here from that one file and made current, which is what `FcInit` would load
        // from FONTCONFIG_FILE, without the rest of `FcInit`'s work: it also parses every template in
        // /usr/share/fontconfig/conf.avail (about 40 XML files, 5–12 ms at each start) only to list them. Should
        // loading fail, fontconfig initialises itself from FONTCONFIG_FILE as before.
        guard let config = FcConfigCreate() else { return }
        if FcConfigParseAndLoad(config, fontsConf, FcTrue) == FcTrue, FcConfigBuildFonts(config) == FcTrue {
            FcConfigSetCurrent(config)   // takes its own reference
        }
        FcConfigDestroy(config)
    }
}
