import Foundation
internal import CCairo
import Style

/// Replays a scene onto a Cairo surface.
enum Painter {
    /// - Parameter sprites: For PNG, the scene's markers rasterised once (`MarkerSprites`) to stamp instead of drawing
    ///   each as a path; made here when not given. PDF output paints its reused markers from forms instead
    ///   (`MarkerForms`, one per surface, kept across its pages).
    /// - Parameter bounds: For a raster band, where the scene's ops can leave ink (`SceneBounds`), found once for
    ///   all the bands: the ops that cannot touch the band are skipped.
    static func paint(_ scene: Scene, on surface: CairoSurface, text: TextEngine, sprites: MarkerSprites? = nil,
                      bounds: SceneBounds? = nil) {
        let cr = surface.cr
        prepare(cr, raster: surface.format == .png)
        // A raster band skips the markers that cannot touch its rows (each band replays the whole scene); vector
        // output draws every op, so its bytes do not depend on this.
        var visible: PageRect?
        var stamper: SpriteStamper?
        if surface.format == .png {
            var x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0
            cairo_clip_extents(cr, &x0, &y0, &x1, &y1)
            visible = PageRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
            stamper = SpriteStamper(sprites ?? MarkerSprites(scene: scene, scale: surface.page.dpi / 72))
        }
        let forms = surface.format == .pdf ? surface.markerForms : nil
        forms?.prepare(for: scene)
        paint(scene.ops, cr: cr, text: text, tagged: surface.format == .pdf, visible: visible, stamper: stamper, forms: forms,
              bounds: visible == nil ? nil : bounds)
        stamper?.finish(cr)
        forms?.finish(cr)
    }

    /// The context's settings every mark and line is drawn with (shared with `MarkerSprites`).
    static func prepare(_ cr: OpaquePointer, raster: Bool) {
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        // Curves flattened to 0.3 device pixels instead of 0.1: invisible, and 10–20 % faster with many circles.
        if raster { cairo_set_tolerance(cr, 0.3) }
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
    }

    /// Whether a marker at `p` can leave a mark inside `visible`: its farthest corner (a diamond's 1.25 r), its
    /// outline and a point of antialiasing to spare.
    @inline(__always)
    private static func touches(_ p: PagePoint, _ m: Mark, _ visible: PageRect) -> Bool {
        let reach = m.radiusPoints * 1.3 + (m.stroke?.widthPoints ?? 0) + 1
        return p.y + reach >= visible.y && p.y - reach <= visible.y + visible.height
            && p.x + reach >= visible.x && p.x - reach <= visible.x + visible.width
    }

    private static func paint(_ ops: [SceneOp], cr: OpaquePointer, text: TextEngine, tagged: Bool, visible: PageRect?,
                              stamper: SpriteStamper?, forms: MarkerForms?, bounds: SceneBounds? = nil) {
        for (k, op) in ops.enumerated() {
            if let bounds, let visible, bounds.skips(k, in: visible) { continue }
            switch op {
            case .fillRect(let r, let c):
                cairo_rectangle(cr, r.x, r.y, r.width, r.height)
                setColor(cr, c)
                cairo_fill(cr)
            case .strokeRect(let r, let l):
                cairo_rectangle(cr, r.x, r.y, r.width, r.height)
                stroke(cr, l)
            case .fill(let rings, let color, let outline):
                cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD)
                path(cr, rings, close: true)
                if let color {
                    setColor(cr, color)
                    if outline != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
                }
                if let outline { stroke(cr, outline) } else { cairo_new_path(cr) }
            case .hatch(let rings, let h):
                hatch(cr, rings, h)
            case .stroke(let lines, let l):
                path(cr, lines, close: false)
                stroke(cr, l)
            case .marker(let p, let m):
                if let visible, !touches(p, m, visible) { continue }
                if let stamper, stamper.stamp(cr, p, m) { continue }
                if let forms, forms.paint(cr, p, m) { continue }
                markerPath(cr, p, m)
                fillAndStroke(cr, m)
            case .text(let s, let origin, let style):
                text.draw(s, style, x: origin.x, y: origin.y, on: cr)
            case .pathText(let path):
                text.draw(path, on: cr)
            case .clip(let r):
                cairo_save(cr)
                cairo_rectangle(cr, r.x, r.y, r.width, r.height)
                cairo_clip(cr)
            case .resetClip:
                cairo_restore(cr)
            case .textBlock(let block, let origin, let lines):
                text.draw(block, lines: lines, x: origin.x, y: origin.y, on: cr)
            case .group(let inner, let offset):
                cairo_save(cr)
                cairo_translate(cr, offset.x, offset.y)
                paint(inner, cr: cr, text: text, tagged: tagged,
                      visible: visible.map { PageRect(x: $0.x - offset.x, y: $0.y - offset.y, width: $0.width, height: $0.height) },
                      stamper: stamper, forms: forms)
                cairo_restore(cr)
            case .destination(let name, let p):
                // A destination is an empty tag with its position given; links name it with dest='name'.
                let attributes = "name='\(TextEngine.quoted(name))' x=\(p.x) y=\(p.y)"
                cairo_tag_begin(cr, "cairo.dest", attributes)
                cairo_tag_end(cr, "cairo.dest")
            case .image(let file, let rect):
                file.draw(in: rect, on: cr)
            case .structure(let tag):
                // Cairo's PDF surface writes the structure tree (StructTreeRoot, /MarkInfo) from these calls.
                guard tagged else { break }
                switch tag {
                case .begin(let name): cairo_tag_begin(cr, name, "")
                case .end(let name): cairo_tag_end(cr, name)
                }
            case .beginLayer, .endLayer:
                break   // names for SVG groups; nothing to draw
            }
        }
    }

    /// The outline of a mark centred at `p` as the current path (shared with `MarkerSprites`).
    static func markerPath(_ cr: OpaquePointer, _ p: PagePoint, _ m: Mark) {
        let r = m.radiusPoints
        switch m.shape {
        case .circle:
            cairo_new_sub_path(cr)
            cairo_arc(cr, p.x, p.y, r, 0, 2 * .pi)
        case .square:
            cairo_rectangle(cr, p.x - r, p.y - r, 2 * r, 2 * r)
        case .triangle:
            cairo_move_to(cr, p.x, p.y - r * 1.2)
            cairo_line_to(cr, p.x + r * 1.1, p.y + r * 0.8)
            cairo_line_to(cr, p.x - r * 1.1, p.y + r * 0.8)
            cairo_close_path(cr)
        case .diamond:
            cairo_move_to(cr, p.x, p.y - r * 1.25)
            cairo_line_to(cr, p.x + r, p.y)
            cairo_line_to(cr, p.x, p.y + r * 1.25)
            cairo_line_to(cr, p.x - r, p.y)
            cairo_close_path(cr)
        case .cross:
            let w = r * 0.35
            // Two bars turning the same way: filled as their union (an area fill leaves the rule at even-odd,
            // which would leave the middle empty).
            cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING)
            cairo_rectangle(cr, p.x - r, p.y - w, 2 * r, 2 * w)
            cairo_rectangle(cr, p.x - w, p.y - r, 2 * w, 2 * r)
        }
    }

    /// Fills the current path with the mark's fill, then strokes its outline; leaves no path.
    static func fillAndStroke(_ cr: OpaquePointer, _ m: Mark) {
        if let fill = m.fill {
            setColor(cr, fill)
            if m.stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
        }
        if let s = m.stroke { stroke(cr, s) } else { cairo_new_path(cr) }
    }

    /// Lines at the hatch angle, spaced evenly, clipped to the rings.
    private static func hatch(_ cr: OpaquePointer, _ rings: [[PagePoint]], _ h: HatchStyle) {
        let lines = hatchLines(rings, h)
        guard !lines.isEmpty else { return }
        cairo_save(cr)
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD)
        path(cr, rings, close: true)
        cairo_clip(cr)
        path(cr, lines, close: false)
        stroke(cr, LineStyle(color: h.color, widthPoints: h.widthPoints))
        cairo_restore(cr)
    }

    /// The hatch lines across the rings' bounding box, to be clipped to the rings. They sit on a grid anchored at
    /// the page origin, so hatches of neighbouring polygons line up. (Shared with `SVGWriter`.)
    static func hatchLines(_ rings: [[PagePoint]], _ h: HatchStyle) -> [[PagePoint]] {
        let xs = rings.flatMap { $0.map(\.x) }, ys = rings.flatMap { $0.map(\.y) }
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return [] }
        let cx = (minX + maxX) / 2, cy = (minY + maxY) / 2
        let reach = ((maxX - minX) * (maxX - minX) + (maxY - minY) * (maxY - minY)).squareRoot() / 2 + h.spacingPoints
        let a = h.angleDegrees * .pi / 180
        let dx = cos(a), dy = -sin(a)          // along the lines (page y points down)
        let nx = -dy, ny = dx                   // across them
        let offset = (cx * nx + cy * ny).truncatingRemainder(dividingBy: h.spacingPoints)
        var lines: [[PagePoint]] = []
        var k = -reach
        while k <= reach {
            let px = cx + nx * (k - offset), py = cy + ny * (k - offset)
            lines.append([PagePoint(x: px - dx * reach, y: py - dy * reach), PagePoint(x: px + dx * reach, y: py + dy * reach)])
            k += h.spacingPoints
        }
        return lines
    }

    private static func setColor(_ cr: OpaquePointer, _ c: Color) {
        if c.alpha >= 1 { cairo_set_source_rgb(cr, c.red, c.green, c.blue) }
        else { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }
    }

    private static func path(_ cr: OpaquePointer, _ rings: [[PagePoint]], close: Bool) {
        for ring in rings where ring.count >= 2 {
            cairo_move_to(cr, ring[0].x, ring[0].y)
            for p in ring.dropFirst() { cairo_line_to(cr, p.x, p.y) }
            if close { cairo_close_path(cr) }
        }
    }

    private static func stroke(_ cr: OpaquePointer, _ l: LineStyle) {
        setColor(cr, l.color)
        cairo_set_line_width(cr, l.widthPoints)
        // Dashes get butt caps: round caps would lengthen each dash by the line's width (6/4 would draw as 7/3).
        if l.dashPoints.isEmpty {
            cairo_set_dash(cr, nil, 0, 0)
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        } else {
            cairo_set_dash(cr, l.dashPoints, Int32(l.dashPoints.count), 0)
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        }
        cairo_stroke(cr)
    }
}
