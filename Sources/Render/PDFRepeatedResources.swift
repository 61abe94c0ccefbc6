import Glibc

/// Removes the repeated entries Cairo 1.16 writes into a PDF's `/XObject` resource dictionaries.
///
/// Cairo's PDF surface adds a Form XObject to the page's resources each time it is painted, without looking whether
/// it is there already, so a map that paints one marker form 10,000 times gets `/XObject << /x6 6 0 R /x6 6 0 R …>>`
/// with 10,000 entries: about 120 KB, keys the PDF standard says must be unique (ISO 32000-1 §7.3.7; `qpdf --check`
/// warns about each, and qpdf takes 0.1 s more to read such a file). Rewriting the whole file with qpdf would cost
/// more than drawing the markers, so this pass edits Cairo's output where it stands: it drops each repeated
/// ` /xN N 0 R` (the first of each name stays) and moves the offsets of the cross-reference table and `startxref` by
/// the bytes removed before them. Streams, and so every drawing operator, are left as Cairo wrote them.
///
/// It touches only what it recognises exactly (Cairo's `   /XObject <<` with entries ` /xN N 0 R`, and a classic
/// `xref` table of 20-byte entries as Cairo 1.16 writes it); on anything else it returns the bytes unchanged.
enum PDFRepeatedResources {
    static func removed(from pdf: [UInt8]) -> [UInt8] {
        let cuts = repeatedEntries(in: pdf)
        guard !cuts.isEmpty, let xref = xrefTable(in: pdf), let first = cuts.first, first.lowerBound > 0,
              cuts.last!.upperBound <= xref.start else { return pdf }
        var prefix = [0]   // prefix[n]: bytes in the first n cuts
        prefix.reserveCapacity(cuts.count + 1)
        for c in cuts { prefix.append(prefix.last! + c.count) }
        // Where a byte at `offset` (never inside a cut: objects start outside dictionaries) moves to.
        func shift(_ offset: Int) -> Int {
            var lo = 0, hi = cuts.count   // the number of cuts ending at or before `offset`
            while lo < hi {
                let mid = (lo + hi) / 2
                if cuts[mid].upperBound <= offset { lo = mid + 1 } else { hi = mid }
            }
            return offset - prefix[lo]
        }

        var out: [UInt8] = []
        out.reserveCapacity(pdf.count - prefix.last!)
        var at = 0
        for c in cuts {
            out.append(contentsOf: pdf[at..<c.lowerBound])
            at = c.upperBound
        }
        out.append(contentsOf: pdf[at..<xref.entries])
        // The table: each entry's ten-digit offset moved, the rest of the entry kept.
        var k = xref.entries
        for _ in 0..<xref.count {
            let entry = pdf[k..<(k + 20)]
            if entry[k + 17] == UInt8(ascii: "n"), let offset = Int(String(decoding: entry.prefix(10), as: UTF8.self)) {
                out.append(contentsOf: digits(shift(offset), width: 10))
                out.append(contentsOf: entry.dropFirst(10))
            } else {
                out.append(contentsOf: entry)
            }
            k += 20
        }
        out.append(contentsOf: pdf[k..<xref.startxrefValue.lowerBound])
        out.append(contentsOf: Array(String(shift(xref.start)).utf8))
        out.append(contentsOf: pdf[xref.startxrefValue.upperBound...])
        return out
    }

    /// The byte ranges of the repeated ` /xN N 0 R` entries in every `   /XObject << … >>`, in order.
    static func repeatedEntries(in pdf: [UInt8]) -> [Range<Int>] {
        let marker = Array("   /XObject <<".utf8)
        var cuts: [Range<Int>] = []
        var i = 0
        while let found = find(marker, in: pdf, from: i) {
            i = found + marker.count
            var seen = Set<Int>(), local: [Range<Int>] = []
            var k = i
            // Entries: " /x" digits " " digits " 0 R"; the dictionary ends with " >>".
            while true {
                guard let (name, end) = entry(pdf, at: k) else { break }
                if !seen.insert(name).inserted { local.append(k..<end) }
                k = end
            }
            guard k + 3 <= pdf.count, pdf[k] == UInt8(ascii: " "), pdf[k + 1] == UInt8(ascii: ">"), pdf[k + 2] == UInt8(ascii: ">")
            else { continue }   // not Cairo's list as expected: leave this one alone
            cuts += local
            i = k
        }
        return cuts
    }

    /// One ` /xN N 0 R` at `k`: N and where the entry ends.
    private static func entry(_ b: [UInt8], at k: Int) -> (Int, Int)? {
        var j = k
        func expect(_ s: String) -> Bool {
            for c in s.utf8 { guard j < b.count, b[j] == c else { return false }; j += 1 }
            return true
        }
        func number() -> Int? {
            var v = 0, n = 0
            while j < b.count, b[j] >= 48, b[j] <= 57, n < 10 { v = v * 10 + Int(b[j] - 48); j += 1; n += 1 }
            return n > 0 ? v : nil
        }
        guard expect(" /x"), let name = number(), expect(" "), let id = number(), id == name, expect(" 0 R") else { return nil }
        return (name, j)
    }

    /// Cairo's classic cross-reference table: where `xref` starts, where its entries start and how many there are,
    /// and the digits after `startxref`.
    private static func xrefTable(in b: [UInt8]) -> (start: Int, entries: Int, count: Int, startxrefValue: Range<Int>)? {
        let key = Array("startxref\n".utf8)
        guard let s = findLast(key, in: b) else { return nil }
        var j = s + key.count
        let digitsStart = j
        var start = 0
        while j < b.count, b[j] >= 48, b[j] <= 57 { start = start * 10 + Int(b[j] - 48); j += 1 }
        guard j > digitsStart, start < s, b[start...].starts(with: Array("xref\n0 ".utf8)) else { return nil }
        var k = start + 7, count = 0
        while k < b.count, b[k] >= 48, b[k] <= 57 { count = count * 10 + Int(b[k] - 48); k += 1 }
        guard k < b.count, b[k] == UInt8(ascii: "\n"), k + 1 + 20 * count <= s else { return nil }
        let entries = k + 1
        // Only one subsection, entries of 20 bytes each, then the trailer.
        guard b[(entries + 20 * count)...].starts(with: Array("trailer".utf8)) else { return nil }
        return (start, entries, count, digitsStart..<j)
    }

    private static func digits(_ v: Int, width: Int) -> [UInt8] {
        let s = String(v)
        return Array((String(repeating: "0", count: max(0, width - s.count)) + s).utf8)
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard from < hay.count else { return nil }
        return hay.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in
                // memchr for the first byte, memcmp for the rest (memmem is not in Swift's Glibc module).
                var at = from
                while at + n.count <= h.count, let p = memchr(h.baseAddress! + at, Int32(n[0]), h.count - at - n.count + 1) {
                    let i = UnsafeRawPointer(p) - h.baseAddress!
                    if memcmp(p, n.baseAddress!, n.count) == 0 { return i }
                    at = i + 1
                }
                return nil
            }
        }
    }

    private static func findLast(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        var i = hay.count - needle.count
        while i >= 0 {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }
}
