import Foundation

/// Resolves `[@fig:name]` in the text to "Figure N", linked to the figure. Figures are numbered in document order —
/// map and image figures (`![…](…){#fig:name}`) and charts (`id: name`) alike — before anything is laid out, so a
/// reference may come before its figure. An unknown name is an error at the reference's line and column.
struct CrossReferences {
    let file: String
    /// The Markdown's lines, for exact positions.
    let source: [Substring]
    private(set) var numbers: [String: Int] = [:]

    init(file: String, source: String, blocks: [Block]) throws {
        self.file = file
        self.source = source.split(separator: "\n", omittingEmptySubsequences: false)
        var count = 0
        var names: [String: SourcePosition] = [:]
        func visit(_ blocks: [Block]) throws {
            for b in blocks {
                var name: String?
                switch b {
                case .paragraph(let inlines, let at):
                    guard let call = try FlowBuilder.figureCall(inlines, at, file: file) else { continue }
                    name = call.attributes["id"]
                case .code(let info, let yaml, let at) where info.trimmingCharacters(in: .whitespaces) == "chart":
                    name = try ChartSpec.parse(yaml, file: file, at: at).id
                    if let n = name, n.hasPrefix("fig:") { name = String(n.dropFirst(4)) }
                case .quote(let inner, _): try visit(inner); continue
                case .list(_, _, _, let items, _): for i in items { try visit(i) }; continue
                default: continue
                }
                count += 1
                if let name {
                    if let first = names[name] {
                        throw ReportError(file: file, at: Self.position(of: "#fig:\(name)", after: b.position, in: self.source) ?? b.position,
                                          "figure name \"\(name)\" is already used by the figure at line \(first.line)")
                    }
                    names[name] = b.position
                    numbers[name] = count
                }
            }
        }
        try visit(blocks)
    }

    /// `blocks` with every `[@fig:name]` replaced by a link "Figure N".
    func resolve(_ blocks: [Block]) throws -> [Block] {
        try blocks.map { b in
            switch b {
            case .heading(let l, let i, let at): .heading(level: l, try resolve(i, at), at: at)
            case .paragraph(let i, let at): .paragraph(try resolve(i, at), at: at)
            case .list(let o, let s, let t, let items, let at): .list(ordered: o, start: s, tight: t, items: try items.map(resolve), at: at)
            case .quote(let inner, let at): .quote(try resolve(inner), at: at)
            case .table(let a, let h, let rows, let at):
                .table(alignments: a, header: try h.map { try resolve($0, at) }, rows: try rows.map { try $0.map { try resolve($0, at) } }, at: at)
            default: b
            }
        }
    }

    private static let pattern = try! NSRegularExpression(pattern: #"\[@fig:([A-Za-z0-9_.:-]+)\]"#)

    private func resolve(_ inlines: [Inline], _ at: SourcePosition) throws -> [Inline] {
        // cmark-gfm splits "[@fig:x]" into several text nodes: join neighbours first.
        var merged: [Inline] = []
        for i in inlines {
            if case .text(let s) = i, case .text(let prev)? = merged.last { merged[merged.count - 1] = .text(prev + s) } else { merged.append(i) }
        }
        var out: [Inline] = []
        for i in merged {
            switch i {
            case .text(let s):
                let ns = s as NSString
                var last = 0
                for m in Self.pattern.matches(in: s, range: NSRange(location: 0, length: ns.length)) {
                    if m.range.location > last { out.append(.text(ns.substring(with: NSRange(location: last, length: m.range.location - last)))) }
                    let name = ns.substring(with: m.range(at: 1))
                    guard let n = numbers[name] else {
                        let mark = ns.substring(with: m.range)
                        let known = numbers.keys.sorted()
                        throw ReportError(file: file, at: Self.position(of: mark, after: at, in: source) ?? at,
                                          "cross-reference \(mark): no figure is named \"\(name)\" (" +
                                          (known.isEmpty ? "name one with {#fig:\(name)} after its image, or id: \(name) in a chart"
                                                         : "known: \(known.joined(separator: ", "))") + ")")
                    }
                    out.append(.link(url: "#figure-\(n)", [.text("Figure\u{00A0}\(n)")]))
                    last = m.range.location + m.range.length
                }
                if last < ns.length { out.append(.text(ns.substring(from: last))) }
            case .emphasis(let c): out.append(.emphasis(try resolve(c, at)))
            case .strong(let c): out.append(.strong(try resolve(c, at)))
            case .strikethrough(let c): out.append(.strikethrough(try resolve(c, at)))
            default: out.append(i)
            }
        }
        return out
    }

    /// The first place `mark` is written at or after `start`, 1-based.
    static func position(of mark: String, after start: SourcePosition, in source: [Substring]) -> SourcePosition? {
        for k in max(0, start.line - 1)..<source.count {
            if let r = source[k].range(of: mark) {
                return SourcePosition(line: k + 1, column: source[k].distance(from: source[k].startIndex, to: r.lowerBound) + 1)
            }
        }
        return nil
    }
}

extension Block {
    var position: SourcePosition {
        switch self {
        case .heading(_, _, let at), .paragraph(_, let at), .list(_, _, _, _, let at), .quote(_, let at), .code(_, _, let at),
             .table(_, _, _, let at), .rule(let at), .pageBreak(let at), .html(_, let at): at
        }
    }
}
