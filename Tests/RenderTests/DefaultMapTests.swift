import Foundation
import Geometry
import Layers
import Style
@testable import Render
import Testing

@Suite struct DefaultMapTests {
    let resources: Resources

    init() throws {
        resources = try Resources.locate()
    }

    /// Mali's fill at Bamako and the sea colour in the Gulf of Guinea, read back from the PNG surface.
    @Test func pixelsAtProjectedPlaces() throws {
        // Rivers are left out: the Niger runs through Bamako.
        let spec = try overview(layers: ["countries", "lakes"])
        let renderer = try MapRenderer(spec: spec, page: Page(widthMillimeters: 297, heightMillimeters: 210, dpi: 100),
                                       resources: resources, info: fixedInfo)
        let map = try renderer.compose()
        let image = try renderer.image(map)
        let focus = Color(hex: "#f4e7cd")!, sea = spec.theme.sea, neighbour = Color(hex: "#ebe9e4")!
        let bamako = try pagePoint(-7.99965, 12.60915, in: map, projection: spec.projection)
        #expect(close(image.pixel(at: bamako), focus), "Bamako: \(String(describing: image.pixel(at: bamako)))")
        let gulf = try pagePoint(3, 3, in: map, projection: spec.projection)
        #expect(close(image.pixel(at: gulf), sea), "Gulf of Guinea: \(String(describing: image.pixel(at: gulf)))")
        let abuja = try pagePoint(7.49508, 9.05785, in: map, projection: spec.projection)
        #expect(close(image.pixel(at: abuja), neighbour), "Abuja: \(String(describing: image.pixel(at: abuja)))")
        // Outside the frame the page is paper white.
        #expect(close(image.pixel(x: 2, y: 2), spec.theme.paper))
    }

    @Test func pngCarriesItsSizeAndDPI() throws {
        let renderer = try MapRenderer(spec: try overview(layers: ["countries"]), page: .a4Landscape, resources: resources, info: fixedInfo)
        let png = try renderer.encode(renderer.compose(), as: .png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 3508 && height == 2480)
        let ppm = try #require(PNGChunks.pixelsPerMeter(in: png))
        #expect(ppm.0 == 11811 && ppm.1 == 11811)   // 300 dpi = 11811 px/m
    }

    @Test func pdfHasSelectableTextEmbeddedFontsAndMetadata() throws {
        let renderer = try MapRenderer(spec: try MapSpec.sahelOverview(resources: resources), page: .a4Landscape, resources: resources, info: fixedInfo)
        let pdf = try renderer.encode(renderer.compose(), as: .pdf)
        let dir = try temporaryDirectory()
        let path = dir + "/map.pdf"
        FileManager.default.createFile(atPath: path, contents: Data(pdf))
        let text = try run("pdftotext", [path, "-"])
        for word in ["Mali", "Niger", "Burkina", "Niamey", "Bamako", "Ouagadougou", "Tillabéri", "Ségou",
                     "The central Sahel and its neighbours", "Natural Earth", "GeoNames"] {
            #expect(text.contains(word), "PDF text lacks \(word)")
        }
        let fonts = try run("pdffonts", [path])
        #expect(fonts.contains("NotoSans-Regular") && fonts.contains("NotoSans-Bold"))
        #expect(!fonts.split(separator: "\n").dropFirst(2).contains { $0.contains(" no ") }, "a font is not embedded:\n\(fonts)")
        let info = try run("pdfinfo", [path])
        #expect(info.contains("Title:           Test map"))
        #expect(info.contains("Author:          SahelMap tests"))
        #expect(info.contains("Page size:       841.89 x 595.276 pts (A4)"))
    }

    /// PNG and PDF within one process. (Cairo numbers SVG glyph symbols with a process-wide counter, so SVG
    /// output is compared across processes in the CLI tests.)
    @Test(arguments: [OutputFormat.png, .pdf])
    func sameInputSameBytes(format: OutputFormat) throws {
        let page = Page(widthMillimeters: 297, heightMillimeters: 210, dpi: 120)
        let a = try MapRenderer(spec: try MapSpec.sahelOverview(resources: resources), page: page, resources: resources, info: fixedInfo)
        let b = try MapRenderer(spec: try MapSpec.sahelOverview(resources: resources), page: page, resources: resources, info: fixedInfo)
        let first = try a.encode(a.compose(), as: format)
        let second = try b.encode(b.compose(), as: format)
        #expect(first.count > 1000)
        let same = first == second
        #expect(same, "two \(format) renders of the same input differ")
    }

    @Test func labelsNeitherOverlapNorLeaveTheFrame() throws {
        let renderer = try MapRenderer(spec: try MapSpec.sahelOverview(resources: resources), page: .a4Landscape, resources: resources, info: fixedInfo)
        let map = try renderer.compose()
        let placed = map.report.labelsPlaced
        #expect(placed.count > 60)
        for (i, a) in placed.enumerated() {
            #expect(map.view.frame.contains(a.box), "\(a.text) leaves the frame")
            for b in placed[(i + 1)...] {
                #expect(!a.footprint.contains { x in b.footprint.contains { x.intersects($0) } }, "\(a.text) overlaps \(b.text)")
            }
        }
        // The capitals of the three focus countries are always named.
        for capital in ["Bamako", "Ouagadougou", "Niamey"] {
            #expect(placed.contains { $0.text == capital }, "\(capital) has no label")
        }
        // So are the focus countries.
        for country in ["Mali", "Niger", "Burkina Faso"] {
            #expect(placed.contains { $0.text == country || $0.text == country.replacingOccurrences(of: " ", with: "\n") })
        }
    }

    @Test func reportCountsLayers() throws {
        let renderer = try MapRenderer(spec: try MapSpec.sahelOverview(resources: resources), page: .a4Landscape, resources: resources, info: fixedInfo)
        let report = try renderer.compose().report
        #expect(report.layers.map(\.id) == ["countries", "lakes", "regions", "rivers", "borders", "places"])
        let regions = try #require(report.layers.first { $0.id == "regions" })
        #expect(regions.featuresRead == regions.featuresDrawn + regions.featuresOutside + regions.featuresFiltered)
        #expect(regions.featuresDrawn > 150)
        let countries = try #require(report.layers.first { $0.id == "countries" })
        #expect(countries.featuresOutside > 0 && countries.featuresClipped > 0)   // Algeria, Libya run off the frame
    }

    @Test func missingFontFailsLoudly() throws {
        var spec = try MapSpec.sahelOverview(resources: resources)
        spec.style.page.fontFamily = "Comic Sans MS"
        // The error names the theme the font came from (once it named no file).
        let font = RenderError.font(expected: "Comic Sans MS", found: "Noto Sans")
        #expect(throws: RenderError.layout("\(spec.style.files[0]): page.font: \(font)")) {
            _ = try MapRenderer(spec: spec, page: .a4Landscape, resources: resources, info: fixedInfo)
        }
    }

    @Test func extentByNameAndErrors() throws {
        var spec = try MapSpec.sahelOverview(resources: resources)
        spec.extent = .features(["Burkina Faso"])
        let map = try MapRenderer(spec: spec, page: .a4Landscape, resources: resources, info: fixedInfo).compose()
        // Ouagadougou is near the middle of a map of Burkina Faso.
        let ouaga = try pagePoint(-1.53388, 12.36566, in: map, projection: spec.projection)
        #expect(abs(ouaga.x - (map.view.frame.x + map.view.frame.width / 2)) < map.view.frame.width * 0.15)
        spec.extent = .features(["Atlantis"])
        #expect(throws: RenderError.extent("no country or region named \"Atlantis\"")) {
            _ = try MapRenderer(spec: spec, page: .a4Landscape, resources: resources, info: fixedInfo).compose()
        }
    }
}
