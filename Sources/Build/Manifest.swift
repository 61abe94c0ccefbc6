import Foundation
import Render

/// `Maps/.sahelmap/manifest.json`: what the last successful build of each spec read and wrote, by content hash.
/// Written with sorted keys and atomically (`AtomicFile`), so it is never half-written and diffs cleanly.
package struct Manifest: Codable, Equatable, Sendable {
    package var format = 1
    /// The tool that built the maps: its version and the SHA-256 of the executable.
    package var tool: Tool
    /// Per item (spec path as given on the command line, e.g. `Maps/liptako-gourma.yaml`; `#page` for atlas pages).
    package var specs: [String: Entry] = [:]
    /// The stat cache: each file hashed, with the size, time and inode it had (see `StatCache`). Optional, so
    /// manifests written before it still read.
    package var stamps: [String: Stamp]?

    package struct Stamp: Codable, Equatable, Sendable {
        package var sha256: String
        package var size: Int
        package var mtimeNs: Int
        package var inode: UInt64
    }

    package struct Tool: Codable, Equatable, Sendable {
        package var version: String
        package var executable: FileStamp?
    }

    /// A file's hash with the size and modification time it had then, so an unchanged file is not hashed again.
    package struct FileStamp: Codable, Equatable, Sendable {
        package var sha256: String
        package var size: Int
        package var mtimeNs: Int
    }

    package struct Entry: Codable, Equatable, Sendable {
        /// SHA-256 over the tool, the resolved options and every input's hash.
        package var recipe: String
        /// Every file the map reads (spec, data, themes, built-in GeoData, fonts.conf): path → SHA-256.
        package var inputs: [String: String]
        /// The options that change the bytes: date, page, outputs, strictness.
        package var options: [String: String]
        /// Every file written (images and their descriptions): path → SHA-256.
        package var outputs: [String: String]
        /// What the map showed, to say what changed at the next build and to refuse a shrunken source.
        package var summary: MapSummary
        package var ms: Double
    }

    package init(tool: Tool) { self.tool = tool }

    /// The manifest at `path`, or nil when there is none yet.
    /// - Throws: `BuildError.manifest` when the file exists but cannot be read as a manifest.
    package static func read(_ path: String) throws -> Manifest? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do { return try JSONDecoder().decode(Manifest.self, from: data) } catch {
            throw BuildError.manifest(path: path, reason: "\(error)")
        }
    }

    package func encoded() throws -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Array(try e.encode(self)) + [0x0A]
    }
}

/// The counts of one render that a later build compares with.
package struct MapSummary: Codable, Equatable, Sendable {
    package struct LayerSummary: Codable, Equatable, Sendable {
        package var id: String
        package var source: String
        package var featuresRead: Int
        package var featuresDrawn: Int
        package var classesDrawn: [String]
        package var labelsDropped: Int
    }
    package var layers: [LayerSummary]
    package var warnings: Int

    package init(layers: [LayerSummary] = [], warnings: Int = 0) {
        self.layers = layers
        self.warnings = warnings
    }

    package init(_ report: RenderReport) {
        layers = report.layers.map {
            LayerSummary(id: $0.id, source: $0.source, featuresRead: $0.featuresRead, featuresDrawn: $0.featuresDrawn,
                         classesDrawn: $0.classesDrawn, labelsDropped: $0.labelsDropped)
        }
        warnings = report.warnings.count
    }

    /// What changed against `old`, one line per layer that changed:
    /// `events: features drawn 23 → 15 (-8); labels dropped 1 → 0 (-1); classes +"Battles"`.
    package func changes(since old: MapSummary) -> [String] {
        var out: [String] = []
        for l in layers {
            guard let o = old.layers.first(where: { $0.id == l.id }) else { out.append("\(l.id): new layer, \(l.featuresDrawn) features drawn"); continue }
            var parts: [String] = []
            func delta(_ what: String, _ a: Int, _ b: Int) {
                if a != b { parts.append("\(what) \(a) → \(b) (\(b > a ? "+" : "")\(b - a))") }
            }
            delta("features drawn", o.featuresDrawn, l.featuresDrawn)
            delta("labels dropped", o.labelsDropped, l.labelsDropped)
            let added = l.classesDrawn.filter { !o.classesDrawn.contains($0) }
            let removed = o.classesDrawn.filter { !l.classesDrawn.contains($0) }
            if !added.isEmpty || !removed.isEmpty {
                parts.append("legend classes " + (added.map { "+\"\($0)\"" } + removed.map { "-\"\($0)\"" }).joined(separator: " "))
            }
            if !parts.isEmpty { out.append("\(l.id): " + parts.joined(separator: "; ")) }
        }
        for o in old.layers where !layers.contains(where: { $0.id == o.id }) { out.append("\(o.id): layer removed") }
        return out
    }
}
