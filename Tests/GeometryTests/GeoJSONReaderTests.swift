import Foundation
import Testing
@testable import Geometry

/// Reading valid GeoJSON: every type decodes to the exact `Geometry`, id and properties.
@Suite struct GeoJSONValidTests {
    /// Wraps a geometry in a one-feature collection.
    private func feature(_ geometry: String) -> String {
        #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":\#(geometry)}]}"#
    }

    private func onlyGeometry(_ json: String) throws -> Geometry? {
        let fc = try decode(json)
        try #require(fc.features.count == 1)
        return fc.features[0].geometry
    }

    @Test func point() throws {
        #expect(try onlyGeometry(feature(#"{"type":"Point","coordinates":[-7.97522,12.60915]}"#))
            == .point(gp(-7.97522, 12.60915)))
    }

    @Test func multiPoint() throws {
        #expect(try onlyGeometry(feature(#"{"type":"MultiPoint","coordinates":[[2.1098,13.51366],[-1.53388,12.36566]]}"#))
            == .multiPoint([gp(2.1098, 13.51366), gp(-1.53388, 12.36566)]))
    }

    @Test func lineString() throws {
        #expect(try onlyGeometry(feature(#"{"type":"LineString","coordinates":[[0,0],[1.5,-2],[3,4]]}"#))
            == .lineString([gp(0, 0), gp(1.5, -2), gp(3, 4)]))
    }

    @Test func multiLineString() throws {
        #expect(try onlyGeometry(feature(#"{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3],[4,2]]]}"#))
            == .multiLineString([[gp(0, 0), gp(1, 1)], [gp(2, 2), gp(3, 3), gp(4, 2)]]))
    }

    @Test func polygonWithHole() throws {
        let json = #"{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[4,6],[6,6],[6,4],[4,4]]]}"#
        #expect(try onlyGeometry(feature(json)) == .polygon([
            [gp(0, 0), gp(10, 0), gp(10, 10), gp(0, 10), gp(0, 0)],
            [gp(4, 4), gp(4, 6), gp(6, 6), gp(6, 4), gp(4, 4)],
        ]))
    }

    @Test func multiPolygon() throws {
        let json = #"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}"#
        #expect(try onlyGeometry(feature(json)) == .multiPolygon([
            [[gp(0, 0), gp(1, 0), gp(1, 1), gp(0, 0)]],
            [[gp(5, 5), gp(6, 5), gp(6, 6), gp(5, 5)]],
        ]))
    }

    @Test func nestedGeometryCollection() throws {
        let json = #"""
            {"type":"GeometryCollection","geometries":[
              {"type":"Point","coordinates":[1,2]},
              {"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[0,0],[1,1]]}]},
              {"type":"GeometryCollection","geometries":[]}
            ]}
            """#
        #expect(try onlyGeometry(feature(json)) == .geometryCollection([
            .point(gp(1, 2)),
            .geometryCollection([.lineString([gp(0, 0), gp(1, 1)])]),
            .geometryCollection([]),
        ]))
    }

    @Test func stringIdAndProperties() throws {
        let json = #"""
            {"type":"FeatureCollection","features":[{"type":"Feature","id":"ML-7",
              "properties":{"name":"Ségou","population":130690,"capital":false,"tags":["a",1,null],"meta":{"k":"v"},"note":null},
              "geometry":{"type":"Point","coordinates":[-6.26,13.43]}}]}
            """#
        let fc = try decode(json)
        #expect(fc == FeatureCollection(features: [Feature(
            id: "ML-7", geometry: .point(gp(-6.26, 13.43)),
            properties: ["name": .string("Ségou"), "population": .number(130690), "capital": .bool(false),
                         "tags": .array([.string("a"), .number(1), .null]), "meta": .object(["k": .string("v")]),
                         "note": .null])]))
        #expect(fc.features[0].string("name") == "Ségou")
        #expect(fc.features[0].number("population") == 130690)
    }

    @Test func numericIdsAreWrittenAsStrings() throws {
        let json = #"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","id":42,"properties":{},"geometry":null},
              {"type":"Feature","id":-1.5,"properties":{},"geometry":null},
              {"type":"Feature","id":1e3,"properties":{},"geometry":null},
              {"type":"Feature","properties":{},"geometry":null}]}
            """#
        #expect(try decode(json).features.map(\.id) == ["42", "-1.5", "1000", nil])
    }

    @Test func nullGeometryAndNullProperties() throws {
        let json = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":null,"geometry":null}]}"#
        #expect(try decode(json) == FeatureCollection(features: [Feature(id: nil, geometry: nil, properties: [:])]))
    }

    @Test func emptyFeatureCollection() throws {
        #expect(try decode(#"{"type":"FeatureCollection","features":[]}"#) == FeatureCollection(features: []))
    }

    @Test func bareFeature() throws {
        let json = #"{"type":"Feature","id":"x","properties":{"a":1},"geometry":{"type":"Point","coordinates":[1,2]}}"#
        #expect(try decode(json) == FeatureCollection(features: [
            Feature(id: "x", geometry: .point(gp(1, 2)), properties: ["a": .number(1)])]))
    }

    @Test func bareGeometryIsWrappedInOneFeature() throws {
        #expect(try decode(#"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#)
            == FeatureCollection(features: [Feature(id: nil, geometry: .lineString([gp(0, 0), gp(1, 1)]), properties: [:])]))
    }

    /// RFC 7946 §3.1: empty `coordinates` may be read as a null geometry.
    @Test func emptyCoordinatesReadAsNullGeometry() throws {
        #expect(try decode(#"{"type":"Polygon","coordinates":[]}"#) == FeatureCollection(features: [Feature(geometry: nil)]))
    }

    @Test func utf8ByteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"type":"Point","coordinates":[2,13]}"#.utf8)
        #expect(try GeoJSON.decode(bytes, file: "bom.geojson") == FeatureCollection(features: [Feature(geometry: .point(gp(2, 13)))]))
    }

    @Test func altitudesAndFourthValuesAreDropped() throws {
        let json = #"{"type":"Polygon","coordinates":[[[0,0,100],[1,0,110],[1,1,120,7],[0,0,100]]]}"#
        #expect(try onlyGeometry(feature(json)) == .polygon([[gp(0, 0), gp(1, 0), gp(1, 1), gp(0, 0)]]))
    }

    @Test func validBoundingBoxes() throws {
        // 4 numbers, 6 numbers (with altitudes), and a box crossing the antimeridian (west > east).
        let json = #"""
            {"type":"FeatureCollection","bbox":[-180,-90,180,90],"features":[
              {"type":"Feature","bbox":[0,0,2,2],"properties":{},"geometry":{"type":"Point","coordinates":[1,1],"bbox":[1,1,1,1]}},
              {"type":"Feature","bbox":[0,0,-5,2,2,5],"properties":{},"geometry":{"type":"Point","coordinates":[1,1,3]}},
              {"type":"Feature","bbox":[170,-10,-170,10],"properties":{},"geometry":{"type":"LineString","coordinates":[[175,0],[-175,1]]}}]}
            """#
        #expect(try decode(json).features.count == 3)
    }

    /// Foreign members other than the RFC 7946 §7.1 ones are accepted and ignored.
    @Test func otherForeignMembersAreIgnored() throws {
        let json = #"{"type":"Feature","title":"x","properties":{},"geometry":{"type":"Point","coordinates":[1,2],"extra":{"a":1}}}"#
        #expect(try decode(json) == FeatureCollection(features: [Feature(geometry: .point(gp(1, 2)))]))
    }

    @Test func escapesInStrings() throws {
        let json = #"{"type":"Feature","properties":{"s":"a\"b\\c\/d\n\t\u00e9\ud83c\udf0d"},"geometry":null}"#
        #expect(try decode(json).features[0].string("s") == "a\"b\\c/d\n\té🌍")
    }

    @Test func readsFromDisk() throws {
        let fc = try GeoJSON.read(contentsOf: Fixture.packageRoot.appendingPathComponent("GeoData/places.geojson").path)
        let bamako = try #require(fc.features.first { $0.string("name") == "Bamako" })
        #expect(bamako.geometry == .point(gp(-7.97522, 12.60915)))
    }
}

/// Reading invalid GeoJSON: the exact text of `GeoDataError.description`.
@Suite struct GeoJSONInvalidTests {
    struct Bad: Sendable, CustomTestStringConvertible {
        var name: String, json: String, expected: String
        var testDescription: String { name }
    }

    static let cases: [Bad] = [
        Bad(name: "unclosed ring in feature #0 with id",
            json: #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"ML-7","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2]]]}}]}"#,
            expected: #"bad.geojson: feature #0 (id "ML-7"): geometry.coordinates[0]: expected a closed ring (last position equal to the first), found first [0, 0] and last [0, 2]"#),
        Bad(name: "ring closed in 2D but not in altitude",
            json: #"{"type":"Polygon","coordinates":[[[0,0,1],[2,0,1],[2,2,1],[0,0,2]]]}"#,
            expected: "bad.geojson: coordinates[0]: expected a closed ring (last position equal to the first), found first [0, 0, 1] and last [0, 0, 2]"),
        Bad(name: "syntax error with line:column",
            json: "{\"type\": \"Feature\",\n  \"properties\": {},\n  \"geometry\": nul\n}",
            expected: "bad.geojson:3:15: expected a value, found 'n'"),
        Bad(name: "syntax error: missing comma",
            json: "{\"type\": \"Feature\",\n  \"properties\": {} \"geometry\": null}",
            expected: #"bad.geojson:2:20: expected ',' or '}' in object, found '"'"#),
        Bad(name: "syntax error column counts characters, not bytes",
            json: #"{"name": "Ségou" x}"#,
            expected: "bad.geojson:1:18: expected ',' or '}' in object, found 'x'"),
        Bad(name: "empty input", json: "", expected: "bad.geojson:1:1: expected a value, found end of input"),
        Bad(name: "unterminated string", json: #"{"a"#, expected: "bad.geojson:1:4: unterminated string"),
        Bad(name: "trailing garbage", json: "{} x", expected: "bad.geojson:1:4: expected end of input, found 'x'"),
        Bad(name: "leading zero", json: "[01]", expected: "bad.geojson:1:2: numbers may not start with a leading zero"),
        Bad(name: "trailing comma", json: "[1,]", expected: "bad.geojson:1:4: expected a value, found ']'"),
        Bad(name: "raw newline in string", json: "[\"a\nb\"]", expected: "bad.geojson:1:4: control character in string (escape it)"),
        Bad(name: "invalid escape", json: #"["a\x"]"#, expected: #"bad.geojson:1:5: invalid escape '\x' in string"#),
        Bad(name: "nesting too deep", json: String(repeating: "[", count: 600),
            expected: "bad.geojson:1:514: nesting deeper than 512 levels"),
        Bad(name: "duplicate member",
            json: "{\"type\": \"FeatureCollection\",\n  \"type\": \"Feature\", \"features\": []}",
            expected: #"bad.geojson:2:3: duplicate member "type" in object"#),
        Bad(name: "top level not an object", json: "[]",
            expected: "bad.geojson: expected a GeoJSON object at the top level, found an array of 0"),
        Bad(name: "missing type", json: #"{"features":[]}"#,
            expected: #"bad.geojson: expected a "type" member naming a GeoJSON type, found none"#),
        Bad(name: "type is null", json: #"{"type":null,"features":[]}"#,
            expected: #"bad.geojson: expected a "type" member naming a GeoJSON type, found null"#),
        Bad(name: "wrong case type", json: #"{"type":"featureCollection","features":[]}"#,
            expected: #"bad.geojson: type: expected FeatureCollection, Feature or a geometry type (case matters), found "featureCollection""#),
        Bad(name: "wrong case geometry type",
            json: #"{"type":"Feature","properties":{},"geometry":{"type":"point","coordinates":[1,2]}}"#,
            expected: #"bad.geojson: feature: geometry.type: expected one of GeometryCollection, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon, found "point""#),
        Bad(name: "wrong case feature type",
            json: #"{"type":"FeatureCollection","features":[{"type":"feature","properties":{},"geometry":null}]}"#,
            expected: #"bad.geojson: feature #0: expected "type": "Feature", found "feature""#),
        Bad(name: "features not an array", json: #"{"type":"FeatureCollection","features":{}}"#,
            expected: "bad.geojson: features: expected an array of features, found an object"),
        Bad(name: "features missing", json: #"{"type":"FeatureCollection"}"#,
            expected: #"bad.geojson: features: expected an array of features, found no "features" member"#),
        Bad(name: "null feature", json: #"{"type":"FeatureCollection","features":[null]}"#,
            expected: "bad.geojson: feature #0: expected a Feature object, found null"),
        Bad(name: "feature without properties",
            json: #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null}]}"#,
            expected: #"bad.geojson: feature #0: expected a "properties" member (an object or null), found none"#),
        Bad(name: "feature without geometry",
            json: #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{}}]}"#,
            expected: #"bad.geojson: feature #0 (id "a"): expected a "geometry" member (an object or null), found none"#),
        Bad(name: "id as object",
            json: #"{"type":"FeatureCollection","features":[{"type":"Feature","id":{},"properties":{},"geometry":null}]}"#,
            expected: "bad.geojson: feature #0: id: expected a string or a number, found an object"),
        Bad(name: "properties as array",
            json: #"{"type":"FeatureCollection","features":[{"type":"Feature","id":3,"properties":[],"geometry":null}]}"#,
            expected: #"bad.geojson: feature #0 (id "3"): properties: expected an object or null, found an array of 0"#),
        Bad(name: "geometry as string",
            json: #"{"type":"Feature","properties":{},"geometry":"POINT (1 2)"}"#,
            expected: #"bad.geojson: feature: geometry: expected a geometry object or null, found "POINT (1 2)""#),
        Bad(name: "ring with 3 positions", json: #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#,
            expected: "bad.geojson: coordinates[0]: expected a linear ring of at least 4 positions, found 3"),
        Bad(name: "LineString with 1 position", json: #"{"type":"LineString","coordinates":[[0,0]]}"#,
            expected: "bad.geojson: coordinates: expected a line of at least 2 positions, found 1"),
        Bad(name: "MultiLineString member with 1 position",
            json: #"{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[0,0]]]}"#,
            expected: "bad.geojson: coordinates[1]: expected a line of at least 2 positions, found 1"),
        Bad(name: "position with a string", json: #"{"type":"LineString","coordinates":[[0,0],["1",2]]}"#,
            expected: #"bad.geojson: coordinates[1]: expected a position of numbers, found "1" in it"#),
        Bad(name: "position with one number", json: #"{"type":"Point","coordinates":[1]}"#,
            expected: "bad.geojson: coordinates: expected a position of 2 or 3 numbers, found 1"),
        Bad(name: "position not an array", json: #"{"type":"LineString","coordinates":[1,2]}"#,
            expected: "bad.geojson: coordinates[0]: expected a position [longitude, latitude], found 1"),
        Bad(name: "coordinates missing", json: #"{"type":"Polygon"}"#,
            expected: #"bad.geojson: expected a "coordinates" member for Polygon, found none"#),
        Bad(name: "latitude out of range, with the hint",
            json: #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[13.5,95]}}]}"#,
            expected: "bad.geojson: feature #0: geometry.coordinates: expected longitude −180…180 and latitude −90…90, found [13.5, 95] (projected coordinates, or latitude first?)"),
        Bad(name: "projected coordinates",
            json: #"{"type":"LineString","coordinates":[[1,1],[403664.41,1494115.47]]}"#,
            expected: "bad.geojson: coordinates[1]: expected longitude −180…180 and latitude −90…90, found [403664.41, 1494115.47] (projected coordinates, or latitude first?)"),
        Bad(name: "bbox with 5 numbers", json: #"{"type":"Point","coordinates":[1,2],"bbox":[0,0,3,3,3]}"#,
            expected: "bad.geojson: bbox: expected 4 or 6 numbers [west, south, east, north], found an array of 5"),
        Bad(name: "bbox with a string", json: #"{"type":"Point","coordinates":[1,2],"bbox":[0,0,3,"3"]}"#,
            expected: "bad.geojson: bbox: expected 4 or 6 numbers [west, south, east, north], found an array of 4"),
        Bad(name: "bbox not an array", json: #"{"type":"Point","coordinates":[1,2],"bbox":"x"}"#,
            expected: #"bad.geojson: bbox: expected 4 or 6 numbers [west, south, east, north], found "x""#),
        Bad(name: "bbox south above north", json: #"{"type":"Point","coordinates":[1,2],"bbox":[0,3,3,0]}"#,
            expected: "bad.geojson: bbox: expected south ≤ north, found south 3 and north 0"),
        Bad(name: "bbox not containing the geometry", json: #"{"type":"Point","coordinates":[1,2],"bbox":[2,1,3,3]}"#,
            expected: "bad.geojson: bbox: expected a box containing the geometry, found [2, 1, 3, 3] which misses [1, 2] (latitude first?)"),
        Bad(name: "feature bbox latitude first",
            json: #"{"type":"FeatureCollection","features":[{"type":"Feature","bbox":[12,-8,13,-7],"properties":{},"geometry":{"type":"Point","coordinates":[-7.97522,12.60915]}}]}"#,
            expected: "bad.geojson: feature #0: bbox: expected a box containing the geometry, found [12, -8, 13, -7] which misses [-7.97522, 12.60915] (latitude first?)"),
        Bad(name: "bbox across the antimeridian missing a point",
            json: #"{"type":"MultiPoint","coordinates":[[175,0],[0,0]],"bbox":[170,-10,-170,10]}"#,
            expected: "bad.geojson: bbox: expected a box containing the geometry, found [170, -10, -170, 10] which misses [0, 0] (latitude first?)"),
        Bad(name: "crs member",
            json: #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32631"}},"features":[]}"#,
            expected: #"bad.geojson: crs: the "crs" member was removed in RFC 7946: coordinates must be WGS 84 longitude, latitude"#),
        Bad(name: "coordinates on a FeatureCollection",
            json: #"{"type":"FeatureCollection","coordinates":[1,2],"features":[]}"#,
            expected: #"bad.geojson: coordinates: a FeatureCollection must not have a "coordinates" member (RFC 7946 §7.1)"#),
        Bad(name: "properties on a geometry",
            json: #"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2],"properties":{}}}"#,
            expected: #"bad.geojson: feature: geometry.properties: a Point must not have a "properties" member (RFC 7946 §7.1)"#),
        Bad(name: "GeometryCollection with a null member",
            json: #"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},null]}"#,
            expected: "bad.geojson: geometries[1]: expected a geometry object, found null"),
        Bad(name: "GeometryCollection without geometries", json: #"{"type":"GeometryCollection"}"#,
            expected: "bad.geojson: geometries: expected an array of geometries, found none"),
    ]

    @Test(arguments: cases) func exactMessage(_ bad: Bad) {
        #expect(errorText(bad.json) == bad.expected, "\(bad.name)")
    }

    /// RFC 7946 §7.1: a Feature must not have "coordinates". The location should read like every other
    /// member of a feature (`feature #0: coordinates`, cf. `feature #0: id`); (fixed: it read `feature #0.coordinates`).
    @Test func foreignMemberOnAFeature() {
        let json = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null,"coordinates":[1,2]}]}"#
        let text = errorText(json)
        #expect(text?.hasSuffix(#"coordinates: a Feature must not have a "coordinates" member (RFC 7946 §7.1)"#) == true)
        #expect(text == #"bad.geojson: feature #0: coordinates: a Feature must not have a "coordinates" member (RFC 7946 §7.1)"#)
    }

    /// RFC 7946 §5 / `Reader.bbox`'s own doc: a bbox contains the geometry's positions. A feature's latitude-first
    /// bbox is rejected (see "feature bbox latitude first"), but the same box on the FeatureCollection is accepted:
    /// `Reader.document` calls `bbox(o["bbox"], at: "bbox", points: nil)`, so the collection's box is never checked.
    @Test func featureCollectionBBoxMustContainTheFeatures() {
        let json = #"{"type":"FeatureCollection","bbox":[12,-8,13,-7],"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[-7.97522,12.60915]}}]}"#
        #expect(errorText(json) == "bad.geojson: bbox: expected a box containing the geometry, found [12, -8, 13, -7] which misses [-7.97522, 12.60915] (latitude first?)")
    }

    /// Columns are what an editor shows; the byte-order mark is invisible and should not count.
    @Test func syntaxErrorColumnAfterByteOrderMark() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{,}".utf8)
        var text: String?
        do { _ = try GeoJSON.decode(bytes, file: "bom.geojson") } catch { text = error.description }
        #expect(text == "bom.geojson:1:2: expected a member name in quotes, found ','")
    }

    /// A backslash as the very last byte of the input must be a syntax error, not a crash: JSONParser.string()
    /// steps `i += 2` over the escape and past the NUL sentinel, then reads `bytes[i]` out of range.
    @Test func backslashAtEndOfInputDoesNotCrash() async {
        await #expect(processExitsWith: .success) {
            do {
                _ = try GeoJSON.decode(Array(#"{"a":"\"#.utf8), file: "x.geojson")
                exit(1)
            } catch let error as GeoDataError {
                exit(error.description.hasPrefix("x.geojson:1:") && error.description.hasSuffix(": unterminated string") ? 0 : 2)
            } catch {
                exit(3)
            }
        }
    }

    @Test func severalProblemsAreAllReported() throws {
        let json = #"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","geometry":null},
              {"type":"Feature","id":"b","properties":{},"geometry":{"type":"LineString","coordinates":[[0,0]]}},
              {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[200,0]}},
              {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[2,13]}},
              {"type":"Feature","id":7,"properties":[],"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}}]}
            """#
        let error = try #require(throws: GeoDataError.self) { try decode(json, file: "bad.geojson") }
        #expect(error.problems.count == 5)
        #expect(error.omitted == 0)
        #expect(error.description == #"""
            bad.geojson: feature #0: expected a "properties" member (an object or null), found none
            bad.geojson: feature #1 (id "b"): geometry.coordinates: expected a line of at least 2 positions, found 1
            bad.geojson: feature #2: geometry.coordinates: expected longitude −180…180 and latitude −90…90, found [200, 0] (projected coordinates, or latitude first?)
            bad.geojson: feature #4 (id "7"): properties: expected an object or null, found an array of 0
            bad.geojson: feature #4 (id "7"): geometry.coordinates[0]: expected a linear ring of at least 4 positions, found 3
            """#)
    }

    @Test func moreThanFiftyProblemsAreCut() throws {
        let features = (0..<60).map { #"{"type":"Feature","id":\#($0),"properties":{},"geometry":{"type":"Point","coordinates":[0,100]}}"# }
        let json = #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
        let error = try #require(throws: GeoDataError.self) { try decode(json, file: "many.geojson") }
        #expect(error.problems.count == 50)
        #expect(error.omitted == 10)
        let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 51)
        #expect(lines.first == #"many.geojson: feature #0 (id "0"): geometry.coordinates: expected longitude −180…180 and latitude −90…90, found [0, 100] (projected coordinates, or latitude first?)"#)
        #expect(lines[49] == #"many.geojson: feature #49 (id "49"): geometry.coordinates: expected longitude −180…180 and latitude −90…90, found [0, 100] (projected coordinates, or latitude first?)"#)
        #expect(lines.last == "many.geojson: … and 10 more problem(s)")
    }

    @Test func exactlyFiftyProblemsHaveNoTail() throws {
        let features = (0..<50).map { _ in #"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[0,100]}}"# }
        let error = try #require(throws: GeoDataError.self) {
            try decode(#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}")
        }
        #expect(error.problems.count == 50)
        #expect(error.omitted == 0)
        #expect(!error.description.contains("more problem"))
    }

    @Test func unreadableFiles() throws {
        let missing = "/nonexistent-\(UInt64.random(in: 0...UInt64.max))/x.geojson"
        #expect(throws: GeoDataError(file: missing, message: "cannot read: no such file")) {
            try GeoJSON.read(contentsOf: missing)
        }
        let dir = FileManager.default.temporaryDirectory.path
        let error = try #require(throws: GeoDataError.self) { try GeoJSON.read(contentsOf: dir) }
        #expect(error.description == "\(dir): cannot read: is a directory")
    }
}

/// Writing: `GeoJSON.encode` round-trips and is byte-for-byte deterministic.
@Suite struct GeoJSONEncodeTests {
    static let sample = FeatureCollection(features: [
        Feature(id: "ML-7", geometry: .polygon([[gp(-7.97522, 12.60915), gp(2.1098, 13.51366), gp(-1.53388, 12.36566), gp(-7.97522, 12.60915)]]),
                properties: ["name": .string("Ségou \"région\"\n"), "pop": .number(130690), "ratio": .number(0.1),
                             "tiny": .number(1e-7), "ok": .bool(true), "none": .null,
                             "list": .array([.number(-3), .string("é🌍"), .object(["z": .number(1), "a": .number(2)])])]),
        Feature(id: nil, geometry: nil, properties: [:]),
        Feature(id: "42", geometry: .geometryCollection([
            .point(gp(1, 2)), .multiPoint([gp(0, 0), gp(1, 1)]), .lineString([gp(0, 0), gp(1.25, -1.5)]),
            .multiLineString([[gp(0, 0), gp(1, 1)], [gp(2, 2), gp(3, 3)]]),
            .multiPolygon([[[gp(0, 0), gp(1, 0), gp(1, 1), gp(0, 0)]], [[gp(5, 5), gp(6, 5), gp(6, 6), gp(5, 5)]]]),
        ]), properties: ["\u{1}ctl": .string("\u{1F}")]),
    ])

    @Test func roundTrip() throws {
        let text = GeoJSON.encode(Self.sample)
        #expect(try decode(text) == Self.sample)
    }

    @Test func deterministicWithSortedKeys() {
        let a = GeoJSON.encode(Self.sample), b = GeoJSON.encode(Self.sample)
        #expect(Array(a.utf8) == Array(b.utf8))
        let small = FeatureCollection(features: [
            Feature(id: "a", geometry: .point(gp(1.5, -2)), properties: ["z": .number(1), "b": .string("x"), "a": .null]),
            Feature(geometry: nil),
        ])
        #expect(GeoJSON.encode(small) == """
            {"type":"FeatureCollection","features":[
            {"geometry":{"coordinates":[1.5,-2],"type":"Point"},"id":"a","properties":{"a":null,"b":"x","z":1},"type":"Feature"},
            {"geometry":null,"properties":{},"type":"Feature"}
            ]}

            """)
    }

    @Test func emptyCollection() {
        #expect(GeoJSON.encode(FeatureCollection(features: [])) == "{\"type\":\"FeatureCollection\",\"features\":[\n]}\n")
    }
}

/// Numbers: the parser's fast decimal path gives the very Double strtod gives.
@Suite struct JSONNumberTests {
    /// Random decimals of 1–17 significant digits and 0–20 decimals, signed, with leading and trailing zeros, and
    /// the GeoData's own coordinates: every one parses (through the parser, and the fast path where it applies) to
    /// the bit pattern of strtod's correctly rounded result.
    @Test func fastDecimalsMatchStrtod() throws {
        var seed: UInt64 = 0x5eed_0013
        func next(_ n: UInt64) -> UInt64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return (seed >> 33) % n
        }
        var texts = ["0", "-0", "0.0", "-0.0", "1", "-16.55721", "11.66939", "0.1", "0.3", "123456789012345",
                     "1234567890123456", "0.000000000000000000001", "9007199254740993", "179.99999", "-89.999999999999"]
        for _ in 0..<20_000 {
            let digits = Int(next(17)) + 1
            var d = (0..<digits).map { _ in String(next(10)) }.joined()
            let point = Int(next(UInt64(min(digits, 21) + 1)))
            if point > 0 { d.insert(".", at: d.index(d.endIndex, offsetBy: -point)) }
            if d.hasPrefix(".") { d = "0" + d }
            while d.count > 1 && d.hasPrefix("0") && !d.hasPrefix("0.") { d.removeFirst() }
            texts.append((next(2) == 0 ? "-" : "") + d)
        }
        var fast = 0
        for t in texts {
            let expected = strtod(t, nil)
            let parsed = try #require(try JSONParser.parse(Array(t.utf8)).numberValue, "\(t)")
            #expect(parsed.bitPattern == expected.bitPattern, "\(t): \(parsed) != \(expected)")
            let bytes = Array(t.utf8) + [0]
            if let f = JSONParser.exactDecimal(bytes, 0..<(bytes.count - 1)) {
                fast += 1
                #expect(f.bitPattern == expected.bitPattern, "\(t) (fast path): \(f) != \(expected)")
            }
        }
        #expect(fast > texts.count / 2)   // the fast path was taken, not only strtod
        // Exponents and long mantissas take strtod.
        #expect(JSONParser.exactDecimal(Array("1e5".utf8) + [0], 0..<3) == nil)
        #expect(JSONParser.exactDecimal(Array("1234567890.1234567".utf8) + [0], 0..<18) == nil)
    }
}
