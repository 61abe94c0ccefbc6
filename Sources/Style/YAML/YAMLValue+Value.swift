import Geometry

/// The keys of a data-driven value: `{ match: p, cases: {…}, default: x }`, `{ step: p, base: x, stops: […] }`,
/// `{ interpolate: p, curve: sqrt, stops: […] }`. Held as values, then checked together.
private struct FunctionKeys {
    var match, cases, fallback, step, base, interpolate, curve, stops: YAMLValue?

    static let schema = Schema<FunctionKeys>([
        "match": { $0.match = $1 },
        "cases": { $0.cases = $1 },
        "default": { $0.fallback = $1 },
        "step": { $0.step = $1 },
        "base": { $0.base = $1 },
        "interpolate": { $0.interpolate = $1 },
        "curve": { $0.curve = $1 },
        "stops": { $0.stops = $1 },
    ])
}

extension YAMLValue {
    /// A `Value` of numbers or colours: a constant read by `leaf`, or `{match|step|interpolate: property, …}`.
    package func value<T>(_ leaf: (YAMLValue) -> T?) -> Value<T>? {
        if scalar != nil { return leaf(self).map { .constant($0) } }
        var f = FunctionKeys()
        guard FunctionKeys.schema.read(self, into: &f) else { return nil }
        if let match = f.match {
            guard let property = match.string() else { return nil }
            guard let casesValue = f.cases else { problem("expected \"cases\" with \"match\""); return nil }
            guard let fallbackValue = f.fallback else { problem("expected \"default\" with \"match\""); return nil }
            var cases: [String: T] = [:]
            for (key, v) in casesValue.entries() ?? [] { if let t = leaf(v) { cases[key] = t } }
            guard let fallback = leaf(fallbackValue) else { return nil }
            return .match(property: property, cases: cases, fallback: fallback)
        }
        if let step = f.step {
            guard let property = step.string() else { return nil }
            guard let baseValue = f.base else { problem("expected \"base\" (the value below the first stop) with \"step\""); return nil }
            guard let base = leaf(baseValue), let stops = stops(f.stops, leaf) else { return nil }
            return .step(property: property, base: base, stops: stops)
        }
        if let interpolate = f.interpolate {
            guard let property = interpolate.string() else { return nil }
            var curve = Value<T>.Curve.linear
            if let c = f.curve {
                guard let name = c.oneOf(Value<T>.Curve.self) else { return nil }
                curve = name
            }
            guard let stops = stops(f.stops, leaf) else { return nil }
            return .interpolate(property: property, curve: curve, stops: stops)
        }
        problem("expected a constant or a mapping with match, step or interpolate")
        return nil
    }

    /// `stops: [[input, output], …]`, inputs increasing.
    private func stops<T>(_ value: YAMLValue?, _ leaf: (YAMLValue) -> T?) -> [Value<T>.Stop]? {
        guard let value else { problem("expected \"stops\": a list of [input, output] pairs"); return nil }
        guard let items = value.list() else { return nil }
        var out: [Value<T>.Stop] = []
        for item in items {
            guard let pair = item.items, pair.count == 2 else {
                item.problem("expected a pair [input, output], found \(item.found)")
                return nil
            }
            guard let x = pair[0].double(), let y = leaf(pair[1]) else { return nil }
            if let last = out.last, x <= last.input {
                item.problem("expected stops in increasing order of input, found \(JSONValue.format(x)) after \(JSONValue.format(last.input))")
                return nil
            }
            out.append(.init(x, y))
        }
        if out.isEmpty { value.problem("expected at least one stop"); return nil }
        return out
    }
}
