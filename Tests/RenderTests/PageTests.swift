@testable import Render
import Testing

@Suite struct PageTests {
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
