import Foundation
import Dispatch
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

/// What happened to one item (map, atlas page, atlas PDF, report).
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
    /// Hashes of the previous build by file stamp, so unchanged files are not read again.
    private var statCache = StatCache(nil)
    /// The font files each family resolves to, looked up once per build.
    private var fontFiles: [String: [String]] = [:]
    /// PROJ's `proj.db`, an input of every map.
    private lazy var projDatabase: String? = ProjDatabase.path()
    private let cwd = FileManager.default.currentDirectoryPath

    package init(resources: Resources, manifestPath: String, options: BuildOptions) {
        self.resources = resources
        self.options = options
        self.manifestPath = manifestPath
    }

    /// The tool's identity in recipes.
    package static let version = "sahelmap 0.5.0"

    /// Every map spec (`*.yaml`) and report (`*.md` starting with front matter, `---`) under the folders given
    /// (hidden folders skipped) and the files given, sorted by bytes.
    /// - Throws: `BuildError.noSpecs` for a path that is neither.
    package static func specs(in paths: [String]) throws -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        func isSpec(_ p: String) -> Bool { p.hasSuffix(".yaml") || p.hasSuffix(".yml") }
        func isMarkdown(_ p: String) -> Bool { p.hasSuffix(".md") || p.hasSuffix(".markdown") }
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else { throw BuildError.noSpecs(path: p) }
            if !isDir.boolValue {
                guard isSpec(p) || isMarkdown(p) else { throw BuildError.noSpecs(path: p) }
                out.append(p)
                continue
            }
            let base = p.hasSuffix("/") ? String(p.dropLast()) : p
            guard let walker = fm.enumerator(atPath: base) else { throw BuildError.noSpecs(path: p) }
            while let rel = walker.nextObject() as? String {
                if rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                let full = base + "/" + rel
                if isSpec(rel) { out.append(full) }
                // A Markdown file in a folder is a report only when it has front matter (a README is not).
                if isMarkdown(rel), let h = FileHandle(forReadingAtPath: full) {
                    let head = (try? h.read(upToCount: 4)) ?? Data()
                    try? h.close()
                    if head.starts(with: Array("---".utf8)) { out.append(full) }
                }
            }
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Every item of the files given (see `specs(in:)`), in order: what shards split.
    package func items(of files: [String]) -> [BuildItem] { files.flatMap { items(of: $0) } }

    /// One item ready to build, or why it need not be.
    struct Plan: Sendable {
        var item: BuildItem
        /// The page of a map or atlas PDF.
        var page: Page?
        /// A map's outputs.
        var outputs: [Output] = []
        /// Every file written.
        var files: [String]
        var date: String
        var entry: Manifest.Entry
        var previous: Manifest.Entry?
        var reasons: [String]
        /// A report's figures and sources as the scan found them (as written), to check against the typeset report.
        var scanned: [String] = []
    }

    /// What a worker does.
    private enum Task: Sendable {
        /// Build item `k`; an atlas page also goes into its book.
        case build(Int, Plan, book: AtlasBook?, page: Int)
        /// Compose an atlas page that is not rebuilt, for its book only.
        case compose(BuildItem, book: AtlasBook, page: Int)
    }

    /// Builds `items` (all of them, or the items of this shard), calling `progress` once per finished item (from
    /// worker threads, one at a time, in index order).
    /// - Returns: One outcome per item, in the order given.
    /// - Throws: `BuildError.manifest` for an unreadable manifest; `RenderError` when the manifest cannot be written.
    package func run(items: [BuildItem], progress: @escaping @Sendable (BuildProgress) -> Void) throws -> [BuildOutcome] {
        var old = try Manifest.read(manifestPath)
        let partPath = options.shard.map { (manifestPath as NSString).deletingLastPathComponent + "/" + $0.manifestName }
        if let partPath, let part = try Manifest.read(partPath) {
            if old == nil { old = part } else {
                old!.specs.merge(part.specs) { $1 }
                old!.stamps = (old!.stamps ?? [:]).merging(part.stamps ?? [:]) { $1 }
                old!.tool = part.tool
            }
        }
        var manifest = Manifest(tool: toolIdentity(previous: old?.tool))
        manifest.specs = old?.specs ?? [:]
        statCache = StatCache(old?.stamps)
        let total = items.count
        let done = Locked(0)
        @Sendable func finished(_ outcome: BuildOutcome) {
            // The count and the call under one lock, so events arrive in index order.
            done.withLock { k in
                k += 1
                progress(BuildProgress(index: k, total: total, outcome: outcome))
            }
        }
        var outcomes: [BuildOutcome?] = Array(repeating: nil, count: total)
        var queue: [(Int, Plan)] = []
        for (k, item) in items.enumerated() {
            let t = ContinuousClock.now
            do {
                if case .failed(let error) = item.kind { throw BuildError.badSpec(spec: "", message: error) }
                let plan = try self.plan(item, previous: old?.specs[item.key], tool: manifest.tool, oldTool: old?.tool)
                if plan.reasons.isEmpty {
                    outcomes[k] = BuildOutcome(spec: item.key, status: .unchanged, ms: Self.ms(since: t))
                } else if options.dryRun {
                    outcomes[k] = BuildOutcome(spec: item.key, status: .wouldRebuild, reasons: plan.reasons)
                } else {
                    queue.append((k, plan))
                }
            } catch BuildError.badSpec(let spec, let message) where spec.isEmpty {
                outcomes[k] = BuildOutcome(spec: item.key, status: .failed, error: message, ms: Self.ms(since: t))
            } catch {
                outcomes[k] = BuildOutcome(spec: item.key, status: .failed, error: "\(error)", ms: Self.ms(since: t))
            }
            if let o = outcomes[k] { finished(o) }
        }

        // An atlas PDF to rebuild takes every page, in order: pages rebuilt here go into it after they are written,
        // the others are composed for it only. Its pages' tasks are queued together, where the PDF is.
        var books: [(k: Int, plan: Plan, book: AtlasBook?, error: String?)] = []
        var bookOfPage: [String: (AtlasBook, Int)] = [:]
        for (k, plan) in queue {
            guard case .atlasPDF(_, let pages) = plan.item.kind else { continue }
            do {
                guard case .map(let first)? = pages.first?.kind, let page = plan.page else { throw BuildError.badSpec(spec: plan.item.file, message: "atlas: no pages") }
                let book = try AtlasBook(pages: pages.count, page: page, info: DocumentInfo(title: Self.untemplated(plan.item.title), author: "SahelMap", creationDate: plan.date),
                                         fontFamily: first.theme.fontFamily, resources: resources)
                for (i, p) in pages.enumerated() { bookOfPage[p.key] = (book, i) }
                books.append((k, plan, book, nil))
            } catch {
                books.append((k, plan, nil, "\(error)"))
            }
        }
        var taskList: [Task] = []
        let queued = Dictionary(queue.map { ($0.1.item.key, $0) }, uniquingKeysWith: { a, _ in a })
        for (k, plan) in queue {
            if case .atlasPDF(_, let pages) = plan.item.kind {
                for p in pages {
                    guard let b = bookOfPage[p.key] else { break }
                    let (book, i) = b
                    if let q = queued[p.key] { taskList.append(.build(q.0, q.1, book: book, page: i)) } else {
                        taskList.append(.compose(p, book: book, page: i))
                    }
                }
            } else if bookOfPage[plan.item.key] == nil {
                taskList.append(.build(k, plan, book: nil, page: 0))
            }
        }
        let tasks = taskList

        let results = Locked([Int: (BuildOutcome, Manifest.Entry?)]())
        let next = Locked(0)
        let workers = max(1, min(options.jobs, tasks.count))
        let resources = self.resources, options = self.options
        let poolStarted = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.withLock { n -> Int in defer { n += 1 }; return n }
                guard i < tasks.count else { return }
                switch tasks[i] {
                case .compose(let item, let book, let index):
                    do {
                        guard case .map(let map) = item.kind else { continue }
                        let (page, date) = try Self.setup(map, spec: item.file, options: options)
                        let info = DocumentInfo(title: map.title, author: "SahelMap", creationDate: date)
                        let composed = try MapRenderer(spec: map, page: page, resources: resources, info: info).compose()
                        book.add(index, composed, title: item.title)
                    } catch {
                        book.fail(index, "\(Self.name(item.key)): \(error)")
                    }
                case .build(let k, let plan, let book, let index):
                    let t = ContinuousClock.now
                    var outcome = BuildOutcome(spec: plan.item.key, status: .rebuilt, reasons: plan.reasons)
                    var entry: Manifest.Entry?
                    do {
                        if plan.item.isReport {
                            entry = try Self.buildReport(plan, resources: resources, outcome: &outcome)
                        } else {
                            entry = try Self.render(plan, resources: resources, options: options, outcome: &outcome, book: book.map { ($0, index) })
                        }
                        outcome.ms = Self.ms(since: t)
                        entry?.ms = (outcome.ms * 10).rounded() / 10
                    } catch {
                        book?.fail(index, "\(Self.name(plan.item.key)): \(error)")
                        outcome.status = .failed
                        outcome.error = "\(error)"
                        outcome.ms = Self.ms(since: t)
                    }
                    finished(outcome)
                    results.withLock { $0[k] = (outcome, entry) }
                }
            }
        }
        for (k, (outcome, entry)) in results.withLock({ $0 }) {
            outcomes[k] = outcome
            if let entry { manifest.specs[outcome.spec] = entry }
        }
        // The atlas PDFs, once all their pages are in.
        for (k, plan, book, error) in books {
            var outcome = BuildOutcome(spec: plan.item.key, status: .rebuilt, reasons: plan.reasons)
            do {
                if let error { throw BuildError.badSpec(spec: plan.item.file, message: "atlas PDF not written: \(error)") }
                let bytes = try book!.finish(spec: plan.item.file)
                try AtomicFile.writeAll([.init(path: plan.files[0], bytes: bytes)])
                var entry = plan.entry
                entry.outputs[plan.files[0]] = SHA256.hex(bytes)
                outcome.outputs = plan.files
                outcome.ms = Self.ms(since: poolStarted)
                entry.ms = (outcome.ms * 10).rounded() / 10
                manifest.specs[plan.item.key] = entry
            } catch {
                outcome.status = .failed
                outcome.error = "\(error)"
            }
            outcomes[k] = outcome
            finished(outcome)
        }
        manifest.stamps = statCache.used.isEmpty ? nil : statCache.used
        if let partPath {
            // A shard's part holds its own items only, so parts written side by side never overlap.
            let mine = Set(items.map(\.key))
            manifest.specs = manifest.specs.filter { mine.contains($0.key) }
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
            if merged == nil { merged = part } else {
                merged!.specs.merge(part.specs) { $1 }
                merged!.stamps = (merged!.stamps ?? [:]).merging(part.stamps ?? [:]) { $1 }
                merged!.tool = part.tool
            }
        }
        try AtomicFile.writeAll([.init(path: manifestPath, bytes: try merged!.encoded())])
        for name in names { try? FileManager.default.removeItem(atPath: dir + "/" + name) }
        return names
    }

    /// A map's page and the reproducible date on it.
    static func setup(_ map: MapSpec, spec: String, options: BuildOptions) throws -> (Page, String) {
        let dpi = map.dpi ?? 300
        let pageName = map.page ?? "a4-landscape"
        guard let page = Page.preset(pageName, dpi: map.dpi) ?? Page.named(pageName, dpi: dpi) else {
            throw BuildError.badSpec(spec: spec, message: "page: expected a3, a4, a5 or letter (with -portrait or -landscape) or a preset, found \"\(pageName)\"")
        }
        let date = DocumentInfo.reproducibleDate(explicit: options.creationDate, time: map.time,
                                                 stampToday: options.stampToday, environment: options.environment)
        return (page, date)
    }

    /// Hashes an item's inputs and decides whether (and why) it must be rebuilt.
    private func plan(_ item: BuildItem, previous: Manifest.Entry?, tool: Manifest.Tool, oldTool: Manifest.Tool?) throws -> Plan {
        let spec = item.file
        switch item.kind {
        case .failed(let error):
            throw BuildError.badSpec(spec: "", message: error)
        case .report:
            return try reportPlan(item, previous: previous, tool: tool, oldTool: oldTool)
        case .atlasPDF(let path, let pages):
            // The last page ends where the spec's range ends: its date is the atlas's.
            guard case .map(let first)? = pages.first?.kind, case .map(let last)? = pages.last?.kind else {
                throw BuildError.badSpec(spec: spec, message: "atlas: no pages")
            }
            let (page, date) = try Self.setup(last, spec: spec, options: options)
            let names = pages.map(\.key).joined(separator: "\n")
            let opts: [String: String] = [
                "creation-date": date,
                "page": String(format: "%.2fx%.2fmm", page.widthMillimeters, page.heightMillimeters),
                "outputs": path,
                "pages": "\(pages.count) (sha256 \(short(SHA256.hex(Array(names.utf8)))))",
            ]
            var plan = try decide(item, inputs: inputFiles(spec: spec, map: first), options: opts, written: [path],
                                  previous: previous, tool: tool, oldTool: oldTool)
            plan.page = page
            plan.date = date
            return plan
        case .map(let map):
            let (page, date) = try Self.setup(map, spec: spec, options: options)
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
            let written = outputs.map(\.path) + MapRenderer.descriptionPaths(for: outputs)
            let opts: [String: String] = [
                "creation-date": date,
                "page": String(format: "%.2fx%.2fmm", page.widthMillimeters, page.heightMillimeters),
                "dpi": "\(page.dpi)",
                "outputs": written.joined(separator: " "),
                "strict": "\(options.strict || map.strict)",
            ]
            var plan = try decide(item, inputs: inputFiles(spec: spec, map: map), options: opts, written: written,
                                  previous: previous, tool: tool, oldTool: oldTool)
            plan.page = page
            plan.outputs = outputs
            plan.date = date
            return plan
        }
    }

    /// The recipe of an item from its input files and options, and the reasons to rebuild it against `previous`.
    /// - Throws: `BuildError.handEdited` for an output changed since the last build (unless `--force`).
    func decide(_ item: BuildItem, inputs files: [String], options opts: [String: String], written: [String],
                previous: Manifest.Entry?, tool: Manifest.Tool, oldTool: Manifest.Tool?) throws -> Plan {
        var inputs: [String: String] = [:]
        for file in files {
            let key = display(file)
            if let known = hashes[file] { inputs[key] = known; continue }
            // YAML (specs, themes) by its canonical form: a comment or a reindented line does not rebuild.
            let lower = file.lowercased()
            let yaml = lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
            let h = statCache.hash(file) { yaml ? CanonicalYAML.sha256(file: $0) : SHA256.hex(file: $0) } ?? "missing"
            hashes[file] = h
            inputs[key] = h
        }
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
                let found = statCache.hash(path) { SHA256.hex(file: $0) }
                guard let recorded = previous.outputs[path] else { continue }
                if found == nil { reasons.append("\(path) is missing") } else if found != recorded {
                    guard options.force else {
                        throw BuildError.handEdited(spec: item.file, output: path, expected: recorded, found: found!)
                    }
                    reasons.append("\(path) was edited by hand; replaced (--force)")
                }
            }
        } else {
            reasons.append("never built (no entry in \(display(manifestPath)))")
        }
        return Plan(item: item, files: written, date: "", entry: entry, previous: previous,
                    reasons: reasons.map { "\(Self.name(item.key)): \($0)" })
    }

    /// Composes, checks (strict, shrink) and writes one map; returns its manifest entry. An atlas page that goes
    /// into a book is added to it once written.
    private static func render(_ plan: Plan, resources: Resources, options: BuildOptions,
                               outcome: inout BuildOutcome, book: (AtlasBook, Int)?) throws -> Manifest.Entry {
        guard case .map(let map) = plan.item.kind, let page = plan.page else { throw BuildError.badSpec(spec: plan.item.file, message: "not a map") }
        let info = DocumentInfo(title: map.title, author: "SahelMap", creationDate: plan.date)
        let renderer = try MapRenderer(spec: map, page: page, resources: resources, info: info)
        let composed = try renderer.compose()
        outcome.warnings = composed.report.warnings
        if (options.strict || map.strict), !composed.report.warnings.isEmpty {
            throw BuildError.strict(spec: plan.item.key, count: composed.report.warnings.count)
        }
        let summary = MapSummary(composed.report)
        if let before = plan.previous?.summary, !options.acceptShrink {
            for layer in summary.layers {
                guard let b = before.layers.first(where: { $0.id == layer.id && $0.source == layer.source }), b.featuresRead > 0 else { continue }
                if Double(layer.featuresRead) < Double(b.featuresRead) * (1 - BuildOptions.shrinkLimit) {
                    throw BuildError.shrink(spec: plan.item.key, layer: layer.id, source: layer.source, before: b.featuresRead, now: layer.featuresRead)
                }
            }
        }
        let report = try renderer.write(composed, to: plan.outputs)
        book?.0.add(book!.1, composed, title: plan.item.title)
        var entry = plan.entry
        entry.summary = summary
        let written = report.outputs.map(\.path) + MapRenderer.descriptionPaths(for: plan.outputs)
        for path in written { entry.outputs[path] = SHA256.hex(file: path) ?? "missing" }
        outcome.outputs = written
        if let before = plan.previous?.summary { outcome.changes = summary.changes(since: before) }
        return entry
    }

    /// Every file a spec's render reads: the spec, its theme and those it extends, each layer's data (a Shapefile
    /// with its sidecars), the built-in data every page uses (countries, regions, the Africa inset, places and the
    /// gazetteer for geocoding), the spec's own regions and aliases files, PROJ's database, fonts.conf and the font
    /// files fontconfig gives the theme's family.
    func inputFiles(spec: String, map: MapSpec) -> [String] {
        let catalog = DataCatalog(resources: resources)
        var files = [spec] + map.style.files
        for layer in map.layers {
            guard let p = try? catalog.path(of: layer.source) else { continue }
            files += Self.withSidecars(p)
        }
        if let over = map.atlas?.over, let p = try? catalog.path(of: .builtIn(over)) { files.append(p) }
        for name in ["countries", "regions", "africa", "places"] { files.append(resources.geoData + "/\(name).geojson") }
        files.append(catalog.gazetteerPath)
        files += map.regions?.files ?? []
        files += map.aliases.map(\.file)
        if let db = projDatabase { files.append(db) }
        files.append(resources.fontsConf)
        files += fonts(map.theme.fontFamily)
        var seen = Set<String>()
        return files.filter { seen.insert($0).inserted }
    }

    /// The font files `family` resolves to, looked up once per build: a changed font rebuilds.
    func fonts(_ family: String) -> [String] {
        if fontFiles[family] == nil { fontFiles[family] = FontFiles.resolve(family: family, fontsConf: resources.fontsConf) }
        return fontFiles[family]!
    }

    /// A data file and, for a Shapefile, the sidecars that exist beside it (`.dbf`, `.shx`, `.prj`, `.cpg`, in
    /// either case): the attributes, index, projection and encoding a render reads with it.
    static func withSidecars(_ path: String) -> [String] {
        let ext = (path as NSString).pathExtension
        guard ext.lowercased() == "shp" else { return [path] }
        let stem = (path as NSString).deletingPathExtension
        var out = [path]
        for side in ["dbf", "shx", "prj", "cpg"] {
            for e in [side, side.uppercased()] where FileManager.default.fileExists(atPath: stem + "." + e) {
                out.append(stem + "." + e)
                break
            }
        }
        return out
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
    func display(_ path: String) -> String {
        let abs = path.hasPrefix("/") ? path : cwd + "/" + path
        let std = URL(fileURLWithPath: abs).standardizedFileURL.path
        return std.hasPrefix(cwd + "/") ? String(std.dropFirst(cwd.count + 1)) : std
    }

    /// `3 maps`, `24 maps, 1 atlas PDF, 1 report` (`1 map` with `singular`; else maps are always "maps").
    package static func label(_ items: [BuildItem], singular: Bool = false) -> String {
        let reports = items.filter(\.isReport).count, pdfs = items.filter(\.isAtlasPDF).count
        let maps = items.count - reports - pdfs
        var parts = ["\(maps) map\(maps == 1 && singular ? "" : "s")"]
        if pdfs > 0 { parts.append("\(pdfs) atlas PDF\(pdfs == 1 ? "" : "s")") }
        if reports > 0 { parts.append("\(reports) report\(reports == 1 ? "" : "s")") }
        if maps == 0 && (pdfs > 0 || reports > 0) { parts.removeFirst() }
        return parts.joined(separator: ", ")
    }

    /// A title template without its fields: `"{name}, Niger"` → `"Niger"`.
    static func untemplated(_ title: String) -> String {
        let bare = title.replacingOccurrences(of: "\\{[^}]*\\}", with: "", options: .regularExpression)
        return bare.trimmingCharacters(in: CharacterSet(charactersIn: " ,:;–—-"))
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
