import Foundation
internal import CCrypto

/// SHA-256 through OpenSSL's libcrypto (EVP interface). The only file that sees a C type of it.
package enum SHA256 {
    /// The lower-case hex digest of `bytes`.
    package static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let ctx = Context()
        Array(bytes).withUnsafeBytes { ctx.update($0) }
        return ctx.finish()
    }

    /// The digest of a file's contents, read in 1 MiB chunks; nil when it cannot be read (missing, a folder).
    package static func hex(file path: String) -> String? {
        guard let f = fopen(path, "rb") else { return nil }   // NULL on failure
        defer { fclose(f) }
        let ctx = Context()
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let n = fread(buffer.baseAddress, 1, size, f)   // short at end of file or on error
            if n > 0 { ctx.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) }
            if n < size {
                if ferror(f) != 0 { return nil }
                break
            }
        }
        return ctx.finish()
    }

    /// One EVP_MD_CTX, freed on deinit.
    private final class Context {
        private let ctx: OpaquePointer
        init() {
            ctx = EVP_MD_CTX_new()!   // NULL only when out of memory
            EVP_DigestInit_ex(ctx, EVP_sha256(), nil)
        }
        deinit { EVP_MD_CTX_free(ctx) }
        func update(_ b: UnsafeRawBufferPointer) {
            if b.count > 0 { EVP_DigestUpdate(ctx, b.baseAddress, b.count) }
        }
        func finish() -> String {
            var md = [UInt8](repeating: 0, count: 32)
            var len: UInt32 = 0
            EVP_DigestFinal_ex(ctx, &md, &len)
            return md.prefix(Int(len)).map { String(format: "%02x", $0) }.joined()
        }
    }
}
