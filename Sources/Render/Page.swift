/// The physical page: size in points (1/72 inch) and the resolution raster outputs use.
public struct Page: Sendable, Equatable {
    public var widthPoints: Double
    public var heightPoints: Double
    public var dpi: Double

    public init(widthPoints: Double, heightPoints: Double, dpi: Double) {
        self.widthPoints = widthPoints
        self.heightPoints = heightPoints
        self.dpi = dpi
    }

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

    /// Sizes for embedding in reports, slides and posts. Paper presets use the DPI asked for; screen presets are
    /// exact pixel sizes at a fixed DPI, so their text keeps a legible physical size.
    public static let presets: [String: (dpi: Double?, make: @Sendable (Double) -> Page)] = [
        "a4-landscape": (nil, { Page(widthMillimeters: 297, heightMillimeters: 210, dpi: $0) }),
        "a4-portrait": (nil, { Page(widthMillimeters: 210, heightMillimeters: 297, dpi: $0) }),
        "report-column": (nil, { Page(widthMillimeters: 170, heightMillimeters: 120, dpi: $0) }),
        "slide": (144, { _ in Page(widthPixels: 1920, heightPixels: 1080, dpi: 144) }),
        "social": (144, { _ in Page(widthPixels: 1200, heightPixels: 675, dpi: 144) }),
        "thumbnail": (96, { _ in Page(widthPixels: 480, heightPixels: 320, dpi: 96) }),
    ]

    /// A preset by name (see `presets`), or nil.
    public static func preset(_ name: String, dpi: Double) -> Page? {
        presets[name.lowercased()].map { $0.make(dpi) }
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
