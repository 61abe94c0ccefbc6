import Foundation
import Dispatch
import Synchronization
import Geometry
import Layers
import Render
import Style

/// What a build may do, from the command line.
package struct BuildOptions: Sendable {
    /// `--creation-date`; else `$SOURCE_DATE_EPOCH`, else each spec's own date (see `DocumentInfo.reproducibleDate`).
    package var creationDate: String?
    package var stampToday = false
    /// Warnings fail the map (also per spec with `strict: true`).
    package var strict = false
    /// Replace outputs edited by hand.
    package var force = false
    /// Let a source yield more than 20 % fewer features than at the last successful build.
    package var acceptShrink = false
    /// Say what would be rebuilt and why; render and write nothing.
    package var dryRun = false
    /// Maps rendered at once (each has its own renderer: PROJ context and Pango engine).
    package var jobs = ProcessInfo.processInfo.activeProcessorCount
    package var environment = ProcessInfo.processInfo.environment
    /// This run builds one shard: reads `manifest.json` and its own part, writes only its part.
    package var shard: Shard?

    package init() {}

    /// A source may lose at most this share of its features between builds without `--accept-shrink`.
    package static let shrinkLimit = 0.2
}

/// What happened to one spec.
package struct BuildOutcome: Codable, Sendable, Equatable {
    package enum Status: String, Codable, Sendable {
        case rebuilt, unchanged, failed
        case wouldRebuild = "would-rebuild"
    }
    package var spec: String
    package var status: Status
    /// Why it was (or would be) rebuilt: `Maps/data/x.csv changed (sha256 ab12…→cd34…)`.
    package var reasons: [String] = []
    /// What the map shows differently from the last build, per layer.
    package var changes: [String] = []
    package var warnings: [MapWarning] = []
    package var error: String?
    package var ms: Double = 0
    /// The files written.
    package var outputs: [String] = []
}

/// Renders every map spec whose recipe changed — its inputs' content hashes, the tool, the options — and keeps
/// `.sahelmap/manifest.json` beside the specs. Unchanged maps are not touched; an output edited by hand is
/// reported and kept unless `force`; a source that shrank by more than 20 % is refused unless `acceptShrink`;
/// a failed map keeps its previous outputs and manifest entry while the others are still built.
package final class Builder {
    package let resources: Resources
    package let options: BuildOptions
    package let manifestPath: String
    /// Hashes computed during this build, by path.
    private var hashes: [String: String] = [:]
    /// The font files each family resolves to, looked up once per build.
    private var fontFiles: [String: [String]] = [:]
    private let cwd = FileManager.default.currentDirectoryPath

    package init(resources: Resources, manifestPath: String, options: BuildOptions) {
        self.resources = resources
        self.options = options
        self.manifestPath = manifestPath
    }

    /// The tool's identity in recipes.
    package static let version = "sahelmap 0.5.0"

    /// Every `*.yaml` under the folders given (hidden folders skipped) and the files given, sorted by bytes.
    /// - Throws: `BuildError.noSpecs` for a path that is neither.
    package static func specs(in paths: [String]) throws -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else { throw BuildError.noSpecs(path: p) }
            if !isDir.boolValue {
                guard p.hasSuffix(".yaml") || p.hasSuffix(".yml") else { throw BuildError.noSpecs(path: p) }
                out.append(p)
                continue
            }
            let base = p.hasSuffix("/") ? String(p.dropLast()) : p
            guard let walker = fm.enumerator(atPath: base) else { throw BuildError.noSpecs(path: p) }
            while let rel = walker.nextObject() as? String {
                if rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                if rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") { out.append(base + "/" + rel) }
            }
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// One spec ready to render, or why it need not be.
    private struct Plan {
        var spec: String
        var map: MapSpec
        var page: Page
        var outputs: [Output]
        var date: String
        var entry: Manifest.Entry
        var previous: Manifest.Entry?
        var reasons: [String]
    }

    /// Builds `specs`, calling `progress` once per finished map (from worker threads, one at a time, in index order).
    /// - Returns: One outcome per spec, in the order given.
    /// - Throws: `BuildError.manifest` for an unreadable manifest; `RenderError` when the manifest cannot be written.
    package func run(specs: [String], progress: @escaping @Sendable (BuildProgress) -> Void) throws -> [BuildOutcome] {
        var old = try Manifest.read(manifestPath)
        let partPath = options.shard.map { (manifestPath as NSString).deletingLastPathComponent + "/" + $0.manifestName }
        if let partPath, let part = try Manifest.read(partPath) {
            if old == nil { old = part } else { old!.specs.merge(part.specs) { $1 }; old!.tool = part.tool }
        }
        var manifest = Manifest(tool: toolIdentity(previous: old?.tool))
        manifest.specs = old?.specs ?? [:]
        // Plan every map first (an atlas spec makes several), so progress counts are known.
        var planned: [(key: String, result: Result<Plan, any Error>, ms: Double)] = []
        for spec in specs {
            let t = ContinuousClock.now
            do {
                for plan in try self.plans(spec, previous: old?.specs ?? [:], tool: manifest.tool, oldTool: old?.tool) {
                    planned.append((plan.spec, .success(plan), Self.ms(since: t)))
                }
            } catch {
                planned.append((spec, .failure(error), Self.ms(since: t)))
            }
        }
        let total = planned.count
        let done = Mutex(0)
        @Sendable func finished(_ outcome: BuildOutcome) {
            // The count and the call under one lock, so events arrive in index order.
            done.withLock { k in
                k += 1
                progress(BuildProgress(index: k, total: total, outcome: outcome))
            }
        }
        var outcomes: [BuildOutcome?] = Array(repeating: nil, count: total)
        var plans: [(Int, Plan)] = []
        for (k, p) in planned.enumerated() {
            switch p.result {
            case .success(let plan) where plan.reasons.isEmpty:
                outcomes[k] = BuildOutcome(spec: p.key, status: .unchanged, ms: p.ms)
                finished(outcomes[k]!)
            case .success(let plan) where options.dryRun:
                outcomes[k] = BuildOutcome(spec: p.key, status: .wouldRebuild, reasons: plan.reasons)
                finished(outcomes[k]!)
            case .success(let plan):
                plans.append((k, plan))
            case .failure(let error):
                outcomes[k] = BuildOutcome(spec: p.key, status: .failed, error: "\(error)", ms: p.ms)
                finished(outcomes[k]!)
            }
        }

        let results = Mutex([Int: (BuildOutcome, Manifest.Entry?)]())
        let queue = plans
        let next = Mutex(0)
        let workers = max(1, min(options.jobs, queue.count))
        let resources = self.resources, options = self.options
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.withLock { n -> Int in defer { n += 1 }; return n }
                guard i < queue.count else { return }
                let (k, plan) = queue[i]
                let t = ContinuousClock.now
                var outcome = BuildOutcome(spec: plan.spec, status: .rebuilt, reasons: plan.reasons)
                var entry: Manifest.Entry?
                do {
                    entry = try Self.render(plan, resources: resources, options: options, outcome: &outcome)
                    outcome.ms = Self.ms(since: t)
                    entry?.ms = (outcome.ms * 10).rounded() / 10
                    finished(outcome)
                } catch {
                    outcome.status = .failed
                    outcome.error = "\(error)"
                    outcome.ms = Self.ms(since: t)
                    finished(outcome)
                }
                results.withLock { $0[k] = (outcome, entry) }
            }
        }
        for (k, (outcome, entry)) in results.withLock({ $0 }) {
            outcomes[k] = outcome
            if let entry { manifest.specs[outcome.spec] = entry }
        }
        if let partPath {
            // A shard's part holds its own specs only, so parts written side by side never overlap.
            manifest.specs = manifest.specs.filter { specs.contains($0.key.split(separator: "#").first.map(String.init) ?? $0.key) }
            if !options.dryRun { try AtomicFile.writeAll([.init(path: partPath, bytes: try manifest.encoded())]) }
        } else if !options.dryRun, manifest != old {
            try AtomicFile.writeAll([.init(path: manifestPath, bytes: try manifest.encoded())])
        }
        return outcomes.map { $0! }
    }

    /// Folds every shard's part (`manifest.shard-I-of-N.json`) beside `manifestPath` into it, later parts over
    /// earlier ones (sorted by name), then removes the parts.
    /// - Returns: The parts merged.
    /// - Throws: `BuildError.manifest` for an unreadable part; `RenderError` when the manifest cannot be written.
    package static func merge(into manifestPath: String) throws -> [String] {
        let dir = (manifestPath as NSString).deletingLastPathComponent
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasPrefix("manifest.shard-") && $0.hasSuffix(".json") }.sorted()
        guard !names.isEmpty else { return [] }
        var merged = try Manifest.read(manifestPath)
        for name in names {
            guard let part = try Manifest.read(dir + "/" + name) else { continue }
            if merged == nil { merged = part } else { merged!.specs.merge(part.specs) { $1 }; merged!.tool = part.tool }
        }
        try AtomicFile.writeAll([.init(path: manifestPath, bytes: try merged!.encoded())])
        for name in names { try? FileManager.default.removeItem(atPath: dir + "/" + name) }
        return names
    }

    /// Reads the spec and plans its map, or one map per page of its atlas (keyed `SPEC#NAME`).
    private func plans(_ spec: String, previous: [String: Manifest.Entry], tool: Manifest.Tool, oldTool: Manifest.Tool?) throws -> [Plan] {
        let map = try MapSpec.load(path: spec, resources: resources)
        guard let atlas = map.atlas else {
            return [try plan(spec, key: spec, map: map, previous: previous[spec], tool: tool, oldTool: oldTool)]
        }
        guard map.outputs.isEmpty || map.outputs.allSatisfy({ $0.contains("{name}") }) else {
            throw BuildError.badSpec(spec: spec, message: "atlas: every output must contain {name}, so each page has its own files")
        }
        let features = try DataCatalog(resources: resources, spec: map).load(.builtIn(atlas.over), gazetteer: { throw BuildError.badSpec(spec: spec, message: "atlas: no gazetteer") })
        var out: [Plan] = [], seen = Set<String>()
        for f in features.features {
            var props = f.properties
            if let id = f.id { props["id"] = .string(id) }
            if let filter = atlas.filter, !filter.matches(props) { continue }
            let name = Self.fill(atlas.name, props)
            guard !name.isEmpty, seen.insert(name).inserted else {
                throw BuildError.badSpec(spec: spec, message: "atlas: name \"\(atlas.name)\" gives \(name.isEmpty ? "an empty name" : "\"\(name)\" twice"); use a template with {id}")
            }
            var page = map
            page.atlas = nil
            page.extent = .features([f.id ?? f.string("name") ?? name])
            props["name"] = props["name"] ?? .string(name)
            page.title = Self.fill(map.title.replacingOccurrences(of: "{name}", with: f.string("name") ?? name), props)
            let base = URL(fileURLWithPath: spec).deletingPathExtension().lastPathComponent
            page.outputs = map.outputs.isEmpty ? ["out/\(base)-\(name).png", "out/\(base)-\(name).pdf"]
                : map.outputs.map { $0.replacingOccurrences(of: "{name}", with: name) }
            let key = spec + "#" + name
            out.append(try plan(spec, key: key, map: page, previous: previous[key], tool: tool, oldTool: oldTool))
        }
        guard !out.isEmpty else {
            throw BuildError.badSpec(spec: spec, message: "atlas: no feature of \(atlas.over) matches its where; refused (an atlas of no pages)")
        }
        return out
    }

    /// `{key}` fields replaced by the properties' values (numbers as written, missing ones as "").
    static func fill(_ template: String, _ props: [String: JSONValue]) -> String {
        var out = template
        for (k, v) in props where out.contains("{\(k)}") {
            let text: String
            switch v {
            case .string(let s): text = s
            case .number(let n): text = JSONValue.format(n)
            default: text = ""
            }
            out = out.replacingOccurrences(of: "{\(k)}", with: text)
        }
        return out
    }

    /// Hashes a map's inputs and decides whether (and why) it must be rebuilt.
    private func plan(_ spec: String, key: String, map: MapSpec, previous: Manifest.Entry?, tool: Manifest.Tool, oldTool: Manifest.Tool?) throws -> Plan {
        let dpi = map.dpi ?? 300
        let pageName = map.page ?? "a4-landscape"
        guard let page = Page.preset(pageName, dpi: dpi) ?? Page.named(pageName, dpi: dpi) else {
            throw BuildError.badSpec(spec: spec, message: "page: expected a3, a4, a5 or letter (with -portrait or -landscape) or a preset, found \"\(pageName)\"")
        }
        var paths = map.outputs
        if paths.isEmpty {
            let name = URL(fileURLWithPath: spec).deletingPathExtension().lastPathComponent
            paths = ["out/\(name).png", "out/\(name).pdf"]
        }
        var outputs: [Output] = []
        for p in paths {
            guard let f = OutputFormat(path: p) else {
                throw BuildError.badSpec(spec: spec, message: "outputs: \(p): expected a file ending in .png, .pdf or .svg")
            }
            outputs.append(Output(path: p, format: f))
        }
        let date = DocumentInfo.reproducibleDate(explicit: options.creationDate, time: map.time,
                                                 stampToday: options.stampToday, environment: options.environment)

        var inputs: [String: String] = [:]
        for file in inputFiles(spec: spec, map: map) {
            let key = display(file)
            if let known = hashes[file] { inputs[key] = known; continue }
            let h = SHA256.hex(file: file) ?? "missing"
            hashes[file] = h
            inputs[key] = h
        }
        let written = outputs.map(\.path) + MapRenderer.descriptionPaths(for: outputs)
        let opts: [String: String] = [
            "creation-date": date,
            "page": String(format: "%.2fx%.2fmm", page.widthMillimeters, page.heightMillimeters),
            "dpi": "\(page.dpi)",
            "outputs": written.joined(separator: " "),
            "strict": "\(options.strict || map.strict)",
        ]
        var recipe = "format 1\ntool \(tool.version) \(tool.executable?.sha256 ?? "")\n"
        for k in opts.keys.sorted() { recipe += "option \(k)=\(opts[k]!)\n" }
        for k in inputs.keys.sorted() { recipe += "input \(k) \(inputs[k]!)\n" }
        let entry = Manifest.Entry(recipe: "sha256:" + SHA256.hex(Array(recipe.utf8)), inputs: inputs, options: opts,
                                   outputs: [:], summary: MapSummary(), ms: 0)

        var reasons: [String] = []
        if let previous {
            if previous.recipe != entry.recipe {
                if let oldTool, oldTool != tool {
                    reasons.append("sahelmap changed (\(oldTool.version) sha256 \(short(oldTool.executable?.sha256 ?? "")) → \(tool.version) sha256 \(short(tool.executable?.sha256 ?? "")))")
                }
                for k in inputs.keys.sorted() {
                    switch previous.inputs[k] {
                    case nil: reasons.append("\(k) is a new input")
                    case let h? where h != inputs[k]: reasons.append("\(k) changed (sha256 \(short(h))→\(short(inputs[k]!)))")
                    default: break
                    }
                }
                for k in previous.inputs.keys.sorted() where inputs[k] == nil { reasons.append("\(k) is no longer read") }
                for k in opts.keys.sorted() where previous.options[k] != opts[k] {
                    reasons.append("option \(k) changed (\(previous.options[k] ?? "none") → \(opts[k]!))")
                }
                if reasons.isEmpty { reasons.append("the recipe changed") }
            }
            // Outputs: missing ones are rebuilt; ones edited by hand are kept unless --force.
            for path in written {
                let found = SHA256.hex(file: path)
                guard let recorded = previous.outputs[path] else { continue }
                if found == nil { reasons.append("\(path) is missing") } else if found != recorded {
                    guard options.force else {
                        throw BuildError.handEdited(spec: spec, output: path, expected: recorded, found: found!)
                    }
                    reasons.append("\(path) was edited by hand; replaced (--force)")
                }
            }
        } else {
            reasons.append("never built (no entry in \(display(manifestPath)))")
        }
        return Plan(spec: key, map: map, page: page, outputs: outputs, date: date, entry: entry, previous: previous,
                    reasons: reasons.map { "\(Self.name(key)): \($0)" })
    }

    /// Composes, checks (strict, shrink) and writes one map; returns its manifest entry.
    private static func render(_ plan: Plan, resources: Resources, options: BuildOptions,
                               outcome: inout BuildOutcome) throws -> Manifest.Entry {
        let info = DocumentInfo(title: plan.map.title, author: "SahelMap", creationDate: plan.date)
        let renderer = try MapRenderer(spec: plan.map, page: plan.page, resources: resources, info: info)
        let composed = try renderer.compose()
        outcome.warnings = composed.report.warnings
        if (options.strict || plan.map.strict), !composed.report.warnings.isEmpty {
            throw BuildError.strict(spec: plan.spec, count: composed.report.warnings.count)
        }
        let summary = MapSummary(composed.report)
        if let before = plan.previous?.summary, !options.acceptShrink {
            for layer in summary.layers {
                guard let b = before.layers.first(where: { $0.id == layer.id && $0.source == layer.source }), b.featuresRead > 0 else { continue }
                if Double(layer.featuresRead) < Double(b.featuresRead) * (1 - BuildOptions.shrinkLimit) {
                    throw BuildError.shrink(spec: plan.spec, layer: layer.id, source: layer.source, before: b.featuresRead, now: layer.featuresRead)
                }
            }
        }
        let report = try renderer.write(composed, to: plan.outputs)
        var entry = plan.entry
        entry.summary = summary
        let written = report.outputs.map(\.path) + MapRenderer.descriptionPaths(for: plan.outputs)
        for path in written { entry.outputs[path] = SHA256.hex(file: path) ?? "missing" }
        outcome.outputs = written
        if let before = plan.previous?.summary { outcome.changes = summary.changes(since: before) }
        return entry
    }

    /// Every file a spec's render reads: the spec, its theme and those it extends, each layer's data, the
    /// built-in data every page uses (countries, regions, the Africa inset, places and the gazetteer for
    /// geocoding), the spec's own regions and aliases files, fonts.conf and
    /// the font files fontconfig gives the theme's family.
    private func inputFiles(spec: String, map: MapSpec) -> [String] {
        let catalog = DataCatalog(resources: resources)
        var files = [spec] + map.style.files
        for layer in map.layers { if let p = try? catalog.path(of: layer.source) { files.append(p) } }
        for name in ["countries", "regions", "africa", "places"] { files.append(resources.geoData + "/\(name).geojson") }
        files.append(catalog.gazetteerPath)
        files += map.regions?.files ?? []
        files += map.aliases.map(\.file)
        files.append(resources.fontsConf)
        // The font files the theme's family resolves to: a changed font rebuilds.
        let family = map.theme.fontFamily
        if fontFiles[family] == nil { fontFiles[family] = FontFiles.resolve(family: family, fontsConf: resources.fontsConf) }
        files += fontFiles[family]!
        var seen = Set<String>()
        return files.filter { seen.insert($0).inserted }
    }

    /// The tool's version and the executable's hash, re-hashed only when its size or modification time changed.
    private func toolIdentity(previous: Manifest.Tool?) -> Manifest.Tool {
        guard let exe = Bundle.main.executablePath,
              let attrs = try? FileManager.default.attributesOfItem(atPath: exe),
              let size = (attrs[.size] as? NSNumber)?.intValue,
              let mtime = (attrs[.modificationDate] as? Date).map({ Int($0.timeIntervalSince1970 * 1e9) }) else {
            return Manifest.Tool(version: Self.version, executable: nil)
        }
        if let p = previous?.executable, p.size == size, p.mtimeNs == mtime, previous?.version == Self.version {
            return previous!
        }
        let sha = SHA256.hex(file: exe) ?? ""
        return Manifest.Tool(version: Self.version, executable: .init(sha256: sha, size: size, mtimeNs: mtime))
    }

    /// A path as shown and recorded: relative to the working directory when inside it.
    private func display(_ path: String) -> String {
        let abs = path.hasPrefix("/") ? path : cwd + "/" + path
        let std = URL(fileURLWithPath: abs).standardizedFileURL.path
        return std.hasPrefix(cwd + "/") ? String(std.dropFirst(cwd.count + 1)) : std
    }

    /// `Maps/liptako-gourma.yaml` → `liptako-gourma`.
    package static func name(_ spec: String) -> String {
        let parts = spec.split(separator: "#", maxSplits: 1).map(String.init)
        let base = URL(fileURLWithPath: parts[0]).deletingPathExtension().lastPathComponent
        return parts.count == 2 ? base + "#" + parts[1] : base
    }

    package static func ms(since t: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - t
        return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }
}
