import Foundation

/// Encodes a value as `JSONEncoder` with `[.prettyPrinted, .sortedKeys]` does, to the byte, without building
/// Foundation's tree of boxed values first: a render report of 100,000 events (95,000 dropped labels, 13 MB)
/// took 400 ms through `JSONEncoder`. `PrettyJSONTests` checks the bytes against `JSONEncoder` on real reports.
enum PrettyJSON {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = Encoder()
        do {
            try value.encode(to: encoder)
        } catch is Unsupported {
            // A value JSONEncoder writes its own way (a URL, Data, a Decimal, a number that is not finite).
            let json = JSONEncoder()
            json.outputFormatting = [.prettyPrinted, .sortedKeys]
            return Array(try json.encode(value))
        }
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(encoder.value ?? .object(Object()), indent: 0, to: &out)
        return out
    }

    /// An object's or an array's members, filled in by its container.
    final class Object {
        var keys: [String] = []
        var values: [Value] = []
    }

    enum Value {
        case string(String), number(String), bool(Bool), null
        case object(Object), array(Object)
        /// A render report's dropped labels, written straight from the list (95,000 of them for 100,000 events were
        /// 95,000 objects of the tree, each with its keys sorted, before a byte was written).
        case droppedLabels([RenderReport.DroppedLabel])
    }

    private struct Unsupported: Error {}

    /// As `JSONEncoder` writes a Double: its shortest text, without a ".0" on whole numbers.
    private static func number(_ d: Double) throws -> Value {
        guard d.isFinite else { throw Unsupported() }
        var s = d.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        return .number(s)
    }

    private static func number(_ f: Float) throws -> Value {
        guard f.isFinite else { throw Unsupported() }
        var s = f.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        return .number(s)
    }

    private static func number<I: BinaryInteger>(_ i: I) -> Value { .number(String(i)) }

    // MARK: Writing

    private static func write(_ v: Value, indent: Int, to out: inout [UInt8]) {
        switch v {
        case .string(let s): string(s, to: &out)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .object(let o):
            let order = o.keys.indices.sorted { o.keys[$0].utf8.lexicographicallyPrecedes(o.keys[$1].utf8) }
            out.append(UInt8(ascii: "{"))
            members(order.count, indent: indent, to: &out) { k, out in
                string(o.keys[order[k]], to: &out)
                out.append(0x20); out.append(0x3A); out.append(0x20)   // " : "
                write(o.values[order[k]], indent: indent + 2, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .array(let a):
            out.append(UInt8(ascii: "["))
            members(a.values.count, indent: indent, to: &out) { k, out in write(a.values[k], indent: indent + 2, to: &out) }
            out.append(UInt8(ascii: "]"))
        case .droppedLabels(let labels):
            // As the tree would write each: an object of its four keys in sorted order.
            out.append(UInt8(ascii: "["))
            members(labels.count, indent: indent, to: &out) { k, out in
                let label = labels[k]
                out.append(UInt8(ascii: "{"))
                members(4, indent: indent + 2, to: &out) { m, out in
                    string(droppedLabelKeys[m], to: &out)
                    out.append(0x20); out.append(0x3A); out.append(0x20)   // " : "
                    switch m {
                    case 0: string(label.layer, to: &out)
                    case 1: out.append(contentsOf: String(label.priority).utf8)
                    case 2: string(label.reason, to: &out)
                    default: string(label.text, to: &out)
                    }
                }
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// One member per line, two spaces deeper; an empty object or array is an empty line.
    private static func members(_ count: Int, indent: Int, to out: inout [UInt8], _ member: (Int, inout [UInt8]) -> Void) {
        out.append(0x0A)
        for k in 0..<count {
            if k > 0 { out.append(0x2C); out.append(0x0A) }
            spaces(indent + 2, to: &out)
            member(k, &out)
        }
        out.append(0x0A)
        spaces(indent, to: &out)
    }

    /// A dropped label's keys, in the order JSONEncoder sorts them.
    private static let droppedLabelKeys = ["layer", "priority", "reason", "text"]

    private static let blank = [UInt8](repeating: 0x20, count: 64)

    /// `n` spaces, copied from a row of them (`repeatElement` appended them one at a time: half of the writing).
    private static func spaces(_ n: Int, to out: inout [UInt8]) {
        var n = n
        blank.withUnsafeBufferPointer { b in
            while n > 0 {
                let k = min(n, b.count)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[0..<k]))
                n -= k
            }
        }
    }

    /// A string in quotes, escaped as JSONEncoder escapes it; the runs between escapes copied whole.
    private static func string(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            var start = 0
            for k in bytes.indices {
                let b = bytes[k]
                guard b < 0x20 || b == 0x22 || b == 0x5C || b == 0x2F else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<k]))
                start = k + 1
                switch b {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x2F: out.append(contentsOf: [0x5C, 0x2F])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                case 0x08: out.append(contentsOf: [0x5C, 0x62])
                case 0x0C: out.append(contentsOf: [0x5C, 0x66])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(0x22)
    }

    // MARK: The Encoder protocol

    private final class Encoder: Swift.Encoder {
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        var value: Value?

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            let object: Object
            if case .object(let o)? = value { object = o } else { object = Object(); value = .object(object) }
            return KeyedEncodingContainer(Keyed<Key>(object: object))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            let array: Object
            if case .array(let a)? = value { array = a } else { array = Object(); value = .array(array) }
            return Unkeyed(array: array)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(encoder: self) }
    }

    /// The JSON value of one encodable value. The type is told by comparing metatypes, not by casting the value:
    /// a failed `as` cast of a struct (a label's box, one of 100,000) asks the runtime about bridging and
    /// conformances, eight times a value. (An optional goes through its own `encode(to:)`, which hands its
    /// wrapped value back here.)
    private static func box<T: Encodable>(_ v: T) throws -> Value {
        if T.self == String.self { return .string(unsafeBitCast(v, to: String.self)) }
        if T.self == Double.self { return try number(unsafeBitCast(v, to: Double.self)) }
        if T.self == Int.self { return number(unsafeBitCast(v, to: Int.self)) }
        if T.self == Bool.self { return .bool(unsafeBitCast(v, to: Bool.self)) }
        if T.self == [RenderReport.DroppedLabel].self { return .droppedLabels(unsafeBitCast(v, to: [RenderReport.DroppedLabel].self)) }
        if T.self == URL.self || T.self == Data.self || T.self == Decimal.self || T.self == Date.self { throw Unsupported() }
        let e = Encoder()
        try v.encode(to: e)
        return e.value ?? .object(Object())
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let object: Object
        var codingPath: [any CodingKey] { [] }

        private func put(_ v: Value, _ key: Key) {
            // A key written twice keeps its last value, as in JSONEncoder.
            if let k = object.keys.firstIndex(of: key.stringValue) { object.values[k] = v; return }
            object.keys.append(key.stringValue)
            object.values.append(v)
        }
        mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
        mutating func encode(_ v: Bool, forKey key: Key) throws { put(.bool(v), key) }
        mutating func encode(_ v: String, forKey key: Key) throws { put(.string(v), key) }
        mutating func encode(_ v: Double, forKey key: Key) throws { put(try PrettyJSON.number(v), key) }
        mutating func encode(_ v: Float, forKey key: Key) throws { put(try PrettyJSON.number(v), key) }
        mutating func encode(_ v: Int, forKey key: Key) throws { put(PrettyJSON.number(v), key) }
        mutating func encode(_ v: Int8, forKey key: Key) throws { put(PrettyJSON.number(v), key) }
        mutating func encode(_ v: Int16, forKey key: Key) throws { put(PrettyJSON.number(v), key) }
        mutating func encode(_ v: Int32, forKey key: Key) throws { put(PrettyJSON.number(v), key) }
        mutating func encode(_ v: Int64, forKey key: Key) throws { put(PrettyJSON.number(v), key) }
        mutating func encode(_ v: UInt, forKey key: Key) throws { put(PrettyJSON.number(v), key) }
        mutating func encode(_ v: UInt8, forKey key: Key) throws { put(PrettyJSON.number(v), key) }
        mutating func encode(_ v: UInt16, forKey key: Key) throws { put(PrettyJSON.number(v), key) }
        mutating func encode(_ v: UInt32, forKey key: Key) throws { put(PrettyJSON.number(v), key) }
        mutating func encode(_ v: UInt64, forKey key: Key) throws { put(PrettyJSON.number(v), key) }
        mutating func encode<T: Encodable>(_ v: T, forKey key: Key) throws { put(try PrettyJSON.box(v), key) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let o = Object()
            put(.object(o), key)
            return KeyedEncodingContainer(Keyed<NestedKey>(object: o))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let a = Object()
            put(.array(a), key)
            return Unkeyed(array: a)
        }
        mutating func superEncoder() -> any Swift.Encoder { superEncoder(forKey: Key(stringValue: "super")!) }
        mutating func superEncoder(forKey key: Key) -> any Swift.Encoder {
            let e = Deferred()
            put(.object(e.object), key)
            return e
        }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let array: Object
        var codingPath: [any CodingKey] { [] }
        var count: Int { array.values.count }

        private func put(_ v: Value) { array.values.append(v) }
        mutating func encodeNil() throws { put(.null) }
        mutating func encode(_ v: Bool) throws { put(.bool(v)) }
        mutating func encode(_ v: String) throws { put(.string(v)) }
        mutating func encode(_ v: Double) throws { put(try PrettyJSON.number(v)) }
        mutating func encode(_ v: Float) throws { put(try PrettyJSON.number(v)) }
        mutating func encode(_ v: Int) throws { put(PrettyJSON.number(v)) }
        mutating func encode(_ v: Int64) throws { put(PrettyJSON.number(v)) }
        mutating func encode(_ v: UInt64) throws { put(PrettyJSON.number(v)) }
        mutating func encode(_ v: Int8) throws { put(PrettyJSON.number(v)) }
        mutating func encode(_ v: Int16) throws { put(PrettyJSON.number(v)) }
        mutating func encode(_ v: Int32) throws { put(PrettyJSON.number(v)) }
        mutating func encode(_ v: UInt) throws { put(PrettyJSON.number(v)) }
        mutating func encode(_ v: UInt8) throws { put(PrettyJSON.number(v)) }
        mutating func encode(_ v: UInt16) throws { put(PrettyJSON.number(v)) }
        mutating func encode(_ v: UInt32) throws { put(PrettyJSON.number(v)) }
        mutating func encode<T: Encodable>(_ v: T) throws { put(try PrettyJSON.box(v)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let o = Object()
            put(.object(o))
            return KeyedEncodingContainer(Keyed<NestedKey>(object: o))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let a = Object()
            put(.array(a))
            return Unkeyed(array: a)
        }
        mutating func superEncoder() -> any Swift.Encoder {
            let e = Deferred()
            put(.object(e.object))
            return e
        }
    }

    private struct Single: SingleValueEncodingContainer {
        let encoder: Encoder
        var codingPath: [any CodingKey] { [] }
        mutating func encodeNil() throws { encoder.value = .null }
        mutating func encode(_ v: Bool) throws { encoder.value = .bool(v) }
        mutating func encode(_ v: String) throws { encoder.value = .string(v) }
        mutating func encode(_ v: Double) throws { encoder.value = try PrettyJSON.number(v) }
        mutating func encode(_ v: Float) throws { encoder.value = try PrettyJSON.number(v) }
        mutating func encode(_ v: Int) throws { encoder.value = PrettyJSON.number(v) }
        mutating func encode(_ v: Int64) throws { encoder.value = PrettyJSON.number(v) }
        mutating func encode(_ v: UInt64) throws { encoder.value = PrettyJSON.number(v) }
        mutating func encode(_ v: Int8) throws { encoder.value = PrettyJSON.number(v) }
        mutating func encode(_ v: Int16) throws { encoder.value = PrettyJSON.number(v) }
        mutating func encode(_ v: Int32) throws { encoder.value = PrettyJSON.number(v) }
        mutating func encode(_ v: UInt) throws { encoder.value = PrettyJSON.number(v) }
        mutating func encode(_ v: UInt8) throws { encoder.value = PrettyJSON.number(v) }
        mutating func encode(_ v: UInt16) throws { encoder.value = PrettyJSON.number(v) }
        mutating func encode(_ v: UInt32) throws { encoder.value = PrettyJSON.number(v) }
        mutating func encode<T: Encodable>(_ v: T) throws { encoder.value = try PrettyJSON.box(v) }
    }

    /// A super encoder: what it is given goes into an object made in advance (the only use: a class's parent).
    private final class Deferred: Swift.Encoder {
        let object = Object()
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Keyed<Key>(object: object))
        }
        func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(array: object) }
        func singleValueContainer() -> any SingleValueEncodingContainer { Single(encoder: Encoder()) }
    }
}
