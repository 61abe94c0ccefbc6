#if canImport(Glibc)
import Glibc
#endif

/// A JSON syntax error with its 1-based line and column.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public var line: Int, column: Int, message: String
}

/// Parses RFC 8259 JSON from UTF-8 bytes into `JSONValue`, reporting line and column on error.
///
/// Written for GeoJSON: about three times faster than `JSONSerialization` on coordinate arrays, and its
/// errors point at the offending character.
package struct JSONParser {
    private let bytes: [UInt8]
    private var i = 0

    package static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try parse(terminated: bytes + [0], streaming: nil) { _, _ in true }.value
    }

    /// Parses bytes that end with one NUL byte (as `InputFile.read` returns them), without copying them.
    ///
    /// With `member`, the elements of that member's array in the top-level object (`features`) are handed to
    /// `element` one at a time, as each is parsed, and the array stays empty in the result, so that a large
    /// collection never exists as one tree. `element` returns false to stop: the parse then throws.
    /// - Returns: The value, and whether the member was an array that was streamed.
    package static func parse(terminated bytes: [UInt8], streaming member: String?,
                              element: (JSONValue, Int) -> Bool) throws(JSONSyntaxError) -> (value: JSONValue, streamed: Bool) {
        precondition(bytes.last == 0, "parse(terminated:) needs a final NUL byte")
        var p = JSONParser(bytes: bytes)
        // A UTF-8 byte-order mark is tolerated.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { p.i = 3 }
        p.skipSpace()
        var streamed = false
        let v: JSONValue
        if let member, p.bytes[p.i] == UInt8(ascii: "{") {
            v = try p.object(depth: 0, streaming: member, streamed: &streamed, element: element)
        } else {
            v = try p.value(depth: 0)
        }
        p.skipSpace()
        if p.i < bytes.count - 1 { throw p.error("expected end of input, found \(p.describeHere())") }
        return (v, streamed)
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var atEnd: Bool { i >= bytes.count - 1 }

    private func error(_ message: String) -> JSONSyntaxError {
        var line = 1, col = 1
        var k = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0   // the byte-order mark is not a column
        while k < i && k < bytes.count - 1 {
            if bytes[k] == 0x0A { line += 1; col = 1 } else if bytes[k] & 0xC0 != 0x80 { col += 1 }
            k += 1
        }
        return JSONSyntaxError(line: line, column: col, message: message)
    }

    private func describeHere() -> String {
        if atEnd { return "end of input" }
        let b = bytes[i]
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16)
    }

    private mutating func skipSpace() {
        while true {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        if depth > 512 { throw error("nesting deeper than 512 levels") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("expected a value, found \(describeHere())")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let start = i
        for k in 0..<word.utf8CodeUnitCount {
            guard bytes[start + k] == word.utf8Start[k] else {
                i = start
                throw error("expected a value, found \(describeHere())")
            }
            if start + k >= bytes.count - 1 { break }
        }
        i = start + word.utf8CodeUnitCount
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        var streamed = false
        return try object(depth: depth, streaming: nil, streamed: &streamed) { _, _ in true }
    }

    private mutating func object(depth: Int, streaming member: String?, streamed: inout Bool,
                                 element: (JSONValue, Int) -> Bool) throws(JSONSyntaxError) -> JSONValue {
        i += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
            skipSpace()
            guard bytes[i] == UInt8(ascii: "\"") else { throw error("expected a member name in quotes, found \(describeHere())") }
            let keyStart = i
            let key = try string()
            if members[key] != nil { i = keyStart; throw error("duplicate member \"\(key)\" in object") }
            skipSpace()
            guard bytes[i] == UInt8(ascii: ":") else { throw error("expected ':' after \"\(key)\", found \(describeHere())") }
            i += 1
            skipSpace()
            if key == member, bytes[i] == UInt8(ascii: "[") {
                try streamArray(depth: depth + 1, element: element)
                members[key] = .array([])
                streamed = true
            } else {
                members[key] = try value(depth: depth + 1)
            }
            skipSpace()
            switch bytes[i] {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "}"): i += 1; return .object(members)
            default: throw error("expected ',' or '}' in object, found \(describeHere())")
            }
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            switch bytes[i] {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "]"): i += 1; return .array(items)
            default: throw error("expected ',' or ']' in array, found \(describeHere())")
            }
        }
    }

    /// An array whose elements go to `element` instead of into a value.
    private mutating func streamArray(depth: Int, element: (JSONValue, Int) -> Bool) throws(JSONSyntaxError) {
        i += 1
        skipSpace()
        if bytes[i] == UInt8(ascii: "]") { i += 1; return }
        var k = 0
        while true {
            skipSpace()
            let start = i
            guard element(try value(depth: depth + 1), k) else { i = start; throw error("stopped") }
            k += 1
            skipSpace()
            switch bytes[i] {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "]"): i += 1; return
            default: throw error("expected ',' or ']' in array, found \(describeHere())")
            }
        }
    }

    private mutating func number() throws(JSONSyntaxError) -> Double {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        func digits(_ i: inout Int, _ bytes: [UInt8]) -> Int {
            let s = i
            while bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9") { i += 1 }
            return i - s
        }
        let intDigits = digits(&i, bytes)
        if intDigits == 0 { throw error("expected a digit, found \(describeHere())") }
        if intDigits > 1 && bytes[start + (bytes[start] == UInt8(ascii: "-") ? 1 : 0)] == UInt8(ascii: "0") {
            i = start; throw error("numbers may not start with a leading zero")
        }
        if bytes[i] == UInt8(ascii: ".") {
            i += 1
            if digits(&i, bytes) == 0 { throw error("expected a digit after '.', found \(describeHere())") }
        }
        if bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            if digits(&i, bytes) == 0 { throw error("expected a digit in exponent, found \(describeHere())") }
        }
        // The grammar is checked above.
        if let fast = Self.exactDecimal(bytes, start..<i) { return fast }
        // strtod converts exactly (the buffer ends with a NUL).
        return bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { strtod($0 + start, nil) }
        }
    }

    /// Powers of ten that a Double holds exactly.
    private static let exactPowersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    /// The value of a number already checked against the grammar, when it is a decimal of at most 15 significant
    /// digits without an exponent (GeoJSON's coordinates: `-16.55721`): its digits as an integer, exact in a Double,
    /// divided by an exact power of ten; IEEE division rounds correctly, so this is the Double strtod returns
    /// (Clinger's fast path), at a fraction of the cost. Nil for anything else, which strtod converts.
    @inline(__always)
    static func exactDecimal(_ bytes: [UInt8], _ range: Range<Int>) -> Double? {
        var k = range.lowerBound
        let negative = bytes[k] == UInt8(ascii: "-")
        if negative { k += 1 }
        var mantissa: UInt64 = 0, digits = 0, fraction = 0, inFraction = false
        while k < range.upperBound {
            let b = bytes[k]
            if b == UInt8(ascii: ".") { inFraction = true; k += 1; continue }
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil }   // an exponent
            if mantissa != 0 || b != UInt8(ascii: "0") { digits += 1 }
            mantissa = mantissa &* 10 &+ UInt64(b &- UInt8(ascii: "0"))
            if inFraction { fraction += 1 }
            k += 1
        }
        guard digits <= 15, fraction <= 22 else { return nil }
        let v = Double(mantissa) / exactPowersOfTen[fraction]
        return negative ? -v : v
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        i += 1
        let start = i
        var plain = true
        while true {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") {
                if i + 1 >= bytes.count - 1 { i = bytes.count - 1; throw error("unterminated string") }
                plain = false
                i += 2
                continue
            }
            if b < 0x20 {
                if atEnd { throw error("unterminated string") }
                throw error("control character in string (escape it)")
            }
            i += 1
        }
        if plain {
            let s = String(decoding: bytes[start..<i], as: UTF8.self)
            i += 1
            return s
        }
        var out: [UInt8] = []
        var k = start
        while k < i {
            let b = bytes[k]
            if b != UInt8(ascii: "\\") { out.append(b); k += 1; continue }
            let e = bytes[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard let u = hex4(k) else { i = k; throw error("expected four hex digits after \\u") }
                k += 4
                var scalar = u
                if (0xD800..<0xDC00).contains(u), bytes[k] == UInt8(ascii: "\\"), bytes[k + 1] == UInt8(ascii: "u"),
                   let lo = hex4(k + 2), (0xDC00..<0xE000).contains(lo) {
                    scalar = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
                    k += 6
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default:
                i = k - 1
                throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))' in string")
            }
        }
        i += 1
        return String(decoding: out, as: UTF8.self)
    }

    private func hex4(_ at: Int) -> UInt32? {
        var v: UInt32 = 0
        for k in at..<(at + 4) {
            guard k < bytes.count - 1, let d = Character(Unicode.Scalar(bytes[k])).hexDigitValue else { return nil }
            v = v << 4 | UInt32(d)
        }
        return v
    }
}
