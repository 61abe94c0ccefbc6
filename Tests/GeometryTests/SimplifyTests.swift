import Foundation
import Testing
@testable import Geometry

@Suite struct SimplifyTests {
    /// A zig-zag of amplitude 1: (0,0) (1,1) (2,0) (3,1) (4,0).
    static let zigzag = [mp(0, 0), mp(1, 1), mp(2, 0), mp(3, 1), mp(4, 0)]

    @Test func zigzagKeepsEverythingBelowHalfTheAmplitude() {
        // Worst vertex from (0,0)–(4,0) is (1,1) at 1; from (1,1)–(4,0) both (2,0) and (3,1) lie 2/√10 ≈ 0.632 away.
        #expect(Simplify.line(Self.zigzag, toleranceMeters: 0.5) == Self.zigzag)
    }

    @Test func zigzagKeepsTheFirstPeakBetween() {
        #expect(Simplify.line(Self.zigzag, toleranceMeters: 0.7) == [mp(0, 0), mp(1, 1), mp(4, 0)])
    }

    @Test func zigzagCollapsesAtTheAmplitude() {
        // A vertex exactly at the tolerance is removed (only a distance above it is kept).
        #expect(Simplify.line(Self.zigzag, toleranceMeters: 1) == [mp(0, 0), mp(4, 0)])
    }

    @Test func distanceBeyondTheSegmentEndCounts() {
        // (5,0) lies on the line through (0,0)–(2,0) but 3 m beyond its end: it must be kept at tolerance 2.
        let pts = [mp(0, 0), mp(5, 0), mp(2, 0)]
        #expect(Simplify.line(pts, toleranceMeters: 2) == pts)
        #expect(Simplify.line(pts, toleranceMeters: 3) == [mp(0, 0), mp(2, 0)])
    }

    @Test(arguments: [0.0, -1.0]) func nonPositiveToleranceReturnsTheInput(_ tolerance: Double) {
        let pts = [mp(0, 0), mp(1, 0), mp(2, 0), mp(3, 0)]
        #expect(Simplify.line(pts, toleranceMeters: tolerance) == pts)
        let ring = [mp(0, 0), mp(1, 0), mp(2, 0), mp(2, 2), mp(0, 2), mp(0, 0)]
        #expect(Simplify.ring(ring, toleranceMeters: tolerance) == ring)
    }

    @Test func shortLinesAreUnchanged() {
        #expect(Simplify.line([], toleranceMeters: 5) == [])
        #expect(Simplify.line([mp(1, 1)], toleranceMeters: 5) == [mp(1, 1)])
        #expect(Simplify.line([mp(1, 1), mp(2, 2)], toleranceMeters: 5) == [mp(1, 1), mp(2, 2)])
    }

    @Test func squareWithMidpointsKeepsItsCorners() {
        let ring = [mp(0, 0), mp(1, 0), mp(2, 0), mp(2, 1), mp(2, 2), mp(1, 2), mp(0, 2), mp(0, 1), mp(0, 0)]
        #expect(Simplify.ring(ring, toleranceMeters: 0.1) == [mp(0, 0), mp(2, 0), mp(2, 2), mp(0, 2), mp(0, 0)])
    }

    @Test func ringSmallerThanTheToleranceVanishes() {
        let ring = [mp(0, 0), mp(3, 0), mp(3, 3), mp(0, 3), mp(0, 0)]
        #expect(Simplify.ring(ring, toleranceMeters: 5) == nil)
        #expect(Simplify.ring([], toleranceMeters: 5) == nil)
        #expect(Simplify.ring(ring, toleranceMeters: 3) != nil)   // the extent equals the tolerance: kept
    }

    @Test func collapsingRingKeepsFourPoints() {
        // A thin sliver 100 m long and 1 m wide: simplified at 10 m it would be a line, so it stays a valid ring.
        let ring = [mp(0, 0), mp(50, 0.5), mp(100, 0), mp(100, 1), mp(50, 1.5), mp(0, 1), mp(0, 0)]
        let out = Simplify.ring(ring, toleranceMeters: 10)
        #expect(out.map { $0.count >= 4 && $0.first == $0.last } == true)
    }

    /// A random walk of `count` points in a 10 km square.
    static func randomLine(_ count: Int, using rng: inout SplitMix64) -> [MapPoint] {
        var p = mp(Double.random(in: 0...10_000, using: &rng), Double.random(in: 0...10_000, using: &rng))
        return (0..<count).map { _ in
            p = mp(p.x + Double.random(in: -500...500, using: &rng), p.y + Double.random(in: -500...500, using: &rng))
            return p
        }
    }

    /// A star-shaped closed ring around (0,0) with `count` distinct vertices.
    static func randomRing(_ count: Int, using rng: inout SplitMix64) -> [MapPoint] {
        let scale = Double.random(in: 1...5_000, using: &rng)
        var ring = (0..<count).map { k -> MapPoint in
            let a = Double(k) / Double(count) * 2 * .pi
            let r = scale * Double.random(in: 0.2...1, using: &rng)
            return mp(r * cos(a), r * sin(a))
        }
        ring.append(ring[0])
        return ring
    }

    @Test func propertyLinesNeverGainVerticesAndKeepEndpoints() {
        var rng = SplitMix64(seed: 0x5A4E_1_2025)
        for case_ in 0..<400 {
            let line = Self.randomLine(Int.random(in: 0...200, using: &rng), using: &rng)
            let tolerance = Double.random(in: 0...800, using: &rng)
            let out = Simplify.line(line, toleranceMeters: tolerance)
            #expect(out.count <= line.count, "case \(case_)")
            #expect(out.first == line.first && out.last == line.last, "case \(case_)")
            if line.count >= 2 { #expect(out.count >= 2, "case \(case_)") }
            // The kept points are a subsequence of the input, in order.
            var k = 0
            for p in out { while k < line.count && line[k] != p { k += 1 }; k += 1 }
            #expect(k <= line.count, "case \(case_): output is not a subsequence of the input")
        }
    }

    @Test func propertyRingsStayClosedOrVanish() {
        var rng = SplitMix64(seed: 42)
        for case_ in 0..<400 {
            let ring = Self.randomRing(Int.random(in: 3...120, using: &rng), using: &rng)
            let tolerance = Double.random(in: 1...3_000, using: &rng)
            guard let out = Simplify.ring(ring, toleranceMeters: tolerance) else {
                let box = MapRect(around: ring)!
                #expect(max(box.width, box.height) < tolerance, "case \(case_): vanished although larger than the tolerance")
                continue
            }
            #expect(out.count >= 4, "case \(case_)")
            #expect(out.count <= ring.count, "case \(case_)")
            #expect(out.first == out.last, "case \(case_): not closed")
            #expect(out.first == ring.first, "case \(case_): start moved")
        }
    }
}
