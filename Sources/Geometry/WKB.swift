/// Why a WKB geometry could not be decoded: what was wrong and at which byte.
public struct WKBError: Error, Equatable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var message: String
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }
    public var description: String { "WKB byte \(offset): \(message)" }
}

/// Decodes ISO well-known binary (ISO/IEC 13249-3, OGC 06-103r4) into a `Geometry`: points, line strings,
/// polygons, their multi forms and geometry collections; 2D, Z, M and ZM (type codes 1–7, 1001–1007,
/// 2001–2007, 3001–3007, and the EWKB high-bit flags); either byte order, per geometry. Z and M are dropped.
///
/// Shared by every binary format (GeoPackage now; FlatGeobuf or GeoParquet later). Positions come out as read
/// (x as longitude, y as latitude): a reader in a projected CRS converts them afterwards. Curves (types 8–17)
/// and triangles/TINs are refused with their type name. An empty point (NaN coordinates) decodes to nil.
public enum WKB {
    /// Decodes one geometry, which must use all the bytes.
    /// - Throws: `WKBError` with the byte offset for a truncated blob, an unknown type or trailing bytes.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(WKBError) -> Geometry? {
        var c = Cursor(bytes: bytes)
        let g = try c.geometry(depth: 0)
        guard c.offset == bytes.count else {
            throw WKBError(offset: c.offset, message: "\(bytes.count - c.offset) byte(s) after the geometry")
        }
        return g
    }

    /// Decodes one geometry from an array.
    public static func decode(_ bytes: [UInt8]) throws(WKBError) -> Geometry? {
        do {
            return try bytes.withUnsafeBytes { raw in try decode(raw) }
        } catch let e as WKBError {
            throw e
        } catch {
            throw WKBError(offset: 0, message: "\(error)")
        }
    }

    static let curveNames = [8: "CircularString", 9: "CompoundCurve", 10: "CurvePolygon", 11: "MultiCurve",
                             12: "MultiSurface", 13: "Curve", 14: "Surface", 15: "PolyhedralSurface", 16: "TIN",
                             17: "Triangle"]
}

private struct Cursor {
    let bytes: UnsafeRawBufferPointer
    var offset = 0
    var little = true
    /// Doubles per position: 2, 3 (Z or M) or 4 (ZM).
    var dimensions = 2

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    func fail(_ message: String) -> WKBError { WKBError(offset: offset, message: message) }

    mutating func need(_ n: Int, _ what: String) throws(WKBError) {
        guard n >= 0, bytes.count - offset >= n else {
            throw fail("truncated: \(what) needs \(n) byte(s), \(bytes.count - offset) left")
        }
    }

    mutating func uint32() throws(WKBError) -> UInt32 {
        try need(4, "a count or type")
        let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        offset += 4
        return little ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw)
    }

    /// A count of items, each at least `minimumBytes` long, that must fit in what is left.
    mutating func count(_ what: String, minimumBytes: Int) throws(WKBError) -> Int {
        let start = offset
        let n = Int(try uint32())
        guard n <= (bytes.count - offset) / max(1, minimumBytes) else {
            throw WKBError(offset: start, message: "truncated: \(n) \(what) cannot fit in the \(bytes.count - offset) byte(s) left")
        }
        return n
    }

    mutating func positions(_ n: Int) throws(WKBError) -> [GeoPoint] {
        let stride = 8 * dimensions
        try need(n * stride, "\(n) position(s)")
        var out = [GeoPoint]()
        out.reserveCapacity(n)
        var at = offset
        for _ in 0..<n {
            var x = bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)
            var y = bytes.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self)
            if little { x = UInt64(littleEndian: x); y = UInt64(littleEndian: y) } else { x = UInt64(bigEndian: x); y = UInt64(bigEndian: y) }
            out.append(GeoPoint(longitude: Double(bitPattern: x), latitude: Double(bitPattern: y)))
            at += stride
        }
        offset = at
        return out
    }

    mutating func ring() throws(WKBError) -> [GeoPoint] {
        try positions(try count("positions", minimumBytes: 8 * dimensions))
    }

    /// One geometry with its own byte-order mark and type.
    mutating func geometry(depth: Int) throws(WKBError) -> Geometry? {
        guard depth < 32 else { throw fail("geometry collections nested more than 32 deep") }
        try need(5, "a geometry header")
        let order = bytes[offset]
        guard order <= 1 else { throw fail("expected a byte-order mark 0 or 1, found \(order)") }
        little = order == 1
        offset += 1
        let typeAt = offset
        var code = try uint32()
        // EWKB (PostGIS) flags, accepted so that a blob from PostGIS decodes too; an SRID is skipped.
        var dims = 2
        if code & 0x8000_0000 != 0 { dims += 1 }
        if code & 0x4000_0000 != 0 { dims += 1 }
        if code & 0x2000_0000 != 0 { _ = try uint32() }
        code &= 0x0FFF_FFFF
        let base = Int(code % 1000), iso = Int(code / 1000)
        guard iso <= 3 else { throw WKBError(offset: typeAt, message: "unknown geometry type code \(code)") }
        dims += iso == 0 ? 0 : iso == 3 ? 2 : 1
        dimensions = dims
        switch base {
        case 1:
            let p = try positions(1)[0]
            return p.longitude.isNaN && p.latitude.isNaN ? nil : .point(p)
        case 2: return .lineString(try ring())
        case 3:
            let n = try count("rings", minimumBytes: 4)
            var rings: [[GeoPoint]] = []
            rings.reserveCapacity(n)
            for _ in 0..<n { rings.append(try ring()) }
            return .polygon(rings)
        case 4, 5, 6, 7:
            let n = try count("member geometries", minimumBytes: 9)
            var members: [Geometry] = []
            members.reserveCapacity(n)
            for k in 0..<n {
                let memberAt = offset
                let g = try geometry(depth: depth + 1)
                guard let g else { continue }   // an empty point inside a multipoint
                if base != 7 {
                    let want = base == 4 ? "Point" : base == 5 ? "LineString" : "Polygon"
                    guard g.typeName == want else {
                        throw WKBError(offset: memberAt, message: "member #\(k) of a Multi\(want) is a \(g.typeName)")
                    }
                }
                members.append(g)
            }
            switch base {
            case 4: return .multiPoint(members.flatMap(\.points))
            case 5: return .multiLineString(members.flatMap(\.lines))
            case 6: return .multiPolygon(members.flatMap(\.polygons))
            default: return .geometryCollection(members)
            }
        default:
            let name = WKB.curveNames[base].map { "\($0) (type \(code))" } ?? "type \(code)"
            throw WKBError(offset: typeAt, message: "\(WKB.curveNames[base] == nil ? "unknown" : "unsupported") geometry \(name)")
        }
    }
}

extension Geometry {
    /// The same geometry with every position converted by `convert` (one call per ring or point list, so a PROJ
    /// conversion can run as one batch); nil when `convert` fails for any list.
    public func mappingPositions(_ convert: ([GeoPoint]) -> [GeoPoint]?) -> Geometry? {
        switch self {
        case .point(let p): return convert([p]).flatMap(\.first).map(Geometry.point)
        case .multiPoint(let ps): return convert(ps).map(Geometry.multiPoint)
        case .lineString(let ps): return convert(ps).map(Geometry.lineString)
        case .multiLineString(let ls):
            let out = ls.compactMap(convert)
            return out.count == ls.count ? .multiLineString(out) : nil
        case .polygon(let rs):
            let out = rs.compactMap(convert)
            return out.count == rs.count ? .polygon(out) : nil
        case .multiPolygon(let ps):
            var out: [[[GeoPoint]]] = []
            for p in ps {
                let rs = p.compactMap(convert)
                guard rs.count == p.count else { return nil }
                out.append(rs)
            }
            return .multiPolygon(out)
        case .geometryCollection(let gs):
            let out = gs.compactMap { $0.mappingPositions(convert) }
            return out.count == gs.count ? .geometryCollection(out) : nil
        }
    }
}
