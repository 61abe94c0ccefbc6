import Foundation
import Testing
@testable import Geometry

/// One line of `Fixtures/projections.tsv`: a place and its coordinates as computed by PROJ's `cs2cs`.
struct ProjectedPlace: Sendable, CustomTestStringConvertible {
    var crs: String, place: String, longitude: Double, latitude: Double, x: Double, y: Double
    var testDescription: String { "\(place) in \(crs)" }

    /// Reads the fixture; the tests never run `cs2cs` themselves.
    static func load() -> [ProjectedPlace] {
        guard let text = try? String(contentsOfFile: Fixture.path("projections.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst(0).compactMap { line -> ProjectedPlace? in
            if line.hasPrefix("#") || line.hasPrefix("crs\t") { return nil }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6, let lon = Double(f[2]), let lat = Double(f[3]), let x = Double(f[4]), let y = Double(f[5])
            else { return nil }
            return ProjectedPlace(crs: f[0], place: f[1], longitude: lon, latitude: lat, x: x, y: y)
        }
    }
}

@Suite struct TransformTests {
    static let places = ProjectedPlace.load()

    @Test func fixtureCoversThreeCRSsAndFivePlaces() {
        #expect(Self.places.count == 20)
        #expect(Set(Self.places.map(\.crs)).isSuperset(of: [Transform.sahelEqualArea, "EPSG:32631", "EPSG:3857"]))
        #expect(Set(Self.places.map(\.place)) == ["Bamako", "Niamey", "Ouagadougou", "Kidal", "N'Djamena"])
    }

    @Test(arguments: places) func matchesCs2cs(_ e: ProjectedPlace) throws {
        let t = try Transform(to: e.crs)
        let p = try #require(t.project(gp(e.longitude, e.latitude)))
        #expect(abs(p.x - e.x) <= 1e-6, "x \(p.x) vs cs2cs \(e.x)")
        #expect(abs(p.y - e.y) <= 1e-6, "y \(p.y) vs cs2cs \(e.y)")
    }

    /// How close project→unproject must land, in degrees. 1e-9° everywhere except Lambert azimuthal equal-area:
    /// PROJ 9.1's ellipsoidal laea inverse goes through a truncated authalic-latitude series and is off by about
    /// 1.2e-8° (1.3 mm) in latitude — PROJ's own `invproj` gives the same numbers (see `laeaInverseMatchesInvproj`).
    static func roundTripTolerance(_ crs: String) -> Double { crs.contains("+proj=laea") ? 2e-8 : 1e-9 }

    @Test(arguments: places) func projectThenUnproject(_ e: ProjectedPlace) throws {
        let t = try Transform(to: e.crs)
        let there = try #require(t.project(gp(e.longitude, e.latitude)))
        let back = try #require(t.unproject(there))
        #expect(abs(back.longitude - e.longitude) <= Self.roundTripTolerance(e.crs))
        #expect(abs(back.latitude - e.latitude) <= Self.roundTripTolerance(e.crs))
    }

    @Test func unprojectMatchesCs2cs() throws {
        for e in Self.places {
            let back = try #require(try Transform(to: e.crs).unproject(mp(e.x, e.y)))
            #expect(abs(back.longitude - e.longitude) <= Self.roundTripTolerance(e.crs), "\(e.testDescription)")
            #expect(abs(back.latitude - e.latitude) <= Self.roundTripTolerance(e.crs), "\(e.testDescription)")
        }
    }

    /// `echo "-1082437.080132193 -241153.614404218" | invproj -f %.12f <sahelEqualArea>` (PROJ 9.1.1)
    /// prints `-7.975220000000  12.609149988217`: the 1.18e-8° latitude error is PROJ's, not ours.
    @Test func laeaInverseMatchesInvproj() throws {
        let back = try #require(try Transform(to: Transform.sahelEqualArea).unproject(mp(-1082437.080132193, -241153.614404218)))
        #expect(abs(back.longitude - -7.97522) <= 1e-11)
        #expect(abs(back.latitude - 12.609149988217) <= 1e-11)
    }

    @Test func batchProjectionEqualsOneByOne() throws {
        let t = try Transform(to: Transform.sahelEqualArea)
        let points = Self.places.filter { $0.crs == Transform.sahelEqualArea }.map { gp($0.longitude, $0.latitude) }
        #expect(points.count == 5)
        #expect(t.project(points) == points.map { t.project($0) })
    }

    @Test func originOfTheDefaultProjection() throws {
        let t = try Transform(to: Transform.sahelEqualArea)
        #expect(t.project(gp(2, 15)) == mp(0, 0))
        #expect(t.target == Transform.sahelEqualArea)
    }

    @Test func unknownCRS() {
        let error = #expect(throws: ProjectionError.self) { try Transform(to: "EPSG:999999") }
        #expect(error?.description == "cannot build transform EPSG:4326 -> EPSG:999999: proj_create: crs not found")
        #expect(error == ProjectionError(source: "EPSG:4326", target: "EPSG:999999", reason: "proj_create: crs not found"))
    }

    @Test func unknownProjection() {
        let error = #expect(throws: ProjectionError.self) { try Transform(to: "+proj=nonsense") }
        #expect(error?.description
            == "cannot build transform EPSG:4326 -> +proj=nonsense: proj_create: Error 1027 (Invalid value for an argument): Unknown projection")
    }

    @Test(arguments: ["", "   "]) func emptyCRS(_ target: String) {
        let error = #expect(throws: ProjectionError.self) { try Transform(to: target) }
        #expect(error?.description == "cannot build transform EPSG:4326 -> \(target): empty CRS")
    }

    /// `echo "12.60915 -7.97522 13.51366 2.1098" | geod +ellps=WGS84 -I -f %.6f +units=m` (PROJ 9.1.1) prints
    /// a distance of 1098284.006 m; the result must not depend on the target CRS.
    @Test(arguments: [Transform.sahelEqualArea, "EPSG:32631", "EPSG:3857"]) func geodesicDistanceBamakoNiamey(_ crs: String) throws {
        let d = try Transform(to: crs).geodesicDistanceMeters(gp(-7.97522, 12.60915), gp(2.1098, 13.51366))
        #expect(abs(d - 1098284.006) <= 1e-3)
    }

    /// Orthographic centred on the Sahel: the far side of the globe has no image.
    @Test func outsideTheDomainIsNil() throws {
        let t = try Transform(to: "+proj=ortho +lat_0=15 +lon_0=2")
        #expect(t.project(gp(-178, -15)) == nil)                      // antipode of the centre
        #expect(t.project(gp(2, 15)) == mp(0, 0))
        let batch = t.project([gp(-178, -15), gp(2, 15)])
        #expect(batch.count == 2)
        #expect(batch[0] == nil)
        #expect(batch[1] == mp(0, 0))
        #expect(t.unproject(mp(7e6, 7e6)) == nil)                     // beyond the disc (radius ≈ 6.38e6 m)
        #expect(t.unproject(mp(0, 0)).map { abs($0.longitude - 2) <= 1e-9 && abs($0.latitude - 15) <= 1e-9 } == true)
        // In place: the same numbers, and NaN where there is no image.
        var inPlace = [mp(-178, -15), mp(2, 15)]
        t.project(inPlace: &inPlace)
        #expect(inPlace[0].x.isNaN && inPlace[0].y.isNaN)
        #expect(inPlace[1] == mp(0, 0))
    }

    /// Projecting in place (the binned events' path) gives every point exactly what one call per point gives.
    @Test func inPlaceEqualsOneByOne() throws {
        let t = try Transform(to: Transform.sahelEqualArea)
        let geo = (0..<2000).map { k in gp(-17.5 + Double(k % 200) * 0.2, 4.25 + Double(k / 200) * 2.1) }
        var points = geo.map { mp($0.longitude, $0.latitude) }
        t.project(inPlace: &points)
        #expect(points == geo.map { t.project($0)! })
        #expect(points[0] != mp(-17.5, 4.25))
    }

}
