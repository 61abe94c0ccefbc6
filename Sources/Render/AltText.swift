import Geometry
import Layers
import Style

/// A short plain-text description of a map, from what its layers drew, for alt text and captions:
/// "Map of Mali, Burkina Faso and Niger: Massacres of civilians … It shows 26 massacres of civilians (jihadist
/// 16, militia 6, state 3, foreign 1). … The largest: Yirgou (210), Djibo (180), …".
///
/// Nothing here knows a layer by its id: the layers described are those with a legend (the map's data), counted
/// with the legend's class names and the layer's `noun`; the countries named are the spec's `focus`, else those
/// its extent names, else those its data lies in.
struct AltTextBuilder {
    private struct LayerNotes {
        var noun: String
        var drawn = 0
        var cells = 0
        var areas = false
        /// Categories of a `match` (perpetrator type, event type), in the legend's words, with counts.
        var categories: [(String, Int)] = []
        /// Rule classes (the legend's entries), with the names of what they drew.
        var classes: [(String, [String])] = []
        var largest: [(String, Double)] = []
    }
    private var layers: [LayerNotes] = []
    /// The properties that name a feature in the description, the first one present wins.
    static let nameKeys = ["label", "region_name", "name", "location", "admin1"]
    private var focus: [String] = []

    /// - Parameter named: The countries and regions the spec names (`named(spec:sources:)`), if it names any.
    init(_ compiled: [CompiledLayer], spec: MapSpec, legend: [LegendBuilder.Item], named: [String]?) {
        let thematic = Set(legend.compactMap(\.order.first))
        for layer in compiled where thematic.contains(layer.index) && !layer.drawn.isEmpty {
            var notes = LayerNotes(noun: spec.layers[layer.index].noun ?? layer.id.replacingOccurrences(of: "-", with: " "))
            if layer.aggregated { notes.noun = spec.layers[layer.index].noun ?? "events" }
            let sizeKey = layer.style.drawLargestFirstBy
            var order: [String: Int] = [:]
            var words: [String: String] = [:]   // LegendBuilder.words of each category key, made once
            var plainLegend: [Int: String?] = [:]   // by rule index, for rules whose legend has no template
            for f in layer.drawn {
                notes.drawn += 1
                if layer.aggregated { notes.cells += 1 }
                if !f.shape.polygons.isEmpty && f.shape.points.isEmpty { notes.areas = true }
                let name = Self.nameKeys.lazy.compactMap { f.properties[$0]?.stringValue }.first
                let rule = layer.style.rules[f.ruleIndex]
                for symbolizer in rule.symbolizers {
                    var property: String?
                    switch symbolizer {
                    case .marker(let m): if case .match(let p, _, _)? = m.fill { property = p }
                    case .fill(let fill): if case .match(let p, _, _)? = fill.color { property = p }
                    case .line: break
                    }
                    if let p = property, let key = LegendBuilder.key(f.properties[p]) {
                        let word = words[key] ?? LegendBuilder.words(key)
                        words[key] = word
                        if let i = notes.categories.firstIndex(where: { $0.0 == word }) { notes.categories[i].1 += 1 }
                        else { notes.categories.append((word, 1)) }
                    }
                }
                // A rule's legend text without a template is the same for all its features: looked at once.
                let legendText: String?
                if let known = plainLegend[f.ruleIndex] { legendText = known } else {
                    let text = LegendBuilder.legendText(rule, f.properties).flatMap { $0.lowercased().contains("location") ? nil : $0 }
                    if !(rule.legend?.utf8.contains(UInt8(ascii: "{")) ?? false) { plainLegend[f.ruleIndex] = .some(text) }
                    legendText = text
                }
                if let text = legendText {
                    // The label as drawn ("Kidal (handed over October 2021)"), but a callout's name alone.
                    let label = rule.label.flatMap { $0.callout ? nil : $0.text(for: f.properties) }
                    let shown = label ?? name ?? ""
                    if let i = notes.classes.firstIndex(where: { $0.0 == text }) { notes.classes[i].1.append(shown) }
                    else { notes.classes.append((text, [shown])); order[text] = f.ruleIndex }
                }
                if let key = sizeKey, let v = f.properties[key]?.numberValue, let name { notes.largest.append((name, v)) }
            }
            notes.classes.sort { (order[$0.0] ?? 0) < (order[$1.0] ?? 0) }   // in the legend's order
            layers.append(notes)
        }
        focus = named ?? Self.focus(spec: spec, compiled: compiled, thematic: thematic)
    }

    /// The spec's focus, else the countries and regions its extent names, by their names in the data; nil when it
    /// names none. Looked up apart from the rest, which reads no source (and so may be written on another thread).
    static func named(spec: MapSpec, sources: SourceSet) -> [String]? {
        func resolved(_ names: [String]) -> [String] {
            var out: [String] = []
            for n in names {
                let found = (try? sources.places(named: n))?.first?.string("name") ?? n
                if !out.contains(found) { out.append(found) }
            }
            return out
        }
        if let f = spec.focus, !f.isEmpty { return resolved(f) }
        if case .features(let names) = spec.extent { return resolved(names) }
        return nil
    }

    /// The countries most of the thematic features lie in (each with at least a sixth of them), else the three
    /// largest on the page.
    private static func focus(spec: MapSpec, compiled: [CompiledLayer], thematic: Set<Int>) -> [String] {
        guard let countries = compiled.first(where: { spec.layers[$0.index].source == .builtIn("countries") }) else { return [] }
        let shapes = countries.drawn.compactMap { f in f.properties["name"]?.stringValue.map { ($0, f.shape.polygons) } }
        // Each polygon with its bounding box: a point outside the box crosses its rings an even number of times,
        // so the box alone answers for most of the (possibly 100,000) points.
        // Their edges in bands, too: a country's outline has thousands of edges, of which a point's ray meets a few.
        let boxed = shapes.map { name, polygons in
            (name, polygons.map { rings -> ((Double, Double, Double, Double), Coverage.BandedRings) in
                let all = rings.joined()
                let x0 = all.map(\.x).min() ?? 0, x1 = all.map(\.x).max() ?? 0
                let y0 = all.map(\.y).min() ?? 0, y1 = all.map(\.y).max() ?? 0
                return ((x0, y0, x1, y1), Coverage.BandedRings(rings))
            })
        }
        func inside(_ p: PagePoint, _ box: (Double, Double, Double, Double), _ rings: Coverage.BandedRings) -> Bool {
            p.x >= box.0 && p.x <= box.2 && p.y >= box.1 && p.y <= box.3 && rings.contains(p)
        }
        var counts: [String: Int] = [:], total = 0
        for layer in compiled where thematic.contains(layer.index) {
            for f in layer.drawn {
                guard let p = f.shape.points.first ?? f.shape.labelPoint?.point else { continue }
                total += 1
                if let hit = boxed.first(where: { $0.1.contains { inside(p, $0.0, $0.1) } }) { counts[hit.0, default: 0] += 1 }
            }
        }
        if total > 0 {
            let main = counts.filter { $0.value * 6 >= total }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            if !main.isEmpty { return main.prefix(4).map(\.key) }
        }
        var area: [String: Double] = [:]
        for (name, polygons) in shapes { area[name, default: 0] += polygons.reduce(0) { $0 + abs(Self.area($1.first ?? [])) } }
        return area.sorted { $0.value > $1.value }.prefix(3).map(\.key)
    }

    func text(title: String, subtitle: String?, time: String?, credits: String) -> String {
        var out: [String] = []
        // A caption or subtitle that ends its own sentence gets no second full stop.
        func sentence(_ s: String) -> String { s.last.map { ".!?".contains($0) } == true ? s : s + "." }
        out.append(sentence("Map" + (focus.isEmpty ? "" : " of " + Self.list(focus)) + ": " + title))
        if let subtitle { out.append(sentence(subtitle)) }
        if let time { out.append(sentence(time.prefix(1).uppercased() + time.dropFirst())) }
        for l in layers {
            if l.cells > 0 {
                let classes = l.classes.map { "\(Self.inSentence($0.0)) in \(Self.count($0.1.count, "hexagons"))" }
                out.append("It shows \(l.noun) binned into \(Self.count(l.cells, "hexagons")), shaded by their number" +
                           (classes.isEmpty ? "" : ": " + classes.joined(separator: ", ")) + ".")
                continue
            }
            if l.areas {
                out.append(Self.areaSentence(l))
                continue
            }
            var s = "It shows \(Self.count(l.drawn, l.noun))"
            if !l.categories.isEmpty {
                s += " (" + l.categories.sorted { $0.1 > $1.1 }.map { "\(Self.inSentence($0.0)) \($0.1)" }.joined(separator: ", ") + ")"
            }
            out.append(s + ".")
            for (legend, names) in l.classes {
                let named = names.filter { !$0.isEmpty }
                out.append(named.count == names.count && names.count <= 8
                           ? "\(legend): \(Self.list(names))."
                           : "\(legend): \(names.count).")
            }
            if !l.largest.isEmpty {
                let top = l.largest.sorted { $0.1 > $1.1 }.prefix(3).map { "\($0.0) (\(JSONValue.format($0.1)))" }
                out.append("The largest: \(top.joined(separator: ", ")).")
            }
        }
        out.append(credits.hasSuffix(".") ? credits : credits + ".")
        return out.joined(separator: " ")
    }

    /// Areas by class, a sentence per group: "JNIM: control of parts of the region in 2 regions (Mopti and Ségou);
    /// regular activity in 8 regions. ISWAP: regular activity in 3 regions (Diffa, Extrême-Nord and Yobe)." Classes
    /// whose legend names share a prefix ("JNIM: ") are said together, in the legend's order, the prefix once; names
    /// are listed for up to eight areas.
    private static func areaSentence(_ l: LayerNotes) -> String {
        var groups: [(prefix: String, parts: [String])] = []
        for (legend, names) in l.classes {
            let prefix = legend.range(of: ": ").map { String(legend[..<$0.upperBound]) } ?? ""
            // A place drawn twice in one class (two groups' rows of one region) is one place.
            var distinct: [String] = []
            for n in names where !n.isEmpty && !distinct.contains(n) { distinct.append(n) }
            let n = names.allSatisfy({ !$0.isEmpty }) ? distinct.count : names.count
            let what = String(legend.dropFirst(prefix.count))
            var part = "\(prefix.isEmpty ? what : inSentence(what)) in \(count(n, l.noun))"
            if n <= 8, distinct.count == n { part += " (\(list(distinct.sorted())))" }
            if let i = groups.firstIndex(where: { $0.prefix == prefix }) { groups[i].parts.append(part) }
            else { groups.append((prefix, [part])) }
        }
        return groups.map { g -> String in
            let body = g.parts.joined(separator: "; ")
            return (g.prefix.isEmpty ? body.prefix(1).uppercased() + body.dropFirst() : g.prefix + body) + "."
        }.joined(separator: " ")
    }

    /// "1 region", "8 regions", "1 massacre of civilians".
    static func count(_ n: Int, _ plural: String) -> String {
        guard n == 1 else { return "\(n) \(plural)" }
        var words = plural.split(separator: " ", maxSplits: 1).map(String.init)
        if words[0].hasSuffix("s") && !words[0].hasSuffix("ss") { words[0].removeLast() }
        return "1 " + words.joined(separator: " ")
    }

    /// A legend's class name inside a sentence: "Jihadist" → "jihadist", while "JNIM" and "IS Sahel" keep theirs.
    static func inSentence(_ s: String) -> String {
        let chars = Array(s)
        guard chars.count > 1, chars[0].isUppercase, chars[1].isLowercase else { return s }
        return chars[0].lowercased() + String(chars.dropFirst())
    }

    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    static func area(_ ring: [PagePoint]) -> Double {
        guard ring.count > 2 else { return 0 }
        var a = 0.0
        for k in 0..<(ring.count - 1) { a += ring[k].x * ring[k + 1].y - ring[k + 1].x * ring[k].y }
        return a / 2
    }
}
