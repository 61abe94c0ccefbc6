import Foundation
import Geometry

extension CSVScanner {
    /// As `forEachRecord` after the header, with the work split: `parse` runs on `threads` threads, each on a part
    /// of the file at a time, and `consume` gets the results on this thread in file order, with the line each
    /// record starts on. The header (the first record) is not parsed.
    ///
    /// Gives what one scan would: a part starts just after a line break guessed to end a record, and its results
    /// are used only if the scan of the part before ended a record exactly there; if not (a line break inside a
    /// quoted field), that scan reads on past it as a single scan would, and the guessed part is dropped. A part
    /// that fails (an over-long record, a read error) is scanned again on this thread, so the error names its
    /// line. Files under four parts (of `partBytes`, or less for a smaller file), or not regular files, are scanned
    /// on this thread alone.
    /// - Parameters:
    ///   - state: Per thread, what `parse` keeps between records (a pool of shared strings).
    ///   - header: Called with the header before any other record is parsed.
    /// - Throws: As `forEachRecord`; whatever `header` or `consume` throw.
    package func mapRecords<T: Sendable, State>(
        threads: Int, partBytes: Int = 4 << 20, state: @escaping @Sendable () -> State,
        header: (CSVRecord) throws -> Void,
        parse: @escaping @Sendable (CSVRecord, inout State) -> T,
        consume: (T, Int) throws -> Void
    ) throws {
        let size = Self.regularFileSize(path)
        // A file of a few megabytes (10,000 events) is still cut into four parts a thread, of at least 256 KiB.
        let bounds = size.map { partBounds(size: $0, partBytes: min(partBytes, max(1 << 18, $0 / (4 * max(1, threads))))) } ?? []
        guard threads > 1, bounds.count >= 4, let size, size <= limits.inputBytes else {
            var local = state()
            var first = true
            try forEachRecord { r in
                if first { first = false; try header(r); return }
                try consume(parse(r, &local), r.line)
            }
            return
        }
        try readHeader(header)
        let parts = Parts<T>(count: bounds.count, window: threads + 1)
        let group = DispatchGroup()
        for _ in 0..<threads {
            DispatchQueue.global().async(group: group) { [self] in
                var local = state()
                while let k = parts.next() {
                    // Room for the part's rows at once (a row of a few hundred bytes; more rows grow the array):
                    // growing by doubling copied megabytes of rows, into fresh memory, several times a part.
                    var rows: [(T, Int)] = []
                    rows.reserveCapacity(((k + 1 < bounds.count ? bounds[k + 1] : size) - bounds[k]) / 256 + 16)
                    do {
                        let file = try open()
                        defer { fclose(file) }
                        var first = k == 0
                        let stop = try scan(file, from: bounds[k], stops: bounds[(k + 1)...]) { r in
                            if first { first = false; return }   // the header, read already
                            rows.append((parse(r, &local), r.line))
                        }
                        parts.finish(k, .done(rows, stop))
                    } catch {
                        parts.finish(k, .failed)
                    }
                }
            }
        }
        defer {
            parts.cancel()
            group.wait()
        }
        var k = 0, line = 1
        while true {
            switch parts.take(k) {
            case .done(let rows, let stop):
                for (t, relative) in rows { try consume(t, line + relative - 1) }
                line += stop.lines
                guard let offset = stop.offset, let next = bounds.firstIndex(of: offset) else { return }
                parts.consumed(upTo: next)
                k = next
            case .failed:
                // Again on this thread, lines numbered from the part's start: the error (or success) is a plain scan's.
                parts.cancel()
                let file = try open()
                defer { fclose(file) }
                var local = state()
                var first = k == 0
                _ = try scan(file, from: bounds[k], line: line, stops: []) { r in
                    if first { first = false; return }
                    try consume(parse(r, &local), r.line)
                }
                return
            }
        }
    }

    /// The size of a regular file; nil for anything else (a pipe, a device), which is read in one pass.
    private static func regularFileSize(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(st.st_size)
    }

    /// Where parts start: 0, then just after the first line break at or past each multiple of `partBytes`.
    private func partBounds(size: Int, partBytes: Int) -> [Int] {
        guard let file = fopen(path, "rb") else { return [] }
        defer { fclose(file) }
        var out = [0]
        let window = 64 * 1024
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: window)
        defer { buffer.deallocate() }
        var at = partBytes
        while at < size {
            guard fseeko(file, off_t(at), SEEK_SET) == 0 else { break }
            let n = fread(buffer, 1, window, file)
            if let k = (0..<n).first(where: { buffer[$0] == 0x0A }), at + k + 1 < size, at + k + 1 > out.last! {
                out.append(at + k + 1)
            }
            at += partBytes
        }
        return out
    }

    private struct HeaderRead: Error {}

    private func readHeader(_ header: (CSVRecord) throws -> Void) throws {
        do {
            try forEachRecord { r in
                try header(r)
                throw HeaderRead()
            }
        } catch is HeaderRead {}
    }
}

/// The parts of one file being scanned: which to scan next, and each one's rows once scanned. At most `window`
/// parts are scanned ahead of the one being consumed, so memory holds a few parts' rows, not the file's.
private final class Parts<T: Sendable>: @unchecked Sendable {
    enum Result { case done([(T, Int)], CSVScanner.Stop), failed }
    private let condition = NSCondition()
    private var results: [Result?]
    private var nextPart = 0
    private var floor = 0
    private var cancelled = false
    private let window: Int

    init(count: Int, window: Int) {
        results = Array(repeating: nil, count: count)
        self.window = window
    }

    /// The next part to scan, once it is within the window; nil when none is left or the scan was cancelled.
    func next() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && max(nextPart, floor) < results.count && max(nextPart, floor) >= floor + window { condition.wait() }
        nextPart = max(nextPart, floor)   // parts a scan read past are not scanned
        guard !cancelled, nextPart < results.count else { return nil }
        nextPart += 1
        return nextPart - 1
    }

    func finish(_ k: Int, _ r: Result) {
        condition.lock()
        results[k] = r
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for part `k`, and lets its rows go.
    func take(_ k: Int) -> Result {
        condition.lock()
        defer { condition.unlock() }
        while results[k] == nil { condition.wait() }
        let r = results[k]!
        results[k] = .failed
        return r
    }

    /// Parts before `k` are no longer needed (consumed, or skipped since a scan read past them).
    func consumed(upTo k: Int) {
        condition.lock()
        for j in floor..<min(k, results.count) { results[j] = .failed }
        floor = max(floor, k)
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
