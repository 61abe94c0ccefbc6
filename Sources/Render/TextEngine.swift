internal import CPangoCairo
internal import CCairo
import Style

/// Measured text: the logical box (what collisions use) relative to the layout origin.
struct TextMetrics: Equatable {
    var width: Double, height: Double
    /// Distance from the layout's top to the first baseline.
    var baseline: Double
}

/// Sole owner of a Pango font map and context. Lays out, measures and draws text; not shared across threads.
///
/// Hinting is off and glyph positions are not rounded, so a label measures the same on PNG, PDF and SVG
/// surfaces and placement does not depend on the output.
final class TextEngine {
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer   // PangoContext*, also used by TextEngine+Block.swift
    private var layouts: [LayoutKey: OpaquePointer] = [:]   // PangoLayout*, cached per text and style
    private var metrics: [LayoutKey: TextMetrics] = [:]   // measured once per text and style

    private struct LayoutKey: Hashable {
        var text: String, family: String, size: Double, bold: Bool, italic: Bool, spacing: Double, uppercase: Bool
    }

    /// - Throws: `RenderError.font` when the pinned configuration does not resolve `family` to itself.
    init(verifying family: String) throws(RenderError) {
        guard let map = pango_cairo_font_map_new() else {   // NULL only when fontconfig cannot initialise
            throw RenderError.font(expected: family, found: "no font map")
        }
        fontMap = map
        context = pango_font_map_create_context(map)!
        pango_cairo_context_set_resolution(context, 72)   // sizes in points = user units
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_round_glyph_positions(context, 0)
        let found = resolvedFamily(family)
        guard found == family else { throw RenderError.font(expected: family, found: found) }
    }

    deinit {
        for l in layouts.values { g_object_unref(UnsafeMutableRawPointer(l)) }
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
    }

    /// The family fontconfig actually gives for `family`.
    func resolvedFamily(_ family: String) -> String {
        let desc = pango_font_description_new()
        defer { pango_font_description_free(desc) }
        pango_font_description_set_family(desc, family)
        pango_font_description_set_absolute_size(desc, 10 * Double(PANGO_SCALE))
        guard let font = pango_font_map_load_font(fontMap, context, desc) else { return "none" }
        defer { g_object_unref(UnsafeMutableRawPointer(font)) }
        let described = pango_font_describe(font)
        defer { pango_font_description_free(described) }
        return pango_font_description_get_family(described).map { String(cString: $0) } ?? "none"
    }

    func layout(_ text: String, _ style: TextStyle) -> OpaquePointer {
        let key = LayoutKey(text: text, family: style.family, size: style.sizePoints, bold: style.bold,
                            italic: style.italic, spacing: style.letterSpacingPoints, uppercase: style.uppercase)
        if let l = layouts[key] { return l }
        let l = pango_layout_new(context)!
        pango_layout_set_text(l, text, -1)
        pango_layout_set_alignment(l, PANGO_ALIGN_CENTER)   // lines of a wrapped label are centred on each other
        let desc = pango_font_description_new()
        pango_font_description_set_family(desc, style.family)
        pango_font_description_set_absolute_size(desc, style.sizePoints * Double(PANGO_SCALE))
        pango_font_description_set_weight(desc, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(desc, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_layout_set_font_description(l, desc)
        pango_font_description_free(desc)
        if style.letterSpacingPoints != 0 || style.uppercase {
            let attrs = pango_attr_list_new()
            if style.letterSpacingPoints != 0 {
                pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(Int32(style.letterSpacingPoints * Double(PANGO_SCALE))))
            }
            if style.uppercase { pango_attr_list_insert(attrs, pango_attr_text_transform_new(PANGO_TEXT_TRANSFORM_UPPERCASE)) }
            pango_layout_set_attributes(l, attrs)
            pango_attr_list_unref(attrs)
        }
        layouts[key] = l
        return l
    }

    func measure(_ text: String, _ style: TextStyle) -> TextMetrics {
        let key = LayoutKey(text: text, family: style.family, size: style.sizePoints, bold: style.bold,
                            italic: style.italic, spacing: style.letterSpacingPoints, uppercase: style.uppercase)
        if let m = metrics[key] { return m }
        let m = measured(layout(text, style), style)
        metrics[key] = m
        return m
    }

    private func measured(_ l: OpaquePointer, _ style: TextStyle) -> TextMetrics {
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(l, &ink, &logical)
        let scale = Double(PANGO_SCALE)
        var width = Double(logical.width) / scale
        // Letter spacing adds space after the last letter too; it is not part of the word.
        if style.letterSpacingPoints > 0 { width -= style.letterSpacingPoints }
        return TextMetrics(width: width, height: Double(logical.height) / scale,
                           baseline: Double(pango_layout_get_baseline(l)) / scale)
    }

    /// Draws text with its top-left at (x, y): the halo is stroked from the glyph outlines, then the text is shown
    /// as text, so PDF output keeps it selectable and searchable.
    func draw(_ text: String, _ style: TextStyle, x: Double, y: Double, on cr: OpaquePointer) {
        let l = layout(text, style)
        pango_cairo_update_layout(cr, l)
        if let halo = style.halo, style.haloWidthPoints > 0 {
            cairo_save(cr)
            cairo_move_to(cr, x, y)
            pango_cairo_layout_path(cr, l)
            cairo_set_source_rgba(cr, halo.red, halo.green, halo.blue, halo.alpha)
            cairo_set_line_width(cr, style.haloWidthPoints * 2)
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
            cairo_set_dash(cr, nil, 0, 0)   // solid, whatever the last line drawn was
            cairo_stroke(cr)
            cairo_restore(cr)
        }
        cairo_move_to(cr, x, y)
        cairo_set_source_rgba(cr, style.color.red, style.color.green, style.color.blue, style.color.alpha)
        // Letter-spaced glyphs stand apart, and PDF text extraction would split the word at every gap.
        if style.letterSpacingPoints != 0 { showAsWords(l, x: x, y: y, on: cr) } else { pango_cairo_show_layout(cr, l) }
    }
}
