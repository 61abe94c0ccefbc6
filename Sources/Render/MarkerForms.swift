internal import CCairo

/// Markers recorded once, for painting many times in vector (PDF) output (issue 13, "draw less").
///
/// Cairo 1.16 writes a translucent disc as its path twice, once filled and once stroked, each with its colour and
/// ExtGState, every coordinate printed and deflated. Here each distinct mark (shape, radius, fill, outline and its
/// dash: `MarkerSprites.Key`; circles and diamonds, see `shareable`) used more than once is drawn once, with the
/// painter's own calls (`Painter.markerPath`, `Painter.fillAndStroke`), into a Cairo recording surface; each use
/// paints that surface at the marker's position.
/// Cairo's PDF surface writes a recording surface used as a source as one Form XObject, shared by every use, and each
/// use as `q 1 0 0 1 x y cm /a0 gs /xN Do Q`.
///
/// The same picture: the form is a transparency group holding the fill, then the outline, each with its own alpha,
/// painted at alpha 1 with OVER; OVER is associative, so (outline over fill) over the page equals outline over (fill
/// over the page), which is how each disc was composited before, disc by disc in the same order.
///
/// Owned by one PDF `CairoSurface` (one thread) and kept across its pages, so an atlas or a report shares one form per
/// mark throughout the document.
final class MarkerForms {
    /// A mark used fewer times in a scene is drawn as a path: a form pays only when reused.
    static let minimumUses = 2

    /// Recording surfaces (`cairo_surface_t*`) by mark, made on first use.
    private var forms: [MarkerSprites.Key: OpaquePointer] = [:]
    /// The marks the scene being painted uses at least `minimumUses` times.
    private var reused: Set<MarkerSprites.Key> = []

    deinit { for s in forms.values { cairo_surface_destroy(s) } }

    /// Circles and diamonds only. Squares, triangles and crosses have horizontal and vertical edges, which poppler
    /// fits to the pixel grid on the page (stroke adjustment) but not inside a form's transparency group: from a
    /// form they would look softer than before at screen resolution (measured on the sample report's page 6 at
    /// 150 dpi: 78 px of a dashed square swatch off by more than 48). Event maps are mostly discs.
    @inline(__always)
    static func shareable(_ m: Mark) -> Bool { m.shape == .circle || m.shape == .diamond }

    /// Counts the marks of the scene about to be painted (groups included), so that only reused ones become forms.
    func prepare(for scene: Scene) {
        var uses: [MarkerSprites.Key: Int] = [:]
        func collect(_ ops: [SceneOp]) {
            for op in ops {
                switch op {
                case .marker(_, let m) where Self.shareable(m): uses[MarkerSprites.Key(m, phase: 0), default: 0] += 1
                case .group(let inner, _): collect(inner)
                default: continue
                }
            }
        }
        collect(scene.ops)
        reused = Set(uses.filter { $0.value >= Self.minimumUses }.keys)
    }

    /// Paints the form of `m` centred at user point `p` (through the current clip and transformation) and returns
    /// true; false when the mark is to be drawn as a path (used once, or its form could not be made).
    func paint(_ cr: OpaquePointer, _ p: PagePoint, _ m: Mark) -> Bool {
        guard Self.shareable(m) else { return false }
        let key = MarkerSprites.Key(m, phase: 0)
        guard reused.contains(key), let form = form(for: key, m) else { return false }
        cairo_set_source_surface(cr, form, p.x, p.y)
        cairo_paint(cr)
        return true
    }

    /// Lets go of the last form as the context's source.
    func finish(_ cr: OpaquePointer) {
        cairo_set_source_rgb(cr, 0, 0, 0)
    }

    private func form(for key: MarkerSprites.Key, _ m: Mark) -> OpaquePointer? {
        if let made = forms[key] { return made }
        // The form's box: the shape's farthest reach, half the outline (round joins) and a point to spare, so that a
        // viewer's antialiasing at the box's edge never touches the mark.
        let reach = m.radiusPoints * MarkerSprites.farthest(m.shape) + (m.stroke?.widthPoints ?? 0) / 2 + 1
        guard reach.isFinite else { return nil }
        var box = cairo_rectangle_t(x: -reach, y: -reach, width: 2 * reach, height: 2 * reach)
        guard let surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &box) else { return nil }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let rc = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            return nil
        }
        Painter.prepare(rc, raster: false)
        Painter.markerPath(rc, PagePoint(x: 0, y: 0), m)
        Painter.fillAndStroke(rc, m)
        let status = cairo_status(rc)
        cairo_destroy(rc)
        guard status == CAIRO_STATUS_SUCCESS else { cairo_surface_destroy(surface); return nil }
        forms[key] = surface
        return surface
    }
}
