import Testing
@testable import Geometry

@Suite struct LabelPointTests {
    /// A "C" opening to the east: bars 2 m thick around a 6 m gap; its centroid (≈ 4.08, 5) lies in the gap.
    static let cShape = [[mp(0, 0), mp(10, 0), mp(10, 2), mp(2, 2), mp(2, 8), mp(10, 8), mp(10, 10), mp(0, 10), mp(0, 0)]]

    /// A 10 m square with a 2 m square hole in the middle.
    static let squareWithHole = [
        [mp(0, 0), mp(10, 0), mp(10, 10), mp(0, 10), mp(0, 0)],
        [mp(4, 4), mp(4, 6), mp(6, 6), mp(6, 4), mp(4, 4)],
    ]

    @Test func concavePolygonLabelIsInsideWhileItsCentroidIsNot() throws {
        let centroid = LabelPoint.centroidOf(Self.cShape[0])
        #expect(abs(centroid.x - 212.0 / 52) < 1e-12 && abs(centroid.y - 5) < 1e-12)
        #expect(LabelPoint.signedDistance(centroid, Self.cShape) < 0)

        let (p, d) = try #require(LabelPoint.poleOfInaccessibility(Self.cShape, precisionMeters: 0.01))
        #expect(LabelPoint.signedDistance(p, Self.cShape) > 0)
        #expect(abs(LabelPoint.signedDistance(p, Self.cShape) - d) < 1e-12)
        // The best spots are in the outer corners, balanced between two walls and the inner corner:
        // t = √2·(2 − t), so t = 2√2 / (1 + √2) ≈ 1.1716.
        let best = 2 * 2.0.squareRoot() / (1 + 2.0.squareRoot())
        #expect(d <= best + 1e-9)
        #expect(d >= best - 0.01)
    }

    /// A sliver 40,000 km long and 1 mm wide once meant a starting grid of 4·10¹⁰ cells (a world-covering polygon
    /// aborted with "failed to allocate 43083890592 bytes"); the grid is now at most 256 cells along the long side.
    @Test func thinOrHugePolygonHasBoundedWork() throws {
        let sliver = [[mp(0, 0), mp(4e7, 0), mp(4e7, 1e-3), mp(0, 1e-3), mp(0, 0)]]
        let (p, d) = try #require(LabelPoint.poleOfInaccessibility(sliver, precisionMeters: 1e-6))
        #expect(LabelPoint.signedDistance(p, sliver) > 0)
        #expect(d <= 0.5e-3 + 1e-12)
        // Coordinates at the edge of what PROJ returns for points it cannot project.
        let huge = [[mp(-1e30, -1e20), mp(1e30, -1e20), mp(1e30, 1e20), mp(-1e30, 1e20), mp(-1e30, -1e20)]]
        #expect(LabelPoint.poleOfInaccessibility(huge, precisionMeters: 1) != nil)
        let infinite = [[mp(0, 0), mp(.infinity, 0), mp(.infinity, 1), mp(0, 1), mp(0, 0)]]
        #expect(LabelPoint.poleOfInaccessibility(infinite, precisionMeters: 1) == nil)
        #expect(LabelPoint.cellBudget(vertices: 10_000_000) == 64)
    }

    @Test func squareLabelIsTheCentre() throws {
        let square = [[mp(0, 0), mp(10, 0), mp(10, 10), mp(0, 10), mp(0, 0)]]
        let (p, d) = try #require(LabelPoint.poleOfInaccessibility(square, precisionMeters: 0.01))
        #expect(p == mp(5, 5))
        #expect(d == 5)
    }

    @Test func holeIsAvoided() throws {
        let (p, d) = try #require(LabelPoint.poleOfInaccessibility(Self.squareWithHole, precisionMeters: 0.001))
        #expect(LabelPoint.signedDistance(p, Self.squareWithHole) > 0)
        let best = 4 * 2.0.squareRoot() / (1 + 2.0.squareRoot())   // ≈ 2.343, on a diagonal
        #expect(d <= best + 1e-9)
        #expect(d >= best - 0.001)
    }

    @Test func degeneratePolygonHasNoLabel() {
        #expect(LabelPoint.poleOfInaccessibility([], precisionMeters: 1) == nil)
        #expect(LabelPoint.poleOfInaccessibility([[mp(0, 0), mp(5, 0), mp(10, 0), mp(0, 0)]], precisionMeters: 1) == nil)
    }

    @Test(arguments: [
        (mp(2, 5), 2.0),      // inside, nearest the west edge
        (mp(3, 5), 1.0),      // inside, nearest the hole
        (mp(1, 1), 1.0),
        (mp(5, 5), -1.0),     // in the hole: outside
        (mp(4.5, 5), -0.5),
        (mp(12, 5), -2.0),    // east of the square
        (mp(13, 14), -5.0),   // beyond the corner (10,10): 3-4-5
    ])
    func signedDistanceWithAHole(_ p: MapPoint, _ expected: Double) {
        #expect(abs(LabelPoint.signedDistance(p, Self.squareWithHole) - expected) < 1e-12)
    }
}
