/// What a map's date line says about the data behind it, beyond the date itself.
extension MapSpec {
    /// "levels as coded for 2021" when a layer shows yearly levels after their last coded year, else nil.
    public var levelsNote: String? {
        guard let day = time.stateDay else { return nil }
        let lasts = layers.compactMap { layer -> Int? in
            guard case .yearLevels(_, let years, _) = layer.time, let last = years.max(), day.year > last else { return nil }
            return last
        }
        return lasts.max().map { "levels as coded for \($0)" }
    }

    /// The date line: the time phrase ("as of 30 June 2024"), with the levels' own year when they are older
    /// ("as of 30 June 2024 (levels as coded for 2021)").
    public var timeLine: String? {
        guard let phrase = time.phrase else { return nil }
        return levelsNote.map { "\(phrase) (\($0))" } ?? phrase
    }
}
