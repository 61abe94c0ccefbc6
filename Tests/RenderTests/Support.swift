import Foundation
import Geometry
import Layers
import Style
@testable import Render

/// Runs a command-line tool (pdftotext, pdffonts) and returns its standard output.
func run(_ tool: String, _ args: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [tool] + args
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// A fresh temporary directory.
func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sahelmap-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// A fixed creation date, so output is reproducible.
let fixedInfo = DocumentInfo(title: "Test map", author: "SahelMap tests", creationDate: "2026-01-01T00:00:00Z")

/// This source tree's GeoData/, Styles/ and Maps/.
let testResources = Resources(home: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path)

/// The default overview with only the listed layers.
func overview(layers ids: [String]) throws -> MapSpec {
    var spec = try MapSpec.sahelOverview(resources: Resources.locate())
    spec.layers = spec.layers.filter { ids.contains($0.id) }
    return spec
}

/// Where a lon/lat lands on the page of a composed map.
func pagePoint(_ lon: Double, _ lat: Double, in map: ComposedMap, projection: String) throws -> PagePoint {
    let t = try Transform(to: projection)
    let p = try #require(t.project(GeoPoint(longitude: lon, latitude: lat)))
    return map.view.page(p)
}

import Testing

/// Whether two colours match within `tolerance` per channel.
func close(_ a: (red: UInt8, green: UInt8, blue: UInt8)?, _ c: Color, tolerance: Int = 2) -> Bool {
    guard let a else { return false }
    let (r, g, b) = c.rgb8
    return abs(Int(a.red) - Int(r)) <= tolerance && abs(Int(a.green) - Int(g)) <= tolerance && abs(Int(a.blue) - Int(b)) <= tolerance
}

extension RenderReport.PlacedLabel {
    /// What the label covers: its glyphs' boxes for a name set along a line, else its box.
    var footprint: [PageRect] { glyphBoxes ?? [box] }
}
