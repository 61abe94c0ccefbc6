/// Levenshtein distance, for the closest names to a typo.
enum EditDistance {
    /// The number of single-character insertions, deletions and substitutions from `a` to `b`, or nil when it is
    /// more than `budget` (rows stop early once every cell exceeds it).
    static func within<T: Equatable>(_ budget: Int, _ a: [T], _ b: [T]) -> Int? {
        guard abs(a.count - b.count) <= budget else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var row = Array(0...b.count), next = row
        for i in 1...a.count {
            next[0] = i
            var smallest = i
            for j in 1...b.count {
                next[j] = min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                smallest = min(smallest, next[j])
            }
            if smallest > budget { return nil }
            swap(&row, &next)
        }
        return row[b.count] <= budget ? row[b.count] : nil
    }
}
