import Foundation
import Layers

/// The file formats SahelMap writes.
public enum OutputFormat: String, Sendable, CaseIterable, Codable {
    case png, pdf, svg

    /// The format named by a path's extension, or nil.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }
}

/// Document metadata written into PDF output. A fixed creation date makes the bytes reproducible.
public struct DocumentInfo: Sendable, Equatable {
    public var title: String
    public var author: String
    /// ISO 8601, e.g. `2026-11-25T00:00:00Z`.
    public var creationDate: String
    /// PDF Subject (a report's subtitle); nil writes none.
    public var subject: String? = nil
    /// PDF Keywords; nil writes none.
    public var keywords: String? = nil
    /// The document's language (BCP 47, `en`, `fr`) for a tagged PDF's `/Lang`; nil writes none.
    public var language: String? = nil
    public init(title: String, author: String, creationDate: String) {
        self.title = title
        self.author = author
        self.creationDate = creationDate
    }
}

extension DocumentInfo {
    /// `$SOURCE_DATE_EPOCH` when set (reproducible builds), else the present moment, in ISO 8601.
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let f = ISO8601DateFormatter()
        if let e = environment["SOURCE_DATE_EPOCH"], let s = Double(e) { return f.string(from: Date(timeIntervalSince1970: s)) }
        return f.string(from: Date())
    }

    /// The date a map is stamped with ("Map: SahelMap, <date>" and the PDF's creation date), never the wall clock
    /// unless asked: `explicit` (`--creation-date`), else `$SOURCE_DATE_EPOCH`, else the day the map shows (its
    /// `as-of`, else the end of its `to`), else the present moment only with `stampToday`, else "" (no date:
    /// the credits line names no day and the PDF carries a fixed epoch). Same inputs, same bytes.
    public static func reproducibleDate(explicit: String? = nil, time: TimeContext, stampToday: Bool = false,
                                        environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit { return explicit }
        if let e = environment["SOURCE_DATE_EPOCH"], let s = Double(e) {
            return ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: s))
        }
        if let d = time.asOf ?? time.to {
            let last = d.lastDay
            return String(format: "%04d-%02d-%02dT00:00:00Z", last / 10_000, last / 100 % 100, last % 100)
        }
        return stampToday ? ISO8601DateFormatter().string(from: Date()) : ""
    }

    /// The PDF creation date for `creationDate` "" (no date known): the Unix epoch, fixed, so bytes stay the same.
    static let noDate = "1970-01-01T00:00:00Z"
}
