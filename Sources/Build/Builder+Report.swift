import Foundation
import Layers
import Render
import Report
import Style

extension Builder {
    /// The families a report's text is set in (Report's `Typography`): their font files are inputs of the report.
    static let reportFamilies = ["Noto Serif", "Noto Sans"]

    /// A report's recipe: the Markdown itself and, for every figure it names, everything that figure's map reads
    /// (spec, data, themes — the report's own theme when its front matter sets one — built-in data, fonts), the
    /// data of its tables and charts, and the report's fonts. So a changed data file rebuilds exactly the maps and
    /// the reports that use it.
    func reportPlan(_ item: BuildItem, previous: Manifest.Entry?, tool: Manifest.Tool, oldTool: Manifest.Tool?) throws -> Plan {
        let file = item.file
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw BuildError.badSpec(spec: file, message: "cannot read the report as UTF-8 text")
        }
        let scan = ReportScan(text)
        let dir = (file as NSString).deletingLastPathComponent
        func resolve(_ p: String) -> String { p.hasPrefix("/") || dir.isEmpty ? p : dir + "/" + p }
        var inputs = [file]
        var theme: StyleSheet?
        if let th = scan.theme {
            // A theme that cannot be read fails the report when it is typeset, with the report's own message.
            if let path = try? StyleSheet.resolve(theme: th, relativeTo: file, resources: resources),
               let sheet = try? StyleSheet.load(path: path, resources: resources) {
                theme = sheet
                inputs += sheet.files
            }
        }
        var figures: [String] = []
        var latest: PartialDate?
        for f in scan.figures {
            let path = resolve(f)
            figures.append(f)
            let ext = (path as NSString).pathExtension.lowercased()
            guard ext == "yaml" || ext == "yml", var map = try? MapSpec.load(path: path, resources: resources) else {
                inputs.append(path)   // an image, or a spec that fails when typeset (hashed as "missing" if absent)
                continue
            }
            if let theme { map.style = theme }
            inputs += inputFiles(spec: path, map: map)
            if let d = map.time.asOf ?? map.time.to, latest.map({ d.lastDay > $0.lastDay }) ?? true { latest = d }
        }
        let catalog = DataCatalog(resources: resources)
        for s in scan.sources {
            if s.hasPrefix("builtin:") {
                if let p = try? catalog.path(of: .builtIn(String(s.dropFirst(8)))) { inputs.append(p) }
            } else {
                inputs += Self.withSidecars(resolve(s))
            }
        }
        inputs.append(resources.fontsConf)
        for family in Self.reportFamilies { inputs += fonts(family) }
        var seen = Set<String>()
        inputs = inputs.filter { seen.insert($0).inserted }

        // The PDF's date: --creation-date, $SOURCE_DATE_EPOCH, the front matter's as-of, the latest figure's date;
        // never the wall clock unless --stamp-today.
        let asOf = scan.asOf.flatMap(PartialDate.init) ?? latest
        var date = DocumentInfo.reproducibleDate(explicit: options.creationDate, time: TimeContext(asOf: asOf),
                                                 stampToday: options.stampToday, environment: options.environment)
        if date.isEmpty { date = "1970-01-01T00:00:00Z" }
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let outputs = ["out/\(name).pdf"]
        let opts = ["creation-date": date, "outputs": outputs.joined(separator: " ")]
        var plan = try decide(item, inputs: inputs, options: opts, written: outputs, previous: previous, tool: tool, oldTool: oldTool)
        plan.date = date
        plan.scanned = figures + scan.sources   // a chart figure names its source
        return plan
    }

    /// Typesets and writes a report through `BriefingReport`; returns its manifest entry.
    static func buildReport(_ plan: Plan, resources: Resources, outcome: inout BuildOutcome) throws -> Manifest.Entry {
        let report = try BriefingReport(path: plan.item.file, resources: resources, options: ReportOptions(creationDate: plan.date))
        let typeset = try report.typeset()
        _ = try report.write(typeset, to: plan.files)
        var entry = plan.entry
        for path in plan.files { entry.outputs[path] = SHA256.hex(file: path) ?? "missing" }
        outcome.outputs = plan.files
        outcome.changes = ["\(typeset.pageCount) page\(typeset.pageCount == 1 ? "" : "s"), \(typeset.figures.count) figure\(typeset.figures.count == 1 ? "" : "s")"]
        // Every figure drawn must be one the scan found, or a change to it would not rebuild the report.
        for f in typeset.figures where !f.spec.isEmpty && !plan.scanned.contains(f.spec) {
            outcome.changes.append("figure \(f.number) (\(f.spec)) was not found by the dependency scan: a change to it will not rebuild this report")
        }
        return entry
    }
}
