/// Why `sahelmap build` could not build a map, or could not start.
package enum BuildError: Error, Equatable, CustomStringConvertible {
    /// The manifest exists and is not one.
    case manifest(path: String, reason: String)
    /// An output differs from what the last build wrote: someone edited it.
    case handEdited(spec: String, output: String, expected: String, found: String)
    /// A source yielded far fewer features than at the last successful build.
    case shrink(spec: String, layer: String, source: String, before: Int, now: Int)
    /// `--strict` (or `strict: true`) and the render had warnings.
    case strict(spec: String, count: Int)
    /// Another build holds the lock (`--no-wait`).
    case locked(path: String)
    /// A path given is neither a spec nor a folder of specs.
    case noSpecs(path: String)
    /// A spec asks for something a build cannot give (an unknown page, an output that is no image).
    case badSpec(spec: String, message: String)

    package var description: String {
        switch self {
        case .manifest(let path, let reason):
            return "\(path): cannot read the build manifest (\(reason)); delete it to rebuild everything"
        case .handEdited(let spec, let output, let expected, let found):
            return "\(spec): \(output) was edited by hand (sha256 \(short(found)), the last build wrote \(short(expected))); not overwritten: use --force to replace it"
        case .shrink(let spec, let layer, let source, let before, let now):
            let pct = before > 0 ? Int((Double(before - now) / Double(before) * 100).rounded()) : 0
            return "\(spec): layer \(layer): \(source) yields \(now) features, \(before) at the last successful build (\(pct) % fewer); refused: use --accept-shrink if this is right"
        case .strict(let spec, let count):
            return "\(spec): \(count) warning\(count == 1 ? "" : "s") with --strict (or strict: true in the spec); nothing written"
        case .locked(let path):
            return "another sahelmap build holds \(path); not waiting (--no-wait)"
        case .noSpecs(let path):
            return "\(path): expected a map spec (.yaml) or a folder of them"
        case .badSpec(let spec, let message):
            return "\(spec): \(message)"
        }
    }
}

/// `ab12cd34…` for messages.
package func short(_ sha: String) -> String { String(sha.prefix(8)) + "…" }
