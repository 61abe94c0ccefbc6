/// A day in the proleptic Gregorian calendar, without time or time zone: what ACLED's `event_date` holds.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// A valid date, or nil (`CalendarDate(year: 2021, month: 2, day: 29)` is nil).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses an ISO 8601 calendar date, `YYYY-MM-DD`.
    public init?(iso text: String) {
        var t = text
        guard let d = t.withUTF8({ CalendarDate.parseISO($0) }) else { return nil }
        self = d
    }

    /// The date as `YYYY-MM-DD`.
    public var iso: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Encodes as the ISO string.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = CalendarDate(iso: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a date like 2021-06-05, found \"\(s)\"")
        }
        self = d
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD` from bytes.
    package static func parseISO(_ b: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D,
              let y = digits(b, 0, 4), let m = digits(b, 5, 2), let d = digits(b, 8, 2) else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    /// The decimal value of `count` ASCII digits at `from`, or nil.
    @inline(__always)
    package static func digits(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ count: Int) -> Int? {
        guard from >= 0, from + count <= b.count, count > 0 else { return nil }
        var v = 0
        for k in from..<(from + count) {
            let c = b[k] &- 0x30
            guard c < 10 else { return nil }
            v = v * 10 + Int(c)
        }
        return v
    }
}
