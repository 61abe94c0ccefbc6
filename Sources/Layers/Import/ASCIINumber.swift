/// Decimal numbers read straight from CSV bytes, without building a `String` first.
package enum ASCIINumber {
    private static let powers: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { p, _ in p * 10 } }

    /// A decimal like `-3.51594`, `14`, `+0.5` or `1e-3` (blanks around it allowed); nil for anything else,
    /// including empty text, `nan` and `inf`. Up to 15 significant digits are converted with one exact division,
    /// which rounds correctly; longer numbers go through the standard library.
    package static func double(_ raw: UnsafeBufferPointer<UInt8>) -> Double? {
        let b = raw.trimmingBlanks()
        guard !b.isEmpty else { return nil }
        var k = 0
        var negative = false
        if b[0] == 0x2D || b[0] == 0x2B { negative = b[0] == 0x2D; k = 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0, sawDigit = false
        while k < b.count, (b[k] &- 0x30) < 10 {
            if digits < 18 { mantissa = mantissa * 10 + UInt64(b[k] &- 0x30); if mantissa > 0 { digits += 1 } } else { return slow(b) }
            sawDigit = true
            k += 1
        }
        if k < b.count, b[k] == 0x2E {
            k += 1
            while k < b.count, (b[k] &- 0x30) < 10 {
                if digits < 18 { mantissa = mantissa * 10 + UInt64(b[k] &- 0x30); if mantissa > 0 { digits += 1 } } else { return slow(b) }
                fraction += 1
                sawDigit = true
                k += 1
            }
        }
        guard sawDigit else { return nil }
        if k < b.count {
            guard b[k] | 0x20 == 0x65 else { return nil }   // only an exponent may follow
            return slow(b)
        }
        guard digits <= 15, fraction < powers.count else { return slow(b) }
        let v = fraction == 0 ? Double(mantissa) : Double(mantissa) / powers[fraction]
        return negative ? -v : v
    }

    private static func slow(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let v = Double(String(decoding: b, as: UTF8.self)), v.isFinite else { return nil }
        return v
    }

    /// A whole number like `12` or `-3` (blanks around it allowed), also written `12.0`; nil otherwise.
    package static func integer(_ raw: UnsafeBufferPointer<UInt8>) -> Int? {
        let b = raw.trimmingBlanks()
        guard !b.isEmpty else { return nil }
        var k = 0, negative = false
        if b[0] == 0x2D || b[0] == 0x2B { negative = b[0] == 0x2D; k = 1 }
        guard k < b.count, b.count - k <= 18 else { return nil }
        var v = 0
        while k < b.count, (b[k] &- 0x30) < 10 { v = v * 10 + Int(b[k] &- 0x30); k += 1 }
        if k < b.count {
            // "12.0" and "12." as written by spreadsheets; nothing but zeros after the point.
            guard b[k] == 0x2E, k > (negative || b[0] == 0x2B ? 1 : 0) else { return nil }
            k += 1
            while k < b.count, b[k] == 0x30 { k += 1 }
            guard k == b.count else { return nil }
        } else if k == (b[0] == 0x2D || b[0] == 0x2B ? 1 : 0) {
            return nil
        }
        return negative ? -v : v
    }
}
