import Foundation
import Geometry
import Style
import Testing
@testable import Layers

/// The geocoding gazetteer (`GeoData/gazetteer.tsv`: GeoNames cities500 with alternate names, and the sourced
/// tables' places): the names analysts type, ties broken by country and admin-1, aliases, closest candidates.
@Suite struct GazetteerTests {
    let resources: Resources
    init() throws { resources = try Resources.locate() }

    func sources(aliases: [PlaceAlias] = []) -> SourceSet {
        var catalog = DataCatalog(resources: resources)
        catalog.aliases = aliases
        return SourceSet(catalog: catalog)
    }

    func csv(_ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sahelmap-gaz-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try text.write(toFile: dir + "/places.csv", atomically: true, encoding: .utf8)
        return dir + "/places.csv"
    }

    /// The 20 names of issue 12, as an events CSV with a country column writes them: every one is placed, at the
    /// GeoNames town or the sourced table's point.
    @Test func twentyNamesAnalystsTypeAllGeocode() throws {
        let names: [(String, String)] = [
            ("Tombouctou", "Mali"), ("Solhan", "Burkina Faso"), ("Sévaré", "Mali"), ("Sevare", "Mali"), ("Téra", "Niger"),
            ("Timbuktu", "Mali"), ("Gao", "Mali"), ("Kidal", "Mali"), ("Ménaka", "Mali"), ("Djibo", "Burkina Faso"),
            ("Mopti", "Mali"), ("Ouagadougou", "Burkina Faso"), ("Niamey", "Niger"), ("Tillabéri", "Niger"),
            ("Diffa", "Niger"), ("Ségou", "Mali"), ("Dori", "Burkina Faso"), ("Arbinda", "Burkina Faso"),
            ("Ansongo", "Mali"), ("Tessalit", "Mali"),
        ]
        let path = try csv("location,country,fatalities\n" + names.map { "\($0.0),\($0.1),1" }.joined(separator: "\n") + "\n")
        let s = sources()
        let events = try s.features(.csv(path: path)).features
        #expect(s.warnings == [])
        #expect(events.count == 20)
        let matched = events.map { $0.string("matched_name") ?? "?" }
        #expect(matched == ["Timbuktu", "Solhan", "Sévaré", "Sévaré", "Téra", "Timbuktu", "Gao", "Kidal", "Ménaka", "Djibo",
                            "Mopti", "Ouagadougou", "Niamey", "Tillabéri", "Diffa", "Ségou", "Dori", "Aribinda", "Ansongo", "Tessalit"])
        #expect(events[0].geometry == .point(GeoPoint(longitude: -3.00742, latitude: 16.77348)))   // GeoNames 2449067
        #expect(events[4].geometry == .point(GeoPoint(longitude: 0.75306, latitude: 14.00776)))    // Téra, Niger (not Côte d'Ivoire's)
        #expect(events[4].string("matched_id") == "gn:2438855")
        // Solhan is not in GeoNames: the massacres table's site point, with its source.
        #expect(events[1].geometry == .point(GeoPoint(longitude: 0.45722, latitude: 13.37611)))
        #expect(events[1].string("matched_source")?.hasPrefix("SahelMap facts massacres.csv, row \"Solhan massacre\"") == true)
        #expect(events[1].number("matched_precision") == 1)
        // Sévaré comes from the bases table at the Mopti point: approximate, and says so.
        #expect(events[2].number("matched_precision") == 2)
        #expect(events[2].string("matched_source")?.contains("approximate") == true)
        #expect(events[2].geometry == events[3].geometry)
    }

    /// Without a country, a name two countries have is ambiguous (with both candidates); an admin-1 hint chooses,
    /// and a town of ten times the population of every other candidate wins on its own.
    @Test func tiesBrokenByCountryAdmin1AndPopulation() throws {
        let g = try sources().gazetteer()
        guard case .ambiguous(let gao) = g.lookup("Gao") else { Issue.record("Gao should be ambiguous without a country"); return }
        #expect(gao.map(\.label) == ["Gao (BFA, Centre-Ouest)", "Gao (MLI, Gao)"])
        guard case .found(let inGao) = g.lookup("Gao", admin1: "Gao") else { Issue.record("Gao region should choose"); return }
        #expect(inGao.country == "MLI")
        guard case .found(let bf) = g.lookup("gao", country: "BFA") else { Issue.record("Gao, BFA"); return }
        #expect(bf.id == "gn:2360073" || bf.admin1 == "Centre-Ouest")
        // Téra: 39,410 people in Niger, 685 in Côte d'Ivoire.
        guard case .found(let tera) = g.lookup("Tera") else { Issue.record("Tera"); return }
        #expect(tera.country == "NER")
        #expect(g.lookup("Tombouctou", country: "Niger") == .notFound)
        #expect(g.lookup("Timbuktu", country: "Atlantis") == .notFound)
    }

    /// An unmatched name is a warning naming the closest places; with `.refuse` (`--strict` for imports) an error.
    @Test func unmatchedNamesSuggestTheClosest() throws {
        let path = try csv("location,country\nOuagadougu,Burkina Faso\nTimbukto,\nXyzzyville,Mali\n")
        let s = sources()
        #expect(try s.features(.csv(path: path)).features.isEmpty)
        #expect(s.warnings.map(\.message) == [
            "no known place named \"Ouagadougu\" in Burkina Faso; closest: Ouagadougou (BFA, Centre); row left out",
            "no known place named \"Timbukto\"; closest: Timbuktu (MLI, Timbuktu); row left out",
            "no known place named \"Xyzzyville\" in Mali; nothing close in the gazetteer; row left out",
        ])
        #expect(s.warnings.map(\.kind) == [.unmatchedPlace, .unmatchedPlace, .unmatchedPlace])
        let g = try s.gazetteer()
        #expect(g.suggestions(for: "Tilaberi").first?.name == "Tillabéri")
        #expect(g.suggestions(for: "Menakka", country: "MLI").first?.name == "Ménaka")
    }

    /// Aliases are looked up first; one naming no known place is an error with the closest names.
    @Test func aliasesFromASpecOrACSV() throws {
        let aliasFile = try csv("alias,place,country\nDouentza camp,Douentza,MLI\nGao town,Gao,Mali\n")
        let fromCSV = try PlaceAlias.read(csv: aliasFile)
        #expect(fromCSV == [PlaceAlias(name: "Douentza camp", place: "Douentza", country: "MLI", file: aliasFile, line: 2),
                            PlaceAlias(name: "Gao town", place: "Gao", country: "Mali", file: aliasFile, line: 3)])
        let g = try sources(aliases: fromCSV).gazetteer()
        guard case .found(let h) = g.lookup("douentza CAMP") else { Issue.record("alias not used"); return }
        #expect(h.name == "Douentza" && h.country == "MLI")
        guard case .found(let gao) = g.lookup("Gao town") else { Issue.record("alias with a country"); return }
        #expect(gao.country == "MLI")
        let bad = [PlaceAlias(name: "Base X", place: "Tessalitt", file: "spec.yaml", line: 7),
                   PlaceAlias(name: "Base Y", place: "Gao", file: "spec.yaml", line: 8)]
        let error = try #require(throws: GeoDataError.self) { _ = try sources(aliases: bad).gazetteer() }
        #expect(error.description == """
            spec.yaml:7: alias "Base X": no known place named "Tessalitt"; closest: Tessalit (MLI, Kidal), Tessit (MLI, Gao)
            spec.yaml:8: alias "Base Y": "Gao" names 2 places: Gao (BFA, Centre-Ouest), Gao (MLI, Gao); give the alias a country
            """)
    }

    /// `aliases:` in a spec: a mapping, or a CSV file beside the spec.
    @Test func specAliases() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sahelmap-gaz-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "title: T\nextent: [0, 10, 5, 15]\nlayers: [countries]\naliases:\n  Sevare camp: Sévaré\n  Gao town: { place: Gao, country: MLI }\n"
            .write(toFile: dir + "/a.yaml", atomically: true, encoding: .utf8)
        let spec = try MapSpec.load(path: dir + "/a.yaml", resources: resources)
        #expect(spec.aliases == [PlaceAlias(name: "Sevare camp", place: "Sévaré", file: dir + "/a.yaml", line: 5),
                                 PlaceAlias(name: "Gao town", place: "Gao", country: "MLI", file: dir + "/a.yaml", line: 6)])
        try "alias,town\nx,y\n".write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
        try "title: T\nextent: [0, 10, 5, 15]\nlayers: [countries]\naliases: bad.csv\n".write(toFile: dir + "/b.yaml", atomically: true, encoding: .utf8)
        let error = try #require(throws: StyleError.self) { _ = try MapSpec.load(path: dir + "/b.yaml", resources: resources) }
        #expect(error.description.contains("bad.csv:1: expected an alias (or name) column and a place column, found alias, town"))
    }

    /// The shipped gazetteer file: its header, and a line that is not a place named by its line number.
    @Test func gazetteerFileIsReadAndCheckedByLine() throws {
        let (places, alternates) = try Gazetteer.readTSV(path: resources.geoData + "/gazetteer.tsv")
        #expect(places.count == 7141)
        let k = try #require(places.firstIndex { $0.id == "gn:2449067" })
        #expect(places[k].name == "Timbuktu" && places[k].admin1 == "Timbuktu" && places[k].population == 84208)
        #expect(alternates[k].contains("Tombouctou"))
        let bad = try csv("# comment\n" + Gazetteer.tsvColumns.joined(separator: "\t") + "\ngn:1\tX\tMLI\t\tnorth\t1\t0\t1\tGeoNames\t\n")
        let error = try #require(throws: GeoDataError.self) { _ = try Gazetteer.readTSV(path: bad) }
        #expect(error.description == "\(bad):3: expected 10 tab-separated fields with numeric coordinates and precision")
    }
}
