import Foundation

/// The one place that knows where SahelMap's own files live: the built-in data (`GeoData/`), the themes and
/// fonts (`Styles/`), and the shipped map specs (`Maps/`). Made once (by the command line, a test, or a library
/// user) and passed in; nothing below reaches for the environment or the source tree by itself.
public struct Resources: Sendable, Equatable {
    /// The folder holding `GeoData/`, `Styles/` and `Maps/`.
    public var home: String
    public var geoData: String { home + "/GeoData" }
    public var styles: String { home + "/Styles" }
    public var maps: String { home + "/Maps" }
    /// The fontconfig file that pins the fonts the themes name.
    public var fontsConf: String { styles + "/fonts.conf" }

    public init(home: String) {
        self.home = home
    }

    /// `$SAHELMAP_HOME` when set, else this source tree's root.
    /// - Throws: `ResourcesError` when that folder does not hold the built-in data.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Resources {
        let fromEnvironment = environment["SAHELMAP_HOME"].flatMap { $0.isEmpty ? nil : $0 }
        // Sources/Style/Resources.swift → the package root.
        let home = fromEnvironment ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let resources = Resources(home: home)
        guard FileManager.default.fileExists(atPath: resources.geoData + "/countries.geojson") else {
            throw ResourcesError(home: home, fromEnvironment: fromEnvironment != nil)
        }
        return resources
    }

    /// The built-in theme of that name (`briefing`, `print`, `dark`), or nil when there is none.
    public func builtInTheme(_ name: String) -> String? {
        let path = styles + "/\(name).yaml"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The names of the built-in themes, sorted.
    public var builtInThemes: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: styles)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }
}

/// SahelMap's own files are not where they were looked for.
public struct ResourcesError: Error, CustomStringConvertible, Sendable {
    public var home: String
    public var fromEnvironment: Bool
    public var description: String {
        let origin = fromEnvironment ? "SAHELMAP_HOME is \(home)" : "the source tree is \(home)"
        return "\(origin), but \(home)/GeoData/countries.geojson does not exist; set SAHELMAP_HOME to the folder holding GeoData/, Styles/ and Maps/"
    }
}
