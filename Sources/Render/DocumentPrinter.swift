import Foundation
import Style

/// A bookmark in a PDF's outline: a heading or figure, by its level (1 = top), page (0-based) and position.
package struct OutlineItem: Sendable, Equatable {
    package var title: String
    package var level: Int
    package var pageIndex: Int
    package var y: Double
    package init(title: String, level: Int, pageIndex: Int, y: Double) {
        self.title = title; self.level = level; self.pageIndex = pageIndex; self.y = y
    }
}

/// Typesets and prints multi-page documents: measures text blocks with the same Pango setup that draws them, and
/// paints a list of scenes into one PDF with metadata, outline and links, or one scene into a PNG.
///
/// Owns one `TextEngine` (a Pango font map): not Sendable, one per document job.
package final class DocumentPrinter {
    let text: TextEngine
    package let families: [String]

    /// - Parameter families: The font families the document uses; each must resolve to itself through the pinned
    ///   `fonts.conf`.
    /// - Throws: `RenderError.font` when one of them does not.
    package init(resources: Resources, families: [String]) throws(RenderError) {
        FontConfiguration.install(resources.fontsConf)
        guard let first = families.first else { throw .font(expected: "(none)", found: "no family asked for") }
        text = try TextEngine(verifying: first)
        for f in families.dropFirst() {
            let found = text.resolvedFamily(f)
            guard found == f else { throw .font(expected: f, found: found) }
        }
        self.families = families
    }

    /// The lines `block` breaks into.
    package func measure(_ block: TextBlock) -> TextBlockMetrics { text.measure(block) }

    /// The width `block` needs on one line.
    package func naturalWidth(_ block: TextBlock) -> Double { text.naturalWidth(block) }

    /// Single-line text measured like a map label.
    package func measure(_ s: String, _ style: TextStyle) -> (width: Double, height: Double) {
        let m = text.measure(s, style)
        return (m.width, m.height)
    }

    /// Paints `pages` (all of `page`'s size) into one PDF, with `info` as metadata and `outline` as bookmarks
    /// (nested by level, in order). A tagged document (`figureAlt` given) also gets its language and each
    /// `Figure` element its alternative text, in reading order (`PDFAccessibility`).
    /// - Throws: `RenderError.cairo` when Cairo or qpdf fails.
    package func pdf(_ pages: [Scene], page: Page, info: DocumentInfo, outline: [OutlineItem],
                     figureAlt: [String]? = nil) throws(RenderError) -> [UInt8] {
        let bytes = try cairoPDF(pages, page: page, info: info, outline: outline)
        guard let figureAlt else { return bytes }
        return try PDFAccessibility.finish(bytes, language: info.language, figureAlt: figureAlt)
    }

    private func cairoPDF(_ pages: [Scene], page: Page, info: DocumentInfo, outline: [OutlineItem]) throws(RenderError) -> [UInt8] {
        let surface = try CairoSurface(.pdf, page: page, info: info)
        var parents: [(level: Int, id: Int32)] = []
        for item in outline {
            while let last = parents.last, last.level >= item.level { parents.removeLast() }
            let id = surface.addOutline(parent: parents.last?.id ?? 0, title: item.title, page: item.pageIndex + 1,
                                        y: item.y, open: item.level == 1)
            parents.append((item.level, id))
        }
        for (k, scene) in pages.enumerated() {
            Painter.paint(scene, on: surface, text: text)
            if k < pages.count - 1 { surface.showPage() }
        }
        return try surface.encoded()
    }

    /// Paints one scene into a PNG at its page's DPI.
    package func png(_ scene: Scene, paper: Color) throws(RenderError) -> [UInt8] {
        let surface = try CairoSurface(.png, page: scene.page, info: DocumentInfo(title: "", author: "", creationDate: ""), paper: paper)
        Painter.paint(scene, on: surface, text: text)
        return try surface.encoded()
    }
}
