internal import CPangoCairo
internal import CCairo
import Style

/// One cluster of a laid-out line of text (usually one character): its text and where Pango put it.
struct ShapedCluster: Equatable {
    var text: String
    /// Left edge from the layout's origin, and advance, in points (Pango's glyph positions, kerning included).
    var x: Double, width: Double
}

extension TextEngine {
    /// The clusters of a one-line text in visual order, with Pango's glyph positions: what a label set along a
    /// line places one by one.
    func clusters(_ text: String, _ style: TextStyle) -> [ShapedCluster] {
        let l = layout(text, style)
        let bytes = Array(text.utf8)
        let scale = Double(PANGO_SCALE)
        var out: [ShapedCluster] = []
        guard let iter = pango_layout_get_iter(l) else { return [] }
        defer { pango_layout_iter_free(iter) }
        repeat {
            guard let run = pango_layout_iter_get_run_readonly(iter), let item = run.pointee.item?.pointee,
                  let glyphs = run.pointee.glyphs?.pointee else { continue }
            var logical = PangoRectangle()
            pango_layout_iter_get_run_extents(iter, nil, &logical)
            var x = Double(logical.x) / scale
            let itemEnd = Int(item.offset + item.length)
            for i in 0..<Int(glyphs.num_glyphs) {
                let width = Double(glyphs.glyphs[i].geometry.width) / scale
                let start = Int(item.offset) + Int(glyphs.log_clusters[i])
                if let last = out.last, i > 0, glyphs.log_clusters[i] == glyphs.log_clusters[i - 1] {
                    out[out.count - 1].width = last.width + width   // a second glyph of the same cluster
                } else {
                    var end = itemEnd
                    for j in (i + 1)..<max(i + 1, Int(glyphs.num_glyphs)) where glyphs.log_clusters[j] != glyphs.log_clusters[i] {
                        end = Int(item.offset) + Int(glyphs.log_clusters[j]); break
                    }
                    let slice = bytes[min(start, bytes.count)..<min(max(start, end), bytes.count)]
                    out.append(ShapedCluster(text: String(decoding: slice, as: UTF8.self), x: x, width: width))
                }
                x += width
            }
        } while pango_layout_iter_next_run(iter) != 0
        return out
    }

    /// Shows the layout run by run, each run's glyphs as one text cluster of its whole text. A PDF then holds
    /// each run as one `/ActualText` span, so a letter-spaced name extracts as the word it is ("Mauritania", not
    /// "M a u r i ta n i a"), while the glyphs keep Pango's positions. The current point is the layout's origin.
    func showAsWords(_ l: OpaquePointer, x: Double, y: Double, on cr: OpaquePointer) {
        guard let iter = pango_layout_get_iter(l), let utf8 = pango_layout_get_text(l) else { return }
        defer { pango_layout_iter_free(iter) }
        let scale = Double(PANGO_SCALE)
        repeat {
            guard let run = pango_layout_iter_get_run_readonly(iter), let item = run.pointee.item?.pointee,
                  let glyphString = run.pointee.glyphs?.pointee, let font = item.analysis.font else { continue }
            var logical = PangoRectangle()
            pango_layout_iter_get_run_extents(iter, nil, &logical)
            let baseline = y + Double(pango_layout_iter_get_baseline(iter)) / scale
            var pen = x + Double(logical.x) / scale
            var glyphs: [cairo_glyph_t] = []
            for i in 0..<Int(glyphString.num_glyphs) {
                let g = glyphString.glyphs[i]
                let geometry = g.geometry
                // Empty glyphs (zero-width controls) and missing ones (hex boxes) are not drawn.
                if g.glyph != PANGO_GLYPH_EMPTY && g.glyph & PANGO_GLYPH_UNKNOWN_FLAG == 0 {
                    glyphs.append(cairo_glyph_t(index: UInt(g.glyph), x: pen + Double(geometry.x_offset) / scale,
                                                y: baseline + Double(geometry.y_offset) / scale))
                }
                pen += Double(geometry.width) / scale
            }
            guard !glyphs.isEmpty else { continue }
            // The font Pango chose for this run (fallbacks included), at the size and transform of this context.
            guard let scaled = pango_cairo_font_get_scaled_font(OpaquePointer(font)) else { continue }
            var cluster = cairo_text_cluster_t(num_bytes: item.length, num_glyphs: Int32(glyphs.count))
            let flags: cairo_text_cluster_flags_t = item.analysis.level % 2 == 1 ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : cairo_text_cluster_flags_t(0)
            cairo_save(cr)
            cairo_set_scaled_font(cr, scaled)
            cairo_show_text_glyphs(cr, utf8 + Int(item.offset), item.length, glyphs, Int32(glyphs.count), &cluster, 1, flags)
            cairo_restore(cr)
        } while pango_layout_iter_next_run(iter) != 0
    }

    /// Draws a label set along a line: every glyph's halo first, then every glyph, each rotated about the left
    /// end of its baseline. The glyphs stay text (selectable in a PDF).
    func draw(_ path: PathText, on cr: OpaquePointer) {
        let passes: [Bool] = path.style.halo != nil && path.style.haloWidthPoints > 0 ? [true, false] : [false]
        for halo in passes {
            for g in path.glyphs where !g.text.allSatisfy(\.isWhitespace) {
                let l = layout(g.text, path.style)
                cairo_save(cr)
                cairo_translate(cr, g.origin.x, g.origin.y)
                cairo_rotate(cr, g.angleRadians)
                pango_cairo_update_layout(cr, l)
                cairo_move_to(cr, 0, -Double(pango_layout_get_baseline(l)) / Double(PANGO_SCALE))
                if halo, let c = path.style.halo {
                    pango_cairo_layout_path(cr, l)
                    cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha)
                    cairo_set_line_width(cr, path.style.haloWidthPoints * 2)
                    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
                    cairo_set_dash(cr, nil, 0, 0)   // solid, whatever the last line drawn was
                    cairo_stroke(cr)
                } else {
                    let c = path.style.color
                    cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha)
                    pango_cairo_show_layout(cr, l)
                }
                cairo_restore(cr)
            }
        }
    }
}
