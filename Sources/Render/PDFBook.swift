import Style

/// A multi-page PDF written one page at a time — the pages of an atlas, in order, each with a bookmark — so a
/// thousand-page atlas never holds more than the pages waiting for their turn. Pages are painted exactly as
/// `MapRenderer.write` paints a map's own PDF, with the same metadata, so the bytes are the same from run to run.
///
/// Owns one Cairo PDF surface and one Pango font map: not Sendable, used by one thread at a time.
package final class PDFBook {
    private let surface: CairoSurface
    private let text: TextEngine
    package let page: Page
    package private(set) var pageCount = 0

    /// - Throws: `RenderError.font` when `fontFamily` does not resolve to itself through `resources`' fonts.conf,
    ///   `RenderError.cairo` when the surface cannot be made.
    package init(page: Page, info: DocumentInfo, fontFamily: String, resources: Resources) throws(RenderError) {
        FontConfiguration.install(resources.fontsConf)
        text = try TextEngine(verifying: fontFamily)
        surface = try CairoSurface(.pdf, page: page, info: info)
        self.page = page
    }

    /// Paints `map` as the next page, with `title` as its bookmark.
    /// - Throws: `RenderError.cairo` for a page of another size than the book's.
    package func add(_ map: ComposedMap, title: String) throws(RenderError) {
        guard map.scene.page.widthPoints == page.widthPoints, map.scene.page.heightPoints == page.heightPoints else {
            throw .cairo(doing: "add page \(pageCount + 1) to a PDF of \(page.widthPoints)×\(page.heightPoints) pt",
                         status: "the page is \(map.scene.page.widthPoints)×\(map.scene.page.heightPoints) pt")
        }
        if pageCount > 0 { surface.showPage() }
        pageCount += 1
        _ = surface.addOutline(parent: 0, title: title, page: pageCount, y: 0, open: false)
        Painter.paint(map.scene, on: surface, text: text)
    }

    /// Finishes the document and returns its bytes.
    package func finish() throws(RenderError) -> [UInt8] { try surface.encoded() }
}
