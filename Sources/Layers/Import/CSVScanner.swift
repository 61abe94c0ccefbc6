import Foundation
import Geometry

/// Reads a CSV file (RFC 4180) in fixed-size chunks and hands over one record at a time.
///
/// Memory stays bounded by the chunk size plus the longest record, whatever the file's size. Accepted: quoted
/// fields holding commas, doubled quotes and line breaks; CRLF, LF or lone CR line ends (line breaks inside quoted
/// fields come out as LF); a UTF-8 byte-order mark; blank lines (skipped). Lenient, but flagged in
/// `CSVRecord.problem`: text after a closing quote (kept), a quote opened and never closed (the record runs to the
/// end of the file). A stray quote inside an unquoted field is kept as text.
package struct CSVScanner: Sendable {
    /// The file read; named in errors.
    package let path: String
    /// Bytes per read.
    package var chunkSize: Int
    /// Bytes per file, record and field (`Limits.inputBytes`, `csvRecordBytes`, `csvFieldBytes`): a source that
    /// never ends (a FIFO, a link to /dev/zero) or never breaks a line fails with the line instead of growing.
    package var limits: Limits

    package init(path: String, chunkSize: Int = 1 << 20, limits: Limits = .current) {
        self.path = path
        self.chunkSize = max(4, chunkSize)
        self.limits = limits
    }

    /// Copies `chunk` from `j` to `out` eight bytes at a time while none of the eight is `a`, `b` or `c`; the
    /// byte loop after it finds which one ends the run. Static with `inout` arguments, as `emit`.
    @inline(__always)
    private static func copyWords(_ chunk: UnsafeMutablePointer<UInt8>, _ j: inout Int, _ n: Int, _ out: UnsafeMutablePointer<UInt8>,
                                  _ outCount: inout Int, until a: UInt8, _ b: UInt8, _ c: UInt8) {
        while j + 8 <= n {
            let x = UnsafeRawPointer(chunk + j).loadUnaligned(as: UInt64.self)
            if has(x, a) | has(x, b) | has(x, c) != 0 { return }
            UnsafeMutableRawPointer(out + outCount).storeBytes(of: x, as: UInt64.self)
            outCount += 8
            j += 8
        }
    }

    /// Nonzero when one of the eight bytes of `x` is `byte` (the bit trick for a zero byte, on `x` xor `byte`s).
    @inline(__always)
    private static func has(_ x: UInt64, _ byte: UInt8) -> UInt64 {
        let v = x ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
    }

    /// The end of `CSVRecord.problem` for a quote still open at the end of the file.
    package static let unclosedAtEnd = "is not closed before the end of the file"

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, quotedCR, afterCR }

    /// Hands over the record built so far and starts the next. A static function with `inout` arguments rather
    /// than a nested one capturing the loop's variables: captured variables cost a dynamic exclusivity check on
    /// every byte.
    @inline(__always)
    private func emit(_ body: (CSVRecord) throws -> Void, _ out: UnsafeMutablePointer<UInt8>,
                      _ outCount: inout Int, _ ends: inout [Int], _ line: Int, _ problem: inout String?) throws {
        if outCount > limits.csvRecordBytes {
            throw GeoDataError(file: path, location: String(line), message:
                "a record longer than the limit of \(Limits.bytes(limits.csvRecordBytes)) (set SAHELMAP_MAX_CSV_RECORD_BYTES to raise it)")
        }
        var start = 0
        for (k, end) in ends.enumerated() {
            if end - start > limits.csvFieldBytes { throw fieldTooLong(line: line, field: k + 1) }
            start = end
        }
        try ends.withUnsafeBufferPointer { e in
            try body(CSVRecord(bytes: UnsafeBufferPointer(start: out, count: outCount), ends: e, line: line, problem: problem))
        }
        ends.removeAll(keepingCapacity: true)
        outCount = 0
        problem = nil
    }

    private func fieldTooLong(line: Int, field: Int) -> GeoDataError {
        GeoDataError(file: path, location: String(line), message:
            "field \(field) is longer than the limit of \(Limits.bytes(limits.csvFieldBytes)) (set SAHELMAP_MAX_CSV_FIELD_BYTES to raise it)")
    }

    /// Calls `body` with every non-blank record, the header included, in file order.
    /// - Throws: `GeoDataError` when the file cannot be opened or read; whatever `body` throws.
    package func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        let file = try open()
        defer { fclose(file) }
        _ = try scan(file, from: 0, stops: [], body)
    }

    func open() throws -> UnsafeMutablePointer<FILE> {
        guard let file = fopen(path, "rb") else {   // NULL on failure, reason in errno
            throw GeoDataError(file: path, message: "cannot read: \(String(cString: strerror(errno)).lowercased())")
        }
        return file
    }

    /// Where a scan stopped: at a record boundary among the stops it was given (nil: at the end of the file), after
    /// `lines` physical lines.
    struct Stop: Sendable { var offset: Int?; var lines: Int }

    /// Scans from byte `start` (0, or just after a line break that ends a record), numbering lines from `firstLine`.
    /// At each offset of `stops` (ascending, each just after a line break) it stops if a record ended there, and
    /// otherwise goes on to the next stop, or to the end of the file.
    func scan(_ file: UnsafeMutablePointer<FILE>, from start: Int, line firstLine: Int = 1, stops: ArraySlice<Int>,
                      _ body: (CSVRecord) throws -> Void) throws -> Stop {
        if start > 0, fseeko(file, off_t(start), SEEK_SET) != 0 {
            throw GeoDataError(file: path, message: "cannot read: \(String(cString: strerror(errno)).lowercased())")
        }
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }
        var outCapacity = chunkSize + 4096
        var out = UnsafeMutablePointer<UInt8>.allocate(capacity: outCapacity)
        defer { out.deallocate() }
        var outCount = 0
        var ends: [Int] = []
        ends.reserveCapacity(64)

        var state = State.fieldStart
        var line = firstLine, recordLine = firstLine
        var problem: String?
        var firstRead = start == 0
        var total = 0
        var position = start
        var stops = stops.drop { $0 <= start }

        while true {
            // Reads end at the next stop, so the state there is known between two reads (no test per byte).
            let wanted = stops.first.map { min(chunkSize, $0 - position) } ?? chunkSize
            let n = fread(chunk, 1, wanted, file)   // short count at end of file or on error
            if n < wanted, ferror(file) != 0 {
                throw GeoDataError(file: path, message: "cannot read: \(String(cString: strerror(errno)).lowercased())")
            }
            position += n
            if n == 0 { break }
            var i = 0
            if firstRead {
                firstRead = false
                if let kind = InputFile.recognise(UnsafeBufferPointer(start: chunk, count: min(n, 4096))) {
                    throw GeoDataError(file: path, message: "expected CSV text, found \(kind)")
                }
                if n >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { i = 3 }   // UTF-8 BOM
            }
            total += n
            if total > limits.inputBytes {
                throw GeoDataError(file: path, location: String(line), message:
                    "larger than the limit of \(Limits.bytes(limits.inputBytes)) per input file (set SAHELMAP_MAX_INPUT_BYTES to raise it)")
            }
            // Each input byte yields at most one output byte, so one check per chunk keeps `out` large enough.
            if outCount + n > outCapacity {
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: (outCount + n) * 2)
                bigger.update(from: out, count: outCount)
                out.deallocate()
                out = bigger
                outCapacity = (outCount + n) * 2
            }
            while i < n {
                let c = chunk[i]
                switch state {
                case .unquoted:
                    // Fast path: copy plain bytes until a delimiter, eight at a time while none is among them.
                    var j = i
                    Self.copyWords(chunk, &j, n, out, &outCount, until: 0x2C, 0x0A, 0x0D)
                    while j < n {
                        let d = chunk[j]
                        if d == 0x2C || d == 0x0A || d == 0x0D { break }
                        out[outCount] = d
                        outCount += 1
                        j += 1
                    }
                    i = j
                    if j == n { continue }
                    ends.append(outCount)
                    switch chunk[j] {
                    case 0x2C: state = .fieldStart
                    case 0x0A: line += 1; try emit(body, out, &outCount, &ends, recordLine, &problem); recordLine = line; state = .fieldStart
                    default: line += 1; try emit(body, out, &outCount, &ends, recordLine, &problem); recordLine = line; state = .afterCR
                    }
                case .fieldStart:
                    switch c {
                    case 0x22: state = .quoted
                    case 0x2C: ends.append(outCount)
                    case 0x0A, 0x0D:
                        if !ends.isEmpty { ends.append(outCount); line += 1; try emit(body, out, &outCount, &ends, recordLine, &problem) } else { line += 1 }
                        recordLine = line
                        state = c == 0x0D ? .afterCR : .fieldStart
                    default:
                        state = .unquoted
                        continue   // the fast path copies it
                    }
                case .quoted:
                    var j = i
                    Self.copyWords(chunk, &j, n, out, &outCount, until: 0x22, 0x0D, 0x0A)
                    while j < n {
                        let d = chunk[j]
                        if d == 0x22 || d == 0x0D { break }
                        if d == 0x0A { line += 1 }
                        out[outCount] = d
                        outCount += 1
                        j += 1
                    }
                    i = j
                    if j == n { continue }
                    if chunk[j] == 0x22 { state = .quoteInQuoted } else {
                        out[outCount] = 0x0A; outCount += 1; line += 1; state = .quotedCR
                    }
                case .quotedCR:
                    state = .quoted
                    if c != 0x0A { continue }   // a lone CR: already written as LF; look at this byte again
                case .quoteInQuoted:
                    switch c {
                    case 0x22: out[outCount] = 0x22; outCount += 1; state = .quoted
                    case 0x2C: ends.append(outCount); state = .fieldStart
                    case 0x0A, 0x0D:
                        ends.append(outCount); line += 1; try emit(body, out, &outCount, &ends, recordLine, &problem); recordLine = line
                        state = c == 0x0D ? .afterCR : .fieldStart
                    default:
                        if problem == nil { problem = "field \(ends.count + 1): text after the closing quote" }
                        state = .unquoted
                        continue
                    }
                case .afterCR:
                    state = .fieldStart
                    if c != 0x0A { continue }
                }
                i += 1
            }
            // The record still open at the end of the chunk, and its open field.
            if outCount > limits.csvRecordBytes {
                throw GeoDataError(file: path, location: String(recordLine), message:
                    "a record longer than the limit of \(Limits.bytes(limits.csvRecordBytes)) (no line break: not a CSV file? set SAHELMAP_MAX_CSV_RECORD_BYTES to raise it)")
            }
            if outCount - (ends.last ?? 0) > limits.csvFieldBytes { throw fieldTooLong(line: recordLine, field: ends.count + 1) }
            if let stop = stops.first, position == stop {
                if state == .fieldStart && ends.isEmpty && outCount == 0 { return Stop(offset: stop, lines: line - firstLine) }
                stops = stops.dropFirst()   // inside a record (a quoted line break): on to the next stop
            }
        }
        // End of file: finish a record that has no final line break.
        switch state {
        case .fieldStart:
            if !ends.isEmpty { ends.append(outCount); try emit(body, out, &outCount, &ends, recordLine, &problem) }
        case .quoted, .quotedCR:
            problem = "field \(ends.count + 1): a quoted field \(Self.unclosedAtEnd)"
            ends.append(outCount); try emit(body, out, &outCount, &ends, recordLine, &problem)
        case .unquoted, .quoteInQuoted:
            ends.append(outCount); try emit(body, out, &outCount, &ends, recordLine, &problem)
        case .afterCR:
            break
        }
        return Stop(offset: nil, lines: line - firstLine)
    }
}
