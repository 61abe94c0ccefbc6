// libFuzzer entry point for every reader that takes outside input. One binary, the target chosen by the
// environment variable SAHELMAP_FUZZ_TARGET (geojson, acled, places, spec, theme, expression, wkb, gpkg,
// frontmatter, markdown, json, shapefile). Built and run by Scripts/fuzz.sh, not by the normal build: the target exists only
// when the manifest sees SAHELMAP_FUZZ=1 (Package.swift).
//
// Every input must end in a thrown error or a value, never a crash, a hang, a leak or unbounded memory: the
// readers' errors are caught and dropped here, anything else is a finding.
import Foundation
import Formats
import Geometry
import Layers
import Report
import Style

/// Inputs written to a file for readers that take a path: one file per target, rewritten each run (in /dev/shm
/// when it exists, so no disk is touched).
private let scratchDirectory: String = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let dir = base + "/sahelmap-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}()

private func file(_ name: String, _ data: UnsafeRawBufferPointer) -> String {
    let path = scratchDirectory + "/" + name
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if fd >= 0 {
        var off = 0
        while off < data.count {
            let n = write(fd, data.baseAddress! + off, data.count - off)
            if n <= 0 { break }
            off += n
        }
        close(fd)
    }
    return path
}

/// A Shapefile from one input, so the fuzzer mutates all three files: a little-endian UInt16 length of the `.shp`, one
/// of the `.shx`, then the `.shp` bytes, the `.shx` bytes and the rest as the `.dbf` (lengths cut to what is there).
/// Fuzz/shapefile-seeds.py packs real Shapefiles this way. Returns the `.shp` path.
private func shapefile(_ data: UnsafeRawBufferPointer) -> String {
    let bytes = [UInt8](data)
    func u16(_ at: Int) -> Int { at + 1 < bytes.count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : 0 }
    var rest = bytes.count > 4 ? bytes[4...] : []
    let shp = rest.prefix(u16(0)); rest = rest.dropFirst(shp.count)
    let shx = rest.prefix(u16(2)); rest = rest.dropFirst(shx.count)
    for (ext, part) in [("shx", shx), ("dbf", rest)] { _ = Array(part).withUnsafeBytes { file("fuzz." + ext, $0) } }
    return Array(shp).withUnsafeBytes { file("fuzz.shp", $0) }
}

private let target = ProcessInfo.processInfo.environment["SAHELMAP_FUZZ_TARGET"] ?? "geojson"
private let resources: Resources = {
    let home = ProcessInfo.processInfo.environment["SAHELMAP_HOME"] ?? FileManager.default.currentDirectoryPath
    return Resources(home: home)
}()
private let gazetteer = Gazetteer(places: FeatureCollection(features: [
    Feature(id: "gao", geometry: .point(GeoPoint(longitude: -0.04, latitude: 16.27)), properties: ["name": .string("Gao"), "country": .string("MLI")]),
    Feature(id: "gao-bf", geometry: .point(GeoPoint(longitude: -1.0, latitude: 12.0)), properties: ["name": .string("Gao"), "country": .string("BFA")]),
    Feature(id: "djibo", geometry: .point(GeoPoint(longitude: -1.63, latitude: 14.1)), properties: ["name": .string("Djibo"), "country": .string("BFA")]),
]))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = UnsafeRawBufferPointer(start: count == 0 ? nil : start, count: count)
    let bytes = [UInt8](data)
    switch target {
    case "geojson":
        _ = try? GeoJSON.decode(bytes, file: "fuzz.geojson")
    case "json":
        _ = try? JSONParser.parse(bytes)
    case "acled":
        let path = file("fuzz.csv", data)
        _ = try? ACLEDReader(path: path).read { _ in }
        _ = try? ACLEDReader(path: path, policy: .refuse).read { _ in }
    case "places":
        let path = file("places.csv", data)
        _ = try? PlacesCSVReader(path: path, gazetteer: gazetteer).read { _ in }
    case "spec":
        _ = try? MapSpec.load(path: file("spec.yaml", data), resources: resources)
    case "theme":
        _ = try? StyleSheet.load(path: file("theme.yaml", data), resources: resources)
    case "expression":
        if let text = String(validating: bytes, as: UTF8.self) {
            if let e = try? Expression.parse(text) { _ = try? Expression.parse(e.description) }
        }
    case "wkb":
        _ = try? WKB.decode(data)
    case "gpkg":
        _ = try? GeoPackageBinary.decode(data)
    case "shapefile":
        _ = try? VectorFile.read(path: shapefile(data), layer: nil)
    case "frontmatter":
        _ = try? FrontMatter.split(String(decoding: bytes, as: UTF8.self), file: "fuzz.md")
    case "markdown":
        _ = MarkdownParser.parse(String(decoding: bytes, as: UTF8.self))
    default:
        fatalError("unknown SAHELMAP_FUZZ_TARGET \(target)")
    }
    return 0
}

// SwiftPM links an executable target's entry point as `<module>_main` (with `main` defined to it), so libFuzzer's
// own `main` is not used: this one hands over to libFuzzer's driver with the same arguments.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                                 _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                                 _ callback: @convention(c) (UnsafeRawPointer?, Int) -> CInt) -> CInt

@_cdecl("sahelmap_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var args = argv
    return LLVMFuzzerRunDriver(&count, &args) { data, size in fuzzOne(data, size) }
}

/// Runs each reader once on a valid input before fuzzing, so that one-time set-up (lazy globals such as the
/// built-in layers, Foundation's and the runtime's caches) is not taken for a leak of the first input.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    let warmUp: [String: String] = [
        "geojson": #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#,
        "json": #"{"a":[1,"b",null,true]}"#,
        "acled": "event_id_cnty,event_date,latitude,longitude,event_type,fatalities\nMLI1,2021-01-01,14,-3,Battles,1\n",
        "places": "name,country\nGao,MLI\n",
        "spec": (try? String(contentsOfFile: resources.maps + "/sahel-overview.yaml", encoding: .utf8)) ?? "",
        "theme": (try? String(contentsOfFile: resources.styles + "/dark.yaml", encoding: .utf8)) ?? "",
        "expression": #"fatalities >= 10 && group == "JNIM""#,
        "frontmatter": "---\ntitle: x\n---\n# y\n",
        "markdown": "# x\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    ]
    // Binary targets (shapefile) warm up on a seed file that Scripts/fuzz.sh names.
    let input = ProcessInfo.processInfo.environment["SAHELMAP_FUZZ_WARMUP"].flatMap { FileManager.default.contents(atPath: $0) }
        .map { [UInt8]($0) } ?? Array((warmUp[target] ?? "").utf8)
    for _ in 0..<2 { _ = input.withUnsafeBytes { fuzzOne($0.baseAddress, $0.count) } }
    return 0
}
