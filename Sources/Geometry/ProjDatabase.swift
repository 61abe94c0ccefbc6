import Foundation
internal import CPROJ

/// The PROJ database (`proj.db`) that transformations are looked up in: an input of every map, since a changed
/// database can change the numbers a projection gives.
package enum ProjDatabase {
    /// The first `proj.db` on PROJ's search path (`$PROJ_DATA`, else the built-in location), as `proj_info` gives
    /// it, without opening it; nil when there is none.
    package static func path() -> String? {
        guard let raw = proj_info().searchpath else { return nil }   // NULL when PROJ knows no search path
        // Separated by ":" on Unix, ";" on Windows.
        for dir in String(cString: raw).split(whereSeparator: { $0 == ":" || $0 == ";" }) {
            let p = String(dir) + "/proj.db"
            if FileManager.default.fileExists(atPath: p) { return p }
        }
        return nil
    }
}
