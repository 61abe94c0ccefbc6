import Foundation
import Geometry
@testable import Style
import Testing

private func write(_ yaml: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("style-\(UUID().uuidString).yaml").path
    try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let resources = Resources(home: root.path)

@Suite struct StyleSheetTests {
    @Test(arguments: ["briefing", "print", "dark"])
    func shippedThemesLoad(name: String) throws {
        let sheet = try StyleSheet.load(path: root.appendingPathComponent("Styles/\(name).yaml").path, resources: resources)
        #expect(sheet.name == name)
        for layer in ["countries", "regions", "borders", "places", "bases", "massacres", "presence-jnim", "presence-is"] {
            #expect(sheet.layers[layer] != nil, "\(name) lacks \(layer)")
        }
    }

    /// `"#+12345"` was accepted (`UInt32(_:radix:)` takes a sign); colours are hex digits only.
    @Test func signedHexIsNoColour() throws {
        for text in ["#+12345", "#-12345", "#+1234567", "#+12", "# 12345", "#12345g"] { #expect(Color(hex: text) == nil, "\(text)") }
        #expect(Color(hex: "#0072B2") == Color(hex: "#0072b2") && Color(hex: "#abc") != nil)
        let path = try write("page:\n  paper: \"#+12345\"\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: StyleError.self) { _ = try StyleSheet.load(path: path, resources: resources) }
        do { _ = try StyleSheet.load(path: path, resources: resources) } catch {
            #expect("\(error)" == "\(path):2:10: page.paper: expected a colour like \"#c0392b\", found \"#+12345\"")
        }
    }

    /// A theme file that is not UTF-8 text is named, not parsed.
    @Test func utf16ThemeIsNamed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("style-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: "name: x\n".data(using: .utf16))
        do { _ = try StyleSheet.load(path: path, resources: resources); Issue.record("loaded") } catch {
            #expect("\(error)" == "\(path): expected YAML text, found UTF-16 text — save it as UTF-8")
        }
    }

    @Test func readsRulesValuesAndLabels() throws {
        let path = try write("""
        name: test
        layers:
          massacres:
            largest-first: fatalities_high
            rules:
              - when: fatalities_high >= 50 and perpetrator_type == "state"
                marker:
                  shape: diamond
                  radius: { interpolate: fatalities_high, curve: sqrt, stops: [[0, 0], [200, 14]] }
                  fill: { match: perpetrator_type, cases: { state: "#0072b2" }, default: "#999999" }
                label: { text: "{label}, {date}", size: 7, priority: 5 }
                legend: Big state massacre
              - else: true
                marker: { fill: "#7f8c8d", radius: 4 }
        """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sheet = try StyleSheet.load(path: path, resources: resources)
        let style = try #require(sheet.layers["massacres"])
        #expect(style.drawLargestFirstBy == "fatalities_high")
        #expect(style.rules.count == 2)
        let props: [String: JSONValue] = ["fatalities_high": .number(200), "perpetrator_type": .string("state"),
                                          "label": .string("Djibo"), "date": .string("2020-04-09")]
        let rule = try #require(style.rule(for: props))
        #expect(rule.legend == "Big state massacre")
        guard case .marker(let m) = rule.symbolizers.first else { Issue.record("expected a marker"); return }
        #expect(m.shape == .diamond)
        #expect(m.radiusPoints.value(for: props) == 14)
        #expect(m.fill?.value(for: props) == Color(hex: "#0072b2"))
        #expect(rule.label?.text(for: props) == "Djibo, 2020-04-09")
        #expect(rule.label?.text(for: [:]) == nil)
        let other = try #require(style.rule(for: ["fatalities_high": .number(10)]))
        #expect(other.filter == nil)
    }

    /// Every problem in the file, each with line:column, the key path and what was expected.
    @Test func reportsEveryProblemWithPosition() throws {
        let path = try write("""
        name: broken
        page:
          sea: "#cfe0eaa"
        layers:
          massacres:
            rules:
              - when: fatalities >= 50 and perpetrator_type == "state"
                marker: { fill: "redd", radius: 4 }
              - when: fatalities = 3
                marker: { colour: "#000000" }
              - fill: { color: "#ffffff" }
        """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try StyleSheet.load(path: path, resources: resources)
            Issue.record("expected an error")
        } catch let e as StyleError {
            #expect(e.problems.map(\.description) == [
                "3:8: page.sea: expected a colour like \"#c0392b\", found \"#cfe0eaa\"",
                "8:25: layers.massacres.rules[0].marker.fill: expected a colour like \"#c0392b\", found \"redd\"",
                "9:26: layers.massacres.rules[1].when: '=' is not a comparison; write '==' in \"fatalities = 3\"",
                "10:19: layers.massacres.rules[1].marker.colour: unknown key \"colour\"; expected one of shape, radius, fill, opacity, stroke",
                "11:9: layers.massacres.rules[2]: expected \"when\" (a filter) or \"else: true\"",
            ])
            #expect(e.description.hasPrefix(path + ":3:8: page.sea: "))
        }
    }

    @Test func yamlSyntaxErrorHasAPosition() throws {
        let path = try write("layers:\n  a: { rules: [\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try StyleSheet.load(path: path, resources: resources)
            Issue.record("expected an error")
        } catch let e as StyleError {
            #expect(e.problems.count == 1)
            #expect(e.problems[0].message.hasPrefix("YAML syntax: "))
            #expect((e.problems[0].line ?? 0) >= 2)
        }
    }

    @Test func missingFile() {
        do {
            _ = try StyleSheet.load(path: "/nonexistent/x.yaml", resources: resources)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "theme not found: /nonexistent/x.yaml")
        }
    }
}
