import Geometry

/// What `sahelmap layers` shows for one layer of a file.
public struct VectorLayerInfo: Sendable, Equatable {
    /// A field (attribute column) and its type as the file declares it (`TEXT`, `INTEGER`, `String(40)`, `Real(19,11)`).
    public struct Field: Sendable, Equatable {
        public var name: String
        public var type: String
        public init(name: String, type: String) {
            self.name = name
            self.type = type
        }
    }

    /// The name to choose it with: `file.gpkg#name`, or `layer: name` in a spec.
    public var name: String
    /// The declared geometry type (`MULTIPOLYGON`, `Polygon`, `PolygonZ`).
    public var geometryType: String
    public var featureCount: Int
    public var fields: [Field]
    /// `EPSG:32631`, or the WKT when the file gives no code; nil when it says nothing (longitude/latitude assumed).
    public var crs: String?
    /// PROJ's name for the CRS, when one is given ("WGS 84 / UTM zone 31N").
    public var crsName: String?
    /// The extent in the file's own CRS, as it declares it (west, south, east, north in its units).
    public var extent: BoundingBox?
}

/// Features read from one layer, in longitude/latitude, and what was left out.
public struct VectorLayer: Sendable, Equatable {
    public var info: VectorLayerInfo
    public var features: FeatureCollection
    /// How many features were skipped for having no shape (Shapefile null shapes, GeoPackage NULL or empty
    /// geometries); `features` holds the others.
    public var skippedEmpty: Int
}
