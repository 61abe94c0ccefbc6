internal import CPangoCairo
internal import CCairo
import Style

/// Text blocks: wrapped, justified, styled paragraphs for documents. A block is laid out afresh for each use; the
/// layout is freed before the call returns, so no Pango object outlives it.
extension TextEngine {
    /// Lays out `block` and returns its lines.
    func measure(_ block: TextBlock) -> TextBlockMetrics {
        withLayout(block) { l in
            var lines: [TextLine] = []
            let iter = pango_layout_get_iter(l)!
            defer { pango_layout_iter_free(iter) }
            var widest = 0.0
            repeat {
                var ink = PangoRectangle(), logical = PangoRectangle()
                pango_layout_iter_get_line_extents(iter, &ink, &logical)
                let line = pango_layout_iter_get_line_readonly(iter)!
                let start = Int(line.pointee.start_index), length = Int(line.pointee.length)
                lines.append(TextLine(top: Double(logical.y) / scale, height: Double(logical.height) / scale,
                                      baseline: Double(pango_layout_iter_get_baseline(iter)) / scale,
                                      start: start, end: start + length))
                widest = max(widest, Double(logical.width) / scale)
            } while pango_layout_iter_next_line(iter) != 0
            return TextBlockMetrics(lines: lines, width: widest)
        }
    }

    /// The natural width of `block` on one line (what a table column would need to avoid wrapping it).
    func naturalWidth(_ block: TextBlock) -> Double {
        var b = block
        b.widthPoints = -1
        return measure(b).width
    }

    /// Draws lines `range` of `block`, the first line's top at (x, y), each line shown as text (selectable in a
    /// PDF), then its links as link annotations over the text they cover.
    func draw(_ block: TextBlock, lines range: Range<Int>, x: Double, y: Double, on cr: OpaquePointer) {
        withLayout(block) { l in
            pango_cairo_update_layout(cr, l)
            let count = Int(pango_layout_get_line_count(l))
            let lines = range.clamped(to: 0..<count)
            guard let firstLine = lines.first else { return }
            var top0 = 0.0
            var boxes: [(line: OpaquePointer, x: Double, top: Double, height: Double, baseline: Double)] = []
            let iter = pango_layout_get_iter(l)!
            var k = 0
            repeat {
                if lines.contains(k) {
                    var ink = PangoRectangle(), logical = PangoRectangle()
                    pango_layout_iter_get_line_extents(iter, &ink, &logical)
                    let top = Double(logical.y) / scale
                    if k == firstLine { top0 = top }
                    boxes.append((OpaquePointer(pango_layout_iter_get_line_readonly(iter)!), Double(logical.x) / scale,
                                  top - top0, Double(logical.height) / scale,
                                  Double(pango_layout_iter_get_baseline(iter)) / scale - top0))
                }
                k += 1
            } while pango_layout_iter_next_line(iter) != 0
            pango_layout_iter_free(iter)
            cairo_set_source_rgba(cr, block.color.red, block.color.green, block.color.blue, block.color.alpha)
            for b in boxes {
                cairo_move_to(cr, x + b.x, y + b.baseline)
                pango_cairo_show_layout_line(cr, UnsafeMutablePointer(b.line))
            }
            // Link annotations: one rectangle per line piece the link covers.
            for span in block.spans {
                guard case .link(let target) = span.kind else { continue }
                var rects: [String] = []
                for b in boxes {
                    let line = UnsafeMutablePointer<PangoLayoutLine>(b.line)
                    let ls = Int(line.pointee.start_index), le = ls + Int(line.pointee.length)
                    let a = max(ls, span.start), e = min(le, span.end)
                    guard a < e else { continue }
                    var ranges: UnsafeMutablePointer<Int32>?
                    var n: Int32 = 0
                    pango_layout_line_get_x_ranges(line, Int32(a), Int32(e), &ranges, &n)
                    for r in 0..<Int(n) {
                        let x0 = Double(ranges![2 * r]) / scale, x1 = Double(ranges![2 * r + 1]) / scale
                        rects.append("\(fmt(x + x0)) \(fmt(y + b.top)) \(fmt(x1 - x0)) \(fmt(b.height))")
                    }
                    g_free(ranges)
                }
                guard !rects.isEmpty else { continue }
                let link = target.hasPrefix("#") ? "dest='\(Self.quoted(String(target.dropFirst())))'" : "uri='\(Self.quoted(target))'"
                cairo_tag_begin(cr, "Link", "rect=[\(rects.joined(separator: " "))] \(link)")
                cairo_tag_end(cr, "Link")
            }
        }
    }

    /// A value for a Cairo tag attribute inside single quotes: `\` and `'` escaped.
    static func quoted(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    }

    private var scale: Double { Double(PANGO_SCALE) }

    private func fmt(_ v: Double) -> String { String(format: "%.3f", v) }

    func withLayout<T>(_ block: TextBlock, _ body: (OpaquePointer) -> T) -> T {
        let l = pango_layout_new(context)!
        defer { g_object_unref(UnsafeMutableRawPointer(l)) }
        pango_layout_set_text(l, block.text, -1)
        if block.widthPoints > 0 {
            pango_layout_set_width(l, Int32(block.widthPoints * scale))
            pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR)
        }
        switch block.alignment {
        case .left: pango_layout_set_alignment(l, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(l, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT)
        case .justify:
            pango_layout_set_alignment(l, PANGO_ALIGN_LEFT)
            pango_layout_set_justify(l, 1)
        }
        if block.lineSpacing > 0 { pango_layout_set_line_spacing(l, Float(block.lineSpacing)) }
        let desc = pango_font_description_new()
        pango_font_description_set_family(desc, block.family)
        pango_font_description_set_absolute_size(desc, block.sizePoints * scale)
        pango_font_description_set_weight(desc, block.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(desc, block.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_layout_set_font_description(l, desc)
        pango_font_description_free(desc)
        if !block.spans.isEmpty {
            let attrs = pango_attr_list_new()
            for span in block.spans {
                for attr in attributes(span.kind, size: block.sizePoints) {
                    attr.pointee.start_index = UInt32(span.start)
                    attr.pointee.end_index = UInt32(span.end)
                    pango_attr_list_insert(attrs, attr)   // the list takes ownership
                }
            }
            pango_layout_set_attributes(l, attrs)
            pango_attr_list_unref(attrs)
        }
        return body(l)
    }

    private func attributes(_ kind: TextSpan.Kind, size: Double) -> [UnsafeMutablePointer<PangoAttribute>] {
        func color(_ c: Color) -> UnsafeMutablePointer<PangoAttribute> {
            pango_attr_foreground_new(UInt16(c.red * 65535), UInt16(c.green * 65535), UInt16(c.blue * 65535))
        }
        switch kind {
        case .bold: return [pango_attr_weight_new(PANGO_WEIGHT_BOLD)]
        case .italic: return [pango_attr_style_new(PANGO_STYLE_ITALIC)]
        case .strikethrough: return [pango_attr_strikethrough_new(1)]
        case .family(let f, let s): return [pango_attr_family_new(f), pango_attr_scale_new(s)]
        case .color(let c): return [color(c)]
        case .superscript: return [pango_attr_rise_new(Int32(size * 0.38 * scale)), pango_attr_scale_new(0.68)]
        case .link: return [color(.hex("#1d4f91"))]
        }
    }
}
