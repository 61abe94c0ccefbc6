import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Content hashes remembered with the file's size, modification time (ns) and inode, so an unchanged file is not
/// read again at the next build. The stamp only skips the reading: a file whose stamp differs in any way (a fresh
/// clone, a `touch`) is hashed again, and the hash, not the time, decides whether anything is rebuilt. A stamp is
/// kept only for a file last modified more than two seconds before it was taken, so a write within the clock's
/// granularity of the stamp (the "racy" case) is never trusted.
struct StatCache {
    /// Stamps read from the previous manifest, by path as given.
    private(set) var stamps: [String: Manifest.Stamp]
    /// Stamps taken or confirmed in this build: what the next manifest records.
    private(set) var used: [String: Manifest.Stamp] = [:]

    init(_ previous: [String: Manifest.Stamp]?) { stamps = previous ?? [:] }

    /// The file's hash (`hash` computes it when the stamp does not match); nil when it cannot be read.
    mutating func hash(_ path: String, _ compute: (String) -> String?) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return compute(path) }
        let mtime = Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec)
        let stamp = Manifest.Stamp(sha256: "", size: Int(st.st_size), mtimeNs: mtime, inode: UInt64(st.st_ino))
        if let known = stamps[path], known.size == stamp.size, known.mtimeNs == stamp.mtimeNs, known.inode == stamp.inode {
            used[path] = known
            return known.sha256
        }
        guard let h = compute(path) else { return nil }
        let now = Int(Date().timeIntervalSince1970 * 1e9)
        if now - mtime > 2_000_000_000 {
            var s = stamp
            s.sha256 = h
            used[path] = s
        }
        return h
    }
}
