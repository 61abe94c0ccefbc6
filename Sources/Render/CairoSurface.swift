import Style
internal import CCairo
internal import CZlibPNG

/// Collects the bytes Cairo writes through a stream callback.
private final class ByteSink {
    var bytes: [UInt8] = []
}

/// Cairo's write callback: appends to the `ByteSink` passed as closure data.
private let appendToSink: cairo_write_func_t = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().bytes
        .append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}

/// Sole owner of one Cairo surface and its drawing context; user space is page points (1/72 inch).
/// Not Sendable: one surface is drawn by one thread.
final class CairoSurface {
    let format: OutputFormat
    let page: Page
    private let surface: OpaquePointer   // cairo_surface_t*
    let cr: OpaquePointer                // cairo_t*, destroyed before the surface
    private let sink = ByteSink()

    /// PDF only: the markers recorded once and painted at each use (`MarkerForms`), shared by all pages.
    private(set) lazy var markerForms = MarkerForms()

    /// The pixel rows this surface holds (PNG only): the whole page, or one band of it drawn by one thread.
    let rows: Range<Int>

    /// - Parameter paper: For PNG, the colour every pixel starts as. The image is the page rounded to whole pixels
    ///   (A4 at 300 dpi: 3507.875 → 3508 px), so a page-sized fill in points leaves the last column or row partly
    ///   uncovered; starting from paper, that sliver beyond the page's edge is paper too.
    /// - Parameter pixels: For PNG, memory of `rows.count` × `Self.stride(for: page)` bytes to draw into, which
    ///   must outlive the surface; nil to let Cairo allocate it.
    init(_ format: OutputFormat, page: Page, info: DocumentInfo, rows band: Range<Int>? = nil, paper: Color? = nil,
         pixels: UnsafeMutableRawBufferPointer? = nil) throws(RenderError) {
        self.format = format
        self.page = page
        rows = band ?? 0..<page.pixelHeight
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let s: OpaquePointer
        switch format {
        case .png:
            // Both return an error surface, never NULL: check its status.
            if let pixels, let base = pixels.baseAddress?.assumingMemoryBound(to: UInt8.self),
               pixels.count >= rows.count * Self.stride(for: page) {
                s = cairo_image_surface_create_for_data(base, CAIRO_FORMAT_RGB24, Int32(page.pixelWidth), Int32(rows.count),
                                                        Int32(Self.stride(for: page)))
            } else {
                precondition(pixels == nil, "pixel memory smaller than the band")
                s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(page.pixelWidth), Int32(rows.count))
            }
            // A band sees the page through an integer device offset, so it draws exactly its rows of the page.
            cairo_surface_set_device_offset(s, 0, -Double(rows.lowerBound))
        case .pdf:
            s = cairo_pdf_surface_create_for_stream(appendToSink, closure, page.widthPoints, page.heightPoints)
        case .svg:
            // SVG is written by SVGWriter (real text); Cairo's SVG surface writes glyph outlines and is not used.
            throw RenderError.layout("SVG is written by SVGWriter, not by a Cairo surface")
        }
        if let e = RenderError(cairo_surface_status(s), doing: "create a \(page.pixelWidth)×\(page.pixelHeight) \(format.rawValue) surface") {
            cairo_surface_destroy(s)
            throw e
        }
        switch format {
        case .pdf:
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, info.title)
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, info.author)
            if let subject = info.subject { cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, subject) }
            if let keywords = info.keywords { cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, keywords) }
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "SahelMap")
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, info.creationDate.isEmpty ? DocumentInfo.noDate : info.creationDate)
        case .png, .svg:
            break
        }
        let c = cairo_create(s)!   // never NULL; an error context carries the status
        if let e = RenderError(cairo_status(c), doing: "create a drawing context") {
            cairo_destroy(c)
            cairo_surface_destroy(s)
            throw e
        }
        if format == .png {
            if let paper {
                cairo_set_source_rgb(c, paper.red, paper.green, paper.blue)
                cairo_paint(c)   // every pixel of the surface, whatever the transformation
            }
            cairo_scale(c, page.dpi / 72, page.dpi / 72)
        }
        surface = s
        cr = c
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    /// Ends the current page of a PDF document and starts the next one.
    func showPage() {
        cairo_show_page(cr)
    }

    /// Adds a bookmark to a PDF's outline under `parent` (0 for the top level), pointing at `y` points from the
    /// top of the 1-based `page`; returns its id for children.
    func addOutline(parent: Int32, title: String, page: Int, y: Double, open: Bool) -> Int32 {
        let flags = open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : cairo_pdf_outline_flags_t(rawValue: 0)
        return cairo_pdf_surface_add_outline(surface, parent, title, "page=\(page) pos=[0 \(max(0, y))]", flags)
    }

    /// Bytes per row of a PNG surface of `page`.
    static func stride(for page: Page) -> Int {
        Int(cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, Int32(page.pixelWidth)))
    }

    /// Finishes the document and returns its bytes. PNG output carries the page's DPI in a pHYs chunk; it is
    /// encoded straight from the surface's pixels (no copy of them).
    func encoded() throws(RenderError) -> [UInt8] {
        try RenderError.check(cairo_status(cr), doing: "draw the map")
        switch format {
        case .png:
            cairo_surface_flush(surface)
            guard let data = cairo_image_surface_get_data(surface) else {
                throw RenderError.cairo(doing: "read the image", status: "no pixel data")
            }
            guard let png = PNGEncoder.encode(data, stride: Int(cairo_image_surface_get_stride(surface)), width: page.pixelWidth,
                                              height: rows.count, dpi: page.dpi) else {
                throw RenderError.cairo(doing: "encode PNG", status: "deflate failed")
            }
            return png
        case .pdf, .svg:
            cairo_surface_finish(surface)
            try RenderError.check(cairo_surface_status(surface), doing: "finish the \(format.rawValue) document")
            return format == .pdf ? PDFRepeatedResources.removed(from: sink.bytes) : sink.bytes
        }
    }

    /// Draws one band of a raster page into `pixels` (at least `rows.count` × `stride(for: page)` bytes, owned by
    /// the caller, who may reuse them for the next band once this returns). The surface lives only inside this
    /// call, on the calling thread.
    static func drawBand(page: Page, info: DocumentInfo, rows: Range<Int>, paper: Color?, into pixels: UnsafeMutableRawBufferPointer,
                         _ draw: (CairoSurface) throws(RenderError) -> Void) throws(RenderError) {
        let surface = try CairoSurface(.png, page: page, info: info, rows: rows, paper: paper, pixels: pixels)
        try draw(surface)
        try RenderError.check(cairo_status(surface.cr), doing: "draw the map")
        cairo_surface_flush(surface.surface)
    }   // the surface is released here, before the caller reads or reuses `pixels`

    /// The RGB of a pixel (PNG surfaces only), for tests and checks.
    func pixel(x: Int, y: Int) -> (UInt8, UInt8, UInt8)? {
        guard format == .png, x >= 0, rows.contains(y), x < page.pixelWidth else { return nil }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { return nil }
        let v = UnsafeRawPointer(data + (y - rows.lowerBound) * stride + x * 4).loadUnaligned(as: UInt32.self)   // native-endian xRGB
        return (UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
    }
}

/// Reading PNG chunks back (tests and checks).
enum PNGChunks {
    /// Pixels per metre from a PNG's pHYs chunk, or nil when it has none.
    static func pixelsPerMeter(in png: [UInt8]) -> (UInt32, UInt32)? {
        var k = 8
        while k + 8 <= png.count {
            let len = Int(readBigEndian(png, k))
            if png[(k + 4)..<(k + 8)].elementsEqual("pHYs".utf8), k + 17 <= png.count {
                return (readBigEndian(png, k + 8), readBigEndian(png, k + 12))
            }
            k += 12 + len
        }
        return nil
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }

    private static func readBigEndian(_ b: [UInt8], _ k: Int) -> UInt32 {
        UInt32(b[k]) << 24 | UInt32(b[k + 1]) << 16 | UInt32(b[k + 2]) << 8 | UInt32(b[k + 3])
    }
}
