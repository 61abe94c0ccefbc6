import CCairo
import Foundation
import Testing

private let goldenDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
private let failureDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(".build/golden-failures")

/// RGB pixels decoded by Cairo (libpng).
struct DecodedImage {
    var width: Int, height: Int
    var rgb: [UInt8]

    init?(path: String) {
        guard let s = cairo_image_surface_create_from_png(path), cairo_surface_status(s) == CAIRO_STATUS_SUCCESS else { return nil }
        defer { cairo_surface_destroy(s) }
        width = Int(cairo_image_surface_get_width(s))
        height = Int(cairo_image_surface_get_height(s))
        let stride = Int(cairo_image_surface_get_stride(s))
        let data = cairo_image_surface_get_data(s)!
        rgb = []
        rgb.reserveCapacity(width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let p = data + y * stride + x * 4
                rgb += [p[2], p[1], p[0]]
            }
        }
    }
}

/// Compares a rendered PNG with `Tests/RenderTests/Golden/<name>.png`. A pixel differs when any channel is off by
/// more than `channelTolerance`; the check passes while differing pixels stay within `budget` (a fraction).
/// Sizes must match exactly. A missing reference is written and the test fails ("recorded, please review");
/// `RECORD_GOLDENS=1 swift test` rewrites them. A failure writes actual.png and diff.png to
/// `.build/golden-failures/<name>/`.
func expectMatchesGolden(_ png: [UInt8], _ name: String, channelTolerance: Int = 3, budget: Double = 0.005,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
    let reference = goldenDir.appendingPathComponent(name + ".png")
    let record = ProcessInfo.processInfo.environment["RECORD_GOLDENS"] != nil
    if record || !FileManager.default.fileExists(atPath: reference.path) {
        try Data(png).write(to: reference)
        Issue.record("recorded \(reference.lastPathComponent), please review", sourceLocation: sourceLocation)
        return
    }
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString).png")
    try Data(png).write(to: tmp)
    let actual = try #require(DecodedImage(path: tmp.path), sourceLocation: sourceLocation)
    let expected = try #require(DecodedImage(path: reference.path), sourceLocation: sourceLocation)
    #expect(actual.width == expected.width && actual.height == expected.height,
            "\(name): \(actual.width)×\(actual.height) px, reference \(expected.width)×\(expected.height)", sourceLocation: sourceLocation)
    guard actual.width == expected.width, actual.height == expected.height else { return }
    var differing = 0
    var diff = [UInt8](repeating: 255, count: actual.rgb.count)
    for k in stride(from: 0, to: actual.rgb.count, by: 3) {
        let d = (0..<3).map { abs(Int(actual.rgb[k + $0]) - Int(expected.rgb[k + $0])) }.max()!
        if d > channelTolerance {
            differing += 1
            diff[k] = 255; diff[k + 1] = 0; diff[k + 2] = 0
        }
    }
    let total = actual.width * actual.height
    let share = Double(differing) / Double(total)
    if share > budget {
        let dir = failureDir.appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? Data(png).write(to: dir.appendingPathComponent("actual.png"))
        writeRGB(diff, width: actual.width, height: actual.height, to: dir.appendingPathComponent("diff.png").path)
    }
    #expect(share <= budget, "\(differing) of \(total) px (\(String(format: "%.2f", share * 100))%) differ by >\(channelTolerance); budget \(String(format: "%.2f", budget * 100))%",
            sourceLocation: sourceLocation)
}

private func writeRGB(_ rgb: [UInt8], width: Int, height: Int, to path: String) {
    let s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
    defer { cairo_surface_destroy(s) }
    let stride = Int(cairo_image_surface_get_stride(s))
    let data = cairo_image_surface_get_data(s)!
    for y in 0..<height {
        for x in 0..<width {
            let k = (y * width + x) * 3, p = data + y * stride + x * 4
            p[0] = rgb[k + 2]; p[1] = rgb[k + 1]; p[2] = rgb[k]; p[3] = 255
        }
    }
    cairo_surface_mark_dirty(s)
    cairo_surface_write_to_png(s, path)
}
