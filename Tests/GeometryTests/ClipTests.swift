import Testing
@testable import Geometry

@Suite struct ClipTests {
    static let box = MapRect(minX: 0, minY: 0, maxX: 2, maxY: 2)

    static func close(_ a: [MapPoint], _ b: [MapPoint], within e: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0.x - $1.x) <= e && abs($0.y - $1.y) <= e }
    }

    @Test func ringWhollyInsideIsUnchanged() {
        let ring = [mp(0.5, 0.5), mp(1.5, 0.5), mp(1, 1.7), mp(0.5, 0.5)]
        #expect(Clip.ring(ring, to: Self.box) == ring)
        let onEdge = [mp(0, 0), mp(2, 0), mp(2, 2), mp(0, 0)]
        #expect(Clip.ring(onEdge, to: Self.box) == onEdge)
    }

    @Test func ringWhollyOutsideIsEmpty() {
        #expect(Clip.ring([mp(3, 3), mp(4, 3), mp(4, 4), mp(3, 3)], to: Self.box) == [])
        #expect(Clip.ring([], to: Self.box) == [])
    }

    @Test func overlappingSquareGivesTheIntersection() {
        let ring = [mp(-1, -1), mp(1, -1), mp(1, 1), mp(-1, 1), mp(-1, -1)]
        #expect(Clip.ring(ring, to: Self.box) == [mp(0, 0), mp(1, 0), mp(1, 1), mp(0, 1), mp(0, 0)])
    }

    @Test func ringAroundTheBoxGivesTheBox() {
        let ring = [mp(-5, -5), mp(5, -5), mp(5, 5), mp(-5, 5), mp(-5, -5)]
        let out = Clip.ring(ring, to: Self.box)
        #expect(out.first == out.last)
        #expect(Set(out.map { "\($0.x),\($0.y)" }) == ["0.0,0.0", "2.0,0.0", "2.0,2.0", "0.0,2.0"])
        #expect(out.count == 5)
    }

    @Test func lineWhollyInsideOrOutside() {
        let inside = [mp(0.5, 0.5), mp(1.5, 1.5)]
        #expect(Clip.line(inside, to: Self.box) == [inside])
        #expect(Clip.line([mp(3, 3), mp(4, 5)], to: Self.box) == [])
        #expect(Clip.line([], to: Self.box) == [])
    }

    @Test func lineCrossingOnce() {
        let out = Clip.line([mp(-1, 1), mp(3, 1)], to: Self.box)
        #expect(out == [[mp(0, 1), mp(2, 1)]])
    }

    @Test func lineCrossingTheBoxTwiceGivesTwoPieces() {
        // In from the left, up and out of the top, over, back down through the top, out to the right.
        let line = [mp(-1, 0.5), mp(0.5, 0.5), mp(0.5, 3), mp(1.5, 3), mp(1.5, 0.5), mp(3, 0.5)]
        let out = Clip.line(line, to: Self.box)
        #expect(out.count == 2)
        #expect(out.count == 2 && Self.close(out[0], [mp(0, 0.5), mp(0.5, 0.5), mp(0.5, 2)]))
        #expect(out.count == 2 && Self.close(out[1], [mp(1.5, 2), mp(1.5, 0.5), mp(2, 0.5)]))
    }

    static func inside(_ p: MapPoint, _ r: MapRect) -> Bool {
        p.x >= r.minX - 1e-9 && p.x <= r.maxX + 1e-9 && p.y >= r.minY - 1e-9 && p.y <= r.maxY + 1e-9
    }

    @Test func propertyClippedOutputStaysInside() {
        var rng = SplitMix64(seed: 7)
        for case_ in 0..<300 {
            let x0 = Double.random(in: -100...100, using: &rng), y0 = Double.random(in: -100...100, using: &rng)
            let rect = MapRect(minX: x0, minY: y0, maxX: x0 + Double.random(in: 1...150, using: &rng),
                               maxY: y0 + Double.random(in: 1...150, using: &rng))
            let n = Int.random(in: 2...60, using: &rng)
            let pts = (0..<n).map { _ in mp(Double.random(in: -200...200, using: &rng), Double.random(in: -200...200, using: &rng)) }

            for piece in Clip.line(pts, to: rect) {
                #expect(piece.count >= 2, "case \(case_)")
                #expect(piece.allSatisfy { Self.inside($0, rect) }, "case \(case_): line piece outside \(rect)")
            }
            let ring = pts + [pts[0]]
            let out = Clip.ring(ring, to: rect)
            #expect(out.isEmpty || (out.count >= 4 && out.first == out.last), "case \(case_): ring not closed")
            #expect(out.allSatisfy { Self.inside($0, rect) }, "case \(case_): ring point outside \(rect)")
        }
    }
}
