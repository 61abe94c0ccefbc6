internal import CPangoCairo
import Style

/// One line of laid-out text as the SVG writer sets it: the UTF-8 bytes `start..<end` of the text, the x where
/// the line starts and its baseline, both from the layout's top-left corner, in points.
struct SetLine: Equatable {
    var start: Int, end: Int
    var x: Double, baseline: Double
    /// The top of the line's logical box, from the layout's top.
    var top: Double
    /// Pieces of the line that start at their own x: (first byte, x from the layout's left edge).
    var pieces: [(start: Int, x: Double)] = []

    static func == (a: SetLine, b: SetLine) -> Bool {
        a.start == b.start && a.end == b.end && a.x == b.x && a.baseline == b.baseline
            && a.pieces.map(\.start) == b.pieces.map(\.start) && a.pieces.map(\.x) == b.pieces.map(\.x)
    }
}

/// Where Pango puts text, for writers that set the text themselves (SVG `<text>`): lines, their baselines, and the
/// x of pieces inside a line, so the output matches what Pango draws on the PNG and PDF.
extension TextEngine {
    /// The lines of a label (a label may hold line breaks; they are centred on each other).
    func setLines(_ text: String, _ style: TextStyle) -> [SetLine] {
        lines(of: layout(text, style), breaks: [])
    }

    /// The lines `range` of a text block, with the baselines measured from the top of the first of them; a line is
    /// cut into pieces at `breaks` (span boundaries) and, for justified text, at every space.
    func setLines(_ block: TextBlock, lines range: Range<Int>) -> [SetLine] {
        var breaks = Set<Int>()
        for span in block.spans { breaks.insert(span.start); breaks.insert(span.end) }
        if block.alignment == .justify {
            for (k, byte) in block.text.utf8.enumerated() where byte == 0x20 { breaks.insert(k + 1) }
        }
        return withLayout(block) { l in
            let all = lines(of: l, breaks: breaks.sorted())
            let r = range.clamped(to: 0..<all.count)
            guard let first = r.first else { return [] }
            let top = all[first].top
            return all[r].map { var s = $0; s.baseline -= top; s.top -= top; return s }
        }
    }

    private func lines(of l: OpaquePointer, breaks: [Int]) -> [SetLine] {
        let scale = Double(PANGO_SCALE)
        var out: [SetLine] = []
        let iter = pango_layout_get_iter(l)!
        defer { pango_layout_iter_free(iter) }
        repeat {
            var ink = PangoRectangle(), logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, &ink, &logical)
            let line = pango_layout_iter_get_line_readonly(iter)!
            let start = Int(line.pointee.start_index), end = start + Int(line.pointee.length)
            let x = Double(logical.x) / scale
            var set = SetLine(start: start, end: end, x: x, baseline: Double(pango_layout_iter_get_baseline(iter)) / scale,
                              top: Double(logical.y) / scale)
            set.pieces = [(start, x)]
            for b in breaks where b > start && b < end {
                var px: Int32 = 0
                pango_layout_line_index_to_x(line, Int32(b), 0, &px)
                set.pieces.append((b, x + Double(px) / scale))
            }
            out.append(set)
        } while pango_layout_iter_next_line(iter) != 0
        return out
    }
}
