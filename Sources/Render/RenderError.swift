internal import CCairo

/// Why a map could not be drawn or written.
public enum RenderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Cairo reported a failure while doing something.
    case cairo(doing: String, status: String)
    /// The pinned font configuration did not give the family asked for.
    case font(expected: String, found: String)
    /// An output could not be written; the previous file, if any, is untouched.
    case output(path: String, reason: String)
    /// The page or view cannot hold a map.
    case layout(String)
    /// The map's extent is empty or cannot be projected.
    case extent(String)

    public var description: String {
        switch self {
        case .cairo(let doing, let status): "cairo could not \(doing): \(status)"
        case .font(let expected, let found): "font \"\(expected)\" is not available (fontconfig gave \"\(found)\"); run Scripts/setup.sh to install fonts-noto-core"
        case .output(let path, let reason): "could not write \(path): \(reason)"
        case .layout(let s): s
        case .extent(let s): "extent: \(s)"
        }
    }

    /// nil when `status` is success.
    init?(_ status: cairo_status_t, doing: String) {
        guard status != CAIRO_STATUS_SUCCESS else { return nil }
        self = .cairo(doing: doing, status: String(cString: cairo_status_to_string(status)))
    }

    static func check(_ status: cairo_status_t, doing: String) throws(RenderError) {
        if let e = RenderError(status, doing: doing) { throw e }
    }
}
