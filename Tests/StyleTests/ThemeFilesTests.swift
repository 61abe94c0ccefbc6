import Foundation
import Geometry
@testable import Style
import Testing

/// A fresh folder under the temporary directory holding `files` (name → YAML).
func folder(_ files: [String: String]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("style-\(UUID().uuidString)").path
    for (name, text) in files {
        let path = dir + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// The text of the error `body` throws, or nil.
func errorText(_ body: () throws -> Void) -> String? {
    do { try body(); return nil } catch { return "\(error)" }
}

/// Finding themes (`StyleSheet.resolve`, `extends:`) and what is said when one is not there.
@Suite struct ThemeFilesTests {
    @Test func extendsCycleOfTwoIsNamed() throws {
        let dir = try folder(["a.yaml": "name: a\nextends: b.yaml\n", "b.yaml": "extends: a.yaml\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(errorText { _ = try StyleSheet.load(path: dir + "/a.yaml", resources: resources) }
            == "\(dir)/a.yaml:2:10: extends b.yaml, which extends a.yaml")
    }

    @Test func extendsCycleOfThreeIsNamed() throws {
        let dir = try folder(["a.yaml": "name: a\nextends: b.yaml\n", "b.yaml": "extends: sub/c.yaml\n",
                              "sub/c.yaml": "extends: ../a.yaml\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(errorText { _ = try StyleSheet.load(path: dir + "/b.yaml", resources: resources) }
            == "\(dir)/b.yaml:1:10: extends sub/c.yaml, which extends ../a.yaml, which extends b.yaml")
    }

    @Test func selfExtensionIsNamed() throws {
        let dir = try folder(["a.yaml": "extends: ./a.yaml\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(errorText { _ = try StyleSheet.load(path: dir + "/a.yaml", resources: resources) }
            == "\(dir)/a.yaml:1:10: extends: a theme cannot extend itself")
    }

    /// A bare name is the built-in theme, whatever folder the extending theme is in.
    @Test func bareExtendsReachesTheBuiltInTheme() throws {
        let dir = try folder(["mine.yaml": "extends: briefing\npage: { sea: \"#000000\" }\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let mine = try StyleSheet.load(path: dir + "/mine.yaml", resources: resources)
        let briefing = try StyleSheet.load(path: try #require(resources.builtInTheme("briefing")), resources: resources)
        #expect(mine.name == "mine")
        #expect(mine.layers == briefing.layers)
        var page = briefing.page
        page.sea = .hex("#000000")
        #expect(mine.page == page)
    }

    @Test func resolveFollowsOneRule() throws {
        let dir = try folder(["Maps/spec.yaml": "", "Maps/styles/mine.yaml": ""])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try StyleSheet.resolve(theme: "print", relativeTo: dir + "/Maps/spec.yaml", resources: resources)
            == resources.styles + "/print.yaml")
        #expect(try StyleSheet.resolve(theme: "dark", relativeTo: nil, resources: resources) == resources.styles + "/dark.yaml")
        #expect(try StyleSheet.resolve(theme: "styles/mine.yaml", relativeTo: dir + "/Maps/spec.yaml", resources: resources)
            == dir + "/Maps/styles/mine.yaml")
        #expect(try StyleSheet.resolve(theme: dir + "/Maps/styles/mine.yaml", relativeTo: "elsewhere/x.yaml", resources: resources)
            == dir + "/Maps/styles/mine.yaml")
    }

    @Test func missingThemesSayWhereTheyWereLookedFor() throws {
        #expect(errorText { _ = try StyleSheet.resolve(theme: "styles/analyst.yaml", relativeTo: "Maps/x.yaml", resources: resources) }
            == "theme \"analyst\" not found: tried styles/analyst.yaml (relative to Maps/x.yaml)")
        #expect(errorText { _ = try StyleSheet.resolve(theme: "analyst.yaml", relativeTo: nil, resources: resources) }
            == "theme \"analyst\" not found: tried analyst.yaml (relative to the working directory)")
        #expect(errorText { _ = try StyleSheet.resolve(theme: "/nowhere/analyst.yaml", relativeTo: "Maps/x.yaml", resources: resources) }
            == "theme \"analyst\" not found: tried /nowhere/analyst.yaml")
        #expect(errorText { _ = try StyleSheet.resolve(theme: "analyst", relativeTo: "Maps/x.yaml", resources: resources) }
            == "theme \"analyst\" not found: the built-in themes are briefing, dark, print")
    }

    /// `extends: base` used to mean base.yaml next to the theme; now it is a built-in name, and the message says
    /// how to reach the file.
    @Test func bareNameOfASiblingFileSaysHowToWriteIt() throws {
        let dir = try folder(["a.yaml": "extends: base\n", "base.yaml": "name: base\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(errorText { _ = try StyleSheet.load(path: dir + "/a.yaml", resources: resources) }
            == "theme \"base\" not found: the built-in themes are briefing, dark, print; to use \(dir)/base.yaml, write \"base.yaml\"")
    }

    @Test func missingExtendedFile() throws {
        let dir = try folder(["a.yaml": "extends: nope.yaml\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(errorText { _ = try StyleSheet.load(path: dir + "/a.yaml", resources: resources) }
            == "theme \"nope\" not found: tried nope.yaml (relative to \(dir)/a.yaml)")
    }

    @Test func problemsWithoutPositionPrintNone() {
        #expect(StyleError(file: "x.yaml", message: "cannot read the file as UTF-8").description == "x.yaml: cannot read the file as UTF-8")
        #expect(StyleError(file: "x.yaml", line: 3, path: "page", message: "m").description == "x.yaml:3: page: m")
        #expect(errorText { _ = try StyleSheet.load(path: "/nonexistent/x.yaml", resources: resources) } == "theme not found: /nonexistent/x.yaml")
    }
}
