/// Where each top-level op of a scene can leave ink, found once per scene, so that a raster band skips the fills,
/// lines and texts that cannot touch its rows (each band replays the whole scene; a country outline crossing a
/// third of the page is then built into paths in a third of the bands, not all twenty).
///
/// Boxes are generous (a line's half width, a halo, a point of antialiasing, and for text half its size again), so
/// skipping an op never changes a pixel of the band. Ops without a box (clips, groups, text blocks, tags) are
/// always replayed; markers keep their own test (`Painter.touches`).
struct SceneBounds: Sendable {
    private let boxes: [PageRect?]

    init(_ ops: [SceneOp], text: TextEngine) {
        boxes = ops.map { Self.box($0, text: text) }
    }

    /// Whether op `k` of the scene can leave no mark inside `visible`.
    func skips(_ k: Int, in visible: PageRect) -> Bool {
        guard k < boxes.count, let box = boxes[k] else { return false }
        return !box.intersects(visible)
    }

    private static func box(_ op: SceneOp, text: TextEngine) -> PageRect? {
        switch op {
        case .fillRect(let r, _):
            return r.insetBy(-1)
        case .strokeRect(let r, let l):
            return r.insetBy(-(l.widthPoints / 2 + 1))
        case .fill(let rings, _, let outline):
            return extent(rings)?.insetBy(-((outline?.widthPoints ?? 0) / 2 + 1))
        case .hatch(let rings, let h):
            return extent(rings)?.insetBy(-(h.widthPoints / 2 + 1))
        case .stroke(let lines, let l):
            return extent(lines)?.insetBy(-(l.widthPoints / 2 + 1))
        case .text(let s, let origin, let style):
            let m = text.measure(s, style)
            let pad = style.haloWidthPoints + style.sizePoints / 2 + 1
            return PageRect(x: origin.x, y: origin.y, width: m.width, height: m.height).insetBy(-pad)
        case .pathText(let path):
            // Each glyph within twice the type size of its baseline's start, whatever its angle.
            let reach = 2 * path.style.sizePoints + path.style.haloWidthPoints + 1
            return extent([path.glyphs.map(\.origin)])?.insetBy(-reach)
        case .image(_, let r):
            return r.insetBy(-1)
        case .marker, .clip, .resetClip, .textBlock, .group, .destination, .beginLayer, .endLayer, .structure:
            return nil
        }
    }

    private static func extent(_ rings: [[PagePoint]]) -> PageRect? {
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for ring in rings {
            for p in ring {
                x0 = min(x0, p.x); x1 = max(x1, p.x)
                y0 = min(y0, p.y); y1 = max(y1, p.y)
            }
        }
        guard x0 <= x1, y0 <= y1 else { return nil }
        return PageRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}
