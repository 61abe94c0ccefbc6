/// The one way SahelMap writes a date on a map: "13 November 2021" for a day, "October 2021" for a month, "2013"
/// for a year, whatever the precision the source gives. The date line, legend, labels and callouts (`{date|date}`),
/// the sources line and the alt text all write dates through it.
package enum DateWords {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    /// "13 November 2021", "October 2021" (no day), "2013" (no month).
    package static func words(year: Int, month: Int? = nil, day: Int? = nil) -> String {
        guard let m = month, (1...12).contains(m) else { return "\(year)" }
        guard let day else { return "\(months[m - 1]) \(year)" }
        return "\(day) \(months[m - 1]) \(year)"
    }

    /// An ISO date of any precision ("2021-11-13", "2021-10", "2013", or a timestamp starting with one) in words;
    /// anything else unchanged.
    package static func words(iso: String) -> String {
        let head = iso.prefix(10)
        let p = head.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = p.first, first.count == 4, let y = Int(first) else { return iso }
        guard p.count >= 2 else { return head.count == 4 ? "\(y)" : iso }
        guard p[1].count == 2, let m = Int(p[1]), (1...12).contains(m) else { return iso }
        guard p.count >= 3 else { return words(year: y, month: m) }
        guard p[2].count == 2, let d = Int(p[2]), (1...31).contains(d) else { return iso }
        return words(year: y, month: m, day: d)
    }
}
