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
        /// A file whose name we chose (the alt text beside an image), not one the user named: it is marked as
        /// ours (`markAttribute`), and an existing file of that name without the mark is never replaced.
        package var sidecar: Bool
        package init(path: String, bytes: [UInt8], sidecar: Bool = false) {
            self.path = path
            self.bytes = bytes
            self.sidecar = sidecar
        }
    }

    /// The extended attribute that marks a sidecar file as written by sahelmap.
    package static let markAttribute = "user.sahelmap"

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
        let t = Transaction(calls: calls)
        do throws(RenderError) {
            try t.stage(files)
        } catch {
            t.abandon()
            throw error
        }
        try t.commit()
    }

    /// An output set written in steps: stage files (written and fsynced under temporary names), then `commit`
    /// (all renamed) or `abandon` (all removed). Two transactions on the same directories, in this process or
    /// another, never interleave: each holds an `flock` on every directory it writes into, from its first file
    /// there until it ends, in path order so that two sets cannot deadlock. With `installSignalCleanup()`,
    /// SIGINT, SIGTERM and SIGHUP remove the staged files; one during the renames waits until they are done.
    package final class Transaction {
        private var set: OutputSet
        private var ended = false

        package init(calls: SystemCalls = SystemCalls()) { set = OutputSet(calls: calls) }

        /// Writes files to their temporary names; a path staged twice is written once, with its last bytes.
        package func stage(_ files: [File]) throws(RenderError) {
            var seen = Set<String>()
            let unique = files.reversed().filter { seen.insert($0.path).inserted }.reversed()
            for f in unique {
                if let k = set.entries.firstIndex(where: { $0.path == f.path }) { set.drop(k) }
                try set.stage(f)
            }
        }

        /// Renames every staged file over its target; on failure every previous file is back in place.
        package func commit() throws(RenderError) {
            ended = true
            do throws(RenderError) {
                TemporaryFiles.pauseBeforeRenamesForTests()
                try set.keepPrevious()
                try set.commit()
            } catch {
                set.abandon()
                throw error
            }
            set.finish()
        }

        /// Removes every staged file; the targets stay as they were.
        package func abandon() {
            ended = true
            set.abandon()
        }

        deinit { if !ended { set.abandon() } }
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

    /// The pid in a temporary or backup name we made for `name` (`.NAME.<pid>.tmp`, `.NAME.<pid>.old`), or nil.
    static func ownerPID(of entry: String, for name: String) -> Int32? {
        let head = "." + name + "."
        guard entry.hasPrefix(head), entry.hasSuffix(".tmp") || entry.hasSuffix(".old") else { return nil }
        let digits = entry.dropFirst(head.count).dropLast(4)
        guard !digits.isEmpty, digits.count < 11, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int32(digits)
    }

    /// Whether a process with this pid exists (a live process we may not signal counts).
    static func isAlive(_ pid: Int32) -> Bool { pid > 0 && (kill(pid, 0) == 0 || errno == EPERM) }

    /// Removes the temporary and backup files for `name` in `dir` that runs which died (killed, power cut) left:
    /// only names of our own pattern whose pid is no running process. A live pid, even an unrelated process that
    /// got the number since, keeps its files.
    static func removeStale(for name: String, in dir: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for e in entries {
            guard let pid = ownerPID(of: e, for: name), pid != getpid(), !isAlive(pid) else { continue }
            unlink(dir + "/" + e)
        }
    }

    /// Whether the file at `path` carries our mark (see `File.sidecar`). Where the file system keeps no extended
    /// attributes, a file whose text starts as our descriptions do ("Map of ") counts as ours.
    static func isMarkedOurs(_ path: String) -> Bool {
        var b: UInt8 = 0
        if XAttr.get(path, markAttribute, &b, 1) >= 0 { return true }
        if errno == ENOTSUP, let h = FileHandle(forReadingAtPath: path) {
            defer { try? h.close() }
            return (try? h.read(upToCount: 7)) == Data("Map of ".utf8)
        }
        return false
    }

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
        /// Open directories holding our `flock`, by path; released when the set ends.
        var locks: [String: Int32] = [:]

        init(calls: SystemCalls) { self.calls = calls }

        /// Takes an exclusive `flock` on `dir` (waiting while another writer holds it), once per set. A set that
        /// comes to a directory sorting before others it holds lets go of those and takes them again after it, so
        /// every set takes its locks in path order and two sets never wait on each other.
        mutating func lock(_ dir: String) {
            guard locks[dir] == nil else { return }
            let later = locks.keys.filter { $0 > dir }.sorted()
            for d in later { flock(locks[d]!, LOCK_UN) }
            for d in [dir] + later {
                let fd = locks[d] ?? open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                guard fd >= 0 else { continue }   // best effort: a folder we cannot lock is still written
                while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
                locks[d] = fd
            }
        }

        mutating func unlockAll() {
            for fd in locks.values { flock(fd, LOCK_UN); close(fd) }
            locks = [:]
        }

        /// Forgets a staged file (staged again with other bytes).
        mutating func drop(_ k: Int) {
            unlink(entries[k].temporary)
            TemporaryFiles.unregister(entries[k].temporary)
            entries.remove(at: k)
        }

        /// Writes one file to its temporary name and fsyncs it.
        mutating func stage(_ file: File) throws(RenderError) {
            let url = URL(fileURLWithPath: file.path)
            let dir = url.deletingLastPathComponent().path
            try makeDirectory(dir, for: file.path)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDir), isDir.boolValue {
                throw .output(path: file.path, reason: "is a directory")
            }
            lock(dir)
            var st = stat()
            if file.sidecar, lstat(file.path, &st) == 0, !isMarkedOurs(file.path) {
                throw .output(path: file.path, reason: "exists and was not written by sahelmap, so it is not replaced (move it away, or leave the description out with --no-alt-text)")
            }
            removeStale(for: url.lastPathComponent, in: dir)
            let tmp = dir + "/" + hiddenName(for: url.lastPathComponent, suffix: "tmp")
            TemporaryFiles.register(tmp)
            let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else {
                let reason = errorText()
                TemporaryFiles.unregister(tmp)
                throw .output(path: file.path, reason: reason)
            }
            entries.append(Entry(path: file.path, temporary: tmp, directory: dir))
            if file.sidecar { _ = XAttr.fset(fd, markAttribute, "1", 1, 0) }   // best effort: see isMarkedOurs
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
            TemporaryFiles.beginRenames()
            defer { TemporaryFiles.endRenames() }
            for k in entries.indices {
                guard calls.rename(entries[k].temporary, entries[k].path) == 0 else {
                    throw .output(path: entries[k].path, reason: errorText())
                }
                entries[k].renamed = true
                TemporaryFiles.unregister(entries[k].temporary)
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
                    TemporaryFiles.unregister(e.temporary)
                    if let backup = e.backup { unlink(backup) }
                }
            }
            for d in createdDirectories.reversed() { rmdir(d) }   // only succeeds when empty
            if entries.contains(where: \.renamed) { syncDirectories() }   // best effort: the restored names too
            entries = []
            createdDirectories = []
            unlockAll()
        }

        /// After a successful commit the backups are no longer needed.
        mutating func finish() {
            for e in entries { if let backup = e.backup { unlink(backup) } }
            entries = []
            unlockAll()
        }
    }
}

/// getxattr(2) and fsetxattr(2): in glibc, but not in the Glibc module (`<sys/xattr.h>` is not part of it).
private enum XAttr {
    typealias Get = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeMutableRawPointer?, Int) -> Int
    typealias FSet = @convention(c) (Int32, UnsafePointer<CChar>, UnsafeRawPointer?, Int, Int32) -> Int32
    static let getFunction: Get? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "getxattr").map { unsafeBitCast($0, to: Get.self) }
    static let fsetFunction: FSet? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "fsetxattr").map { unsafeBitCast($0, to: FSet.self) }

    static func get(_ path: String, _ name: String, _ value: UnsafeMutableRawPointer?, _ size: Int) -> Int {
        guard let f = getFunction else { errno = ENOTSUP; return -1 }
        return f(path, name, value, size)
    }

    static func fset(_ fd: Int32, _ name: String, _ value: String, _ size: Int, _ flags: Int32) -> Int32 {
        guard let f = fsetFunction else { errno = ENOTSUP; return -1 }
        return f(fd, name, value, size, flags)
    }
}
