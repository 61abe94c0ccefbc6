import ArgumentParser
import Formats
import Foundation
import Geometry

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check data files (GeoJSON against RFC 7946, GeoPackage, Shapefile, zipped Shapefile) and report every problem.",
        discussion: "A GeoPackage or zip with several layers is checked layer by layer; FILE#LAYER checks one.")

    @Argument(help: ArgumentHelp("Data files; FILE#LAYER for one layer of a GeoPackage or zip.", valueName: "file"))
    var files: [String]

    func run() throws {
        var failed = false
        for f in files {
            let (path, layer) = VectorFile.split(f)
            do {
                let names = try layer.map { [$0] } ?? VectorFile.layers(path: path).map(\.name)
                let several = names.count > 1 || layer != nil
                for name in names {
                    let read = try VectorFile.read(path: path, layer: several ? name : nil)
                    let skipped = read.skippedEmpty > 0 ? ", \(read.skippedEmpty) without a shape skipped" : ""
                    print("\(several ? "\(path)#\(name)" : path): \(read.features.features.count) features\(skipped), valid")
                }
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
