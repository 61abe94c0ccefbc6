import Layers

/// What a render did, written with `--report`: per layer counts, labels, time per phase, outputs.
public struct RenderReport: Codable, Sendable, Equatable {
    public struct LayerStats: Codable, Sendable, Equatable {
        public var id: String
        public var source: String
        /// Features in the source.
        public var featuresRead = 0
        /// Features the layer's filter or the style's rules left out.
        public var featuresFiltered = 0
        /// Features outside the time shown (`as-of`, `from`/`to`).
        public var featuresOutsideTime = 0
        /// Point features binned into hexagons (drawn as cells, not one by one).
        public var featuresAggregated = 0
        /// The legend entries of the rules that drew something, in order.
        public var classesDrawn: [String] = []
        /// Features wholly outside the view.
        public var featuresOutside = 0
        /// Features cut at the frame's edge (drawn in part).
        public var featuresClipped = 0
        public var featuresDrawn = 0
        /// Point symbols taken out because a more important label covers them, or their own label found no room.
        public var symbolsHidden = 0
        public var labelsPlaced = 0
        public var labelsDropped = 0
        /// With `aggregate: regions`: the events counted in each region that has any, in the regions' order.
        public var regionCounts: [RegionCount]?
    }

    /// The events one region counted (`aggregate: regions`).
    public struct RegionCount: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var count: Int
        public var fatalities: Double
    }

    public struct DroppedLabel: Codable, Sendable, Equatable {
        public var layer: String
        public var text: String
        /// `overlaps "Mopti"`, `overlaps a symbol`, `outside the frame`, `feature too small for its label`.
        public var reason: String
    }

    public struct PlacedLabel: Codable, Sendable, Equatable {
        public var layer: String
        public var text: String
        /// The label's box on the page, in points.
        public var box: PageRect
        /// The point the label names (a town's dot), for labels beside a point.
        public var anchor: PagePoint?
    }

    public struct Timings: Codable, Sendable, Equatable {
        public var readMs = 0.0
        public var projectMs = 0.0
        public var labelMs = 0.0
        public var drawMs = 0.0
        public var encodeMs = 0.0
        public var writeMs = 0.0
        public var totalMs = 0.0
    }

    public struct OutputInfo: Codable, Sendable, Equatable {
        public var path: String
        public var format: OutputFormat
        public var bytes: Int
        public var widthPixels: Int?
        public var heightPixels: Int?
        public var dpi: Double?
    }

    public var title: String
    public var projection: String
    public var page: PageSize
    public var layers: [LayerStats] = []
    /// The legend's entries, in order.
    public var legend: [String] = []
    /// The scale bar: its round length, its length on the page, and PROJ's geodesic distance between its ends
    /// laid east from the map's centre.
    public var scaleBar: ScaleBarInfo?
    public struct ScaleBarInfo: Codable, Sendable, Equatable {
        public var kilometres: Double, lengthPoints: Double, geodesicMeters: Double
        public var box: PageRect
    }
    /// Decisions a reader of the report should know about (a legend left out on a small page).
    public var notes: [String] = []
    /// What was left out that a reader should know about (bad rows, unplaced names, unknown label fields, a
    /// legend left out); printed on standard error; errors with `--strict`.
    public var warnings: [MapWarning] = []
    /// The legend's box on the page.
    public var legendBox: PageRect?
    /// The locator inset's box on the page.
    public var inset: PageRect?
    /// Boxes of the furniture inside the frame (legend, scale bar, inset, graticule labels) that labels avoid.
    public var furniture: [PageRect] = []
    /// The sources line(s) as printed.
    public var credits = ""
    /// A plain-text description of the map for alt text and captions; written next to the images as `.txt`.
    public var altText = ""
    public var labelsPlaced: [PlacedLabel] = []
    public var labelsDropped: [DroppedLabel] = []
    public var timings = Timings()
    public var outputs: [OutputInfo] = []

    public struct PageSize: Codable, Sendable, Equatable {
        public var widthMillimeters: Double, heightMillimeters: Double, dpi: Double
    }
}
