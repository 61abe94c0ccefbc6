internal import CCairo
import Layers
import Style

/// Replays a scene onto a Cairo surface.
enum Painter {
    static func paint(_ scene: Scene, on surface: CairoSurface, text: TextEngine) {
        let cr = surface.cr
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        for op in scene.ops {
            switch op {
            case .fillRect(let r, let c):
                cairo_rectangle(cr, r.x, r.y, r.width, r.height)
                setColor(cr, c)
                cairo_fill(cr)
            case .strokeRect(let r, let l):
                cairo_rectangle(cr, r.x, r.y, r.width, r.height)
                stroke(cr, l)
            case .fill(let rings, let f):
                cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD)
                path(cr, rings, close: true)
                setColor(cr, f.color)
                if let o = f.outline {
                    cairo_fill_preserve(cr)
                    stroke(cr, o)
                } else {
                    cairo_fill(cr)
                }
            case .stroke(let lines, let l):
                path(cr, lines, close: false)
                stroke(cr, l)
            case .marker(let p, let m):
                switch m.shape {
                case .circle:
                    cairo_new_sub_path(cr)
                    cairo_arc(cr, p.x, p.y, m.radiusPoints, 0, 2 * .pi)
                case .square:
                    cairo_rectangle(cr, p.x - m.radiusPoints, p.y - m.radiusPoints, 2 * m.radiusPoints, 2 * m.radiusPoints)
                }
                setColor(cr, m.fill)
                if let s = m.stroke {
                    cairo_fill_preserve(cr)
                    stroke(cr, s)
                } else {
                    cairo_fill(cr)
                }
            case .text(let s, let origin, let style):
                text.draw(s, style, x: origin.x, y: origin.y, on: cr)
            case .clip(let r):
                cairo_save(cr)
                cairo_rectangle(cr, r.x, r.y, r.width, r.height)
                cairo_clip(cr)
            case .resetClip:
                cairo_restore(cr)
            }
        }
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
        if l.dashPoints.isEmpty {
            cairo_set_dash(cr, nil, 0, 0)
        } else {
            cairo_set_dash(cr, l.dashPoints, Int32(l.dashPoints.count), 0)
        }
        cairo_stroke(cr)
    }
}
