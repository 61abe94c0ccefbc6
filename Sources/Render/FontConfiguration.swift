import Foundation

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
        if ProcessInfo.processInfo.environment["FONTCONFIG_FILE"] == nil, FileManager.default.fileExists(atPath: fontsConf) {
            setenv("FONTCONFIG_FILE", fontsConf, 1)
        }
    }
}
