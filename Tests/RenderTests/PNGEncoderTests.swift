import CCairo
import Foundation
import Layers
@testable import Render
import Testing

/// Decodes a PNG file with Cairo (libpng) into rows of RGB.
private func decode(_ path: String) throws -> (width: Int, height: Int, pixel: (Int, Int) -> (UInt8, UInt8, UInt8)) {
    let s = cairo_image_surface_create_from_png(path)!
    #expect(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS)
    let w = Int(cairo_image_surface_get_width(s)), h = Int(cairo_image_surface_get_height(s))
    let stride = Int(cairo_image_surface_get_stride(s))
    let data = cairo_image_surface_get_data(s)!
    var copy = [UInt8](repeating: 0, count: stride * h)
    copy.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: data, count: stride * h)) }
    cairo_surface_destroy(s)
    return (w, h, { x, y in
        let k = y * stride + x * 4
        return (copy[k + 2], copy[k + 1], copy[k])
    })
}

@Suite struct PNGEncoderTests {
    /// The PNG written by our zlib encoder from bands painted on every core decodes (through libpng) to exactly the
    /// pixels of the same page painted on one surface.
    @Test func decodesToThePaintedPixels() throws {
        let catalog = try DataCatalog.standard()
        let page = Page(widthMillimeters: 297, heightMillimeters: 210, dpi: 60)
        let renderer = try MapRenderer(spec: try MapSpec.sahelOverview(resources: testResources), page: page, catalog: catalog, info: fixedInfo)
        let map = try renderer.compose()
        let png = try renderer.encode(map, as: .png)
        let dir = try temporaryDirectory()
        FileManager.default.createFile(atPath: dir + "/m.png", contents: Data(png))
        let decoded = try decode(dir + "/m.png")
        #expect(decoded.width == page.pixelWidth && decoded.height == page.pixelHeight)
        let image = try renderer.image(map)
        var differing = 0
        for y in 0..<decoded.height {
            for x in 0..<decoded.width {
                let a = decoded.pixel(x, y)
                let b = image.pixel(x: x, y: y)!
                if max(abs(Int(a.0) - Int(b.red)), abs(Int(a.1) - Int(b.green)), abs(Int(a.2) - Int(b.blue))) > 2 { differing += 1 }
            }
        }
        #expect(differing == 0, "\(differing) pixels differ between the banded PNG and the single-surface image")
    }
}
