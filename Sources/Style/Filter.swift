import Geometry

/// Selects features by their properties.
public indirect enum Filter: Sendable, Equatable {
    case always
    /// The property's value, a string or a number as written in JSON, is one of `values`.
    case oneOf(property: String, values: [String])
    /// The property's numeric value is at least / at most the bound.
    case atLeast(property: String, value: Double)
    case atMost(property: String, value: Double)
    case not(Filter)
    case all([Filter])

    public func matches(_ f: Feature) -> Bool {
        switch self {
        case .always: true
        case .oneOf(let p, let values):
            switch f.properties[p] {
            case .string(let s)?: values.contains(s)
            case .number(let n)?: values.contains(JSONValue.format(n))
            default: false
            }
        case .atLeast(let p, let v): f.number(p).map { $0 >= v } ?? false
        case .atMost(let p, let v): f.number(p).map { $0 <= v } ?? false
        case .not(let g): !g.matches(f)
        case .all(let gs): gs.allSatisfy { $0.matches(f) }
        }
    }
}

/// A filter and what to draw for the features it matches. In a layer, the first matching rule wins.
public struct Rule: Sendable, Equatable {
    public var filter: Filter
    public var symbolizers: [Symbolizer]
    public var label: LabelStyle?
    /// Higher priority labels are placed first and win collisions.
    public var labelPriority: Int
    public init(filter: Filter = .always, symbolizers: [Symbolizer], label: LabelStyle? = nil, labelPriority: Int = 0) {
        self.filter = filter
        self.symbolizers = symbolizers
        self.label = label
        self.labelPriority = labelPriority
    }
}
