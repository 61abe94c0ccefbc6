import Foundation
import Style

/// Writes a `Scene` as SVG 1.1 of our own: paths for geometry (fills, strokes, dashes, clip paths, opacity),
/// a `<text>` for every label and text line with its font family, size, weight, style and letter spacing, halos as
/// a stroke painted under the fill (`paint-order: stroke`), and the scene's named parts (`beginLayer`) as
/// `<g id="…">` groups that Inkscape shows as layers. Labels stay editable and searchable.
///
/// Text is placed where Pango places it on the PNG and PDF: each line (and, in a text block, each span or
/// justified word) starts at the x Pango gives it, on Pango's baseline; the SVG renderer then shapes the line
/// with the named font. Capitals shown by `uppercase` are written as capitals (SVG renderers do not all apply
/// `text-transform`). Coordinates are points, rounded to 0.01 pt; path data is relative, computed from the
/// rounded absolute values, so it does not drift. Same scene, same bytes.
///
/// Everything a scene holds has an SVG form, so Cairo's SVG surface (which writes glyph outlines, no text) is
/// not used. A PDF link destination and a tagged-PDF structure element have no SVG meaning and are left out;
/// an image figure is embedded as a data URI.
///
/// Text set glyph by glyph along a line (a river's name) is a group named by the label, a `<text>` per glyph at
/// the point and angle the labeller chose, as Cairo draws it (see `alongLine`).
struct SVGWriter {
    private var out: [UInt8] = []
    private var ids: [String: Int] = [:]
    private var clipCount = 0
    private let text: TextEngine
    /// Open `<g>` elements: a clip (closed by `.resetClip`) or a named layer (closed by `.endLayer`).
    private var open: [Bool] = []   // true = clip

    private init(text: TextEngine) { self.text = text }

    /// The SVG document for `scene`. `title` and `description` become its `<title>` and `<desc>` (the alt text).
    static func encode(_ scene: Scene, text: TextEngine, title: String, description: String) -> [UInt8] {
        var w = SVGWriter(text: text)
        let width = w.number(scene.page.widthPoints), height = w.number(scene.page.heightPoints)
        w.put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        w.put("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" ")
        w.put("xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" version=\"1.1\" ")
        w.put("width=\"\(width)pt\" height=\"\(height)pt\" viewBox=\"0 0 \(width) \(height)\" ")
        w.put("stroke-linejoin=\"round\" stroke-linecap=\"round\">\n")
        if !title.isEmpty { w.put("<title>\(escape(title))</title>\n") }
        if !description.isEmpty { w.put("<desc>\(escape(description))</desc>\n") }
        w.write(scene.ops)
        while !w.open.isEmpty { w.close() }
        w.put("</svg>\n")
        return w.out
    }

    // MARK: Ops

    private mutating func write(_ ops: [SceneOp]) {
        for op in ops {
            switch op {
            case .fillRect(let r, let c):
                put("<rect x=\"\(number(r.x))\" y=\"\(number(r.y))\" width=\"\(number(r.width))\" height=\"\(number(r.height))\"\(fill(c))/>\n")
            case .strokeRect(let r, let l):
                put("<rect x=\"\(number(r.x))\" y=\"\(number(r.y))\" width=\"\(number(r.width))\" height=\"\(number(r.height))\" fill=\"none\"\(stroke(l))/>\n")
            case .fill(let rings, let color, let outline):
                guard let d = pathData(rings, close: true) else { continue }
                let paint = (color.map { fill($0) + " fill-rule=\"evenodd\"" } ?? " fill=\"none\"") + (outline.map(stroke) ?? "")
                put("<path d=\"\(d)\"\(paint)/>\n")
            case .hatch(let rings, let h):
                let lines = Painter.hatchLines(rings, h)
                guard let clip = pathData(rings, close: true), let d = pathData(lines, close: false) else { continue }
                let id = nextClip()
                put("<clipPath id=\"\(id)\"><path d=\"\(clip)\" clip-rule=\"evenodd\"/></clipPath>\n")
                put("<path d=\"\(d)\" fill=\"none\"\(stroke(LineStyle(color: h.color, widthPoints: h.widthPoints))) clip-path=\"url(#\(id))\"/>\n")
            case .stroke(let lines, let l):
                guard let d = pathData(lines, close: false) else { continue }
                put("<path d=\"\(d)\" fill=\"none\"\(stroke(l))/>\n")
            case .marker(let p, let m):
                marker(p, m)
            case .text(let s, let origin, let style):
                label(s, origin, style)
            case .pathText(let path):
                alongLine(path)
            case .clip(let r):
                let id = nextClip()
                put("<clipPath id=\"\(id)\"><rect x=\"\(number(r.x))\" y=\"\(number(r.y))\" width=\"\(number(r.width))\" height=\"\(number(r.height))\"/></clipPath>\n")
                put("<g clip-path=\"url(#\(id))\">\n")
                open.append(true)
            case .resetClip:
                guard let k = open.lastIndex(of: true) else { continue }
                while open.count > k { close() }
            case .textBlock(let block, let origin, let lines):
                textBlock(block, origin, lines)
            case .group(let inner, let offset):
                put("<g transform=\"translate(\(number(offset.x)) \(number(offset.y)))\">\n")
                let depth = open.count
                write(inner)
                while open.count > depth { close() }
                put("</g>\n")
            case .destination, .structure:
                break   // a PDF link target, a tagged-PDF structure element: nothing to draw, no SVG equivalent
            case .image(let file, let r):
                // Embedded, so the SVG stands alone; scaled to fit the rectangle, centred, as librsvg draws it.
                put("<image x=\"\(number(r.x))\" y=\"\(number(r.y))\" width=\"\(number(r.width))\" height=\"\(number(r.height))\" ")
                put("preserveAspectRatio=\"xMidYMid meet\" xlink:href=\"data:\(file.mimeType);base64,\(Data(file.bytes).base64EncodedString())\"/>\n")
            case .beginLayer(let name):
                let id = uniqueID(name)
                put("<g id=\"\(id)\" inkscape:groupmode=\"layer\" inkscape:label=\"\(Self.escape(name))\">\n")
                open.append(false)
            case .endLayer:
                guard let k = open.lastIndex(of: false) else { continue }
                while open.count > k { close() }
            }
        }
    }

    private mutating func close() {
        open.removeLast()
        put("</g>\n")
    }

    private mutating func marker(_ p: PagePoint, _ m: Mark) {
        let r = m.radiusPoints
        let paint = (m.fill.map(fill) ?? " fill=\"none\"") + (m.stroke.map(stroke) ?? "")
        switch m.shape {
        case .circle:
            put("<circle cx=\"\(number(p.x))\" cy=\"\(number(p.y))\" r=\"\(number(r))\"\(paint)/>\n")
        case .square:
            put("<rect x=\"\(number(p.x - r))\" y=\"\(number(p.y - r))\" width=\"\(number(2 * r))\" height=\"\(number(2 * r))\"\(paint)/>\n")
        case .triangle:
            let ring = [PagePoint(x: p.x, y: p.y - r * 1.2), PagePoint(x: p.x + r * 1.1, y: p.y + r * 0.8),
                        PagePoint(x: p.x - r * 1.1, y: p.y + r * 0.8)]
            put("<path d=\"\(pathData([ring], close: true)!)\"\(paint)/>\n")
        case .diamond:
            let ring = [PagePoint(x: p.x, y: p.y - r * 1.25), PagePoint(x: p.x + r, y: p.y), PagePoint(x: p.x, y: p.y + r * 1.25),
                        PagePoint(x: p.x - r, y: p.y)]
            put("<path d=\"\(pathData([ring], close: true)!)\"\(paint)/>\n")
        case .cross:
            let w = r * 0.35
            func box(_ x: Double, _ y: Double, _ bw: Double, _ bh: Double) -> [PagePoint] {
                [PagePoint(x: x, y: y), PagePoint(x: x + bw, y: y), PagePoint(x: x + bw, y: y + bh), PagePoint(x: x, y: y + bh)]
            }
            // Two overlapping bars filled together with the non-zero rule, as Cairo fills them.
            put("<path d=\"\(pathData([box(p.x - r, p.y - w, 2 * r, 2 * w), box(p.x - w, p.y - r, 2 * w, 2 * r)], close: true)!)\"\(paint)/>\n")
        }
    }

    // MARK: Text

    /// A label: one `<text>`, one `<tspan>` per line, each at Pango's line start and baseline.
    private mutating func label(_ s: String, _ origin: PagePoint, _ style: TextStyle) {
        let bytes = Array(s.utf8)
        var attrs = font(family: style.family, size: style.sizePoints, bold: style.bold, italic: style.italic)
        if style.letterSpacingPoints != 0 { attrs += " letter-spacing=\"\(number(style.letterSpacingPoints, places: 3))\"" }
        attrs += fill(style.color)
        if let halo = style.halo, style.haloWidthPoints > 0 {
            attrs += stroke(LineStyle(color: halo, widthPoints: style.haloWidthPoints * 2)) + " paint-order=\"stroke\""
        }
        put("<text\(attrs)>")
        for line in text.setLines(s, style) {
            var shown = String(decoding: bytes[line.start..<min(line.end, bytes.count)], as: UTF8.self)
            if style.uppercase { shown = shown.uppercased() }
            put("<tspan x=\"\(number(origin.x + line.x))\" y=\"\(number(origin.y + line.baseline))\">\(Self.escape(shown))</tspan>")
        }
        put("</text>\n")
    }

    /// A label along a line, drawn as `TextEngine.draw(_:on:)` draws it: each glyph its own `<text>`, moved to the
    /// left end of its baseline and turned clockwise by its angle (`transform`), every glyph's halo under every
    /// glyph (a halo pass, then the glyphs), in one `<g>` named by the whole label (`aria-label` and `<title>`).
    /// SVG's own per-glyph forms (`rotate` on a `<tspan>`, `<textPath>`) would keep the name one element, but
    /// librsvg draws neither (its glyphs stay upright); this form is drawn alike by every renderer.
    private mutating func alongLine(_ path: PathText) {
        let style = path.style
        let glyphs = path.glyphs.filter { !$0.text.allSatisfy(\.isWhitespace) }
        guard !glyphs.isEmpty else { return }
        let font = font(family: style.family, size: style.sizePoints, bold: style.bold, italic: style.italic)
        func place(_ g: PathText.Glyph) -> String {
            " transform=\"translate(\(number(g.origin.x)) \(number(g.origin.y)))"
                + (g.angleRadians == 0 ? "" : " rotate(\(number(g.angleRadians * 180 / .pi)))") + "\""
        }
        func shown(_ g: PathText.Glyph) -> String { Self.escape(style.uppercase ? g.text.uppercased() : g.text) }
        put("<g class=\"along-line\" aria-label=\"\(Self.escape(path.text))\"><title>\(Self.escape(path.text))</title>\n")
        if let halo = style.halo, style.haloWidthPoints > 0 {
            put("<g aria-hidden=\"true\"\(font) fill=\"none\"\(stroke(LineStyle(color: halo, widthPoints: style.haloWidthPoints * 2)))>")
            for g in glyphs { put("<text\(place(g))>\(shown(g))</text>") }
            put("</g>\n")
        }
        for g in glyphs { put("<text\(place(g))\(font)\(fill(style.color))>\(shown(g))</text>") }
        put("\n</g>\n")
    }

    /// Lines of a text block: one `<text>` per line, a `<tspan>` per styled piece at Pango's x, links as `<a>`.
    private mutating func textBlock(_ block: TextBlock, _ origin: PagePoint, _ range: Range<Int>) {
        let bytes = Array(block.text.utf8)
        for line in text.setLines(block, lines: range) {
            put("<text\(font(family: block.family, size: block.sizePoints, bold: block.bold, italic: block.italic))\(fill(block.color))>")
            let y = origin.y + line.baseline
            for (k, piece) in line.pieces.enumerated() {
                let end = k + 1 < line.pieces.count ? line.pieces[k + 1].start : line.end
                var shown = String(decoding: bytes[piece.start..<min(end, bytes.count)], as: UTF8.self)
                if k + 1 == line.pieces.count { shown = String(shown.reversed().drop { $0 == "\n" || $0 == "\r" }.reversed()) }
                guard !shown.isEmpty else { continue }
                var attrs = "", dy = 0.0, link: String?
                for span in block.spans where span.start <= piece.start && piece.start < span.end {
                    switch span.kind {
                    case .bold: attrs += " font-weight=\"bold\""
                    case .italic: attrs += " font-style=\"italic\""
                    case .strikethrough: attrs += " text-decoration=\"line-through\""
                    case .family(let f, let scale):
                        attrs += " font-family=\"\(Self.escape(f))\" font-size=\"\(number(block.sizePoints * scale, places: 3))\""
                    case .color(let c): attrs += fill(c)
                    case .superscript:
                        dy = block.sizePoints * 0.38
                        attrs += " font-size=\"\(number(block.sizePoints * 0.68, places: 3))\""
                    case .link(let target):
                        link = target
                        attrs += fill(.hex("#1d4f91"))
                    }
                }
                let tspan = "<tspan x=\"\(number(origin.x + piece.x))\" y=\"\(number(y - dy))\"\(attrs)>\(Self.escape(shown))</tspan>"
                if let link { put("<a xlink:href=\"\(Self.escape(link))\">\(tspan)</a>") } else { put(tspan) }
            }
            put("</text>\n")
        }
    }

    private func font(family: String, size: Double, bold: Bool, italic: Bool) -> String {
        var s = " font-family=\"\(Self.escape(family)), sans-serif\" font-size=\"\(number(size, places: 3))\""
        if bold { s += " font-weight=\"bold\"" }
        if italic { s += " font-style=\"italic\"" }
        return s
    }

    // MARK: Paint

    private func fill(_ c: Color) -> String {
        " fill=\"\(hex(c))\"" + (c.alpha < 1 ? " fill-opacity=\"\(number(c.alpha, places: 3))\"" : "")
    }

    private func stroke(_ l: LineStyle) -> String {
        var s = " stroke=\"\(hex(l.color))\" stroke-width=\"\(number(l.widthPoints, places: 3))\""
        if l.color.alpha < 1 { s += " stroke-opacity=\"\(number(l.color.alpha, places: 3))\"" }
        if !l.dashPoints.isEmpty {
            // Butt caps on dashes, as the Cairo painter draws them: a round cap would lengthen every dash.
            s += " stroke-dasharray=\"\(l.dashPoints.map { number($0, places: 3) }.joined(separator: " "))\" stroke-linecap=\"butt\""
        }
        return s
    }

    private func hex(_ c: Color) -> String {
        let (r, g, b) = c.rgb8
        let digits = Array("0123456789abcdef")
        return "#" + String([r >> 4, r & 15, g >> 4, g & 15, b >> 4, b & 15].map { digits[Int($0)] })
    }

    // MARK: Output

    /// Path data for rings or lines: an absolute move to each first point, then relative line segments from the
    /// coordinates rounded to 0.01 pt. nil when nothing has two points.
    private func pathData(_ parts: [[PagePoint]], close: Bool) -> String? {
        var d: [UInt8] = []
        d.reserveCapacity(parts.reduce(0) { $0 + $1.count } * 8)
        for part in parts where part.count >= 2 {
            var px = Self.hundredths(part[0].x), py = Self.hundredths(part[0].y)
            d.append(UInt8(ascii: "M"))
            Self.append(px, to: &d)
            d.append(UInt8(ascii: " "))
            Self.append(py, to: &d)
            d.append(UInt8(ascii: "l"))
            var first = true
            var count = 0
            for p in part.dropFirst() {
                let x = Self.hundredths(p.x), y = Self.hundredths(p.y)
                if x == px && y == py { continue }
                if !first && x - px >= 0 { d.append(UInt8(ascii: " ")) }
                Self.append(x - px, to: &d)
                if y - py >= 0 { d.append(UInt8(ascii: " ")) }
                Self.append(y - py, to: &d)
                px = x; py = y; first = false; count += 1
            }
            if count == 0 { d.append(contentsOf: Array("0 0".utf8)) }
            if close { d.append(UInt8(ascii: "z")) }
        }
        return d.isEmpty ? nil : String(decoding: d, as: UTF8.self)
    }

    private static func hundredths(_ v: Double) -> Int { Int((v * 100).rounded()) }

    /// `v` hundredths as a decimal number: 1234 → "12.34", -5 → "-0.05", 300 → "3".
    private static func append(_ v: Int, to d: inout [UInt8]) {
        if v < 0 { d.append(UInt8(ascii: "-")) }
        let a = v.magnitude
        d.append(contentsOf: Array(String(a / 100).utf8))
        let frac = a % 100
        if frac != 0 {
            d.append(UInt8(ascii: "."))
            d.append(UInt8(ascii: "0") + UInt8(frac / 10))
            if frac % 10 != 0 { d.append(UInt8(ascii: "0") + UInt8(frac % 10)) }
        }
    }

    /// A number rounded to `places` decimals, without trailing zeros.
    private func number(_ v: Double, places: Int = 2) -> String {
        var p = 1.0
        for _ in 0..<places { p *= 10 }
        let n = Int((v * p).rounded())
        if n == 0 { return "0" }
        let a = n.magnitude, whole = a / UInt(p), frac = a % UInt(p)
        var s = (n < 0 ? "-" : "") + String(whole)
        if frac != 0 {
            var f = String(frac)
            while f.count < places { f = "0" + f }
            while f.hasSuffix("0") { f.removeLast() }
            s += "." + f
        }
        return s
    }

    private mutating func nextClip() -> String {
        clipCount += 1
        return "clip\(clipCount)"
    }

    /// An XML id from a layer name: letters, digits, `-`, `_` and `.` kept, anything else `-`; made unique.
    private mutating func uniqueID(_ name: String) -> String {
        var id = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "-" })
        if id.isEmpty || !(id.first!.isLetter || id.first == "_") { id = "layer-" + id }
        if id.hasPrefix("clip") { id = "layer-" + id }   // clip path ids are ours
        let seen = ids[id, default: 0]
        ids[id] = seen + 1
        return seen == 0 ? id : "\(id)-\(seen + 1)"
    }

    private mutating func put(_ s: String) { out.append(contentsOf: s.utf8) }

    static func escape(_ s: String) -> String {
        var o = ""
        o.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            case "\n", "\t": o += " "
            default:
                // XML 1.0 forbids most control characters.
                if ch.value < 0x20 { continue }
                o.unicodeScalars.append(ch)
            }
        }
        return o
    }
}
