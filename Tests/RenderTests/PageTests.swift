import Foundation
import Geometry
import Layers
import Style
@testable import Render
import Testing

@Suite struct PageTests {
    /// `page: a3` with `dpi: 2400` once allocated 3.3 GB before failing; every page is now checked first.
    @Test func rasterPagesAreCheckedBeforeAllocating() throws {
        let a3 = try #require(Page.named("a3", dpi: 2400))
        #expect(a3.rasterProblem(limits: .defaults) == "the page is 28063×39685 px (297×420 mm at 2400 dpi): more than the limit of 200 megapixels (lower the dpi or the size, or set SAHELMAP_MAX_PAGE_PIXELS)")
        #expect(Page.a4Landscape.rasterProblem(limits: .defaults) == nil)
        var limits = Limits.defaults
        limits.memoryBytes = 64 << 20
        #expect(Page.a4Landscape.rasterProblem(limits: limits) == "the page is 3508×2480 px (297×210 mm at 300 dpi) and needs about 66 MiB to draw, more than the limit of 64 MiB (SAHELMAP_MAX_MEMORY_BYTES; at most half of ulimit -v)")
        let wide = Page(widthPixels: 40_000, heightPixels: 100, dpi: 72)
        #expect(wide.rasterProblem(limits: .defaults)?.contains("Cairo draws at most 32767 px a side") == true)
        #expect(Page(widthPoints: 0.001, heightPoints: 100, dpi: 72).rasterProblem(limits: .defaults)?.contains("expected at least one pixel each way") == true)
    }

    @Test func a4LandscapeAt300DPI() {
        #expect(Page.a4Landscape.pixelWidth == 3508 && Page.a4Landscape.pixelHeight == 2480)
        #expect(Page.named("a4-landscape", dpi: 300) == Page.a4Landscape)
        #expect(Page.named("A4", dpi: 300)?.pixelWidth == 2480)
        #expect(Page.named("b5", dpi: 300) == nil)
        #expect(Page.named("a4-sideways", dpi: 300) == nil)
    }

    @Test func sizes() {
        #expect(Page.sized("1920x1080px", dpi: 144)?.pixelWidth == 1920)
        #expect(Page.sized("1920x1080px", dpi: 144)?.pixelHeight == 1080)
        #expect(Page.sized("170x120mm", dpi: 300)?.pixelWidth == 2008)
        #expect(Page.sized("0x10mm", dpi: 300) == nil)
        #expect(Page.sized("10mm", dpi: 300) == nil)
        #expect(Page.sized("10x10furlongs", dpi: 300) == nil)
    }

    @Test func formatFromPath() {
        #expect(OutputFormat(path: "out/map.PNG") == .png)
        #expect(OutputFormat(path: "a.b/map") == nil)
        #expect(OutputFormat(path: "map.jpg") == nil)
    }
}

/// A4 landscape is 3507.875 px wide at 300 dpi and the image 3508: the paper reaches the last column and row.
@Suite struct PageEdgeTests {
    @Test func paperReachesTheLastPixelColumnAndRow() throws {
        let spec = try MapSpec.sahelOverview(resources: testResources)
        let page = Page.a4Landscape
        #expect(page.widthPoints * page.dpi / 72 < Double(page.pixelWidth), "the page ends inside the last column")
        let renderer = try MapRenderer(spec: spec, page: page, resources: testResources, info: fixedInfo)
        let png = try renderer.encode(renderer.compose(), as: .png)
        let path = try temporaryDirectory() + "/a4.png"
        FileManager.default.createFile(atPath: path, contents: Data(png))
        let image = try #require(DecodedImage(path: path))
        #expect(image.width == 3508 && image.height == 2480)
        let paper = spec.theme.paper.rgb8
        func isPaper(_ x: Int, _ y: Int) -> Bool {
            let k = (y * image.width + x) * 3
            return (image.rgb[k], image.rgb[k + 1], image.rgb[k + 2]) == paper
        }
        // The map frame stays inside the margins, so the page's outer pixels are all paper.
        let column = (0..<image.height).filter { !isPaper(image.width - 1, $0) }
        let row = (0..<image.width).filter { !isPaper($0, image.height - 1) }
        #expect(column.count == 0, "\(column.count) pixels of the last column are not paper, the first at y = \(column.first ?? -1)")
        #expect(row.count == 0, "\(row.count) pixels of the last row are not paper, the first at x = \(row.first ?? -1)")
        #expect(isPaper(image.width - 2, image.height / 2) && isPaper(0, image.height - 1))
    }
}
