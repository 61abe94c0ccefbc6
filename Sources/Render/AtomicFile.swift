import Foundation

/// Writes a set of files so that readers see the whole old set or the whole new set, never a mix and never a part
/// of a file.
///
/// Every file is first written to a temporary file beside its target (`.NAME.<pid>.tmp`) and fsynced; only when all
/// of them are on disk is anything renamed. Each existing target first gets a hard link (`.NAME.<pid>.old`) so that,
/// if a rename fails midway, the files already renamed are put back. After the renames each directory is fsynced,
/// so the new names survive a crash, and the links are removed. A crash while renaming can still leave a mix on
/// disk (POSIX has no multi-file rename); the `.old` links left behind then hold the previous versions.
package enum AtomicFile {
    /// One file of an output set.
    package struct File: Equatable, Sendable {
        package var path: String
        package var bytes: [UInt8]
        package init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// The system calls the writer makes that tests replace to fail on purpose.
    package struct SystemCalls: Sendable {
        package var rename: @Sendable (String, String) -> Int32 = { Foundation.rename($0, $1) }
        package var fsync: @Sendable (Int32) -> Int32 = { Foundation.fsync($0) }
        package init() {}
    }

    /// Fails early, before anything is drawn or written, for a path that can never be written.
    package static func checkWritable(_ path: String) throws(RenderError) {
        guard path != "-" else { return }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw .output(path: path, reason: "is a directory")
        }
        // The nearest existing ancestor must be a directory we can write into.
        var dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir) { dir.deleteLastPathComponent() }
        guard isDir.boolValue else { throw .output(path: path, reason: "\(dir.path) is not a directory") }
        guard FileManager.default.isWritableFile(atPath: dir.path) else {
            throw .output(path: path, reason: "cannot write into \(dir.path)")
        }
    }

    /// Writes every file or none (see the type's description). A path given twice is written once, with its
    /// last bytes.
    /// - Throws: `RenderError.output` naming the first file that failed; the previous files are then in place
    ///   and no temporary file is left.
    package static func writeAll(_ files: [File], calls: SystemCalls = SystemCalls()) throws(RenderError) {
        var set = OutputSet(calls: calls)
        var seen = Set<String>()
        let unique = files.reversed().filter { seen.insert($0.path).inserted }.reversed()
        do throws(RenderError) {
            for f in unique { try set.stage(f) }
            try set.keepPrevious()
            try set.commit()
        } catch {
            set.abandon()
            throw error
        }
        set.finish()
    }

    /// Writes to standard output, all of it or an error.
    package static func writeStandardOutput(_ bytes: [UInt8]) throws(RenderError) {
        if let reason = writeFully(bytes, to: 1) { throw .output(path: "standard output", reason: reason) }
    }

    /// Writes all of `bytes` to `fd`; the error text on failure.
    private static func writeFully(_ bytes: [UInt8], to fd: Int32) -> String? {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return n == 0 ? "wrote nothing" : errorText() }
            offset += n
        }
        return nil
    }

    /// `.NAME.<pid>.SUFFIX`, with NAME shortened when the whole would be longer than a file name may be
    /// (255 bytes), so that any name that can be written can be written through a temporary file.
    static func hiddenName(for name: String, suffix: String) -> String {
        let tail = ".\(getpid()).\(suffix)"
        var head = Substring(name)
        while 1 + head.utf8.count + tail.utf8.count > 255 { head = head.dropLast() }
        return "." + head + tail
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }

    /// The state of one `writeAll`: what exists on disk that is ours to rename or remove.
    private struct OutputSet {
        struct Entry {
            var path: String, temporary: String, directory: String
            var backup: String? = nil   // a hard link to the previous file, made before any rename
            var renamed = false
        }
        let calls: SystemCalls
        var entries: [Entry] = []
        var createdDirectories: [String] = []   // deepest last, removed again when abandoning

        init(calls: SystemCalls) { self.calls = calls }

        /// Writes one file to its temporary name and fsyncs it.
        mutating func stage(_ file: File) throws(RenderError) {
            let url = URL(fileURLWithPath: file.path)
            let dir = url.deletingLastPathComponent().path
            try makeDirectory(dir, for: file.path)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDir), isDir.boolValue {
                throw .output(path: file.path, reason: "is a directory")
            }
            let tmp = dir + "/" + hiddenName(for: url.lastPathComponent, suffix: "tmp")
            let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else { throw .output(path: file.path, reason: errorText()) }
            entries.append(Entry(path: file.path, temporary: tmp, directory: dir))
            if let reason = writeFully(file.bytes, to: fd) {
                close(fd)
                throw .output(path: file.path, reason: reason)
            }
            if calls.fsync(fd) != 0 {
                let reason = errorText()
                close(fd)
                throw .output(path: file.path, reason: "fsync: \(reason)")
            }
            if close(fd) != 0 { throw .output(path: file.path, reason: errorText()) }
        }

        /// Creates `dir` and its missing parents, remembering which, so that a failed write removes them again.
        mutating func makeDirectory(_ dir: String, for path: String) throws(RenderError) {
            var missing: [String] = []
            var d = URL(fileURLWithPath: dir)
            while !FileManager.default.fileExists(atPath: d.path) {
                missing.append(d.path)
                d.deleteLastPathComponent()
            }
            for m in missing.reversed() {
                if mkdir(m, 0o755) == 0 { createdDirectories.append(m); continue }
                if errno != EEXIST { throw .output(path: path, reason: "cannot create directory \(m): \(errorText())") }
                var st = stat()
                if stat(m, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR { continue }   // made meanwhile by someone else
                // Exists yet is no directory: a link to a missing path.
                throw .output(path: path, reason: "\(m) is not a directory (a broken link?)")
            }
        }

        /// Hard-links each existing target to its backup name, so a failed rename can put it back.
        mutating func keepPrevious() throws(RenderError) {
            for k in entries.indices {
                let e = entries[k]
                var st = stat()
                guard lstat(e.path, &st) == 0 else { continue }   // nothing there yet
                let backup = e.directory + "/" + hiddenName(for: URL(fileURLWithPath: e.path).lastPathComponent, suffix: "old")
                unlink(backup)   // left by a crashed run with the same pid
                guard link(e.path, backup) == 0 else {
                    throw .output(path: e.path, reason: "cannot keep the previous file as \(backup): \(errorText())")
                }
                entries[k].backup = backup
            }
        }

        /// Renames every temporary file over its target, then fsyncs the directories.
        mutating func commit() throws(RenderError) {
            for k in entries.indices {
                guard calls.rename(entries[k].temporary, entries[k].path) == 0 else {
                    throw .output(path: entries[k].path, reason: errorText())
                }
                entries[k].renamed = true
            }
            if let (dir, reason) = syncDirectories() {
                throw .output(path: dir, reason: "cannot fsync the directory: \(reason)")
            }
        }

        /// Fsyncs each directory that holds a target, so renames in it survive a crash; the first failure.
        @discardableResult
        func syncDirectories() -> (String, String)? {
            var seen = Set<String>(), failure: (String, String)? = nil
            for dir in entries.map(\.directory) where seen.insert(dir).inserted {
                let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                guard fd >= 0 else { failure = failure ?? (dir, errorText()); continue }
                if calls.fsync(fd) != 0 { failure = failure ?? (dir, errorText()) }
                close(fd)
            }
            return failure
        }

        /// Undoes everything: renamed targets get their previous file back (or go, when there was none), and
        /// temporary files, backups and created directories are removed.
        mutating func abandon() {
            for e in entries.reversed() {
                if e.renamed {
                    if let backup = e.backup { Foundation.rename(backup, e.path) } else { unlink(e.path) }
                } else {
                    unlink(e.temporary)
                    if let backup = e.backup { unlink(backup) }
                }
            }
            for d in createdDirectories.reversed() { rmdir(d) }   // only succeeds when empty
            if entries.contains(where: \.renamed) { syncDirectories() }   // best effort: the restored names too
            entries = []
        }

        /// After a successful commit the backups are no longer needed.
        func finish() {
            for e in entries { if let backup = e.backup { unlink(backup) } }
        }
    }
}
