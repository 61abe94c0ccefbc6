import Geometry
import Style

/// A short plain-text description of a map, from its layers and what they drew, for alt text and captions:
/// "Map of Mali, Niger and Burkina Faso: Massacres of civilians … It shows 26 massacres of civilians (jihadist 16,
/// militia 6, state 3, foreign 1). The largest: Yirgou (210), Djibo (180), …".
struct AltTextBuilder {
    /// Layers that only give context; the description names what the thematic layers show.
    static let basemap: Set<String> = ["countries", "lakes", "regions", "rivers", "borders", "places", "towns"]
    static let nouns: [String: String] = [
        "massacres": "massacres of civilians", "bases": "military bases", "events": "events",
        "presence-jnim": "regions with JNIM activity", "presence-is": "regions with Islamic State activity",
        "presence-ansarul": "regions with Ansarul Islam activity", "presence-new": "regions where a group is newly active",
        "presence-not-assessed": "regions not assessed (no group coded)",
        "new-regions": "first-level units newer than the boundaries drawn, named without an outline",
    ]

    private struct LayerNotes {
        var id: String
        var drawn = 0
        var categories: [(String, Int)] = []
        var classes: [(String, [String])] = []
        var largest: [(String, Double)] = []
        var sizeKey: String?
        var cells = 0
    }
    private var layers: [LayerNotes] = []
    /// Visible area of each country on the page, for "Map of …".
    private var countryArea: [String: Double] = [:]

    mutating func note(layer: String, style: LayerStyle, rule: Rule, properties: [String: JSONValue], shape: ProjectedFeature,
                       hexagon: Bool) {
        if layer == "countries", let name = properties["name"]?.stringValue {
            countryArea[name, default: 0] += shape.polygons.reduce(0) { $0 + abs(Self.area($1.first ?? [])) }
        }
        guard !Self.basemap.contains(layer) else { return }
        if layers.last?.id != layer { layers.append(LayerNotes(id: layer, sizeKey: style.drawLargestFirstBy)) }
        var notes = layers.removeLast()
        notes.drawn += 1
        if hexagon { notes.cells += 1 }
        // region_name: an old unit named with what it holds on the map's date ("Gao (incl. Ménaka)").
        let name = ["label", "region_name", "name", "location", "admin1"].lazy.compactMap { properties[$0]?.stringValue }.first
        for symbolizer in rule.symbolizers {
            var property: String?
            switch symbolizer {
            case .marker(let m): property = m.fill?.property.flatMap { if case .match? = m.fill { $0 } else { nil } }
            case .fill(let f): property = f.color?.property.flatMap { if case .match? = f.color { $0 } else { nil } }
            case .line: break
            }
            if let p = property, let key = properties[p]?.stringValue {
                if let i = notes.categories.firstIndex(where: { $0.0 == key }) { notes.categories[i].1 += 1 }
                else { notes.categories.append((key, 1)) }
            }
        }
        if let legend = LegendBuilder.legendText(rule, properties), !legend.lowercased().contains("location"), let name {
            let shown = rule.label?.text(for: properties) ?? name
            if let i = notes.classes.firstIndex(where: { $0.0 == legend }) { notes.classes[i].1.append(shown) }
            else { notes.classes.append((legend, [shown])) }
        }
        if let key = notes.sizeKey, let v = properties[key]?.numberValue, let name {
            notes.largest.append((name, v))
        }
        layers.append(notes)
    }

    func text(title: String, subtitle: String?, time: String?, credits: String) -> String {
        var out: [String] = []
        let countries = countryArea.sorted { $0.value > $1.value }.prefix(3).map(\.key)
        out.append("Map" + (countries.isEmpty ? "" : " of " + Self.list(countries)) + ": " + title + ".")
        if let subtitle { out.append(subtitle + ".") }
        if let time { out.append(time.prefix(1).uppercased() + time.dropFirst() + ".") }
        for l in layers where l.drawn > 0 {
            let noun = Self.nouns[l.id] ?? l.id.replacingOccurrences(of: "-", with: " ")
            if l.cells > 0 {
                out.append("It shows \(noun) binned into \(l.cells) hexagons, shaded by the number of events.")
                continue
            }
            var s = "It shows \(l.drawn) \(noun)"
            if !l.categories.isEmpty {
                s += " (" + l.categories.sorted { $0.1 > $1.1 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ")"
            }
            out.append(s + ".")
            for (legend, names) in l.classes where names.count <= 8 {
                out.append("\(legend): \(Self.list(names)).")
            }
            if !l.largest.isEmpty {
                let top = l.largest.sorted { $0.1 > $1.1 }.prefix(3).map { "\($0.0) (\(JSONValue.format($0.1)))" }
                out.append("The largest: \(top.joined(separator: ", ")).")
            }
        }
        out.append(credits.hasSuffix(".") ? credits : credits + ".")
        return out.joined(separator: " ")
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

extension AltTextBuilder {
    /// The notes of what the compiled layers drew, in layer order.
    init(_ layers: [CompiledLayer]) {
        self.init()
        for layer in layers {
            for f in layer.drawn {
                note(layer: layer.id, style: layer.style, rule: f.rule, properties: f.properties, shape: f.shape, hexagon: layer.aggregated)
            }
        }
    }
}
