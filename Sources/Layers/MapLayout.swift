/// How a map uses its page.
public enum MapLayout: Sendable, Equatable {
    /// Title block above the frame, sources below, legend, scale bar and inset inside: a map that stands alone.
    case full
    /// Only the map body, edge to edge, for a document that supplies its own caption and sources; with a thin
    /// frame line when `framed`.
    case bare(framed: Bool)
}
