import Foundation

/// Writes files so that readers see the old content or the new, never a part: a temporary file beside the
/// target, then rename(2).
enum AtomicFile {
    /// Fails early, before anything is drawn or written, for a path that can never be written.
    static func checkWritable(_ path: String) throws(RenderError) {
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

    static func write(_ bytes: [UInt8], to path: String) throws(RenderError) {
        if path == "-" {
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { Foundation.write(1, $0.baseAddress! + offset, $0.count - offset) }
                if n <= 0 { throw .output(path: "standard output", reason: String(cString: strerror(errno))) }
                offset += n
            }
            return
        }
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw .output(path: path, reason: "cannot create directory \(dir)")
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw .output(path: path, reason: "is a directory")
        }
        let tmp = "\(dir)/.\(url.lastPathComponent).\(getpid()).tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .output(path: path, reason: String(cString: strerror(errno))) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 {
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(tmp)
                throw .output(path: path, reason: reason)
            }
            offset += n
        }
        if close(fd) != 0 || rename(tmp, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw .output(path: path, reason: reason)
        }
    }
}
