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
    /// How many years past the last coded year a map may still show yearly levels (saying "levels as coded for
    /// <year>"); beyond it the render is refused (`max-level-gap:` in a spec).
    public var maxLevelGapYears: Int

    public init(asOf: PartialDate? = nil, from: PartialDate? = nil, to: PartialDate? = nil, change: Bool = false,
                maxLevelGapYears: Int = 3) {
        self.asOf = asOf
        self.from = from
        self.to = to
        self.change = change
        self.maxLevelGapYears = maxLevelGapYears
    }

    public static let none = TimeContext()

    /// The day the map's state is read at: `asOf`, else `to`.
    package var stateDay: PartialDate? { asOf ?? to }

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
    /// Events with a date (ISO text, possibly partial) in `property`, and for an interval event its end in
    /// `<property>_end` (`date_end`): kept when the event overlaps `from`…`to` and began by `asOf`.
    case event(property: String)
    /// Things that exist from `start` until `end` (a base opened, then handed over, withdrawn from, moved or
    /// closed, as the `endKind` property says). Sets `state` (open, or the end kind once ended; closed when the
    /// kind is unknown), `state_date` and `state_uncertain` (the day falls inside a partial end date such as
    /// "2021-10"); things not yet open are left out. A thing with no start date is not known to be open before it
    /// ended, so it is left out until then (`opening_known` false). One with no end date whose
    /// `status_known_until` is set (its sources stop there) is `state` "unknown" after that day, with `state_date`
    /// that day: never open forever. In a change view, sets `change` (opened, the end kind, or unchanged).
    case interval(start: String, end: String, endKind: String)
    /// Levels coded for some years in properties `<prefix><year>` (presence by region: level_2015, level_2018…).
    /// Sets `level` to the latest coded year's value at or before the state day and `level_year` to that year. A
    /// level left empty is unknown (null), never "none"; before the first coded year it is "present" from
    /// `firstYear` on and unknown before it (a group not yet seen is not known to be absent). After the last coded
    /// year `level_year` stays that year, and `level_note` says "levels as coded for <year>". In a change view,
    /// sets `change` to `new` where a group appears (first seen after the start year, or coded none before and
    /// present after), `gone`, `unchanged`, or `unknown`.
    case yearLevels(prefix: String, years: [Int], firstYear: String)
}

extension TemporalKind {
    /// The feature's properties at the map's time, or nil when it is outside the time shown.
    public func apply(_ properties: [String: JSONValue], _ t: TimeContext) -> [String: JSONValue]? {
        var p = properties
        switch self {
        case .timeless:
            Self.resolveDated(&p, at: t.stateDay)
            return p
        case .event(let key):
            guard t.from != nil || t.to != nil || t.asOf != nil else { return p }
            guard let text = p[key]?.stringValue, let d = PartialDate(String(text.prefix(10))) else { return nil }
            // An interval event (the Djibo mass graves, 2019-11/2020-06) takes part in every period it overlaps.
            let last = p["\(key)_end"]?.stringValue.flatMap { PartialDate(String($0.prefix(10))) }?.lastDay ?? d.lastDay
            if let f = t.from, last < f.firstDay { return nil }
            if let to = t.to, d.firstDay > to.lastDay { return nil }
            if let a = t.asOf, d.firstDay > a.lastDay { return nil }
            Self.resolveDated(&p, at: t.stateDay)
            return p
        case .interval(let startKey, let endKey, let kindKey):
            guard let day = t.stateDay else { return p }
            let start = p[startKey]?.stringValue.flatMap(PartialDate.init)
            let end = p[endKey]?.stringValue.flatMap(PartialDate.init)
            let knownUntil = p["status_known_until"]?.stringValue.flatMap(PartialDate.init)
            func state(at d: PartialDate) -> String? {
                if let s = start, s.firstDay > d.lastDay { return nil }          // not yet open
                // A day-precise end counts from that day; a partial one ("2021-10") only once it is surely past.
                guard let e = end, e.precision == .day ? e.firstDay <= d.firstDay : e.lastDay < d.firstDay else {
                    if start == nil { return nil }                                // opening date unknown: not known open
                    if end == nil, let k = knownUntil, k.lastDay < d.firstDay { return "unknown" }   // sources stop
                    return "open"
                }
                return p[kindKey]?.stringValue ?? "closed"
            }
            guard let now = state(at: day) else { return nil }
            p["state"] = .string(now)
            switch now {
            case "open": p["state_date"] = .null
            case "unknown": p["state_date"] = .string(knownUntil!.description)
            default: p["state_date"] = .string(end!.description)
            }
            let uncertain = end.map { $0.precision != .day && $0.firstDay <= day.lastDay && day.firstDay <= $0.lastDay } ?? false
            p["state_uncertain"] = .bool(uncertain)
            if t.change, let f = t.from {
                let before = state(at: f)
                p["change"] = .string(before == nil ? (start == nil ? now : "opened") : (before == now ? "unchanged" : now))
            }
            Self.resolveDated(&p, at: day)
            return p
        case .yearLevels(let prefix, let years, let firstKey):
            guard let day = t.stateDay else { Self.resolveDated(&p, at: nil); return p }
            func level(in year: Int) -> (JSONValue, Int?) {
                let first = p[firstKey]?.numberValue.map { Int($0) }
                let active = first.map { $0 <= year } ?? false
                // Before the first coded year: present from the first year on, else unknown (not "none").
                guard let y = years.filter({ $0 <= year }).max() else { return (active ? .string("present") : .null, nil) }
                return (p["\(prefix)\(y)"] ?? .null, y)
            }
            let (now, year) = level(in: day.year)
            p["level"] = now
            p["level_year"] = year.map { .number(Double($0)) } ?? .null
            if let last = years.max(), day.year > last { p["level_note"] = .string("levels as coded for \(last)") }
            if t.change, let f = t.from {
                let (before, _) = level(in: f.year)
                let present: (JSONValue) -> Bool? = { v in
                    guard case .string(let s) = v else { return nil }
                    return s != "none"
                }
                // New: first seen after the start date (`firstYear`), or coded none then and present now.
                let first = p[firstKey]?.numberValue.map { Int($0) }
                switch (present(before), present(now)) {
                case (_, true?) where first.map({ $0 > f.year }) ?? false: p["change"] = .string("new")
                case (false?, true?): p["change"] = .string("new")
                case (true?, false?): p["change"] = .string("gone")
                case (let a?, let b?) where a == b: p["change"] = .string("unchanged")
                default: p["change"] = .string("unknown")
                }
            }
            Self.resolveDated(&p, at: day)
            return p
        }
    }
}

extension TemporalKind {
    /// The properties `apply` reads at `t`, besides the `<name>_by_date` of any property (see `resolveDated`):
    /// none when the map has no date or period, for then every feature is kept as it is.
    public func fields(at t: TimeContext) -> Set<String> {
        switch self {
        case .timeless: []
        case .event(let key): t.from == nil && t.to == nil && t.asOf == nil ? [] : [key, key + "_end"]
        case .interval(let start, let end, let kind): t.stateDay == nil ? [] : [start, end, kind, "status_known_until"]
        case .yearLevels(let prefix, let years, let first): t.stateDay == nil ? [] : Set(years.map { "\(prefix)\($0)" }).union([first])
        }
    }
}

extension TemporalKind {
    /// Resolves dated values: a property `<name>_by_date` holding `[{"from": date or null, "to": …, "value": …}]`
    /// (in date order) sets `<name>` to the value in force on `day` (the last one when the map has no date). Group
    /// names follow their lineage this way (`group_name`: the JNIM predecessors before March 2017), and region
    /// names say what an old unit contains after a split (`region_name`: "Gao (incl. Ménaka)" from 2016).
    static func resolveDated(_ p: inout [String: JSONValue], at day: PartialDate?) {
        for (key, value) in p where key.hasSuffix("_by_date") {
            guard case .array(let entries) = value else { continue }
            var chosen: JSONValue?
            for e in entries {
                guard case .object(let o) = e else { continue }
                if let day, let from = o["from"]?.stringValue.flatMap(PartialDate.init), from.firstDay > day.lastDay { continue }
                chosen = o["value"]
            }
            if let chosen { p[String(key.dropLast("_by_date".count))] = chosen }
        }
    }
}
