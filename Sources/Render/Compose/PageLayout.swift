import Foundation
import Geometry
import Layers
import Style

/// Where the parts of a map page go: the title block, the map frame and the sources line. Type scales with the
/// page's physical size and is never under 6 pt on paper.
struct PageLayout {
    /// The map body's rectangle.
    var frame: PageRect
    /// Title, subtitle and date line, each with its top-left corner.
    var header: [(text: String, origin: PagePoint, style: TextStyle)] = []
    var margin = 0.0
    var creditStyle: TextStyle
    var creditLineHeight = 0.0
    /// What the page draws besides the map body.
    var parts: MapParts
    /// Header lines too wide for the page (they run off its edge).
    var warnings: [MapWarning] = []

    /// The full page: a header sized to its lines, a footer sized to the sources line `plannedCredits` wraps to.
    /// - Throws: `RenderError.layout` when the page leaves no room for a map.
    static func full(spec: MapSpec, page: Page, scale: Double, text: TextEngine, plannedCredits: [String]) throws -> PageLayout {
        let theme = spec.theme
        func sized(_ points: Double) -> Double { max(6, points * scale) }
        let margin = max(8, min(page.widthPoints, page.heightPoints) * 0.045)
        let titleStyle = TextStyle(family: theme.fontFamily, sizePoints: sized(theme.titleSizePoints), bold: true, color: theme.text)
        let subtitleStyle = TextStyle(family: theme.fontFamily, sizePoints: sized(theme.subtitleSizePoints), color: theme.mutedText)
        let creditStyle = TextStyle(family: theme.fontFamily, sizePoints: sized(theme.creditsSizePoints), color: theme.mutedText)
        var lines: [(String, TextStyle)] = [(spec.title, titleStyle)]
        if let sub = spec.subtitle { lines.append((sub, subtitleStyle)) }
        if let phrase = spec.timeLine { lines.append((phrase.prefix(1).uppercased() + phrase.dropFirst(), subtitleStyle)) }
        var header: [(String, PagePoint, TextStyle)] = []
        var warnings: [MapWarning] = []
        var y = margin
        for (k, (line, style)) in lines.enumerated() {
            header.append((line, PagePoint(x: margin, y: y), style))
            let size = text.measure(line, style)
            let room = page.widthPoints - 2 * margin
            if size.width > room {
                let what = k == 0 ? "title" : (k == 1 && spec.subtitle != nil ? "subtitle" : "date line")
                warnings.append(MapWarning(kind: .textCutOff, message:
                    "\(what) \"\(line)\" is \(Int(size.width.rounded())) pt wide, the page leaves \(Int(room)) pt: it is cut off at the page's edge; shorten it or use a wider page"))
            }
            y += size.height + 1
        }
        let headerHeight = y - margin + margin * 0.3
        let creditLineHeight = text.measure("Sources", creditStyle).height
        let wrapped = wrap(plannedCredits, width: page.widthPoints - 2 * margin, style: creditStyle, text: text)
        let footerHeight = Double(wrapped.count) * creditLineHeight + margin * 0.25
        let frame = PageRect(x: margin, y: margin + headerHeight, width: page.widthPoints - 2 * margin,
                             height: page.heightPoints - 2 * margin - headerHeight - footerHeight)
        guard frame.width > 20, frame.height > 20 else {
            throw RenderError.layout("the page (\(Int(page.widthMillimeters))×\(Int(page.heightMillimeters)) mm) is too small for a map with a title and credits")
        }
        return PageLayout(frame: frame, header: header, margin: margin, creditStyle: creditStyle, creditLineHeight: creditLineHeight,
                          parts: .all, warnings: warnings)
    }

    /// The map body on the whole page, nothing around it.
    static func bare(page: Page) -> PageLayout {
        PageLayout(frame: PageRect(x: 0, y: 0, width: page.widthPoints, height: page.heightPoints),
                   creditStyle: TextStyle(family: "", sizePoints: 6, color: .hex("#000000")), parts: [])
    }

    func headerOps() -> [SceneOp] {
        parts.contains(.title) ? header.map { .text($0.text, origin: $0.origin, $0.style) } : []
    }

    /// The sources line under the frame, wrapped to the page's width.
    func creditOps(_ lines: [String]) -> [SceneOp] {
        guard parts.contains(.credits) else { return [] }
        return lines.enumerated().map { k, line in
            .text(line, origin: PagePoint(x: margin, y: frame.maxY + margin * 0.2 + Double(k) * creditLineHeight), creditStyle)
        }
    }

    func wrapCredits(_ parts: [String], pageWidth: Double, text: TextEngine) -> [String] {
        Self.wrap(parts, width: pageWidth - 2 * margin, style: creditStyle, text: text)
    }

    /// Joins parts with " · " into as few lines as fit `width`.
    static func wrap(_ parts: [String], width: Double, style: TextStyle, text: TextEngine) -> [String] {
        var lines: [String] = []
        for part in parts {
            if let last = lines.last, text.measure(last + " · " + part, style).width <= width {
                lines[lines.count - 1] = last + " · " + part
            } else {
                lines.append(part)
            }
        }
        return lines
    }
}
