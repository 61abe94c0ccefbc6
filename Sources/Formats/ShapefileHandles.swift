internal import CShapelib
import Foundation

/// shapelib's I/O hooks with its error printer silenced: failures are reported by our own messages.
private func quietHooks() -> SAHooks {
    var hooks = SAHooks()
    SASetupDefaultHooks(&hooks)
    hooks.Error = { _ in }
    return hooks
}

/// The `.shp` + `.shx` of a Shapefile: the sole owner of its `SHPHandle`.
final class ShapeFile {
    private let handle: SHPHandle
    let count: Int
    let shapeType: Int32
    let boundsMin: (Double, Double), boundsMax: (Double, Double)

    /// nil when shapelib cannot open the pair (a missing or corrupt `.shx`, a corrupt header).
    init?(path: String) {
        var hooks = quietHooks()
        guard let h = SHPOpenLL(path, "rb", &hooks) else { return nil }   // NULL on failure
        handle = h
        var n: Int32 = 0, type: Int32 = 0
        var lo = [Double](repeating: 0, count: 4), hi = [Double](repeating: 0, count: 4)
        SHPGetInfo(h, &n, &type, &lo, &hi)
        count = Int(n)
        shapeType = type
        boundsMin = (lo[0], lo[1]); boundsMax = (hi[0], hi[1])
    }

    deinit { SHPClose(handle) }

    /// One shape as parts of (x, y) positions, with its type; nil when shapelib cannot read the record.
    func shape(_ k: Int) -> (type: Int32, parts: [[(Double, Double)]])? {
        guard let o = SHPReadObject(handle, Int32(k)) else { return nil }   // NULL on a corrupt record
        defer { SHPDestroyObject(o) }
        let obj = o.pointee
        let n = Int(obj.nVertices)
        guard obj.nSHPType != SHPT_NULL, n > 0 else { return (SHPT_NULL, []) }
        let starts: [Int] = obj.nParts > 0 ? (0..<Int(obj.nParts)).map { Int(obj.panPartStart[$0]) } : [0]
        var parts: [[(Double, Double)]] = []
        parts.reserveCapacity(starts.count)
        for (i, s) in starts.enumerated() {
            let e = i + 1 < starts.count ? starts[i + 1] : n
            guard s >= 0, s <= e, e <= n else { return nil }
            parts.append((s..<e).map { (obj.padfX[$0], obj.padfY[$0]) })
        }
        return (obj.nSHPType, parts)
    }

    /// The Shapefile spec's shape type names.
    static func typeName(_ t: Int32) -> String {
        switch t {
        case SHPT_POINT: "Point"; case SHPT_ARC: "PolyLine"; case SHPT_POLYGON: "Polygon"; case SHPT_MULTIPOINT: "MultiPoint"
        case SHPT_POINTZ: "PointZ"; case SHPT_ARCZ: "PolyLineZ"; case SHPT_POLYGONZ: "PolygonZ"; case SHPT_MULTIPOINTZ: "MultiPointZ"
        case SHPT_POINTM: "PointM"; case SHPT_ARCM: "PolyLineM"; case SHPT_POLYGONM: "PolygonM"; case SHPT_MULTIPOINTM: "MultiPointM"
        case SHPT_MULTIPATCH: "MultiPatch"; case SHPT_NULL: "Null"
        default: "type \(t)"
        }
    }

    enum Kind { case point, line, polygon, unsupported }
    static func kind(_ t: Int32) -> Kind {
        switch t {
        case SHPT_POINT, SHPT_POINTZ, SHPT_POINTM, SHPT_MULTIPOINT, SHPT_MULTIPOINTZ, SHPT_MULTIPOINTM: .point
        case SHPT_ARC, SHPT_ARCZ, SHPT_ARCM: .line
        case SHPT_POLYGON, SHPT_POLYGONZ, SHPT_POLYGONM: .polygon
        default: .unsupported
        }
    }
}

/// The `.dbf` attribute table: the sole owner of its `DBFHandle`.
final class DBFTable {
    private let handle: DBFHandle
    let recordCount: Int
    let fields: [(name: String, type: Character, width: Int, decimals: Int)]
    /// What the file declares: the `.cpg` text (shapelib reads it) or `LDID/<n>` from the header; nil for neither.
    let declaredCodePage: String?

    init?(path: String) {
        var hooks = quietHooks()
        guard let h = DBFOpenLL(path, "rb", &hooks) else { return nil }   // NULL when missing or corrupt
        handle = h
        recordCount = Int(DBFGetRecordCount(h))
        var fields: [(String, Character, Int, Int)] = []
        for k in 0..<DBFGetFieldCount(h) {
            var name = [CChar](repeating: 0, count: 12)
            var width: Int32 = 0, decimals: Int32 = 0
            _ = DBFGetFieldInfo(h, k, &name, &width, &decimals)
            let type = Character(Unicode.Scalar(UInt8(bitPattern: DBFGetNativeFieldType(h, k))))
            fields.append((String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), type, Int(width), Int(decimals)))
        }
        self.fields = fields
        declaredCodePage = DBFGetCodePage(h).map { String(cString: $0) }   // owned by the handle
    }

    deinit { DBFClose(handle) }

    func isNull(_ record: Int, _ field: Int) -> Bool { DBFIsAttributeNULL(handle, Int32(record), Int32(field)) != 0 }
    func double(_ record: Int, _ field: Int) -> Double { DBFReadDoubleAttribute(handle, Int32(record), Int32(field)) }

    /// The raw bytes of a text attribute, trailing blanks removed, handed to `body`.
    func withText<R>(_ record: Int, _ field: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let p = DBFReadStringAttribute(handle, Int32(record), Int32(field)) else {   // valid until the next read
            return [UInt8]().withUnsafeBufferPointer(body)
        }
        var n = strlen(p)
        while n > 0, p[n - 1] == 0x20 { n -= 1 }
        return p.withMemoryRebound(to: UInt8.self, capacity: n) { body(UnsafeBufferPointer(start: $0, count: n)) }
    }
}
