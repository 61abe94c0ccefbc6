import Foundation
import Geometry
import Layers
import Style
@testable import Render
import Testing

/// Events placed by name through the gazetteer: the unmatched name with its closest places is a warning in the
/// render report (an error with `--strict`), and the map credits GeoNames.
@Suite struct GeocodedEventsTests {
    let resources: Resources
    init() throws { resources = try Resources.locate() }

    func setUp() throws -> String {
        let dir = try temporaryDirectory()
        try "location,country,fatalities\nSolhan,Burkina Faso,132\nTombouctou,Mali,3\nOuagadougu,Burkina Faso,1\n"
            .write(toFile: dir + "/named.csv", atomically: true, encoding: .utf8)
        try """
            title: Named places
            extent: [Burkina Faso, Mali]
            layers:
              - countries
              - { id: events, source: named.csv, time: none }
            """.write(toFile: dir + "/named.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func unmatchedNameIsAReportWarningWithSuggestions() throws {
        let dir = try setUp()
        let spec = try MapSpec.load(path: dir + "/named.yaml", resources: resources)
        let map = try MapRenderer(spec: spec, page: Page(widthMillimeters: 200, heightMillimeters: 150, dpi: 72),
                                  resources: resources, info: fixedInfo).compose()
        #expect(map.report.warnings == [MapWarning(kind: .unmatchedPlace, file: dir + "/named.csv", line: 4, message:
            "no known place named \"Ouagadougu\" in Burkina Faso; closest: Ouagadougou (BFA, Centre); row left out")])
        #expect(map.report.layers.first { $0.id == "events" }?.featuresDrawn == 2)
        #expect(map.report.credits.contains("GeoNames gazetteer (CC BY 4.0)"))

        let exe = try #require(sahelmapExecutable, "build sahelmap first")
        let strict = try runTool(exe, ["render", "named.yaml", "--strict", "-o", "named.png"], in: dir)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("warning: named.csv:4: no known place named \"Ouagadougu\" in Burkina Faso; closest: Ouagadougou (BFA, Centre); row left out"))
        #expect(strict.stderr.contains("1 warning with --strict"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/named.png"))
    }
}
