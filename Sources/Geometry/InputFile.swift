import Foundation

/// Reading an input file defensively: bounded in size, its real kind recognised (a gzip file, UTF-16 text, binary
/// data) before it is parsed, and quoted safely in messages.
package enum InputFile {
    /// Reads a whole file, at most `limit` bytes, followed by one NUL byte (parsers stop on it without a copy).
    /// Works for regular files, pipes and devices alike; a source that never ends fails at the limit, and one whose
    /// first bytes show it is not text (`/dev/zero`, a gzip file) fails after the first read.
    /// - Parameter what: What the file should be, for messages: "GeoJSON", "YAML".
    /// - Throws: `GeoDataError` naming `path`: no such file, a directory, unreadable (with the system's reason),
    ///   not text (`recognise`), or larger than the limit and how to raise it.
    package static func read(_ path: String, what: String, limit: Int = Limits.current.inputBytes) throws(GeoDataError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw GeoDataError(file: path, message: "cannot read: \(reason(errno))") }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFDIR { throw GeoDataError(file: path, message: "cannot read: is a directory") }
        let regular = st.st_mode & S_IFMT == S_IFREG
        if regular, Int(st.st_size) > limit { throw tooLarge(path, limit: limit) }
        var bytes: [UInt8] = []
        if regular { bytes.reserveCapacity(Int(st.st_size) + 1) }
        let chunk = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 1)
        defer { buffer.deallocate() }
        var checked = false
        func check() throws(GeoDataError) {
            checked = true
            if let kind = recognise(bytes.prefix(4096)) { throw GeoDataError(file: path, message: "expected \(what) text, found \(kind)") }
        }
        while true {
            let n = Foundation.read(fd, buffer.baseAddress!, chunk)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw GeoDataError(file: path, message: "cannot read: \(reason(errno))") }
            if n == 0 { break }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))   // one copy, no per-byte loop
            if !checked, bytes.count >= 4096 { try check() }
            if bytes.count > limit { throw tooLarge(path, limit: limit) }
        }
        if !checked { try check() }
        bytes.append(0)
        return bytes
    }

    static func tooLarge(_ path: String, limit: Int) -> GeoDataError {
        GeoDataError(file: path, message: "larger than the limit of \(Limits.bytes(limit)) per input file (set SAHELMAP_MAX_INPUT_BYTES to raise it)")
    }

    static func reason(_ code: Int32) -> String {
        code == ENOENT ? "no such file" : String(cString: strerror(code)).lowercased()
    }

    /// What the first bytes of a file show it to be when that is not UTF-8 text, with what to do: `gzip-compressed
    /// data — decompress it first`, `UTF-16 text — save it as UTF-8`; nil for text that may be UTF-8.
    package static func recognise<C: Collection<UInt8>>(_ head: C) -> String? {
        let b = Array(head.prefix(8))
        func starts(_ p: [UInt8]) -> Bool { b.starts(with: p) }
        if starts([0x1F, 0x8B]) { return "gzip-compressed data — decompress it first (gunzip)" }
        if starts([0x42, 0x5A, 0x68]) { return "bzip2-compressed data — decompress it first (bunzip2)" }
        if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return "xz-compressed data — decompress it first (unxz)" }
        if starts([0x28, 0xB5, 0x2F, 0xFD]) { return "zstd-compressed data — decompress it first (unzstd)" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "a zip archive — extract the file first" }
        if starts([0x00, 0x00, 0xFE, 0xFF]) || starts([0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32 text — save it as UTF-8" }
        if starts([0xFE, 0xFF]) || starts([0xFF, 0xFE]) { return "UTF-16 text — save it as UTF-8" }
        if b.count >= 4, b[0] == 0, b[1] == 0, b[2] == 0, b[3] != 0 { return "UTF-32 text — save it as UTF-8" }
        if b.count >= 4, b[0] != 0, b[1] == 0, b[2] == 0, b[3] == 0 { return "UTF-32 text — save it as UTF-8" }
        if b.count >= 4, b[0] == 0, b[1] != 0, b[2] == 0, b[3] != 0 { return "UTF-16 text — save it as UTF-8" }
        if b.count >= 4, b[0] != 0, b[1] == 0, b[2] != 0, b[3] == 0 { return "UTF-16 text — save it as UTF-8" }
        if head.contains(0) { return "binary data (NUL bytes), not text" }
        return nil
    }

    /// Input quoted in a message: at most `limit` characters (then `…`), control characters and invalid UTF-8
    /// escaped (`\t`, `\u{1B}`, `\x{FF}`), so a stray binary or a long line never floods the terminal.
    package static func echo<C: Collection<UInt8>>(_ bytes: C, limit: Int = 80) -> String {
        var out = "", count = 0
        let text = String(decoding: bytes.prefix(limit * 4 + 4), as: UTF8.self)
        for ch in text.unicodeScalars {
            if count == limit { return out + "…" }
            switch ch {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\u{FFFD}": out += "\\u{FFFD}"
            case _ where ch.value < 0x20 || (0x7F..<0xA0).contains(ch.value):
                out += "\\u{" + String(ch.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(ch)
            }
            count += 1
        }
        return bytes.count > limit * 4 + 4 ? out + "…" : out
    }

    /// The same for a `String`.
    package static func echo(_ s: String, limit: Int = 80) -> String { echo(Array(s.utf8.prefix(limit * 4 + 5)), limit: limit) }
}
