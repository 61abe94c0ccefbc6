import Foundation
import Geometry
import Testing

/// Hand-assembled ISO WKB, little- and big-endian, to exact values.
struct WKBTests {
    /// Little- or big-endian WKB writer for the tests.
    struct Writer {
        var little: Bool
        var bytes: [UInt8] = []
        mutating func header(_ type: UInt32) {
            bytes.append(little ? 1 : 0)
            u32(type)
        }
        mutating func u32(_ v: UInt32) { withUnsafeBytes(of: little ? v.littleEndian : v.bigEndian) { bytes += $0 } }
        mutating func f64(_ v: Double) { withUnsafeBytes(of: little ? v.bitPattern.littleEndian : v.bitPattern.bigEndian) { bytes += $0 } }
        mutating func positions(_ ps: [[Double]]) { u32(UInt32(ps.count)); for p in ps { p.forEach { f64($0) } } }
    }

    let gao = GeoPoint(longitude: -0.0442, latitude: 16.2666)

    @Test(arguments: [true, false]) func pointInBothByteOrders(little: Bool) throws {
        var w = Writer(little: little)
        w.header(1); w.f64(-0.0442); w.f64(16.2666)
        #expect(try WKB.decode(w.bytes) == .point(gao))
    }

    @Test func pointZMDropsZAndM() throws {
        var w = Writer(little: true)
        w.header(3001); w.f64(-0.0442); w.f64(16.2666); w.f64(250); w.f64(7)
        #expect(try WKB.decode(w.bytes) == .point(gao))
        var z = Writer(little: false)
        z.header(1002); z.positions([[1, 2, 3], [4, 5, 6]])
        #expect(try WKB.decode(z.bytes) == .lineString([GeoPoint(longitude: 1, latitude: 2), GeoPoint(longitude: 4, latitude: 5)]))
        var m = Writer(little: true)
        m.header(2002); m.positions([[1, 2, 9], [4, 5, 9]])
        #expect(try WKB.decode(m.bytes) == .lineString([GeoPoint(longitude: 1, latitude: 2), GeoPoint(longitude: 4, latitude: 5)]))
    }

    @Test func polygonWithHoleAndMultiPolygonMixingByteOrders() throws {
        let shell: [[Double]] = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
        let hole: [[Double]] = [[2, 2], [2, 4], [4, 4], [2, 2]]
        var w = Writer(little: true)
        w.header(6); w.u32(2)
        var a = Writer(little: false); a.header(3); a.u32(2); a.positions(shell); a.positions(hole)
        var b = Writer(little: true); b.header(3); b.u32(1); b.positions(shell)
        w.bytes += a.bytes + b.bytes
        let g = try #require(try WKB.decode(w.bytes))
        let pts = { (ps: [[Double]]) in ps.map { GeoPoint(longitude: $0[0], latitude: $0[1]) } }
        #expect(g == .multiPolygon([[pts(shell), pts(hole)], [pts(shell)]]))
    }

    @Test func geometryCollectionAndMultiPoint() throws {
        var w = Writer(little: true)
        w.header(7); w.u32(2)
        var p = Writer(little: true); p.header(1); p.f64(1); p.f64(2)
        var mp = Writer(little: false); mp.header(4); mp.u32(2)
        var q1 = Writer(little: false); q1.header(1); q1.f64(3); q1.f64(4)
        var q2 = Writer(little: true); q2.header(1); q2.f64(5); q2.f64(6)
        w.bytes += p.bytes + mp.bytes + q1.bytes + q2.bytes
        #expect(try WKB.decode(w.bytes) == .geometryCollection([
            .point(GeoPoint(longitude: 1, latitude: 2)),
            .multiPoint([GeoPoint(longitude: 3, latitude: 4), GeoPoint(longitude: 5, latitude: 6)]),
        ]))
    }

    @Test func emptyPointIsNil() throws {
        var w = Writer(little: true)
        w.header(1); w.f64(.nan); w.f64(.nan)
        #expect(try WKB.decode(w.bytes) == nil)
    }

    @Test func errorsSayWhatAndWhere() {
        var w = Writer(little: true)
        w.header(2); w.positions([[1, 2], [3, 4]])
        #expect(throws: WKBError(offset: 5, message: "truncated: 2 positions cannot fit in the 31 byte(s) left")) {
            try WKB.decode(Array(w.bytes.dropLast()))
        }
        var c = Writer(little: true)
        c.header(8)
        #expect(throws: WKBError(offset: 1, message: "unsupported geometry CircularString (type 8)")) { try WKB.decode(c.bytes) }
        #expect(throws: WKBError(offset: 0, message: "expected a byte-order mark 0 or 1, found 7")) { try WKB.decode([7, 1, 0, 0, 0]) }
        var t = Writer(little: true)
        t.header(1); t.f64(1); t.f64(2)
        #expect(throws: WKBError(offset: 21, message: "2 byte(s) after the geometry")) { try WKB.decode(t.bytes + [0, 0]) }
        var m = Writer(little: true)
        m.header(6); m.u32(1)
        var l = Writer(little: true); l.header(2); l.positions([[1, 2], [3, 4]])
        #expect(throws: WKBError(offset: 9, message: "member #0 of a MultiPolygon is a LineString")) { try WKB.decode(m.bytes + l.bytes) }
    }

    @Test func lonLatConversionFromUTM31N() throws {
        // On the central meridian (3° E) at the equator, UTM zone 31N is easting 500 000 m, northing 0: exactly.
        let c = try LonLatConversion(from: "EPSG:32631")
        let out = try #require(c.convert([GeoPoint(longitude: 500_000, latitude: 0)]))
        #expect(abs(out[0].longitude - 3) < 1e-9 && abs(out[0].latitude) < 1e-9)
        #expect(c.sourceName == "WGS 84 / UTM zone 31N")
        #expect(throws: ProjectionError.self) { try LonLatConversion(from: "EPSG:999999") }
    }
}
