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
        public var priority = 0
    }

    public struct PlacedLabel: Codable, Sendable, Equatable {
        public var layer: String
        public var text: String
        /// The label's box on the page, in points.
        public var box: PageRect
        /// The point the label names (a town's dot), for labels beside a point.
        public var anchor: PagePoint?
        public var priority = 0
        /// For a label set along a line: the box of each glyph (the label's `box` holds them all).
        public var glyphBoxes: [PageRect]?
    }

    /// How well labels were placed (issue 10): the figures a cartographer checks first.
    public struct LabelQuality: Codable, Sendable, Equatable {
        public struct PriorityClass: Codable, Sendable, Equatable {
            public var priority: Int
            public var requested: Int
            public var placed: Int
            /// placed / requested, 0…1.
            public var rate: Double
        }
        /// Highest priority first.
        public var byPriority: [PriorityClass] = []
        /// Pairs of placed labels whose boxes (glyph boxes for line labels) overlap: must be 0.
        public var overlaps = 0
        /// Point labels nearer to another drawn symbol than to their own.
        public var nearestSymbolNotOwn = 0
        /// The same, counting only symbols of the label's own layer (a town's name nearer another town's dot).
        public var nearestSameLayerSymbolNotOwn = 0
        /// Placed labels that cross a soft obstacle (a translucent thematic symbol) with their halo.
        public var crossingSoftObstacles = 0
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
        /// The boxes of its numbers ("0", the middle one when there is room, "200 km"), left to right; they never touch.
        public var labels: [PageRect] = []
    }
    /// Every piece of text on the page with the box of the furniture it belongs to: title lines in the header,
    /// sources lines in the footer, legend rows in the legend, labels in the frame.
    public var texts: [TextBox] = []
    public struct TextBox: Codable, Sendable, Equatable {
        /// `title`, `subtitle`, `date`, `credits`, `legend`, `scale-bar`, `north-arrow`, `graticule`, `label`.
        public var part: String
        public var text: String
        public var box: PageRect
        /// The furniture box it must stay in.
        public var within: PageRect
    }
    /// How the legend was laid out: its type size, its columns, and whether it sits in the frame or in a strip
    /// under it.
    public var legendLayout: LegendInfo?
    public struct LegendInfo: Codable, Sendable, Equatable {
        public var sizePoints: Double
        public var columns: Int
        /// `frame`, `strip` (under the map) or `side` (right of it).
        public var placement: String
        /// What it hides of the map.
        public var covers: Cover
    }
    /// What a piece of furniture hides of the map: thematic symbols under it, places asked to be labelled under it,
    /// and the fraction of its area over thematic areas.
    public struct Cover: Codable, Sendable, Equatable {
        public var symbols = 0
        public var labelledPlaces = 0
        public var areaFraction = 0.0
    }
    /// What the locator inset hides of the map.
    public var insetCovers: Cover?
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
    public var labelQuality = LabelQuality()
    public var timings = Timings()
    public var outputs: [OutputInfo] = []

    public struct PageSize: Codable, Sendable, Equatable {
        public var widthMillimeters: Double, heightMillimeters: Double, dpi: Double
    }
}
