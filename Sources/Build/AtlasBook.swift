import Foundation
import Render
import Style

/// Collects an atlas's pages into one PDF as workers finish them. Pages arrive in any order from any worker; each
/// is painted as soon as every page before it is in, so only the pages waiting for an earlier one are held (about
/// as many as there are workers, since workers take pages in order). One failed page fails the book: nothing is
/// written and the previous PDF stays as it was.
final class AtlasBook: @unchecked Sendable {
    private let lock = NSLock()
    private let book: PDFBook
    private let count: Int
    private var waiting: [Int: (ComposedMap, String)] = [:]
    private var next = 0
    private var failure: String?

    init(pages: Int, page: Page, info: DocumentInfo, fontFamily: String, resources: Resources) throws {
        count = pages
        book = try PDFBook(page: page, info: info, fontFamily: fontFamily, resources: resources)
    }

    /// Page `index` (0-based) of the atlas, composed.
    func add(_ index: Int, _ map: ComposedMap, title: String) {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil else { return }
        waiting[index] = (map, title)
        while let (m, t) = waiting.removeValue(forKey: next) {
            do { try book.add(m, title: t) } catch {
                failure = "page \(next + 1): \(error)"
                waiting = [:]
                return
            }
            next += 1
        }
    }

    /// Page `index` could not be made; the book will not be written.
    func fail(_ index: Int, _ why: String) {
        lock.lock()
        defer { lock.unlock() }
        if failure == nil { failure = why }
        waiting = [:]
    }

    /// The PDF's bytes once every page is in.
    /// - Throws: `BuildError.badSpec` naming the page that failed or the pages missing.
    func finish(spec: String) throws -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw BuildError.badSpec(spec: spec, message: "atlas PDF not written: \(failure)") }
        guard next == count else {
            throw BuildError.badSpec(spec: spec, message: "atlas PDF not written: \(count - next) of \(count) pages missing")
        }
        return try book.finish()
    }
}
