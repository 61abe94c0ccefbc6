import Foundation

/// An exclusive `flock` on `.sahelmap/lock`, held while a build of that folder runs; released on deinit (and
/// by the kernel if the process dies), so a crashed build never leaves a stale lock.
package final class BuildLock {
    private let fd: Int32
    package let path: String

    /// Takes the lock, waiting for another build to finish unless `wait` is false.
    /// - Throws: `BuildError.locked` when `wait` is false and another build holds it; `CocoaError` when the
    ///   lock file cannot be created.
    package init(path: String, wait: Bool) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)   // -1 on failure, reason in errno
        guard fd >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard wait else { close(fd); throw BuildError.locked(path: path) }
            FileHandle.standardError.write(Data("waiting for another sahelmap build (\(path))…\n".utf8))
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
