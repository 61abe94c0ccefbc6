/// The physical page: size in points (1/72 inch) and the resolution raster outputs use.
public struct Page: Sendable, Equatable {
    public var widthPoints: Double
    public var heightPoints: Double
    public var dpi: Double
    /// Type and symbol sizes relative to the theme's (which are for A4), when the page is not read at arm's
    /// length on paper: a slide seen from the back of a room, a post seen shrunk on a phone. nil: the page's
    /// physical size decides (`physicalTypeScale`).
    public var typeScale: Double?
    /// Point symbols relative to the theme's; nil: `physicalSymbolScale` on paper. A slide's symbols grow less than
    /// its type (the square root of its viewing factor), or thematic circles would cover the map.
    public var symbolScale: Double?
    /// The smallest type drawn, in points: 6 on paper; for a screen preset at another DPI, what 6 pt is at the
    /// preset's own DPI.
    public var minimumTypePoints = 6.0
    /// A figure of a fixed width whose height is what its map needs: the title block, the map at its extent's
    /// shape, a legend strip if it has one, the sources line (`column`, `half-column`); `heightPoints` is then only
    /// a starting point.
    public var heightFollowsMap = false

    public init(widthPoints: Double, heightPoints: Double, dpi: Double) {
        self.widthPoints = widthPoints
        self.heightPoints = heightPoints
        self.dpi = dpi
    }

    /// Type and symbols scale with the page's physical size: 1 on A4, larger on bigger pages (at most 1.4), smaller
    /// on report columns and cards (at least 0.6), in steps of 0.05 so A4 in either orientation is exactly 1.
    public var physicalTypeScale: Double {
        let a4 = 595.276 * 841.89
        let s = (widthPoints * heightPoints / a4).squareRoot()
        return min(1.4, max(0.6, (s * 20).rounded() / 20))
    }

    /// Point symbols scale with the page's physical size too, but without the floor type needs to stay legible:
    /// a one-column figure's circles are 0.4 of A4's, its type 0.6.
    public var physicalSymbolScale: Double {
        let a4 = 595.276 * 841.89
        let s = (widthPoints * heightPoints / a4).squareRoot()
        return min(1.4, max(0.4, (s * 20).rounded() / 20))
    }

    /// The scale the map is composed with: `typeScale` if set, else the physical one.
    public var effectiveTypeScale: Double { typeScale ?? physicalTypeScale }
    public var effectiveSymbolScale: Double { symbolScale ?? (typeScale == nil ? physicalSymbolScale : effectiveTypeScale) }

    public init(widthMillimeters: Double, heightMillimeters: Double, dpi: Double) {
        self.init(widthPoints: widthMillimeters / 25.4 * 72, heightPoints: heightMillimeters / 25.4 * 72, dpi: dpi)
    }

    /// A page of exactly `width`×`height` pixels at `dpi`.
    public init(widthPixels: Int, heightPixels: Int, dpi: Double) {
        self.init(widthPoints: Double(widthPixels) * 72 / dpi, heightPoints: Double(heightPixels) * 72 / dpi, dpi: dpi)
    }

    /// A4 landscape at 300 dpi: 3508×2480 pixels.
    public static let a4Landscape = Page(widthMillimeters: 297, heightMillimeters: 210, dpi: 300)

    public var pixelWidth: Int { Int((widthPoints * dpi / 72).rounded()) }
    public var pixelHeight: Int { Int((heightPoints * dpi / 72).rounded()) }
    public var widthMillimeters: Double { widthPoints / 72 * 25.4 }
    public var heightMillimeters: Double { heightPoints / 72 * 25.4 }

    /// Named paper sizes in millimetres, portrait.
    public static let paperSizes: [String: (Double, Double)] = [
        "a3": (297, 420), "a4": (210, 297), "a5": (148, 210), "letter": (215.9, 279.4),
    ]

    /// A named size for embedding: paper in millimetres (at the DPI asked for), or a screen in exact pixels at
    /// its own DPI with the type scaled for the distance it is seen from.
    public struct Preset: Sendable {
        /// Width and height in millimetres, for paper presets.
        public var millimeters: (width: Double, height: Double)?
        /// Width and height in pixels, for screen presets.
        public var pixels: (width: Int, height: Int)?
        /// The DPI of a screen preset; nil for paper, which takes the DPI asked for.
        public var dpi: Double?
        /// Type and symbols on a screen preset, relative to the same page on paper.
        public var viewingScale: Double?
        /// The height follows the map (the millimetre height is only nominal).
        public var heightFollowsMap = false
        /// What it is for, for `--help`.
        public var summary: String
    }

    /// Sizes for embedding in reports, slides and posts. `column` and `half-column` are one- and half-column
    /// figures; `slide` is 16:9 with type readable from the back of a room (2.5 times the paper sizes), `social`
    /// a post seen shrunk on a phone (2 times).
    public static let presets: [String: Preset] = [
        "a4-landscape": Preset(millimeters: (297, 210), summary: "297×210 mm"),
        "a4-portrait": Preset(millimeters: (210, 297), summary: "210×297 mm"),
        "report-column": Preset(millimeters: (170, 120), summary: "170×120 mm"),
        "column": Preset(millimeters: (85, 70), heightFollowsMap: true, summary: "85 mm wide, a one-column figure"),
        "half-column": Preset(millimeters: (55, 45), heightFollowsMap: true, summary: "55 mm wide, a half-column figure"),
        "slide": Preset(pixels: (1920, 1080), dpi: 144, viewingScale: 2.5, summary: "1920×1080 px"),
        "social": Preset(pixels: (1200, 675), dpi: 144, viewingScale: 2, summary: "1200×675 px"),
        "thumbnail": Preset(pixels: (480, 320), dpi: 96, summary: "480×320 px"),
    ]

    /// A preset by name (see `presets`), or nil. Paper presets are made at `dpi` (300 when nil). A screen preset
    /// keeps its exact pixel size: at another `dpi` its page is smaller or larger in points, and its type and
    /// symbols are scaled by the preset's DPI over `dpi`, so they keep their size on the screen (`--preset slide
    /// --dpi 300` is 1920×1080 px with the same type as at 144 dpi, not a silently ignored DPI).
    public static func preset(_ name: String, dpi: Double?) -> Page? {
        guard let p = presets[name.lowercased()] else { return nil }
        if let (w, h) = p.millimeters {
            var page = Page(widthMillimeters: w, heightMillimeters: h, dpi: dpi ?? 300)
            page.heightFollowsMap = p.heightFollowsMap
            return page
        }
        guard let (w, h) = p.pixels, let own = p.dpi else { return nil }
        let atOwn = Page(widthPixels: w, heightPixels: h, dpi: own)
        var page = Page(widthPixels: w, heightPixels: h, dpi: dpi ?? own)
        let points = own / (dpi ?? own)   // one point at the preset's DPI, in points at this one
        page.typeScale = atOwn.physicalTypeScale * (p.viewingScale ?? 1) * points
        page.symbolScale = atOwn.physicalTypeScale * (p.viewingScale ?? 1).squareRoot() * points
        page.minimumTypePoints = 6 * points
        return page
    }

    /// Parses `a4`, `a4-landscape`, `a3-portrait`, `letter-landscape`…; nil when unknown.
    public static func named(_ name: String, dpi: Double) -> Page? {
        let parts = name.lowercased().split(separator: "-", maxSplits: 1).map(String.init)
        guard let (w, h) = paperSizes[parts[0]] else { return nil }
        switch parts.count == 2 ? parts[1] : "portrait" {
        case "portrait": return Page(widthMillimeters: w, heightMillimeters: h, dpi: dpi)
        case "landscape": return Page(widthMillimeters: h, heightMillimeters: w, dpi: dpi)
        default: return nil
        }
    }

    /// Parses `297x210mm`, `1920x1080px` or `8.5x11in`; nil when malformed or not positive.
    public static func sized(_ text: String, dpi: Double) -> Page? {
        let s = text.lowercased().trimmingCharacters(in: .whitespaces)
        for (unit, toPoints) in [("mm", 72 / 25.4), ("px", 72 / dpi), ("in", 72.0), ("pt", 1.0)] where s.hasSuffix(unit) {
            let dims = s.dropLast(unit.count).split(separator: "x")
            guard dims.count == 2, let w = Double(dims[0]), let h = Double(dims[1]), w > 0, h > 0,
                  w * toPoints <= 14_400, h * toPoints <= 14_400 else { return nil }
            if unit == "px" { return Page(widthPixels: Int(w), heightPixels: Int(h), dpi: dpi) }
            return Page(widthPoints: w * toPoints, heightPoints: h * toPoints, dpi: dpi)
        }
        return nil
    }
}

import Foundation
import Geometry

extension Page {
    /// Cairo's largest image side, in pixels.
    public static let maxPixelSide = 32_767

    /// Bytes a raster render of this page needs at its peak: the page's pixels (4 bytes each, drawn in bands that
    /// together hold the page) and, at worst, as much again for the encoded PNG.
    public var rasterMemoryEstimate: Double { Double(widthPoints * dpi / 72).rounded() * Double(heightPoints * dpi / 72).rounded() * 8 }

    /// Why this page cannot be drawn as a raster within `limits`, or nil. Checked before any surface is made, on
    /// every path (a spec's `page` and `dpi`, `--page`, `--size`, `--preset`, build, report figures).
    public func rasterProblem(limits: Limits = .current) -> String? {
        let w = (widthPoints * dpi / 72).rounded(), h = (heightPoints * dpi / 72).rounded()
        guard w.isFinite, h.isFinite, w >= 1, h >= 1 else {
            return "the page is \(JSONValue.format(widthMillimeters))×\(JSONValue.format(heightMillimeters)) mm at \(JSONValue.format(dpi)) dpi: expected at least one pixel each way"
        }
        let size = "\(JSONValue.format(w))×\(JSONValue.format(h)) px (\(JSONValue.format(widthMillimeters.rounded()))×\(JSONValue.format(heightMillimeters.rounded())) mm at \(JSONValue.format(dpi)) dpi)"
        if w * h > Double(limits.pagePixels) {
            return "the page is \(size): more than the limit of \(limits.pagePixels / 1_000_000) megapixels (lower the dpi or the size, or set SAHELMAP_MAX_PAGE_PIXELS)"
        }
        if w > Double(Self.maxPixelSide) || h > Double(Self.maxPixelSide) {
            return "the page is \(size): Cairo draws at most \(Self.maxPixelSide) px a side (lower the dpi or the size)"
        }
        if rasterMemoryEstimate > Double(limits.memoryBytes) {
            return "the page is \(size) and needs about \(Limits.bytes(Int(rasterMemoryEstimate / Double(1 << 20)) << 20)) to draw, more than the limit of \(Limits.bytes(limits.memoryBytes)) (SAHELMAP_MAX_MEMORY_BYTES; at most half of ulimit -v)"
        }
        return nil
    }
}
