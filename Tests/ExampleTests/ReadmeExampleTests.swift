import Foundation
import SahelMap
import Testing

/// The README's library example, compiled and run as a library user would (only `import SahelMap`). The lines
/// between the markers must appear in README.md exactly as written here, so the example cannot go stale.
func readmeExample() throws -> RenderReport {
    // README example begins
    let resources = try Resources.locate()
    var spec = try MapSpec.sahelOverview(resources: resources)
    spec.title = "Burkina Faso"
    spec.extent = .features(["Burkina Faso"])
    let renderer = try MapRenderer(spec: spec, page: .a4Landscape, resources: resources)
    let map = try renderer.compose()   // read, project, simplify, clip, place labels: nothing drawn yet
    let report = try renderer.write(map, to: [Output(path: "out/bf.pdf", format: .pdf)])
    for layer in report.layers { print(layer.id, layer.featuresDrawn, "drawn,", layer.labelsDropped, "labels dropped") }
    // README example ends
    return report
}

@Suite struct ReadmeExampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func readmeShowsTheCompiledExample() throws {
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let lines = source.components(separatedBy: "\n")
        let begin = try #require(lines.firstIndex { $0.hasSuffix("// README example begins") })
        let end = try #require(lines.firstIndex { $0.hasSuffix("// README example ends") })
        let example = lines[(begin + 1)..<end].map { String($0.dropFirst(4)) }.joined(separator: "\n")
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("```swift\nimport SahelMap\n\n" + example + "\n```"), "README.md's library example differs from this file's")
        #expect(readme.contains(#".package(path: "../SahelMap")"#))
        #expect(readme.contains(#".product(name: "SahelMap", package: "SahelMap")"#))
    }

    @Test func readmeExampleRuns() throws {
        let pdf = Self.root.appendingPathComponent("out/bf.pdf").path
        try? FileManager.default.removeItem(atPath: pdf)
        // The example's relative output path is relative to the working directory: the package root under `swift test`.
        #expect(FileManager.default.currentDirectoryPath == Self.root.path)
        let report = try readmeExample()
        #expect(report.outputs.map(\.path) == ["out/bf.pdf"])
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = [pdf, "-"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(text.contains("Burkina Faso") && text.contains("Ouagadougou"))
        try? FileManager.default.removeItem(atPath: pdf)
    }
}
