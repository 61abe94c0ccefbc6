import Formats

extension MapSpec {
    /// A file source that is not a CSV: `.geoJSON` for a `.geojson`/`.json` file with no layer named, else
    /// `.vector` (GeoPackage, Shapefile, zip) with the layer from `#name` or `layer:`. Either way the format is
    /// recognised by content when it is read.
    static func fileSource(_ path: String, layer: String?) -> DataSource {
        let (file, hashLayer) = VectorFile.split(path)
        let chosen = layer ?? hashLayer
        let ext = file.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if chosen == nil && ["geojson", "json"].contains(ext) { return .geoJSON(path: file) }
        return .vector(path: file, layer: chosen)
    }
}
