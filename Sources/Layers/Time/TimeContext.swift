import Geometry
import Style

/// The moment or period a map shows: `--as-of`, `--from`/`--to`, or a change view between two dates.
public struct TimeContext: Sendable, Equatable {
    /// Show the state on this day (yyyymmdd through `PartialDate`).
    public var asOf: PartialDate?
    /// Keep events on or after / on or before these days.
    public var from: PartialDate?
    public var to: PartialDate?
    /// Compare the state on `from` with the state on `to` (or `asOf`): what opened, closed, changed hands, appeared.
    public var change: Bool

    public init(asOf: PartialDate? = nil, from: PartialDate? = nil, to: PartialDate? = nil, change: Bool = false) {
        self.asOf = asOf
        self.from = from
        self.to = to
        self.change = change
    }

    public static let none = TimeContext()

    /// The day the map's state is read at: `asOf`, else `to`.
    var stateDay: PartialDate? { asOf ?? to }

    /// Words for a subtitle: "as of 31 December 2021", "1 January 2019 – 31 December 2021".
    public var phrase: String? {
        if change, let f = from, let t = stateDay { return "changes from \(Self.words(f)) to \(Self.words(t))" }
        if let a = asOf { return "as of \(Self.words(a))" }
        switch (from, to) {
        case (let f?, let t?): return "\(Self.words(f)) – \(Self.words(t))"
        case (let f?, nil): return "since \(Self.words(f))"
        case (nil, let t?): return "until \(Self.words(t))"
        default: return nil
        }
    }

    /// "31 December 2021", "October 2021", "2013" (`DateWords`, the one date style of a map).
    public static func words(_ d: PartialDate) -> String { DateWords.words(year: d.year, month: d.month, day: d.day) }
}

/// How a layer's features relate to time.
public enum TemporalKind: Sendable, Equatable {
    /// Features are undated: always shown.
    case timeless
    /// Events with a date (ISO text, possibly partial) in `property`: kept when inside `from`…`to` and not after `asOf`.
    case event(property: String)
    /// Things that exist from `start` until `end` (a base opened, then handed over, withdrawn from, moved or
    /// closed, as the `endKind` property says). Sets `state` (open, or the end kind once ended; closed when the
    /// kind is unknown), `state_date` and `state_uncertain` (the day falls inside a partial end date such as
    /// "2021-10"); things not yet open are left out. In a change view, sets `change` (opened, the end kind, or
    /// unchanged).
    case interval(start: String, end: String, endKind: String)
    /// Levels coded for some years in properties `<prefix><year>` (presence by region: level_2015, level_2018…).
    /// Sets `level` to the latest coded year's value at or before the state day and `level_year` to that year; a
    /// level left empty stays unknown. In a change view, sets `change` to `new` where a group appears (none before,
    /// present after), `gone`, `unchanged`, or `unknown`.
    case yearLevels(prefix: String, years: [Int], firstYear: String)
}

extension TemporalKind {
    /// The feature's properties at the map's time, or nil when it is outside the time shown.
    public func apply(_ properties: [String: JSONValue], _ t: TimeContext) -> [String: JSONValue]? {
        var p = properties
        switch self {
        case .timeless:
            return p
        case .event(let key):
            guard t.from != nil || t.to != nil || t.asOf != nil else { return p }
            guard let text = p[key]?.stringValue, let d = PartialDate(String(text.prefix(10))) else { return nil }
            if let f = t.from, d.lastDay < f.firstDay { return nil }
            if let to = t.to, d.firstDay > to.lastDay { return nil }
            if let a = t.asOf, d.firstDay > a.lastDay { return nil }
            return p
        case .interval(let startKey, let endKey, let kindKey):
            guard let day = t.stateDay else { return p }
            let start = p[startKey]?.stringValue.flatMap(PartialDate.init)
            let end = p[endKey]?.stringValue.flatMap(PartialDate.init)
            func state(at d: PartialDate) -> String? {
                if let s = start, s.firstDay > d.lastDay { return nil }          // not yet open
                // A day-precise end counts from that day; a partial one ("2021-10") only once it is surely past.
                guard let e = end, e.precision == .day ? e.firstDay <= d.firstDay : e.lastDay < d.firstDay else { return "open" }
                return p[kindKey]?.stringValue ?? "closed"
            }
            guard let now = state(at: day) else { return nil }
            p["state"] = .string(now)
            p["state_date"] = now == "open" ? .null : .string(end!.description)
            let uncertain = end.map { $0.precision != .day && $0.firstDay <= day.lastDay && day.firstDay <= $0.lastDay } ?? false
            p["state_uncertain"] = .bool(uncertain)
            if t.change, let f = t.from {
                let before = state(at: f)
                p["change"] = .string(before == nil ? "opened" : (before == now ? "unchanged" : now))
            }
            return p
        case .yearLevels(let prefix, let years, let firstKey):
            guard let day = t.stateDay else { return p }
            func level(in year: Int) -> (JSONValue, Int?) {
                let first = p[firstKey]?.numberValue.map { Int($0) }
                if let first, first > year { return (.string("none"), nil) }
                // Active since an earlier year, but before the first coded year: present, level unknown.
                guard let y = years.filter({ $0 <= year }).max() else { return (first != nil ? .string("present") : .null, nil) }
                return (p["\(prefix)\(y)"] ?? .null, y)
            }
            let (now, year) = level(in: day.year)
            p["level"] = now
            p["level_year"] = year.map { .number(Double($0)) } ?? .null
            if t.change, let f = t.from {
                let (before, _) = level(in: f.year)
                let present: (JSONValue) -> Bool? = { v in
                    guard case .string(let s) = v else { return nil }
                    return s != "none"
                }
                switch (present(before), present(now)) {
                case (false?, true?): p["change"] = .string("new")
                case (true?, false?): p["change"] = .string("gone")
                case (let a?, let b?) where a == b: p["change"] = .string("unchanged")
                default: p["change"] = .string("unknown")
                }
            }
            return p
        }
    }
}
