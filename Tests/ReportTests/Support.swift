import Foundation
import Report
import Style
import Testing

let resources = try! Resources.locate()
let creation = "2026-01-01T00:00:00Z"
let samplePath = resources.home + "/Reports/central-sahel-2021.md"

/// What the tests read of a typeset report.
struct Typeset: Sendable {
    var pageCount: Int
    var figures: [TypesetReport.Figure]
    var footnotePages: [Int: Int]
    init(_ r: TypesetReport) { pageCount = r.pageCount; figures = r.figures; footnotePages = r.footnotePages }
}

/// The sample, typeset once for the whole suite, and its PDF on disk.
let sample: (report: Typeset, pdf: [UInt8], path: String) = {
    let r = try! BriefingReport(path: samplePath, resources: resources, options: ReportOptions(creationDate: creation)).typeset()
    let bytes = try! r.pdf()
    let path = try! scratch() + "/sample.pdf"
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return (Typeset(r), bytes, path)
}()

func scratch() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sahelmap-report-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Runs a tool and returns its standard output, standard error and status.
@discardableResult
func run(_ tool: String, _ args: [String], in dir: String? = nil,
         environment: [String: String]? = nil) throws -> (out: String, err: String, status: Int32) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool.hasPrefix("/") ? tool : "/usr/bin/" + tool)
    p.arguments = args
    if let environment { p.environment = environment }
    if let dir { p.currentDirectoryURL = URL(fileURLWithPath: dir) }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self), p.terminationStatus)
}

/// The text of one page (1-based) in reading order.
func pageText(_ pdf: String, _ page: Int) throws -> String {
    try run("pdftotext", ["-f", "\(page)", "-l", "\(page)", pdf, "-"]).out
}

/// Writes a report into a scratch folder (figures may name `../Maps/…` through an absolute path) and typesets it.
func typeset(_ markdown: String, name: String = "t.md") throws -> (TypesetReport, String, String) {
    let dir = try scratch()
    let path = dir + "/" + name
    try markdown.write(toFile: path, atomically: true, encoding: .utf8)
    let r = try BriefingReport(path: path, resources: resources, options: ReportOptions(creationDate: creation)).typeset()
    let pdf = dir + "/t.pdf"
    _ = FileManager.default.createFile(atPath: pdf, contents: Data(try r.pdf()))
    return (r, pdf, dir)
}

/// Filler paragraphs, each naming itself (`P1`, `P2`…), about eleven lines each.
func filler(_ count: Int, from start: Int = 1) -> String {
    (start..<(start + count)).map { k in
        "P\(k) " + String(repeating: "The security situation in the region continued to deteriorate through the year, with attacks on civilians. ", count: 9)
    }.joined(separator: "\n\n")
}

/// The built `sahelmap` executable.
let executable: String = resources.home + "/.build/debug/sahelmap"
