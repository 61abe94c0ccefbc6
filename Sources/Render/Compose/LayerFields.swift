import Layers
import Style

extension MapSpec {
    /// The properties drawing `layer` reads from its features: a source read with only these (see `SourceSet`)
    /// gives the same map, report and alt text as one read whole. Nil when that cannot be known (no style for the
    /// layer): then everything is read.
    ///
    /// What is read: the layer's `where`; its style's rules (`when`, value functions, label templates and
    /// priorities, legend templates) and `largest-first` (`LayerStyle.fields`); its time fields
    /// (`TemporalKind.fields`); `<name>_by_date` for each of these (`TemporalKind.resolveDated`); and what the
    /// renderer itself reads from any feature (`implicitFields`). Aggregated cells and region counts are styled
    /// by their own properties (count, fatalities), not the events'.
    package func fieldsRead(by layer: Layer) -> Set<String>? {
        guard let layerStyle = style.layers[layer.style] else { return nil }
        var out = layerStyle.fields.union(layer.filter?.fields ?? []).union(layer.time.fields).union(Self.implicitFields)
        for name in out { out.insert(name + "_by_date") }
        return out
    }

    /// Properties the renderer reads from a layer's features whatever the style says.
    package static let implicitFields: Set<String> = Set(AltTextBuilder.nameKeys).union([
        "population",                     // Symbolizer: the weight of a label among equal priorities
        "fatalities", "fatalities_high",  // Hexagons.bin and RegionCounts.count: fatalities per cell or region
        "id", "part_of",                  // LayerCompiler: a part of another kept event is counted once
        "opening_known",                  // LayerCompiler: the note on things left out for an unknown opening date
        "level_note",                     // LayerCompiler and LegendBuilder: levels shown past their last coded year
    ])
}
