import Foundation

/// The resource limits every reader and the renderer keep to, so that no input can exhaust memory or run forever.
/// Each has a default and an environment variable that raises (or lowers) it; exceeding one is an error naming the
/// file, the limit and the variable. The README's "Limits" section lists them.
public struct Limits: Sendable, Equatable {
    /// Bytes read from one input file (GeoJSON, CSV, YAML, Markdown). `SAHELMAP_MAX_INPUT_BYTES`, default 1 GiB.
    public var inputBytes: Int
    /// Features in one layer's source. `SAHELMAP_MAX_FEATURES`, default 5,000,000.
    public var featuresPerLayer: Int
    /// Vertices of one feature. `SAHELMAP_MAX_VERTICES`, default 10,000,000.
    public var verticesPerFeature: Int
    /// Bytes of one CSV record (a row, all its fields). `SAHELMAP_MAX_CSV_RECORD_BYTES`, default 1 MiB.
    public var csvRecordBytes: Int
    /// Bytes of one CSV field. `SAHELMAP_MAX_CSV_FIELD_BYTES`, default 256 KiB.
    public var csvFieldBytes: Int
    /// Pixels of one raster page (width × height). `SAHELMAP_MAX_PAGE_PIXELS`, default 200,000,000.
    public var pagePixels: Int
    /// Memory the surfaces and encoded outputs of one render may need, estimated before any is made.
    /// `SAHELMAP_MAX_MEMORY_BYTES`, default 4 GiB, and never more than half the address-space limit
    /// (`ulimit -v`) when one is set.
    public var memoryBytes: Int

    public static let defaults = Limits(inputBytes: 1 << 30, featuresPerLayer: 5_000_000, verticesPerFeature: 10_000_000,
                                        csvRecordBytes: 1 << 20, csvFieldBytes: 256 << 10, pagePixels: 200_000_000,
                                        memoryBytes: 4 << 30)

    public init(inputBytes: Int, featuresPerLayer: Int, verticesPerFeature: Int, csvRecordBytes: Int,
                csvFieldBytes: Int, pagePixels: Int, memoryBytes: Int) {
        self.inputBytes = inputBytes
        self.featuresPerLayer = featuresPerLayer
        self.verticesPerFeature = verticesPerFeature
        self.csvRecordBytes = csvRecordBytes
        self.csvFieldBytes = csvFieldBytes
        self.pagePixels = pagePixels
        self.memoryBytes = memoryBytes
    }

    /// The defaults, with each limit its variable sets (a positive whole number) replaced, and the memory limit
    /// held under half of `RLIMIT_AS`. A variable that is set but not a positive number is ignored.
    public init(environment: [String: String], addressSpaceLimit: Int? = Limits.addressSpaceLimit()) {
        self = .defaults
        func value(_ name: String) -> Int? { environment[name].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0 > 0 ? $0 : nil } }
        if let v = value("SAHELMAP_MAX_INPUT_BYTES") { inputBytes = v }
        if let v = value("SAHELMAP_MAX_FEATURES") { featuresPerLayer = v }
        if let v = value("SAHELMAP_MAX_VERTICES") { verticesPerFeature = v }
        if let v = value("SAHELMAP_MAX_CSV_RECORD_BYTES") { csvRecordBytes = v }
        if let v = value("SAHELMAP_MAX_CSV_FIELD_BYTES") { csvFieldBytes = v }
        if let v = value("SAHELMAP_MAX_PAGE_PIXELS") { pagePixels = v }
        if let v = value("SAHELMAP_MAX_MEMORY_BYTES") { memoryBytes = v }
        if let a = addressSpaceLimit { memoryBytes = min(memoryBytes, a / 2) }
    }

    /// The limits of this process: the defaults and the environment.
    public static let current = Limits(environment: ProcessInfo.processInfo.environment)

    /// `RLIMIT_AS` (`ulimit -v`) in bytes, or nil when unlimited.
    public static func addressSpaceLimit() -> Int? {
        var r = rlimit()
        guard getrlimit(Int32(RLIMIT_AS.rawValue), &r) == 0 else { return nil }
        // RLIM_INFINITY is all ones: past Int.max, like any limit too large to matter.
        return r.rlim_cur >= UInt(Int.max) ? nil : Int(r.rlim_cur)
    }

    /// The address space this process may still map under `RLIMIT_AS` (`ulimit -v`): the limit less what is
    /// mapped now (`/proc/self/statm`); nil when there is no limit.
    public static func addressSpaceLeft() -> Int? {
        guard let limit = addressSpaceLimit() else { return nil }
        let pages = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?.split(separator: " ").first.flatMap { Int($0) } ?? 0
        return max(0, limit - pages * Int(sysconf(Int32(_SC_PAGESIZE))))
    }

    /// Refuses, before reading it, an input whose features would need more memory than `ulimit -v` leaves, so that
    /// a render under a limit ends with this message rather than an out-of-memory abort. The need is `factor` times
    /// the file's size (measured: about 5.5 for an ACLED CSV, 4 for GeoJSON, in the render's own copy).
    /// - Throws: `GeoDataError` naming the file, the estimate and the room left.
    package static func checkRoom(forReading path: String, factor: Double, left: Int? = Limits.addressSpaceLeft()) throws(GeoDataError) {
        guard let left else { return }
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return }
        let need = Double(st.st_size) * factor
        guard need > Double(left) else { return }
        func mib(_ x: Double) -> String { "\(Int((x / Double(1 << 20)).rounded())) MiB" }
        throw GeoDataError(file: path, message: "its \(mib(Double(st.st_size))) would take about \(mib(need)) of memory to draw, more than the \(mib(Double(left))) the address-space limit (ulimit -v) leaves; raise the limit, or cut the file to the rows and columns the map needs")
    }

    /// "1 GiB", "256 KiB", "200,000,000": how a limit reads in a message.
    package static func bytes(_ n: Int) -> String {
        for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where n >= size && n % size == 0 {
            return "\(n / size) \(unit)"
        }
        return "\(n) bytes"
    }
}
