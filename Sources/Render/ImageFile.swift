import Foundation
internal import CCairo
internal import CRsvg

/// A PNG, JPEG or SVG file to be drawn into a rectangle of the page. SVG goes through librsvg onto the same Cairo
/// context, so it stays vector in a PDF; PNG and JPEG are decoded by gdk-pixbuf, and a JPEG is embedded in a PDF
/// as the original JPEG bytes (Cairo's JPEG MIME data) rather than re-encoded.
package struct ImageFile: Sendable, Equatable {
    package enum Format: String, Sendable, Equatable { case png, jpeg, svg }
    package var path: String
    package var format: Format
    package var bytes: [UInt8]
    /// The image's own size: pixels for a raster, CSS pixels (1/96 inch) for an SVG.
    package var width: Double, height: Double

    package var mimeType: String {
        switch format {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .svg: "image/svg+xml"
        }
    }

    /// Reads and checks the file: it must decode, and have a size.
    /// - Throws: `ImageError` saying what is wrong, in the decoder's words.
    package static func load(path: String) throws(ImageError) -> ImageFile {
        let ext = (path as NSString).pathExtension.lowercased()
        let format: Format
        switch ext {
        case "png": format = .png
        case "jpg", "jpeg": format = .jpeg
        case "svg": format = .svg
        default: throw ImageError(message: "expected a .png, .jpg, .jpeg or .svg file")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw ImageError(message: "cannot read the file") }
        var image = ImageFile(path: path, format: format, bytes: [UInt8](data), width: 0, height: 0)
        switch format {
        case .svg:
            let size = try image.withSVG { h -> (Double, Double)? in
                var w = 0.0, hgt = 0.0
                if rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hgt) != 0, w > 0, hgt > 0 { return (w, hgt) }
                // No absolute width and height: the viewBox gives the proportions.
                var hasW: gboolean = 0, hasH: gboolean = 0, hasBox: gboolean = 0
                var lw = RsvgLength(), lh = RsvgLength(), box = RsvgRectangle()
                rsvg_handle_get_intrinsic_dimensions(h, &hasW, &lw, &hasH, &lh, &hasBox, &box)
                if hasBox != 0, box.width > 0, box.height > 0 { return (box.width, box.height) }
                return nil
            }
            guard let size else { throw ImageError(message: "the SVG has neither a width and height nor a viewBox") }
            (image.width, image.height) = size
        case .png, .jpeg:
            let (w, h) = try image.withPixbuf { p in (Double(gdk_pixbuf_get_width(p)), Double(gdk_pixbuf_get_height(p))) }
            (image.width, image.height) = (w, h)
        }
        return image
    }

    /// Draws the image scaled to fill `rect` (the caller keeps the proportions).
    func draw(in rect: PageRect, on cr: OpaquePointer) {
        switch format {
        case .svg:
            // The file was checked when loaded; a later failure draws nothing.
            do {
                try withSVG { h in
                    var viewport = RsvgRectangle(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
                    var error: UnsafeMutablePointer<GError>?
                    rsvg_handle_render_document(h, cr, &viewport, &error)
                    if let error { g_error_free(error) }
                }
            } catch {}
        case .png, .jpeg:
            do { try withPixbuf { p in
                guard let surface = Self.surface(p) else { return }
                defer { cairo_surface_destroy(surface) }
                if format == .jpeg {
                    // Cairo's PDF surface embeds these bytes as a DCT image instead of the decoded pixels.
                    let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
                    copy.initialize(from: bytes, count: bytes.count)
                    cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, copy, UInt(bytes.count),
                                                { $0?.assumingMemoryBound(to: UInt8.self).deallocate() }, copy)
                }
                cairo_save(cr)
                cairo_translate(cr, rect.x, rect.y)
                cairo_scale(cr, rect.width / width, rect.height / height)
                cairo_set_source_surface(cr, surface, 0, 0)
                cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD)
                cairo_paint(cr)
                cairo_restore(cr)
            } } catch {}
        }
    }

    /// Runs `body` with a librsvg handle on the bytes, freed afterwards.
    private func withSVG<T>(_ body: (UnsafeMutablePointer<RsvgHandle>) -> T) throws(ImageError) -> T {
        var error: UnsafeMutablePointer<GError>?
        let handle = bytes.withUnsafeBufferPointer { rsvg_handle_new_from_data($0.baseAddress, gsize($0.count), &error) }
        guard let handle else {
            let reason = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
            if let error { g_error_free(error) }
            throw ImageError(message: "librsvg cannot read it: \(reason)")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
        return body(handle)
    }

    /// Runs `body` with the decoded image, freed afterwards.
    private func withPixbuf<T>(_ body: (OpaquePointer) -> T) throws(ImageError) -> T {
        let loader = gdk_pixbuf_loader_new()!
        defer { g_object_unref(UnsafeMutableRawPointer(loader)) }
        var error: UnsafeMutablePointer<GError>?
        let wrote = bytes.withUnsafeBufferPointer { gdk_pixbuf_loader_write(loader, $0.baseAddress, gsize($0.count), &error) }
        let closed = wrote != 0 ? gdk_pixbuf_loader_close(loader, &error) : 0
        guard closed != 0, let pixbuf = gdk_pixbuf_loader_get_pixbuf(loader) else {
            let reason = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
            if let error { g_error_free(error) }
            if wrote == 0 { _ = gdk_pixbuf_loader_close(loader, nil) }
            throw ImageError(message: "gdk-pixbuf cannot decode it: \(reason)")
        }
        return body(pixbuf)   // owned by the loader
    }

    /// The pixbuf's pixels as a Cairo image (premultiplied ARGB); nil if Cairo cannot make one.
    private static func surface(_ p: OpaquePointer) -> OpaquePointer? {
        let w = Int(gdk_pixbuf_get_width(p)), h = Int(gdk_pixbuf_get_height(p))
        let channels = Int(gdk_pixbuf_get_n_channels(p)), stride = Int(gdk_pixbuf_get_rowstride(p))
        guard let src = gdk_pixbuf_read_pixels(p) else { return nil }
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(w), Int32(h))!
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let dst = cairo_image_surface_get_data(surface) else {
            cairo_surface_destroy(surface)
            return nil
        }
        let dstStride = Int(cairo_image_surface_get_stride(surface))
        for y in 0..<h {
            let row = src + y * stride
            let out = UnsafeMutableRawPointer(dst + y * dstStride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<w {
                let px = row + x * channels
                let a = channels == 4 ? UInt32(px[3]) : 255
                func pre(_ c: UInt8) -> UInt32 { (UInt32(c) * a + 127) / 255 }
                out[x] = a << 24 | pre(px[0]) << 16 | pre(px[1]) << 8 | pre(px[2])   // native-endian ARGB
            }
        }
        cairo_surface_mark_dirty(surface)
        return surface
    }
}

/// An image file that cannot be used as a figure.
package struct ImageError: Error, Equatable, Sendable, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
