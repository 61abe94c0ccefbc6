import ArgumentParser
import Foundation
import Geometry
import Layers
import Style

/// Lists the countries and first-level regions the built-in data knows, with the ids `--extent` accepts.
struct RegionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "List the built-in countries and first-level regions (ids and names usable with --extent).")

    @Argument(help: "Countries to list regions of (names or ISO codes); all when omitted.")
    var countries: [String] = []

    @Option(help: ArgumentHelp("List the regions of this map spec's own boundaries (its regions: file) instead.", valueName: "spec"))
    var spec: String?

    func run() throws {
        let resources = try Resources.locate()
        if let spec {
            let map = try MapSpec.load(path: spec, resources: resources)
            guard let own = map.regions else { throw ValidationError("\(spec) has no regions: of its own; it uses the built-in regions") }
            let regions = try SourceSet(catalog: DataCatalog(resources: resources, spec: map)).features(.builtIn("regions")).features
            print("\(own.displayName): \(regions.count) regions (\(own.idField), \(own.nameField))")
            for r in regions.sorted(by: { ($0.string("name") ?? "") < ($1.string("name") ?? "") }) {
                print("  \(r.id ?? "?")\t\(r.string("name") ?? "")")
            }
            return
        }
        let sources = SourceSet(catalog: DataCatalog(resources: resources))
        let countryFeatures = try sources.features(.builtIn("countries")).features
        let regions = try sources.features(.builtIn("regions")).features
        let fold = SourceSet.fold
        var wanted: Set<String> = []
        for c in countries {
            guard let f = countryFeatures.first(where: { f in ["name", "iso_a3", "iso_a2"].contains { f.string($0).map(fold) == fold(c) } }),
                  let iso = f.string("iso_a3") else {
                throw ValidationError("no country named \"\(c)\"")
            }
            wanted.insert(iso)
        }
        let byCountry = Dictionary(grouping: regions) { $0.string("country") ?? "" }
        for iso in byCountry.keys.sorted() where wanted.isEmpty || wanted.contains(iso) {
            let name = countryFeatures.first { $0.string("iso_a3") == iso }?.string("name") ?? iso
            print("\(name) (\(iso))")
            for r in byCountry[iso]!.sorted(by: { ($0.string("name") ?? "") < ($1.string("name") ?? "") }) {
                print("  \(r.id ?? "?")\t\(r.string("name") ?? "")")
            }
        }
    }
}
