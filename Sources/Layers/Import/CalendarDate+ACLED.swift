extension CalendarDate {
    /// Parses an `event_date` as ACLED exports have written it:
    /// - `2021-06-05`, ISO 8601: exports since 2023 (and the API).
    /// - `05 June 2021` or `5 Jun 2021`: the older export tool (`%d %B %Y`).
    /// - `05-Jun-21` or `05-Jun-2021`: older CSV files and spreadsheet re-saves (`%d-%b-%y`). A two-digit year
    ///   `97`–`99` is 1997–1999 (ACLED's earliest data are from 1997) and `00`–`96` is 2000–2096.
    /// - `05/06/2021`: day first, ACLED's former "dd-mm-yyyy (UK style)" convention; never month first.
    ///
    /// Sources for the older forms: ACLED's own FAQ as quoted in danielkingori/phoenix
    /// `phoenix/scrape/acled_event.py` ("The data use a dd-mm-yyyy format (UK style)… dd-mmmm-yyyy"), which parses
    /// real downloads with `%d %B %Y` and, in an earlier version, `%d-%b-%y`.
    /// - Returns: nil for anything else, and for impossible dates (`2021-13-45`, `29 February 2021`).
    package static func parseACLED(_ raw: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        let b = raw.trimmingBlanks()
        if b.count == 10, b[4] == 0x2D { return parseISO(b) }
        // Day first: 1 or 2 digits, then a separator.
        var k = b.startIndex
        while k < b.endIndex, k - b.startIndex < 2, (b[k] &- 0x30) < 10 { k += 1 }
        guard k > b.startIndex, k < b.endIndex, let day = digits(b, b.startIndex, k - b.startIndex) else { return nil }
        let sep = b[k]
        let rest = UnsafeBufferPointer(rebasing: b[(k + 1)...])
        switch sep {
        case 0x20, 0x2D:   // "05 June 2021", "05-Jun-21"
            guard let space = rest.firstIndex(of: sep), space > rest.startIndex,
                  let month = monthNumber(UnsafeBufferPointer(rebasing: rest[rest.startIndex..<space])) else { return nil }
            let yb = UnsafeBufferPointer(rebasing: rest[(space + 1)...])
            guard let year = year(yb, allowTwoDigits: sep == 0x2D) else { return nil }
            return CalendarDate(year: year, month: month, day: day)
        case 0x2F:   // "05/06/2021"
            guard let slash = rest.firstIndex(of: 0x2F), (1...2).contains(slash - rest.startIndex),
                  let month = digits(rest, rest.startIndex, slash - rest.startIndex),
                  let year = year(UnsafeBufferPointer(rebasing: rest[(slash + 1)...]), allowTwoDigits: false)
            else { return nil }
            return CalendarDate(year: year, month: month, day: day)
        default:
            return nil
        }
    }

    private static func year(_ b: UnsafeBufferPointer<UInt8>, allowTwoDigits: Bool) -> Int? {
        if b.count == 4 { return digits(b, 0, 4) }
        if b.count == 2, allowTwoDigits, let y = digits(b, 0, 2) { return y >= 97 ? 1900 + y : 2000 + y }
        return nil
    }

    private static let months = ["january", "february", "march", "april", "may", "june", "july", "august",
                                 "september", "october", "november", "december"].map { Array($0.utf8) }

    /// A month name, full or abbreviated to at least three letters ("Jun", "June", "Sept"), any case.
    private static func monthNumber(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard b.count >= 3 else { return nil }
        for (m, name) in months.enumerated() where b.count <= name.count {
            var ok = true
            for k in 0..<b.count where (b[k] | 0x20) != name[k] { ok = false; break }
            if ok { return m + 1 }
        }
        return nil
    }
}
