import Testing
@testable import Geometry

@Test func probe() throws {
    let cases: [(String, String)] = [
        ("unclosed", #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"ML-7","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2]]]}}]}"#),
        ("syntax", "{\"type\": \"Feature\",\n  \"properties\": {},\n  \"geometry\": nul\n}"),
        ("syntax2", "{\"type\": \"Feature\",\n  \"properties\": {} \"geometry\": null}"),
        ("dup", "{\"type\": \"Feature\", \"type\": \"Feature\"}"),
        ("missing type", #"{"features":[]}"#),
        ("wrong case", #"{"type":"featureCollection","features":[]}"#),
        ("features obj", #"{"type":"FeatureCollection","features":{}}"#),
        ("no props", #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null}]}"#),
        ("id obj", #"{"type":"FeatureCollection","features":[{"type":"Feature","id":{},"properties":{},"geometry":null}]}"#),
        ("props array", #"{"type":"FeatureCollection","features":[{"type":"Feature","id":3,"properties":[],"geometry":null}]}"#),
        ("ring3", #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#),
        ("line1", #"{"type":"LineString","coordinates":[[0,0]]}"#),
        ("pos string", #"{"type":"Point","coordinates":["1",2]}"#),
        ("lat range", #"{"type":"Feature","properties":null,"geometry":{"type":"Point","coordinates":[13.5,95]}}"#),
        ("bbox5", #"{"type":"Point","coordinates":[1,2],"bbox":[0,0,3,3,3]}"#),
        ("bbox str", #"{"type":"Point","coordinates":[1,2],"bbox":"x"}"#),
        ("bbox miss", #"{"type":"Point","coordinates":[1,2],"bbox":[2,1,3,3]}"#),
        ("bbox order", #"{"type":"Point","coordinates":[1,2],"bbox":[0,3,3,0]}"#),
        ("crs", #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[]}"#),
        ("foreign", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null,"coordinates":[1,2]}]}"#),
        ("gc null", #"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},null]}"#),
        ("several", #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null},{"type":"Feature","id":"b","properties":{},"geometry":{"type":"LineString","coordinates":[[0,0]]}},{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[200,0]}}]}"#),
        ("top array", "[]"),
        ("empty", ""),
        ("bom syntax", "\u{FEFF}{,}"),
        ("unterminated", "{\"a"),
        ("geom type", #"{"type":"Feature","properties":{},"geometry":{"type":"point","coordinates":[1,2]}}"#),
        ("feature type", #"{"type":"FeatureCollection","features":[{"type":"feature","properties":{},"geometry":null}]}"#),
        ("null feature", #"{"type":"FeatureCollection","features":[null]}"#),
    ]
    for (name, json) in cases {
        do {
            let fc = try GeoJSON.decode(Array(json.utf8), file: "bad.geojson")
            print("PROBE \(name): OK \(fc)")
        } catch {
            print("PROBE \(name): <<\(error.description)>> problems=\(error.problems.count) omitted=\(error.omitted)")
        }
    }
    var feats: [String] = []
    for k in 0..<60 { feats.append(#"{"type":"Feature","id":\#(k),"properties":{},"geometry":{"type":"Point","coordinates":[0,100]}}"#) }
    do { _ = try GeoJSON.decode(Array((#"{"type":"FeatureCollection","features":["# + feats.joined(separator: ",") + "]}").utf8), file: "many.geojson") }
    catch { print("PROBE many: problems=\(error.problems.count) omitted=\(error.omitted)\n\(error.description.split(separator: "\n").suffix(2).joined(separator: "\n"))") }
    for t in ["EPSG:999999", "", "  ", "+proj=nonsense", "EPSG:32631", "+proj=ortho +lat_0=15 +lon_0=2"] {
        do { let tr = try Transform(to: t); print("PROBE transform \(t): ok \(String(describing: tr.project(GeoPoint(longitude: -170, latitude: -15))))") }
        catch { print("PROBE transform '\(t)': <<\(error.description)>>") }
    }
}
