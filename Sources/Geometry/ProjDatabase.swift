internal import CPROJ

/// The PROJ database (`proj.db`) that transformations are looked up in: an input of every map, since a changed
/// database can change the numbers a projection gives.
package enum ProjDatabase {
    /// The path PROJ opens for a new context (`$PROJ_DATA`, else the built-in location), or nil when it finds none.
    package static func path() -> String? {
        guard let ctx = proj_context_create() else { return nil }   // NULL only when out of memory
        defer { proj_context_destroy(ctx) }
        guard let p = proj_context_get_database_path(ctx) else { return nil }   // NULL when no proj.db was found
        return String(cString: p)
    }
}
