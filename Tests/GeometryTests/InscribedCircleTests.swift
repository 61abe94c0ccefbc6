import Geometry
import Testing

/// GEOS's largest inscribed circle: exact answers for shapes whose circle is known.
@Suite struct InscribedCircleTests {
    @Test func squareHasItsCentre() throws {
        let square = [MapPoint(x: 0, y: 0), MapPoint(x: 10, y: 0), MapPoint(x: 10, y: 10), MapPoint(x: 0, y: 10), MapPoint(x: 0, y: 0)]
        let c = try #require(InscribedCircle.largest(in: [square], toleranceMeters: 0.001))
        #expect(abs(c.center.x - 5) < 0.01 && abs(c.center.y - 5) < 0.01)
        #expect(abs(c.radius - 5) < 0.01)
    }

    /// A 100 × 40 rectangle with a hole in its left part: the largest circle (radius 20, the half height) lies
    /// right of the hole, between x = 60 and 80.
    @Test func barWithHoleAvoidsTheHole() throws {
        let outer = [MapPoint(x: 0, y: 0), MapPoint(x: 100, y: 0), MapPoint(x: 100, y: 40), MapPoint(x: 0, y: 40)]
        // A hole in the left half: the circle must go right of it.
        let hole = [MapPoint(x: 10, y: 10), MapPoint(x: 40, y: 10), MapPoint(x: 40, y: 30), MapPoint(x: 10, y: 30)]
        let c = try #require(InscribedCircle.largest(in: [outer, hole], toleranceMeters: 0.01))
        #expect(abs(c.radius - 20) < 0.05)
        #expect(c.center.x > 59 && c.center.x < 81)
    }

    /// A bow-tie (self-touching) ring is repaired by GEOS before the search, not refused.
    @Test func invalidRingIsRepaired() throws {
        let bowtie = [MapPoint(x: 0, y: 0), MapPoint(x: 10, y: 10), MapPoint(x: 10, y: 0), MapPoint(x: 0, y: 10), MapPoint(x: 0, y: 0)]
        let c = try #require(InscribedCircle.largest(in: [bowtie], toleranceMeters: 0.001))
        #expect(c.radius > 1 && c.radius < 3)
    }

    /// A 12 × 1e-7 sliver and a ring with an infinite corner took GEOS 3.11.1 minutes and gigabytes (a
    /// whole-world polygon clipped to a map once reached 16 GB); they are refused at once, for polylabel.
    @Test func sliverAndNonFiniteRingsAreRefused() {
        let sliver = [MapPoint(x: 0, y: 0), MapPoint(x: 0, y: 1e-7), MapPoint(x: 12, y: 1e-7), MapPoint(x: 12, y: 0)]
        #expect(InscribedCircle.largest(in: [sliver], toleranceMeters: 1e-9) == nil)
        let infinite = [MapPoint(x: 0, y: 0), MapPoint(x: .infinity, y: 0), MapPoint(x: 10, y: 10)]
        #expect(InscribedCircle.largest(in: [infinite], toleranceMeters: 0.01) == nil)
        // A thin but real strip (100 × 2) still gets its circle.
        let strip = [MapPoint(x: 0, y: 0), MapPoint(x: 100, y: 0), MapPoint(x: 100, y: 2), MapPoint(x: 0, y: 2)]
        #expect(InscribedCircle.largest(in: [strip], toleranceMeters: 0.001).map { abs($0.radius - 1) < 0.06 } == true)
    }

    @Test func tooFewPointsIsNil() {
        #expect(InscribedCircle.largest(in: [[MapPoint(x: 0, y: 0), MapPoint(x: 1, y: 1)]], toleranceMeters: 0.01) == nil)
    }
}
