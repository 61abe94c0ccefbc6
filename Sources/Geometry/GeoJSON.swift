import Foundation

/// Reads and writes GeoJSON (RFC 7946).
///
/// Reading checks the structure the RFC requires and reports every problem with the feature's index, its id and
/// the member path: `regions.geojson: feature #12 (id "ML-7"): geometry.coordinates[0]: expected a closed ring …`.
/// Accepted leniently: exterior/hole winding (RFC §3.1.6 says parsers should not reject), positions with 3 or 4
/// numbers (extra values dropped), empty `coordinates` (read as a null geometry, §3.1), foreign members.
public enum GeoJSON {
    /// Reads a GeoJSON file: a FeatureCollection, a Feature or a bare Geometry (wrapped in one feature).
    /// - Throws: `GeoDataError` naming the file and every problem found.
    public static func read(contentsOf path: String) throws(GeoDataError) -> FeatureCollection {
        try decode(terminated: InputFile.read(path, what: "GeoJSON"), file: path)
    }

    /// Decodes GeoJSON bytes; `file` names the source in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws(GeoDataError) -> FeatureCollection {
        try decode(terminated: bytes + [0], file: file)
    }

    /// Decodes NUL-terminated bytes. A FeatureCollection's features are checked and made compact one by one as
    /// the parser reaches them (`JSONParser.parse(terminated:streaming:element:)`), so memory holds the bytes,
    /// the compact features and one feature's JSON tree, never the whole document as a tree.
    static func decode(terminated bytes: [UInt8], file: String, limits: Limits = .current) throws(GeoDataError) -> FeatureCollection {
        if let kind = InputFile.recognise(bytes.prefix(min(4096, bytes.count - 1))) {
            throw GeoDataError(file: file, message: "expected GeoJSON text, found \(kind)")
        }
        var items = Reader()
        var features: [Feature] = []
        var overLimit: (index: Int, what: String)?
        let parsed: (value: JSONValue, streamed: Bool)
        do {
            parsed = try JSONParser.parse(terminated: bytes, streaming: "features") { item, k in
                guard k < limits.featuresPerLayer else {
                    overLimit = (k, "more than \(limits.featuresPerLayer) features, the limit per layer (set SAHELMAP_MAX_FEATURES to raise it)")
                    return false
                }
                guard let f = items.feature(item, index: k) else { return items.problems.count < Reader.limit * 4 }
                let n = f.geometry?.vertexCount ?? 0
                guard n <= limits.verticesPerFeature else {
                    overLimit = (k, "\(n) vertices, more than the limit of \(limits.verticesPerFeature) per feature (set SAHELMAP_MAX_VERTICES to raise it)")
                    return false
                }
                features.append(f)
                return true
            }
        } catch {
            if let (k, what) = overLimit {
                throw GeoDataError(file: file, location: "feature #\(k)", message: what)
            }
            if error.message == "stopped" {   // too many bad features: report those found
                throw GeoDataError(file: file, problems: Array(items.problems.prefix(Reader.limit)),
                                   omitted: max(0, items.problems.count - Reader.limit))
            }
            throw GeoDataError(file: file, location: "\(error.line):\(error.column)", message: error.message)
        }
        var reader = Reader()
        let fc = reader.document(parsed.value, streamed: parsed.streamed ? (features, items.problems) : nil)
        if !reader.problems.isEmpty {
            throw GeoDataError(file: file, problems: Array(reader.problems.prefix(Reader.limit)),
                               omitted: max(0, reader.problems.count - Reader.limit))
        }
        return fc
    }

    /// Encodes features as a FeatureCollection, one feature per line, keys sorted: the same input gives the same bytes.
    public static func encode(_ collection: FeatureCollection) -> String {
        var out = "{\"type\":\"FeatureCollection\",\"features\":[\n"
        for (k, f) in collection.features.enumerated() {
            JSONWriter.write(json(f), into: &out)
            out += k + 1 < collection.features.count ? ",\n" : "\n"
        }
        out += "]}\n"
        return out
    }

    /// The JSON form of a feature.
    public static func json(_ f: Feature) -> JSONValue {
        var o: [String: JSONValue] = [
            "type": .string("Feature"),
            "geometry": f.geometry.map(json) ?? .null,
            "properties": .object(f.properties),
        ]
        if let id = f.id { o["id"] = .string(id) }
        return .object(o)
    }

    /// The JSON form of a geometry.
    public static func json(_ g: Geometry) -> JSONValue {
        func pos(_ p: GeoPoint) -> JSONValue { .array([.number(p.longitude), .number(p.latitude)]) }
        func line(_ ps: [GeoPoint]) -> JSONValue { .array(ps.map(pos)) }
        func poly(_ rs: [[GeoPoint]]) -> JSONValue { .array(rs.map(line)) }
        let coords: JSONValue
        switch g {
        case .point(let p): coords = pos(p)
        case .multiPoint(let ps), .lineString(let ps): coords = line(ps)
        case .multiLineString(let ls), .polygon(let ls): coords = poly(ls)
        case .multiPolygon(let ps): coords = .array(ps.map(poly))
        case .geometryCollection(let gs):
            return .object(["type": .string("GeometryCollection"), "geometries": .array(gs.map(json))])
        }
        return .object(["type": .string(g.typeName), "coordinates": coords])
    }
}

extension Geometry {
    /// The number of positions, counted without copying them.
    var vertexCount: Int {
        switch self {
        case .point: 1
        case .multiPoint(let ps), .lineString(let ps): ps.count
        case .multiLineString(let ls), .polygon(let ls): ls.reduce(0) { $0 + $1.count }
        case .multiPolygon(let ps): ps.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
        case .geometryCollection(let gs): gs.reduce(0) { $0 + $1.vertexCount }
        }
    }
}

/// Walks a parsed document, collecting problems instead of stopping at the first.
private struct Reader {
    static let limit = 50
    var problems: [GeoDataError.Problem] = []

    static let geometryTypes: Set<String> = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                                             "MultiPolygon", "GeometryCollection"]

    mutating func problem(_ location: String, _ message: String) {
        problems.append(.init(location: location, message: message))
    }

    /// - Parameter streamed: The features and their problems when the parser streamed the `features` array.
    mutating func document(_ root: JSONValue, streamed: ([Feature], [GeoDataError.Problem])? = nil) -> FeatureCollection {
        guard case .object(let o) = root else {
            problem("", "expected a GeoJSON object at the top level, found \(root.kindDescription)")
            return FeatureCollection(features: [])
        }
        guard let type = o["type"]?.stringValue else {
            problem("", "expected a \"type\" member naming a GeoJSON type, found \(o["type"]?.kindDescription ?? "none")")
            return FeatureCollection(features: [])
        }
        if o["crs"] != nil {
            problem("crs", "the \"crs\" member was removed in RFC 7946: coordinates must be WGS 84 longitude, latitude")
        }
        switch type {
        case "FeatureCollection":
            foreign(o, ["coordinates", "geometry", "geometries", "properties"], at: "", type: type)
            guard case .array(let items)? = o["features"] else {
                problem("features", "expected an array of features, found \(o["features"]?.kindDescription ?? "no \"features\" member")")
                return FeatureCollection(features: [])
            }
            var features: [Feature] = []
            if let (streamedFeatures, streamedProblems) = streamed {
                features = streamedFeatures
                problems += streamedProblems
            } else {
                features.reserveCapacity(items.count)
                for (k, item) in items.enumerated() {
                    if let f = feature(item, index: k) { features.append(f) }
                }
            }
            bbox(o["bbox"], at: "bbox", points: features.flatMap { $0.geometry?.allPoints ?? [] })
            return FeatureCollection(features: features)
        case "Feature":
            return FeatureCollection(features: feature(root, index: nil).map { [$0] } ?? [])
        case _ where Self.geometryTypes.contains(type):
            let g = geometry(root, at: "")
            return FeatureCollection(features: problems.isEmpty ? [Feature(geometry: g)] : [])
        default:
            problem("type", "expected FeatureCollection, Feature or a geometry type (case matters), found \"\(type)\"")
            return FeatureCollection(features: [])
        }
    }

    /// Members of one GeoJSON type must not appear on another (RFC 7946 §7.1).
    /// `location` is a feature ("feature #3") or a member path ("feature #3: geometry"); members follow a path
    /// with "." and a feature with ": ", as everywhere else.
    mutating func foreign(_ o: [String: JSONValue], _ names: [String], at location: String, type: String) {
        for n in names where o[n] != nil {
            let here = location.isEmpty ? n : (location.hasPrefix("feature") && !location.contains(":") ? "\(location): \(n)" : "\(location).\(n)")
            problem(here, "a \(type) must not have a \"\(n)\" member (RFC 7946 §7.1)")
        }
    }

    mutating func feature(_ value: JSONValue, index: Int?) -> Feature? {
        var idText: String?
        if case .object(let o) = value, let id = o["id"] {
            switch id {
            case .string(let s): idText = s
            case .number(let n): idText = JSONValue.format(n)
            default: break
            }
        }
        let here = index.map { "feature #\($0)" + (idText.map { " (id \"\($0)\")" } ?? "") } ?? "feature"
        guard case .object(let o) = value else {
            problem(here, "expected a Feature object, found \(value.kindDescription)")
            return nil
        }
        let before = problems.count
        if o["type"]?.stringValue != "Feature" {
            problem(here, "expected \"type\": \"Feature\", found \(o["type"]?.kindDescription ?? "no type")")
        }
        foreign(o, ["coordinates", "features", "geometries"], at: here, type: "Feature")
        if let id = o["id"], idText == nil {
            problem("\(here): id", "expected a string or a number, found \(id.kindDescription)")
        }
        var properties: [String: JSONValue] = [:]
        switch o["properties"] {
        case .object(let p)?: properties = p
        case .null?: break
        case nil: problem(here, "expected a \"properties\" member (an object or null), found none")
        case let other?: problem("\(here): properties", "expected an object or null, found \(other.kindDescription)")
        }
        var geom: Geometry?
        switch o["geometry"] {
        case .null?: geom = nil
        case nil: problem(here, "expected a \"geometry\" member (an object or null), found none")
        case let g?: geom = geometry(g, at: "\(here): geometry")
        }
        bbox(o["bbox"], at: "\(here): bbox", points: geom?.allPoints)
        return problems.count == before ? Feature(id: idText, geometry: geom, properties: properties) : nil
    }

    mutating func geometry(_ value: JSONValue, at here: String) -> Geometry? {
        guard case .object(let o) = value else {
            problem(here, "expected a geometry object or null, found \(value.kindDescription)")
            return nil
        }
        let prefix = here.isEmpty ? "" : here + "."
        guard let type = o["type"]?.stringValue, Self.geometryTypes.contains(type) else {
            problem("\(prefix)type", "expected one of \(Self.geometryTypes.sorted().joined(separator: ", ")), found \(o["type"]?.kindDescription ?? "none")")
            return nil
        }
        foreign(o, ["features", "geometry", "properties"], at: here, type: type)
        let result: Geometry?
        if type == "GeometryCollection" {
            guard case .array(let members)? = o["geometries"] else {
                problem("\(prefix)geometries", "expected an array of geometries, found \(o["geometries"]?.kindDescription ?? "none")")
                return nil
            }
            var gs: [Geometry] = []
            for (k, m) in members.enumerated() {
                if case .null = m {
                    problem("\(prefix)geometries[\(k)]", "expected a geometry object, found null")
                } else if let g = geometry(m, at: "\(prefix)geometries[\(k)]") {
                    gs.append(g)
                }
            }
            result = .geometryCollection(gs)
        } else {
            guard let c = o["coordinates"] else {
                problem(here, "expected a \"coordinates\" member for \(type), found none")
                return nil
            }
            result = coordinates(c, type: type, at: "\(prefix)coordinates")
        }
        if let r = result { bbox(o["bbox"], at: "\(prefix)bbox", points: r.allPoints) }
        return result
    }

    /// A position: 2 or more numbers, longitude −180…180, latitude −90…90.
    /// - Parameter here: Where the position is, for a problem: only written out when there is one (a country's
    ///   outline has thousands of positions, and their paths were most of the reading).
    mutating func position(_ v: JSONValue, at here: @autoclosure () -> String) -> GeoPoint? {
        guard case .array(let a) = v else {
            problem(here(), "expected a position [longitude, latitude], found \(v.kindDescription)")
            return nil
        }
        var longitude = 0.0, latitude = 0.0
        for (i, x) in a.enumerated() {
            guard case .number(let n) = x else {
                problem(here(), "expected a position of numbers, found \(x.kindDescription) in it")
                return nil
            }
            if i == 0 { longitude = n } else if i == 1 { latitude = n }
        }
        guard a.count >= 2 else {
            problem(here(), "expected a position of 2 or 3 numbers, found \(a.count)")
            return nil
        }
        guard (-180...180).contains(longitude), (-90...90).contains(latitude) else {
            problem(here(), "expected longitude −180…180 and latitude −90…90, found [\(JSONValue.format(longitude)), \(JSONValue.format(latitude))] (projected coordinates, or latitude first?)")
            return nil
        }
        return GeoPoint(longitude: longitude, latitude: latitude)
    }

    /// The positions, with every number of the first and of the last (a ring must end where it starts, altitude too).
    mutating func positions(_ v: JSONValue, at here: String, minimum: Int, what: String) -> ([GeoPoint], [Double], [Double])? {
        guard case .array(let a) = v else {
            problem(here, "expected an array of positions, found \(v.kindDescription)")
            return nil
        }
        var out: [GeoPoint] = []
        out.reserveCapacity(a.count)
        for (k, x) in a.enumerated() {
            guard let p = position(x, at: "\(here)[\(k)]") else { return nil }
            out.append(p)
        }
        guard out.count >= minimum else {
            problem(here, "expected \(what) of at least \(minimum) positions, found \(out.count)")
            return nil
        }
        func numbers(_ v: JSONValue?) -> [Double] {
            guard case .array(let xs)? = v else { return [] }
            return xs.compactMap(\.numberValue)
        }
        return (out, numbers(a.first), numbers(a.last))
    }

    mutating func ring(_ v: JSONValue, at here: String) -> [GeoPoint]? {
        guard let (ps, first, last) = positions(v, at: here, minimum: 4, what: "a linear ring") else { return nil }
        guard first == last else {
            problem(here, "expected a closed ring (last position equal to the first), found first [\(first.map(JSONValue.format).joined(separator: ", "))] and last [\(last.map(JSONValue.format).joined(separator: ", "))]")
            return nil
        }
        return ps
    }

    mutating func list<T>(_ v: JSONValue, at here: String, what: String, _ item: (inout Reader, JSONValue, String) -> T?) -> [T]? {
        guard case .array(let a) = v else {
            problem(here, "expected an array of \(what), found \(v.kindDescription)")
            return nil
        }
        var out: [T] = []
        out.reserveCapacity(a.count)
        for (k, x) in a.enumerated() {
            guard let t = item(&self, x, "\(here)[\(k)]") else { return nil }
            out.append(t)
        }
        return out
    }

    mutating func coordinates(_ c: JSONValue, type: String, at here: String) -> Geometry? {
        if case .array(let a) = c, a.isEmpty { return nil }   // RFC 7946 §3.1: empty coordinates may be read as null
        switch type {
        case "Point":
            return position(c, at: here).map { .point($0) }
        case "MultiPoint":
            return list(c, at: here, what: "positions") { r, v, at in r.position(v, at: at) }.map { .multiPoint($0) }
        case "LineString":
            return positions(c, at: here, minimum: 2, what: "a line").map { .lineString($0.0) }
        case "MultiLineString":
            return list(c, at: here, what: "lines") { r, v, at in r.positions(v, at: at, minimum: 2, what: "a line")?.0 }
                .map { .multiLineString($0) }
        case "Polygon":
            return list(c, at: here, what: "linear rings") { r, v, at in r.ring(v, at: at) }.map { .polygon($0) }
        case "MultiPolygon":
            return list(c, at: here, what: "polygons") { r, v, at in
                r.list(v, at: at, what: "linear rings") { r2, v2, at2 in r2.ring(v2, at: at2) }
            }.map { .multiPolygon($0) }
        default:
            return nil
        }
    }

    /// A bbox has 4 or 6 numbers, south ≤ north, and contains the geometry's positions (RFC 7946 §5).
    mutating func bbox(_ v: JSONValue?, at here: String, points: [GeoPoint]?) {
        guard let v else { return }
        guard case .array(let a) = v, a.allSatisfy({ $0.numberValue != nil }), a.count == 4 || a.count == 6 else {
            problem(here, "expected 4 or 6 numbers [west, south, east, north], found \(v.kindDescription)")
            return
        }
        let n = a.map { $0.numberValue! }
        let half = n.count / 2
        let w = n[0], s = n[1], e = n[half], nn = n[half + 1]
        guard s <= nn else {
            problem(here, "expected south ≤ north, found south \(JSONValue.format(s)) and north \(JSONValue.format(nn))")
            return
        }
        guard let points else { return }
        for p in points {
            let lonInside = w <= e ? (w...e).contains(p.longitude) : (p.longitude >= w || p.longitude <= e)
            if !lonInside || !(s...nn).contains(p.latitude) {
                problem(here, "expected a box containing the geometry, found [\(n.map(JSONValue.format).joined(separator: ", "))] which misses [\(JSONValue.format(p.longitude)), \(JSONValue.format(p.latitude))] (latitude first?)")
                return
            }
        }
    }
}
