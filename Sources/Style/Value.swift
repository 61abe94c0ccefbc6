import Geometry

/// A style value: a constant, or a function of one feature property in the spirit of MapLibre's
/// `match`, `step` and `interpolate`.
package enum Value<T: Sendable & Equatable>: Sendable, Equatable {
    case constant(T)
    /// The property's value (as text) picks a case; anything else gets `fallback`.
    case match(property: String, cases: [String: T], fallback: T)
    /// `base` below the first stop; at or above a stop's input, that stop's output (graduated classes).
    case step(property: String, base: T, stops: [Stop])
    /// Interpolated between stops: `linear`, or `sqrt` (areas proportional to the value: radius ∝ √value).
    case interpolate(property: String, curve: Curve, stops: [Stop])

    package struct Stop: Sendable, Equatable {
        package var input: Double
        package var output: T
        package init(_ input: Double, _ output: T) { self.input = input; self.output = output }
    }

    package enum Curve: String, Sendable, CaseIterable { case linear, sqrt }

    /// The property the value reads, if any.
    package var property: String? {
        switch self {
        case .constant: nil
        case .match(let p, _, _), .step(let p, _, _), .interpolate(let p, _, _): p
        }
    }
}

extension Value {
    func resolve(_ properties: [String: JSONValue], mix: (T, T, Double) -> T) -> T? {
        switch self {
        case .constant(let v): return v
        case .match(let p, let cases, let fallback):
            switch properties[p] {
            case .string(let s)?: return cases[s] ?? fallback
            case .number(let n)?: return cases[JSONValue.format(n)] ?? fallback
            case .bool(let b)?: return cases["\(b)"] ?? fallback
            default: return fallback
            }
        case .step(let p, let base, let stops):
            guard let x = properties[p]?.numberValue else { return nil }
            return stops.last { x >= $0.input }?.output ?? base
        case .interpolate(let p, let curve, let stops):
            guard let x = properties[p]?.numberValue, let first = stops.first, let last = stops.last else { return nil }
            if x <= first.input { return first.output }
            if x >= last.input { return last.output }
            let k = stops.firstIndex { $0.input > x }!
            let a = stops[k - 1], b = stops[k]
            var t = (x - a.input) / (b.input - a.input)
            if curve == .sqrt {
                // Area-true: output² is linear in the input, so a value 4× as large gets 2× the radius.
                t = ((x - a.input).squareRoot()) / ((b.input - a.input).squareRoot())
                if a.input == 0 { t = (x / b.input).squareRoot() }
            }
            return mix(a.output, b.output, t)
        }
    }
}

extension Value where T == Double {
    /// The number for a feature; nil when the property it needs is missing or not a number.
    package func value(for properties: [String: JSONValue]) -> Double? {
        resolve(properties) { a, b, t in a + (b - a) * t }
    }
}

extension Value where T == Color {
    /// The colour for a feature; nil when the property it needs is missing or not a number.
    package func value(for properties: [String: JSONValue]) -> Color? {
        resolve(properties) { a, b, t in
            Color(red: a.red + (b.red - a.red) * t, green: a.green + (b.green - a.green) * t,
                  blue: a.blue + (b.blue - a.blue) * t, alpha: a.alpha + (b.alpha - a.alpha) * t)
        }
    }
}
