import Layers
import Style

extension MapSpec {
    /// The properties drawing `layer` reads from its features: a source read with only these (see `SourceSet`)
    /// gives the same map, report and alt text as one read whole. Nil when that cannot be known (no style for the
    /// layer): then everything is read.
    ///
    /// What is read: the layer's `where`; its time fields at the map's date or period (`TemporalKind.fields`);
    /// `<name>_by_date` for each field (`TemporalKind.resolveDated`); what the compiler reads from any feature
    /// (`compilerFields`); and, unless the layer is always aggregated (`aggregate: SIZE` or `regions`, whose
    /// cells and regions are styled and described by their own count and fatalities, and only their label
    /// templates' fields are looked for in the events), its style's rules (`when`,
    /// value functions, label templates and priorities, legend templates) and `largest-first`
    /// (`LayerStyle.fields`), and what drawing and describing a feature reads (`drawnFields`).
    /// - Parameter binned: For `aggregate: auto`, the fields read if its events are binned (a first, slim read of
    ///   a large source; the compiler asks for the rest when it draws the events one by one after all).
    package func fieldsRead(by layer: Layer, binned: Bool = false) -> Set<String>? {
        guard let layerStyle = style.layers[layer.style] else { return nil }
        var out = (layer.filter?.fields ?? []).union(layer.time.fields(at: time)).union(Self.compilerFields)
        // The compiler looks for the label fields of the style that drew the layer in the events themselves (a
        // field no event has is a warning), cells and regions included.
        func labelFields(_ s: LayerStyle) -> Set<String> { Set(s.rules.compactMap(\.label).flatMap(\.fields)) }
        let cells = style.layers[layer.style + "-hexagons"] ?? Hexagons.defaultStyle
        switch layer.aggregation {
        case .hexagons: out.formUnion(labelFields(cells))
        case .regions: out.formUnion(labelFields(style.layers[layer.style + "-regions"] ?? RegionCounts.defaultStyle))
        case .auto where binned: out.formUnion(labelFields(cells))
        case .auto: out.formUnion(labelFields(cells).union(layerStyle.fields).union(Self.drawnFields))
        case .none: out.formUnion(layerStyle.fields.union(Self.drawnFields))
        }
        for name in out { out.insert(name + "_by_date") }
        return out
    }

    /// Properties the layer compiler reads from every feature of a layer, aggregated or not.
    package static let compilerFields: Set<String> = [
        "fatalities", "fatalities_high",  // Hexagons.bin and RegionCounts.count: fatalities per cell or region
        "id", "part_of",                  // a part of another kept event is counted once
        "opening_known", "name",          // the note on things left out for an unknown opening date
        "level_note",                     // and LegendBuilder: levels shown past their last coded year
    ]

    /// Properties read from a feature drawn as itself, whatever its style says.
    package static let drawnFields: Set<String> = Set(AltTextBuilder.nameKeys).union([
        "population",                     // Symbolizer: the weight of a label among equal priorities
    ])
}
