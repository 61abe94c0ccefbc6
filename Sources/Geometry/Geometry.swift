/// A GeoJSON geometry (RFC 7946 §3.1), positions in degrees. Altitudes beyond lon/lat are dropped on read.
/// Not `indirect`: a collection holds its members in an array already, so a point is stored inline, not boxed on
/// the heap (a million events are a million points).
public enum Geometry: Sendable, Equatable {
    case point(GeoPoint)
    case multiPoint([GeoPoint])
    case lineString([GeoPoint])
    case multiLineString([[GeoPoint]])
    /// Rings: the exterior first, then holes. Each ring is closed (first == last).
    case polygon([[GeoPoint]])
    case multiPolygon([[[GeoPoint]]])
    case geometryCollection([Geometry])

    /// The GeoJSON type name.
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .multiPoint: "MultiPoint"
        case .lineString: "LineString"
        case .multiLineString: "MultiLineString"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }

    /// Every position, in order.
    public var allPoints: [GeoPoint] {
        switch self {
        case .point(let p): [p]
        case .multiPoint(let ps), .lineString(let ps): ps
        case .multiLineString(let ls), .polygon(let ls): ls.flatMap { $0 }
        case .multiPolygon(let ps): ps.flatMap { $0.flatMap { $0 } }
        case .geometryCollection(let gs): gs.flatMap(\.allPoints)
        }
    }

    public var boundingBox: BoundingBox? { BoundingBox(around: allPoints) }

    /// The polygons of this geometry (a Polygon is one, a MultiPolygon many, a collection its members').
    public var polygons: [[[GeoPoint]]] {
        switch self {
        case .polygon(let p): [p]
        case .multiPolygon(let ps): ps
        case .geometryCollection(let gs): gs.flatMap(\.polygons)
        default: []
        }
    }

    /// The lines of this geometry.
    public var lines: [[GeoPoint]] {
        switch self {
        case .lineString(let l): [l]
        case .multiLineString(let ls): ls
        case .geometryCollection(let gs): gs.flatMap(\.lines)
        default: []
        }
    }

    /// The points of this geometry.
    public var points: [GeoPoint] {
        switch self {
        case .point(let p): [p]
        case .multiPoint(let ps): ps
        case .geometryCollection(let gs): gs.flatMap(\.points)
        default: []
        }
    }
}

/// A GeoJSON feature: a geometry (which may be null) with properties and an optional id.
public struct Feature: Sendable, Equatable {
    /// The feature's id, a string or a number written as a string.
    public var id: String?
    public var geometry: Geometry?
    public var properties: [String: JSONValue]

    public init(id: String? = nil, geometry: Geometry?, properties: [String: JSONValue] = [:]) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
    }

    /// The string value of a property, or nil.
    public func string(_ key: String) -> String? { properties[key]?.stringValue }
    /// The numeric value of a property, or nil.
    public func number(_ key: String) -> Double? { properties[key]?.numberValue }
}

/// A list of features, as read from one GeoJSON file.
public struct FeatureCollection: Sendable, Equatable {
    public var features: [Feature]
    public init(features: [Feature]) { self.features = features }
}
