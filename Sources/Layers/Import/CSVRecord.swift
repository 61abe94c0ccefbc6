/// One CSV record as the scanner hands it over: field bytes, unquoted and unescaped, back to back.
///
/// A view into the scanner's buffers, valid only inside the callback that receives it: copy what you keep.
package struct CSVRecord {
    /// Every field's bytes, concatenated.
    package let bytes: UnsafeBufferPointer<UInt8>
    /// The end offset in `bytes` of each field.
    package let ends: UnsafeBufferPointer<Int>
    /// The 1-based physical line on which the record starts (a quoted field with line breaks spans several).
    package let line: Int
    /// Set when the record broke RFC 4180 (text after a closing quote, a quote never closed).
    package let problem: String?

    /// How many fields the record has.
    package var count: Int { ends.count }

    /// The bytes of field `i` (0-based).
    @inline(__always)
    package func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let start = i == 0 ? 0 : ends[i - 1]
        return UnsafeBufferPointer(rebasing: bytes[start..<ends[i]])
    }

    /// Field `i` as a string (invalid UTF-8 is repaired with U+FFFD).
    @inline(__always)
    package func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

    /// Field `i` with leading and trailing spaces and tabs removed.
    @inline(__always)
    package func trimmed(_ i: Int) -> UnsafeBufferPointer<UInt8> { field(i).trimmingBlanks() }
}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes without leading and trailing spaces and tabs.
    @inline(__always)
    package func trimmingBlanks() -> UnsafeBufferPointer<UInt8> {
        var lo = startIndex, hi = endIndex
        while lo < hi, self[lo] == 0x20 || self[lo] == 0x09 { lo += 1 }
        while hi > lo, self[hi - 1] == 0x20 || self[hi - 1] == 0x09 { hi -= 1 }
        return UnsafeBufferPointer(rebasing: self[lo..<hi])
    }
}
