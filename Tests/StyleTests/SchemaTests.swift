import Foundation
import Geometry
@testable import Style
import Testing

/// The YAML schemas: every key is read, unknown keys are named with their position and the allowed keys.
@Suite struct SchemaTests {
    func load(_ yaml: String) throws -> StyleSheet {
        let dir = try folder(["t.yaml": yaml])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return try StyleSheet.load(path: dir + "/t.yaml", resources: resources)
    }

    func problems(_ yaml: String) throws -> [String] {
        do {
            _ = try load(yaml)
            return []
        } catch let e as StyleError {
            return e.problems.map(\.description)
        }
    }

    @Test func unknownKeyListsTheAllowedKeysAtItsPosition() throws {
        #expect(try problems("page:\n  papr: \"#ffffff\"\n  colour: 3\n") == [
            "2:3: page.papr: unknown key \"papr\" (did you mean \"paper\"?); expected one of paper, sea, frame, text, muted-text, halo, font, title-size, subtitle-size, credits-size, scale-bar, inset, graticule, north-arrow",
            "3:3: page.colour: unknown key \"colour\"; expected one of paper, sea, frame, text, muted-text, halo, font, title-size, subtitle-size, credits-size, scale-bar, inset, graticule, north-arrow",
        ])
        #expect(try problems("layer: x\n") == ["1:1: layer: unknown key \"layer\" (did you mean \"layers\"?); expected one of name, extends, page, layers"])
    }

    /// Which of the two would win is an accident; the message has a position, not the whole document.
    @Test func aKeyGivenTwiceIsAProblem() throws {
        #expect(try problems("page:\n  sea: \"#000000\"\n  sea: \"#ffffff\"\n")
            == ["2:3: YAML syntax: key \"sea\" given more than once in a mapping"])
    }

    @Test func aMappingWhereAScalarIsGiven() throws {
        #expect(try problems("page: white\n") == [
            "1:7: page: expected a mapping with keys paper, sea, frame, text, muted-text, halo, font, title-size, subtitle-size, credits-size, scale-bar, inset, graticule, north-arrow, found \"white\"",
        ])
    }

    /// A page setting every key gives those values; the test lists the keys, so a new key needs a line here.
    @Test func everyPageKeyIsRead() throws {
        let page: KeyValuePairs<String, String> = [
            "paper": "\"#fffff0\"", "sea": "\"#0000aa\"", "frame": "{ color: \"#111111\", width: 2, dash: [1, 2] }",
            "text": "\"#222222\"", "muted-text": "\"#333333\"", "halo": "\"#444444\"", "font": "DejaVu Serif",
            "title-size": "20", "subtitle-size": "11", "credits-size": "7", "scale-bar": "false", "inset": "false",
            "graticule": "true", "north-arrow": "true",
        ]
        #expect(page.map(\.key) == ThemeSchema.page.keys)
        let sheet = try load("page:\n" + page.map { "  \($0.key): \($0.value)\n" }.joined())
        #expect(sheet.page == Theme(
            sea: .hex("#0000aa"), paper: .hex("#fffff0"), frame: LineStyle(color: .hex("#111111"), widthPoints: 2, dashPoints: [1, 2]),
            text: .hex("#222222"), mutedText: .hex("#333333"), halo: .hex("#444444"), fontFamily: "DejaVu Serif",
            titleSizePoints: 20, subtitleSizePoints: 11, creditsSizePoints: 7, scaleBar: false, inset: false, graticule: true,
            northArrow: true))
    }

    /// Rules, fills (with hatch and outline), markers, lines and labels with every key set.
    @Test func everySymbolizerKeyIsRead() throws {
        #expect(ThemeSchema.fill.keys == ["color", "opacity", "hatch", "outline"])
        #expect(ThemeSchema.hatch.keys == ["color", "angle", "spacing", "width"])
        #expect(ThemeSchema.line.keys == ["color", "width", "dash"])
        #expect(ThemeSchema.marker.keys == ["shape", "radius", "fill", "opacity", "stroke"])
        #expect(ThemeSchema.rule.keys == ["when", "else", "fill", "line", "marker", "label", "legend"])
        #expect(ThemeSchema.layerStyle.keys == ["rules", "largest-first", "size-legend", "label-obstacle"])
        #expect(ThemeSchema.label.keys == ["text", "size", "color", "bold", "italic", "uppercase", "letter-spacing", "halo",
                                           "halo-width", "placement", "priority", "symbol-needs-label", "callout"])
        let sheet = try load("""
        layers:
          x:
            largest-first: n
            size-legend: People killed
            rules:
              - when: n > 1e-3
                fill:
                  color: "#aa0000"
                  opacity: 0.5
                  hatch: { color: "#00aa00", angle: -30, spacing: 3, width: 0.5 }
                  outline: { color: "#0000aa", width: 0.25, dash: [2, 1] }
                line: { color: "#123456", width: 1.5, dash: [3] }
                marker: { shape: triangle, radius: 5, fill: none, opacity: 0.75, stroke: { color: "#654321", width: 0.5 } }
                label:
                  text: "{name}!"
                  size: 9
                  color: "#101010"
                  bold: true
                  italic: true
                  uppercase: true
                  letter-spacing: 1
                  halo: none
                  halo-width: 2
                  placement: area
                  priority: 3
                  symbol-needs-label: true
                  callout: true
                legend: Some
              - else: true
                line: { width: 1 }
        """)
        let expected = LayerStyle(rules: [
            Rule(filter: .compare(.property("n"), .gt, .literal(.number(0.001))), symbolizers: [
                .fill(FillStyle(color: .constant(.hex("#aa0000")), opacity: 0.5,
                                hatch: HatchStyle(color: .hex("#00aa00"), angleDegrees: -30, spacingPoints: 3, widthPoints: 0.5),
                                outline: LineStyle(color: .hex("#0000aa"), widthPoints: 0.25, dashPoints: [2, 1]))),
                .line(LineStyle(color: .hex("#123456"), widthPoints: 1.5, dashPoints: [3])),
                .marker(MarkerStyle(shape: .triangle, radiusPoints: .constant(5), fill: nil, opacity: 0.75,
                                    stroke: LineStyle(color: .hex("#654321"), widthPoints: 0.5))),
            ], label: LabelStyle(text: "{name}!", sizePoints: 9, color: .hex("#101010"), bold: true, italic: true, uppercase: true,
                                 letterSpacingPoints: 1, halo: nil, haloWidthPoints: 2, placement: .area, priority: .constant(3),
                                 symbolNeedsLabel: true, callout: true),
                 legend: "Some"),
            Rule(filter: nil, symbolizers: [.line(LineStyle(color: .hex("#000000"), widthPoints: 1))]),
        ], drawLargestFirstBy: "n", sizeLegend: "People killed")
        #expect(sheet.layers["x"] == expected)
    }

    @Test func valueFunctionsAndTheirProblems() throws {
        let sheet = try load("""
        layers:
          x:
            rules:
              - else: true
                marker:
                  radius: { step: n, base: 2, stops: [[10, 4], [100, 8]] }
                  fill: { interpolate: n, curve: sqrt, stops: [[0, "#000000"], [4, "#ffffff"]] }
        """)
        guard case .marker(let m)? = sheet.layers["x"]?.rules.first?.symbolizers.first else { Issue.record("no marker"); return }
        #expect(m.radiusPoints == .step(property: "n", base: 2, stops: [.init(10, 4), .init(100, 8)]))
        #expect(m.fill == .interpolate(property: "n", curve: .sqrt, stops: [.init(0, .hex("#000000")), .init(4, .hex("#ffffff"))]))
        let p = try problems("""
        layers:
          x:
            rules:
              - else: true
                marker:
                  radius: { step: n, stops: [[10, 4]] }
                  fill: { interpolate: n, curve: cubic, stops: [[0, "#000000"]] }
                  opacity: { match: t, cases: {}, defualt: 1 }
        """)
        #expect(p == [
            "6:19: layers.x.rules[0].marker.radius: expected \"base\" (the value below the first stop) with \"step\"",
            "7:42: layers.x.rules[0].marker.fill.curve: expected linear or sqrt, found \"cubic\"",
            "8:20: layers.x.rules[0].marker.opacity: expected a number, found a mapping",
        ])
    }

    @Test func placementAndShapeNameTheirChoices() throws {
        let p = try problems("""
        layers:
          x:
            rules:
              - else: true
                marker: { shape: star }
                label: { placement: curved }
        """)
        #expect(p == [
            "5:26: layers.x.rules[0].marker.shape: expected one of circle, square, triangle, diamond, cross, found \"star\"",
            "6:29: layers.x.rules[0].label.placement: expected one of point, area, line, found \"curved\"",
        ])
    }

    @Test func editDistance() {
        #expect(Schema<Int>.editDistance("colr", "color") == 1)
        #expect(Schema<Int>.editDistance("", "abc") == 3)
        #expect(Schema<Int>.editDistance("kitten", "sitting") == 3)
    }
}
