import ArgumentParser
import Build
import Foundation
import Layers
import Render
import Style
import Geometry
#if canImport(Glibc)
import Glibc
#endif

/// One line on standard output, unbuffered, so it lands in order with the progress lines written from workers.
private func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// How `build` reports each finished map on standard output.
enum ProgressMode: String, ExpressibleByArgument, CaseIterable {
    /// `[3/6] Maps/x.yaml 412 ms`, one line per map.
    case lines
    /// One JSON object per line per map, then a summary object; every other line goes to standard error.
    case json
    /// One line redrawn with `\r` (done/total, ETA); only on a terminal, else `lines`.
    case bar
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Render every map spec and report in the folders given whose inputs changed, for unattended refreshes.",
        discussion: """
        Renders each *.yaml map spec under PATH (default Maps/, and Reports/ when there is one) to its outputs, as \
        `render` would, and each Markdown report (*.md with front matter) to out/NAME.pdf, as `report` would, \
        several at a time; an atlas spec is one item per page (and its PDF). A content-hash manifest (.sahelmap/manifest.json beside the specs) records what each map read and \
        wrote; a map is rebuilt only when an input (spec, data, theme, built-in data, proj.db, fonts.conf and the font files it resolves; \
        for a report also every figure's inputs), the tool or an \
        option changed, or an output is missing. An output edited by hand is reported and kept (--force replaces \
        it); a source yielding more than 20 % fewer features than at the last successful build is refused \
        (--accept-shrink lets it through). Exit 0 when every map is built or unchanged, 1 when any failed (the \
        others are still built and recorded), 64 for bad arguments.
        """)

    @Argument(help: ArgumentHelp("Map specs, reports or folders of them. Default: Maps/ and Reports/.", valueName: "path"))
    var paths: [String] = []

    @Flag(help: "Say what would be rebuilt; render and write nothing.")
    var dryRun = false

    @Flag(help: "Print why each map is (or would be) rebuilt: which input changed, with its old and new hash.")
    var explain = false

    @Flag(help: "Warnings are errors: a map with a skipped row, an unplaced name, an unknown label field or a left-out legend fails, its previous outputs untouched.")
    var strict = false

    @Flag(help: "Replace outputs that were edited by hand since the last build.")
    var force = false

    @Flag(help: "Build even when a source yields more than 20 % fewer features than at the last successful build.")
    var acceptShrink = false

    @OptionGroup var date: DateOptions

    @Option(help: ArgumentHelp("Maps rendered at once. Default: the number of cores.", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp("Write a JSON summary: per map its status, reasons, changes, warnings, error and time.", valueName: "path"))
    var summary: String?

    @Option(help: ArgumentHelp("Build only shard I of N (1-based): the items (maps, atlas pages, atlas PDFs, reports) of the specs sorted by path, every N-th from the I-th. Default: $SAHELMAP_SHARD, else JOB_COMPLETION_INDEX (with --shard-count or $SAHELMAP_SHARD_COUNT), SLURM_ARRAY_TASK_ID/COUNT/MIN, AWS_BATCH_JOB_ARRAY_INDEX/SIZE or CI_NODE_INDEX/TOTAL.", valueName: "I/N"))
    var shard: String?

    @Option(help: ArgumentHelp("The number of shards, for JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs do not export it).", valueName: "N"))
    var shardCount: Int?

    @Flag(help: "Fold the shards' manifest parts (.sahelmap/manifest.shard-I-of-N.json) into manifest.json, and build nothing.")
    var merge = false

    @Option(help: ArgumentHelp("How each finished map is reported on standard output: lines, json (one object per map, then a summary object) or bar (redrawn with \\r, terminals only). Default: bar on a terminal, else lines.", valueName: "mode"))
    var progress: ProgressMode?

    @Flag(help: "Exit 1 at once when another build of the same folder is running, instead of waiting for it.")
    var noWait = false

    func validate() throws {
        if let jobs, !(1...64).contains(jobs) { throw ValidationError("--jobs: expected 1…64, found \(jobs)") }
        do { _ = try Shard.resolve(flag: shard, shardCount: shardCount, environment: ProcessInfo.processInfo.environment) } catch {
            throw ValidationError("\(error)")
        }
        for p in paths where !FileManager.default.fileExists(atPath: p) {
            throw ValidationError("\(p): no such file or folder")
        }
    }

    func run() throws {
        let terminal = isatty(1) == 1
        // Never a \r bar into a file or pipe.
        let asked = progress ?? (terminal ? .bar : .lines)
        let mode: ProgressMode = asked == .bar && !terminal ? .lines : asked
        // In json mode standard output carries JSON objects only; the human lines go to standard error.
        let say: (String) -> Void = mode == .json ? { FileHandle.standardError.write(Data(($0 + "\n").utf8)) } : { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
        let resources = try Resources.locate()
        // Default: Maps/ (or the shipped maps), and Reports/ when there is one.
        let roots = paths.isEmpty
            ? [FileManager.default.fileExists(atPath: "Maps") ? "Maps" : resources.maps] + (FileManager.default.fileExists(atPath: "Reports") ? ["Reports"] : [])
            : paths
        let specs: [String]
        do { specs = try Builder.specs(in: roots) } catch { throw ValidationError("\(error)") }
        let part = try Shard.resolve(flag: shard, shardCount: shardCount, environment: ProcessInfo.processInfo.environment)
        // The manifest lives beside the specs of the first path: PATH/.sahelmap, or the spec's folder.
        var isDir: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: roots[0], isDirectory: &isDir)
        let folder = isDir.boolValue ? roots[0] : ((roots[0] as NSString).deletingLastPathComponent)
        let state = (folder.isEmpty ? "." : folder) + "/.sahelmap"
        if let summary { try AtomicFile.checkWritable(summary) }

        let lock: BuildLock
        do { lock = try BuildLock(path: state + "/lock" + (part.map { ".shard-\($0.index)-of-\($0.count)" } ?? ""), wait: !noWait) } catch let e as BuildError {
            FileHandle.standardError.write(Data("Error: \(e)\n".utf8))
            throw ExitCode(1)
        }
        if merge {
            let merged = try Builder.merge(into: state + "/manifest.json")
            say(merged.isEmpty ? "no manifest parts to merge in \(state)" : "merged \(merged.joined(separator: ", ")) into \(state)/manifest.json")
            withExtendedLifetime(lock) {}
            return
        }
        var options = BuildOptions()
        options.shard = part
        options.creationDate = date.creationDate
        options.stampToday = date.stampToday
        options.strict = strict
        options.force = force
        options.acceptShrink = acceptShrink
        options.dryRun = dryRun
        if let jobs { options.jobs = jobs }
        let builder = Builder(resources: resources, manifestPath: state + "/manifest.json", options: options)
        // Shards split the sorted list of items: maps, atlas pages, atlas PDFs, reports.
        var items = builder.items(of: specs)
        if let part {
            items = items.enumerated().filter { part.owns($0.offset) }.map(\.element)
            say("\(part): \(Builder.label(items, singular: true))")
        }
        let started = ContinuousClock.now
        let rendered = Locked(0)
        let bar = ProgressBar()
        let outcomes = try builder.run(items: items) { p in
            // Unbuffered writes, one per finished map, so they land in order.
            switch mode {
            case .lines: FileHandle.standardOutput.write(Data((p.line + "\n").utf8))
            case .json: FileHandle.standardOutput.write(Data((p.json + "\n").utf8))
            case .bar:
                let n = rendered.withLock { n in
                    if p.outcome.status == .rebuilt || (p.outcome.status == .failed && p.outcome.ms > 50) { n += 1 }
                    return n
                }
                let d = ContinuousClock.now - started
                let elapsed = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
                FileHandle.standardOutput.write(Data(bar.draw(done: p.index, total: p.total, rendered: n, elapsed: elapsed).utf8))
            }
        }
        withExtendedLifetime(lock) {}
        if mode == .bar, !outcomes.isEmpty { FileHandle.standardOutput.write(Data(bar.clear.utf8)) }

        var warnings = 0
        for o in outcomes {
            if explain { for r in o.reasons { say(r) } }
            for c in o.changes { say("\(Builder.name(o.spec)): \(c)") }
            for w in o.warnings { FileHandle.standardError.write(Data("\(o.spec): \(w)\n".utf8)) }
            warnings += o.warnings.count
            if let e = o.error { FileHandle.standardError.write(Data("Error: \(e)\n".utf8)) }
        }
        let count = { (s: BuildOutcome.Status) in outcomes.filter { $0.status == s }.count }
        let failed = count(.failed)
        let what = Builder.label(items)
        let line = dryRun
            ? "\(what): \(count(.wouldRebuild)) would rebuild, \(count(.unchanged)) unchanged, \(failed) failed (dry run: nothing written)"
            : "\(what): \(count(.rebuilt)) rebuilt, \(count(.unchanged)) unchanged, \(failed) failed, \(warnings) warning\(warnings == 1 ? "" : "s")"
        if mode == .json {
            FileHandle.standardOutput.write(Data((BuildProgress.jsonLine([
                "event": "summary", "maps": outcomes.count, "rebuilt": count(.rebuilt), "unchanged": count(.unchanged),
                "failed": failed, "wouldRebuild": count(.wouldRebuild), "warnings": warnings, "line": line,
                "ms": (Builder.ms(since: started) * 10).rounded() / 10,
            ]) + "\n").utf8))
        } else {
            say(line)
        }
        if let summary {
            struct Summary: Encodable {
                var maps: [BuildOutcome], rebuilt: Int, unchanged: Int, failed: Int, wouldRebuild: Int, warnings: Int, line: String
            }
            let e = JSONEncoder()
            e.outputFormatting = [.prettyPrinted, .sortedKeys]
            let s = Summary(maps: outcomes, rebuilt: count(.rebuilt), unchanged: count(.unchanged), failed: failed,
                            wouldRebuild: count(.wouldRebuild), warnings: warnings, line: line)
            try AtomicFile.writeAll([.init(path: summary, bytes: Array(try e.encode(s)) + [0x0A])])
        }
        if failed > 0 { throw ExitCode(1) }
    }
}
