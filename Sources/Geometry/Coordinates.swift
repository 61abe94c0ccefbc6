/// A position in degrees on WGS 84. Longitude first, always named.
public struct GeoPoint: Sendable, Equatable, Hashable {
    public var longitude: Double
    public var latitude: Double
    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }
}

/// A position in projected metres (x east, y north).
public struct MapPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A longitude/latitude box in degrees.
public struct BoundingBox: Sendable, Equatable {
    public var west: Double, south: Double, east: Double, north: Double
    public init(west: Double, south: Double, east: Double, north: Double) {
        self.west = west; self.south = south; self.east = east; self.north = north
    }

    public func contains(_ p: GeoPoint) -> Bool {
        p.longitude >= west && p.longitude <= east && p.latitude >= south && p.latitude <= north
    }

    public func intersects(_ o: BoundingBox) -> Bool {
        !(o.west > east || o.east < west || o.south > north || o.north < south)
    }

    /// The smallest box holding both.
    public func union(_ o: BoundingBox) -> BoundingBox {
        BoundingBox(west: min(west, o.west), south: min(south, o.south), east: max(east, o.east), north: max(north, o.north))
    }

    /// The box around `points`, or nil when there are none.
    public init?<S: Sequence>(around points: S) where S.Element == GeoPoint {
        var w = Double.infinity, s = Double.infinity, e = -Double.infinity, n = -Double.infinity
        for p in points {
            w = min(w, p.longitude); e = max(e, p.longitude); s = min(s, p.latitude); n = max(n, p.latitude)
        }
        guard w <= e else { return nil }
        self.init(west: w, south: s, east: e, north: n)
    }
}

/// A rectangle in projected metres.
public struct MapRect: Sendable, Equatable {
    public var minX: Double, minY: Double, maxX: Double, maxY: Double
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY
    }
    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
    public var center: MapPoint { MapPoint(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }

    public init?<S: Sequence>(around points: S) where S.Element == MapPoint {
        var a = Double.infinity, b = Double.infinity, c = -Double.infinity, d = -Double.infinity
        for p in points {
            a = min(a, p.x); c = max(c, p.x); b = min(b, p.y); d = max(d, p.y)
        }
        guard a <= c else { return nil }
        self.init(minX: a, minY: b, maxX: c, maxY: d)
    }

    public func union(_ o: MapRect) -> MapRect {
        MapRect(minX: min(minX, o.minX), minY: min(minY, o.minY), maxX: max(maxX, o.maxX), maxY: max(maxY, o.maxY))
    }

    public func insetBy(_ d: Double) -> MapRect {
        MapRect(minX: minX + d, minY: minY + d, maxX: maxX - d, maxY: maxY - d)
    }

    public func contains(_ p: MapPoint) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }

    public func intersects(_ o: MapRect) -> Bool {
        !(o.minX > maxX || o.maxX < minX || o.minY > maxY || o.maxY < minY)
    }
}
