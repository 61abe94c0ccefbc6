import Foundation

/// A date known to the year, the month or the day, as the facts write it: `2013`, `2021-10`, `2021-11-13`.
/// It spans from its first possible day to its last.
public struct PartialDate: Sendable, Equatable, Comparable, CustomStringConvertible {
    public enum Precision: Int, Sendable { case year = 1, month, day }
    public var year: Int
    public var month: Int?
    public var day: Int?

    public var precision: Precision { day != nil ? .day : (month != nil ? .month : .year) }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; nil for anything else or an impossible date.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let y = Int(parts[0]) else { return nil }
        year = y
        if parts.count >= 2 {
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            month = m
        }
        if parts.count == 3 {
            guard parts[2].count == 2, let d = Int(parts[2]), (1...Self.daysIn(y, month!)).contains(d) else { return nil }
            day = d
        }
    }

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The first day it may be, as yyyymmdd.
    public var firstDay: Int { year * 10_000 + (month ?? 1) * 100 + (day ?? 1) }
    /// The last day it may be, as yyyymmdd.
    public var lastDay: Int {
        let m = month ?? 12
        return year * 10_000 + m * 100 + (day ?? Self.daysIn(year, m))
    }

    public static func < (a: PartialDate, b: PartialDate) -> Bool { (a.firstDay, a.lastDay) < (b.firstDay, b.lastDay) }

    public var description: String {
        var s = String(format: "%04d", year)
        if let month { s += String(format: "-%02d", month) }
        if let day { s += String(format: "-%02d", day) }
        return s
    }
}
