import Foundation
import Geometry

/// Reads an ACLED CSV export, of the 2023+ generation or an older one, one event at a time.
///
/// The file is streamed in 1 MiB reads (`CSVScanner`): memory does not grow with the file, except for the set of
/// `event_id_cnty` values used to skip repeated events (one row per actor in some exports; the first row is kept).
/// Header names are matched trimmed and case-insensitively. Rows that cannot be read (a bad date, a coordinate out
/// of range, a wrong field count, fatalities that are not a number) are reported with their physical line and,
/// per `BadRowPolicy`, skipped or the import refused.
/// ## Example
/// ```swift
/// var events: [ACLEDEvent] = []
/// let summary = try ACLEDReader(path: "acled.csv", policy: .skip).read { events.append($0) }
/// print(summary.eventsKept, summary.columnsMissing)
/// ```
public struct ACLEDReader: Sendable {
    public let path: String
    public let policy: BadRowPolicy
    /// Bytes per read; tests make it tiny to cross chunk boundaries everywhere. Under the command's 256 KiB mmap
    /// threshold (`CMalloc`), so that each part's read buffers come from the heap, used again part after part,
    /// rather than being mapped and faulted in anew (a million rows: 55,000 page faults).
    package var chunkSize = 192 << 10
    /// Threads parsing rows, and bytes of the file per part each parses at a time (`CSVScanner.mapRecords`).
    /// By default every core for a map's read (`keeping` set: a few short fields per row), and one for a whole
    /// import, whose twenty texts per row cost more to hand from thread to thread than parsing them does
    /// (1,000,000 rows: 3.5 s wall and 5.3 s of CPU on two threads, against about 2.7 s on one).
    package var threads: Int?
    package var partBytes = 4 << 20
    /// The feature properties a map reads (names as `ACLEDEvent.propertyNames`), nil for all. The text of a column
    /// no kept property needs is not copied out of the record, so events handed to `read` have it empty (or nil);
    /// every column the reader validates is still validated, so the same rows are skipped with the same messages.
    package var keeping: Set<String>?

    public init(path: String, policy: BadRowPolicy = .skip) {
        self.path = path
        self.policy = policy
    }

    /// The header as read: each ACLEDColumn's index in a record (or -1), and the number of fields. Set before any
    /// row is parsed, then only read (by every parsing thread).
    private final class Header: @unchecked Sendable {
        var columns: [Int] = []
        var fieldCount = 0
    }

    /// One row parsed: its event's id and what `transform` made of it, or what is wrong with it.
    private struct Row<T: Sendable>: Sendable {
        var event: (id: String, value: T)?
        var problems: [String]
        var fields: Int
        var unclosed: Bool
        /// About as many bytes as the row takes in the file.
        var bytes: Int
    }

    /// Whether a CSV file's header has ACLED's `event_id_cnty` column.
    /// - Throws: `GeoDataError` when the file cannot be read.
    public static func looksLikeACLED(path: String) throws -> Bool {
        let header = try CSVHeader.read(path: path)
        return header.contains { ACLEDColumn(header: $0) == .eventIdCnty }
    }

    /// Reads the file, calling `body` with every event kept, in file order.
    ///
    /// With `.refuse`, `body` sees no event after the first bad row, and the reader goes on to the end of the file
    /// to report every bad row before it throws.
    /// - Returns: What was read, kept and skipped, and the columns used and missing.
    /// - Throws: `GeoDataError` when the file cannot be read, lacks a required column (`event_id_cnty`,
    ///   `event_date`, `latitude`, `longitude`, `event_type`) or, with `.refuse`, has bad rows (each problem is
    ///   `line: message`, the first 50 listed); whatever `body` throws.
    public func read(_ body: (ACLEDEvent) throws -> Void) throws -> ACLEDImportSummary {
        try read(state: {}, transform: { e, _ in e }, body)
    }

    /// As `read(_:)`, with each event first made into a `T` by `transform`, on the thread that parsed it (each
    /// thread has its own `state`); `body` gets the `T`s of the events kept, in file order.
    /// - Parameter expect: Told once, after the first thousand rows, about how many rows the file holds (from its
    ///   size and those rows' length), so that what is kept can be given its room at once.
    func read<T: Sendable, State>(state: @escaping @Sendable () -> State, transform: @escaping @Sendable (ACLEDEvent, inout State) -> T,
                                  expect: (Int) -> Void = { _ in },
                                  _ body: (T) throws -> Void) throws -> ACLEDImportSummary {
        var summary = ACLEDImportSummary(file: path, generation: .before2023)
        let header = Header()
        var seen = Set<String>()
        var rowBytes = 0
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        var sawHeader = false
        var truncation = TruncationCheck()
        // Per ACLEDColumn: whether its text is kept. Repeated texts (event types, places) share one string.
        let wanted = ACLEDColumn.allCases.map { c in keeping.map { $0.contains(c.name) } ?? true }

        var scanner = CSVScanner(path: path)
        scanner.chunkSize = chunkSize
        // Rows are parsed on every core, a part of the file each, and taken here in file order.
        let threads = self.threads ?? (keeping == nil ? 1 : ProcessInfo.processInfo.activeProcessorCount)
        try scanner.mapRecords(threads: threads, partBytes: partBytes, state: { (Set<String>(), state()) }, header: { record in
            sawHeader = true
            header.fieldCount = record.count
            header.columns = try mapHeader(record, into: &summary)
        }, parse: { [self] record, state in
            var problems: [String] = []
            let event = parse(record, columns: header.columns, fieldCount: header.fieldCount, wanted: wanted, pool: &state.0, problems: &problems)
            let kept = problems.isEmpty ? event.map { ($0.id, transform($0, &state.1)) } : nil
            return Row(event: kept, problems: problems, fields: record.count,
                       unclosed: TruncationCheck.unclosed(record), bytes: record.bytes.count + record.count)
        }, consume: { row, line in
            summary.rowsRead += 1
            // Room for every id once the first thousand rows show how many the file holds (no rehashing a
            // million ids as the set grows).
            rowBytes += row.bytes
            if summary.rowsRead == 1000, let size = fileSize {
                let rows = min(Int(1.1 * Double(size) / Double(max(1, rowBytes / 1000))), 10_000_000)
                seen.reserveCapacity(rows)
                expect(rows)
            }
            truncation.see(line: line, fields: row.fields, unclosed: row.unclosed)
            guard let (id, value) = row.event else {
                summary.badRowCount += 1
                if summary.badRows.count < ACLEDImportSummary.badRowLimit {
                    summary.badRows.append(BadRow(line: line, message: row.problems.joined(separator: "; ")))
                }
                return
            }
            guard seen.insert(id).inserted else {
                summary.duplicatesSkipped += 1
                return
            }
            if policy == .refuse && summary.badRowCount > 0 { return }
            summary.eventsKept += 1
            try body(value)
        })
        let fieldCount = header.fieldCount
        if !sawHeader {
            throw GeoDataError(file: path, message: "expected a header row naming ACLED's columns, found an empty file")
        }
        try truncation.finish(path: path, headerFields: fieldCount)
        if policy == .refuse && summary.badRowCount > 0 {
            let shown = summary.badRows.prefix(50)
            throw GeoDataError(file: path, problems: shown.map { .init(location: String($0.line), message: $0.message) },
                               omitted: summary.badRowCount - shown.count)
        }
        return summary
    }

    /// Reads every event kept as a point `Feature` (see `ACLEDEvent.feature`).
    /// - Throws: as `read(_:)`.
    public func features() throws -> (FeatureCollection, ACLEDImportSummary) {
        let (fc, summary, _) = try featuresKept()
        return (fc, summary)
    }

    /// As `features()`, with only the properties of `keeping`, and the names of the properties a full read would
    /// have given some feature that were left out (for "did you mean" suggestions that do not depend on the read).
    /// - Throws: as `read(_:)`.
    package func featuresKept() throws -> (FeatureCollection, ACLEDImportSummary, leftOut: Set<String>) {
        let names = ACLEDEvent.propertyNames
        let keep = keeping.map { k in names.map { k.contains($0) } }
        var features: [Feature] = []
        var optional = [Bool](repeating: false, count: 4)   // time_precision, geo_precision, disorder_type, civilian_targeting
        // Events with the same kept values share one dictionary (a binned map keeps only `fatalities`: a few dozen
        // dictionaries for a million events), as long as that pays: not when most of the first 20,000 differ.
        // Features are made on the threads that parse the rows, each with its own dictionaries to share.
        struct Sharing { var same: [String: [String: JSONValue]] = [:]; var on: Bool; var made = 0 }
        let summary = try read(state: { Sharing(on: keep != nil) }, transform: { e, s -> (Feature, UInt8) in
            // Which optional columns the event has, as bits in the order of `optional`.
            let present = UInt8(e.timePrecision != nil ? 1 : 0) | (e.geoPrecision != nil ? 2 : 0)
                | (e.disorderType != nil ? 4 : 0) | (e.civilianTargeting != nil ? 8 : 0)
            guard s.on, let keep else { return (e.feature(keeping: keep), present) }
            s.made += 1
            let key = e.keptValues(keep)
            let f: Feature
            if let known = s.same[key] { f = e.feature(properties: known) } else {
                f = e.feature(keeping: keep)
                if s.same.count < 50_000 { s.same[key] = f.properties }
            }
            if s.made == 20_000 && s.same.count > 10_000 { s.on = false; s.same = [:] }
            return (f, present)
        }, expect: { rows in
            // Room for every feature at once: no copy of the array as it grows (a million features are 48 MB; the
            // room not used is never touched, so it is never resident).
            features.reserveCapacity(rows)
        }) { f, present in
            features.append(f)
            for k in 0..<4 where present & (1 << k) != 0 { optional[k] = true }
        }
        guard let keep, !features.isEmpty else { return (FeatureCollection(features: features), summary, []) }
        var leftOut = Set<String>()
        for (k, name) in names.enumerated() where !keep[k] && (k < 19 || optional[k - 19]) { leftOut.insert(name) }
        return (FeatureCollection(features: features), summary, leftOut)
    }

    private func mapHeader(_ record: CSVRecord, into summary: inout ACLEDImportSummary) throws -> [Int] {
        var columns = [Int](repeating: -1, count: ACLEDColumn.allCases.count)
        var used: [(Int, String)] = []
        for i in 0..<record.count {
            let raw = record.string(i)
            if let c = ACLEDColumn(header: raw), columns[c.rawValue] < 0 {
                columns[c.rawValue] = i
                used.append((i, c.name))
            } else {
                summary.columnsIgnored.append(raw.trimmingCharacters(in: .whitespaces))
            }
        }
        summary.columnsUsed = used.map(\.1)
        summary.columnsMissing = ACLEDColumn.allCases.filter { columns[$0.rawValue] < 0 }.map(\.name)
        summary.generation = columns[ACLEDColumn.disorderType.rawValue] >= 0 ? .since2023 : .before2023
        let missingRequired = ACLEDColumn.required.filter { columns[$0.rawValue] < 0 }
        if !missingRequired.isEmpty {
            let found = InputFile.echo((0..<record.count).map { record.string($0) }.joined(separator: ", "))
            throw GeoDataError(file: path, location: String(record.line), message:
                "missing required ACLED column\(missingRequired.count > 1 ? "s" : "") \(missingRequired.map(\.name).joined(separator: ", ")) (the header has: \(found))")
        }
        return columns
    }

    /// The event in one record, or nil with at least one entry in `problems`.
    /// Only the columns `wanted` (by ACLEDColumn) are turned into text; a long text seen before is shared (`pool`).
    private func parse(_ r: CSVRecord, columns c: [Int], fieldCount: Int, wanted: [Bool], pool: inout Set<String>,
                       problems: inout [String]) -> ACLEDEvent? {
        if let p = r.problem { problems.append(p) }
        guard r.count == fieldCount else {
            problems.append("expected \(fieldCount) fields as in the header, found \(r.count)")
            return nil
        }
        @inline(__always) func text(_ col: ACLEDColumn) -> String {
            let i = c[col.rawValue]
            guard i >= 0, wanted[col.rawValue] else { return "" }
            return shared(r.string(i))
        }
        /// Strings of more than 15 bytes live on the heap: one copy of each (up to 100,000 different ones).
        /// Only for a map's read (`keeping` set): an import streams its events and keeps none.
        func shared(_ s: String) -> String {
            guard keeping != nil, s.utf8.count > 15 else { return s }
            if let k = pool.firstIndex(of: s) { return pool[k] }
            if pool.count < 100_000 { pool.insert(s) }
            return s
        }
        @inline(__always) func bytes(_ col: ACLEDColumn) -> UnsafeBufferPointer<UInt8>? {
            let i = c[col.rawValue]
            return i < 0 ? nil : r.field(i)
        }
        func found(_ b: UnsafeBufferPointer<UInt8>) -> String {
            b.isEmpty ? "an empty field" : "\"\(InputFile.echo(b))\""
        }

        let id = r.string(c[ACLEDColumn.eventIdCnty.rawValue]).trimmingBlanks()   // always: repeated events are skipped by id
        if id.isEmpty { problems.append("event_id_cnty: expected an event id like MLI1234, found an empty field") }
        let dateBytes = bytes(.eventDate)!
        let date = CalendarDate.parseACLED(dateBytes)
        if date == nil {
            problems.append("event_date: expected a date like 2021-06-05 or 05 June 2021, found \(found(dateBytes))")
        }
        let latBytes = bytes(.latitude)!, lonBytes = bytes(.longitude)!
        let latitude = ASCIINumber.double(latBytes), longitude = ASCIINumber.double(lonBytes)
        if latitude.map({ !(-90...90).contains($0) }) ?? true {
            problems.append("latitude: expected a number from -90 to 90, found \(found(latBytes))")
        }
        if longitude.map({ !(-180...180).contains($0) }) ?? true {
            problems.append("longitude: expected a number from -180 to 180, found \(found(lonBytes))")
        }
        let eventType = text(.eventType)
        if bytes(.eventType)!.isEmpty { problems.append("event_type: expected an event type like Battles, found an empty field") }
        var fatalities = 0
        if let f = bytes(.fatalities) {
            if let n = ASCIINumber.integer(f), n >= 0 { fatalities = n } else {
                problems.append("fatalities: expected a whole number of 0 or more, found \(found(f))")
            }
        }
        func precision(_ col: ACLEDColumn) -> Int? {
            guard let b = bytes(col), !b.trimmingBlanks().isEmpty else { return nil }
            if let n = ASCIINumber.integer(b), (1...3).contains(n) { return n }
            problems.append("\(col.name): expected 1, 2 or 3, found \(found(b))")
            return nil
        }
        let timePrecision = precision(.timePrecision), geoPrecision = precision(.geoPrecision)
        func inter(_ col: ACLEDColumn) -> String {
            guard let b = bytes(col) else { return "" }
            let t = b.trimmingBlanks()
            if let code = ASCIINumber.integer(t) {
                if let name = ACLEDEvent.actorType(code: code) { return name }
                problems.append("\(col.name): expected an actor type or a code from 0 to 8, found \(found(b))")
                return ""
            }
            return wanted[col.rawValue] ? shared(String(decoding: t, as: UTF8.self)) : ""
        }
        let inter1 = inter(.inter1), inter2 = inter(.inter2)
        guard problems.isEmpty, let date, let latitude, let longitude else { return nil }

        let civilian: Bool? = bytes(.civilianTargeting).map { !$0.trimmingBlanks().isEmpty }
        let disorder: String? = bytes(.disorderType).map { wanted[ACLEDColumn.disorderType.rawValue] ? shared(String(decoding: $0, as: UTF8.self)) : "" }
        return ACLEDEvent(
            id: id, date: date, timePrecision: timePrecision, disorderType: disorder, eventType: eventType,
            subEventType: text(.subEventType), actor1: text(.actor1), actor2: text(.actor2),
            inter1: inter1, inter2: inter2, civilianTargeting: civilian, country: text(.country), iso: text(.iso),
            admin1: text(.admin1), admin2: text(.admin2), location: text(.location),
            latitude: latitude, longitude: longitude, geoPrecision: geoPrecision, fatalities: fatalities,
            source: text(.source), notes: text(.notes))
    }
}

private extension String {
    func trimmingBlanks() -> String {
        guard first == " " || first == "\t" || last == " " || last == "\t" else { return self }
        return String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
