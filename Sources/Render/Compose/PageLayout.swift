import Foundation
import Geometry
import Layers
import Style

/// Where the parts of a map page go: the title block, the map frame and the sources line. Type scales with the
/// page (`Page.effectiveTypeScale`) and is never under the page's minimum (6 pt on paper). Title, subtitle and date
/// line wrap to the page's width, each in at most `maxLines` lines (its type shrinks a little first, then its
/// last line is shortened with "…" and a warning says so); the sources line wraps at its parts, and inside a
/// part too long for one line.
struct PageLayout {
    /// The map body's rectangle.
    var frame: PageRect
    /// The lines of the title block, each with its top-left corner.
    var header: [(text: String, origin: PagePoint, style: TextStyle, part: String)] = []
    /// The title block's box (empty when there is none).
    var headerBox = PageRect(x: 0, y: 0, width: 0, height: 0)
    var margin = 0.0
    var creditStyle: TextStyle
    var creditLineHeight = 0.0
    /// What the page draws besides the map body.
    var parts: MapParts
    /// Title lines shortened.
    var warnings: [MapWarning] = []

    /// Lines a header part may take before it is shortened.
    static let maxLines = ["title": 2, "subtitle": 3, "date": 2]

    /// The full page: a header sized to its wrapped lines, a footer sized to the sources line `plannedCredits`
    /// wraps to; `parts` without `.title` or `.credits` leaves that room to the map.
    /// - Throws: `RenderError.layout` when the page leaves no room for a map.
    static func full(spec: MapSpec, page: Page, scale: Double, text: TextEngine, plannedCredits: [String],
                     parts: MapParts = .all) throws -> PageLayout {
        let theme = spec.theme
        let floor = page.minimumTypePoints
        func sized(_ points: Double) -> Double { max(floor, points * scale) }
        let margin = max(8, min(page.widthPoints, page.heightPoints) * 0.045)
        let room = page.widthPoints - 2 * margin
        let creditStyle = TextStyle(family: theme.fontFamily, sizePoints: sized(theme.creditsSizePoints), color: theme.mutedText)
        // The title block takes at most a quarter of a page of fixed height (a slide's large type would take
        // half): its type shrinks in steps of a tenth, to six tenths at most, until it does.
        var header: [(String, PagePoint, TextStyle, String)] = []
        var warnings: [MapWarning] = []
        var headerHeight = 0.0
        for factor in stride(from: 1.0, through: 0.6, by: -0.1) {
            let titleStyle = TextStyle(family: theme.fontFamily, sizePoints: max(floor, sized(theme.titleSizePoints) * factor), bold: true,
                                       color: theme.text)
            let subtitleStyle = TextStyle(family: theme.fontFamily, sizePoints: max(floor, sized(theme.subtitleSizePoints) * factor),
                                          color: theme.mutedText)
            var blocks: [(String, TextStyle, String)] = []
            if parts.contains(.title) {
                blocks.append((spec.title, titleStyle, "title"))
                if let sub = spec.subtitle { blocks.append((sub, subtitleStyle, "subtitle")) }
                if let phrase = spec.timeLine { blocks.append((phrase.prefix(1).uppercased() + phrase.dropFirst(), subtitleStyle, "date")) }
            }
            header = []
            warnings = []
            var y = margin
            for (line, style, part) in blocks {
                let fitted = fit(line, style: style, width: room, maxLines: maxLines[part] ?? 2, floor: floor, text: text)
                if fitted.shortened {
                    warnings.append(MapWarning(kind: .textCutOff, message:
                        "\(part) \"\(line)\" needs more than \(fitted.lines.count) lines at \(JSONValue.format((fitted.style.sizePoints * 10).rounded() / 10)) pt on a \(Int(page.widthMillimeters.rounded())) mm wide page: it is shortened to \"\(fitted.lines.joined(separator: " "))\"; shorten it, use a wider page, or --no-title"))
                }
                for l in fitted.lines {
                    header.append((l, PagePoint(x: margin, y: y), fitted.style, part))
                    y += text.measure(l, fitted.style).height
                }
                y += 1
            }
            headerHeight = blocks.isEmpty ? 0 : y - margin + margin * 0.3
            if page.heightFollowsMap || headerHeight <= 0.25 * page.heightPoints { break }
        }
        let creditLineHeight = text.measure("Sources", creditStyle).height
        let footerHeight: Double
        if parts.contains(.credits) {
            let wrapped = wrap(plannedCredits, width: room, style: creditStyle, text: text)
            footerHeight = Double(wrapped.count) * creditLineHeight + margin * 0.25
        } else {
            footerHeight = 0
        }
        let frame = PageRect(x: margin, y: margin + headerHeight, width: room,
                             height: page.heightPoints - 2 * margin - headerHeight - footerHeight)
        guard frame.width > 20, frame.height > 20 else {
            throw RenderError.layout("the page (\(Int(page.widthMillimeters))×\(Int(page.heightMillimeters)) mm) is too small for a map with a title and credits")
        }
        return PageLayout(frame: frame, header: header, headerBox: PageRect(x: margin, y: margin, width: room, height: headerHeight),
                          margin: margin, creditStyle: creditStyle, creditLineHeight: creditLineHeight, parts: parts, warnings: warnings)
    }

    /// The map body on the whole page, nothing around it.
    static func bare(page: Page) -> PageLayout {
        PageLayout(frame: PageRect(x: 0, y: 0, width: page.widthPoints, height: page.heightPoints),
                   creditStyle: TextStyle(family: "", sizePoints: 6, color: .hex("#000000")), parts: [])
    }

    func headerOps() -> [SceneOp] {
        parts.contains(.title) ? header.map { .text($0.text, origin: $0.origin, $0.style) } : []
    }

    /// The title block's lines as text boxes, each inside the header.
    func headerTexts(_ text: TextEngine) -> [RenderReport.TextBox] {
        guard parts.contains(.title) else { return [] }
        return header.map { h in
            let m = text.measure(h.text, h.style)
            return .init(part: h.part, text: h.text, box: PageRect(x: h.origin.x, y: h.origin.y, width: m.width, height: m.height),
                         within: headerBox)
        }
    }

    /// The sources line under the frame, wrapped to the page's width.
    func creditOps(_ lines: [String]) -> [SceneOp] {
        guard parts.contains(.credits) else { return [] }
        return lines.enumerated().map { k, line in .text(line, origin: creditOrigin(k), creditStyle) }
    }

    func creditTexts(_ lines: [String], pageHeight: Double, text: TextEngine) -> [RenderReport.TextBox] {
        guard parts.contains(.credits), !lines.isEmpty else { return [] }
        let footer = PageRect(x: margin, y: frame.maxY, width: frame.width, height: pageHeight - margin - frame.maxY)
        return lines.enumerated().map { k, line in
            let m = text.measure(line, creditStyle), o = creditOrigin(k)
            return .init(part: "credits", text: line, box: PageRect(x: o.x, y: o.y, width: m.width, height: m.height), within: footer)
        }
    }

    private func creditOrigin(_ k: Int) -> PagePoint {
        PagePoint(x: margin, y: frame.maxY + margin * 0.2 + Double(k) * creditLineHeight)
    }

    func wrapCredits(_ parts: [String], pageWidth: Double, text: TextEngine) -> [String] {
        Self.wrap(parts, width: pageWidth - 2 * margin, style: creditStyle, text: text)
    }

    /// Joins parts with " · " into as few lines as fit `width`, each line starting with a part; a part too long
    /// for a line of its own is broken between words. When the parts run on between words in fewer lines (a
    /// narrow page), they do.
    static func wrap(_ parts: [String], width: Double, style: TextStyle, text: TextEngine) -> [String] {
        let byPart = wrapByPart(parts, width: width, style: style, text: text)
        guard byPart.count > 1 else { return byPart }
        let runOn = breakLines(parts.joined(separator: " · "), width: width, style: style, text: text)
        return runOn.count < byPart.count ? runOn : byPart
    }

    private static func wrapByPart(_ parts: [String], width: Double, style: TextStyle, text: TextEngine) -> [String] {
        var lines: [String] = []
        for part in parts {
            if let last = lines.last, text.measure(last + " · " + part, style).width <= width {
                lines[lines.count - 1] = last + " · " + part
            } else if text.measure(part, style).width <= width {
                lines.append(part)
            } else {
                lines += breakLines(part, width: width, style: style, text: text)
            }
        }
        return lines
    }

    /// `s` broken between words (Pango's line breaking) into lines no wider than `width`.
    static func breakLines(_ s: String, width: Double, style: TextStyle, text: TextEngine) -> [String] {
        // A range of years ("2012–2021") stays on one line: word joiners around the dash, taken out again after.
        var joined = ""
        let chars = Array(s)
        for (k, c) in chars.enumerated() {
            if c == "–", k > 0, k + 1 < chars.count, chars[k - 1].isNumber, chars[k + 1].isNumber { joined += "\u{2060}–\u{2060}" }
            else { joined.append(c) }
        }
        let block = TextBlock(text: joined, family: style.family, sizePoints: style.sizePoints, bold: style.bold, italic: style.italic,
                              color: style.color, widthPoints: width)
        let bytes = Array(joined.utf8)
        return text.measure(block).lines.map { l in
            String(decoding: bytes[l.start..<min(l.end, bytes.count)], as: UTF8.self)
                .replacingOccurrences(of: "\u{2060}", with: "").trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    /// `s` wrapped to `width` in at most `maxLines` lines: at its size if it fits, else at up to 15 % smaller
    /// (never under `floor`), else at that size with its last line cut at a word and ended with "…".
    static func fit(_ s: String, style: TextStyle, width: Double, maxLines: Int, floor: Double, text: TextEngine)
        -> (lines: [String], style: TextStyle, shortened: Bool) {
        var st = style
        let smallest = max(floor, style.sizePoints * 0.85)
        while true {
            let lines = breakLines(s, width: width, style: st, text: text)
            if lines.count <= maxLines { return (lines, st, false) }
            if st.sizePoints <= smallest + 0.01 { break }
            st.sizePoints = max(smallest, st.sizePoints - 0.5)
        }
        var lines = Array(breakLines(s, width: width, style: st, text: text).prefix(maxLines))
        var words = lines[lines.count - 1].split(separator: " ").map(String.init)
        while words.count > 1, text.measure(words.joined(separator: " ") + " …", st).width > width { words.removeLast() }
        lines[lines.count - 1] = words.joined(separator: " ") + " …"
        return (lines, st, true)
    }
}
