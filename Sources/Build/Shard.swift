/// One part of a build split across machines: shard `index` of `count`, 1-based (as Playwright and Jest).
/// Spec paths sorted by bytes are dealt round-robin: shard I takes every k-th spec (0-based k) with
/// k mod N = I − 1, so maps of similar cost spread evenly. Each shard writes its own manifest part
/// (`manifest.shard-I-of-N.json`); `sahelmap build --merge` folds the parts into `manifest.json`.
package struct Shard: Equatable, Sendable, CustomStringConvertible {
    package var index: Int
    package var count: Int
    /// Where it came from: `--shard`, `SAHELMAP_SHARD=2/4`, `SLURM_ARRAY_TASK_ID=3, MIN=1, COUNT=4`.
    package var origin: String

    package var description: String { "shard \(index)/\(count) (from \(origin))" }

    /// The manifest part this shard writes.
    package var manifestName: String { "manifest.shard-\(index)-of-\(count).json" }

    /// Whether the spec at `position` of the sorted list belongs to this shard.
    package func owns(_ position: Int) -> Bool { position % count == index - 1 }

    /// The shard asked for: the flag, else `SAHELMAP_SHARD=I/N`, else the first complete scheduler pair —
    /// `JOB_COMPLETION_INDEX` (0-based; total from `--shard-count` or `SAHELMAP_SHARD_COUNT`),
    /// `SLURM_ARRAY_TASK_ID` with `_COUNT` (and `_MIN`, `_STEP`), `AWS_BATCH_JOB_ARRAY_INDEX`/`_SIZE` (0-based),
    /// `CI_NODE_INDEX`/`CI_NODE_TOTAL` (GitLab, 1-based) — else nil (the whole build).
    /// - Throws: `ShardError` for a value that is not a shard, an index outside 1…N, or a half-set pair.
    package static func resolve(flag: String?, shardCount: Int?, environment env: [String: String]) throws(ShardError) -> Shard? {
        if let flag { return try parse(flag, origin: "--shard") }
        if let s = env["SAHELMAP_SHARD"], !s.isEmpty { return try parse(s, origin: "SAHELMAP_SHARD=\(s)") }
        func int(_ name: String) throws(ShardError) -> Int? {
            guard let v = env[name], !v.isEmpty else { return nil }
            guard let n = Int(v) else { throw ShardError("\(name): expected a whole number, found \"\(v)\"") }
            return n
        }
        if let k = try int("JOB_COMPLETION_INDEX") {
            let fromEnvironment = try int("SAHELMAP_SHARD_COUNT")
            guard let n = shardCount ?? fromEnvironment else {
                throw ShardError("JOB_COMPLETION_INDEX=\(k) is set but not the number of shards: pass --shard-count N or set SAHELMAP_SHARD_COUNT")
            }
            return try make(k + 1, n, origin: "JOB_COMPLETION_INDEX=\(k), \(shardCount != nil ? "--shard-count" : "SAHELMAP_SHARD_COUNT")=\(n)")
        }
        if let id = try int("SLURM_ARRAY_TASK_ID") {
            guard let n = try int("SLURM_ARRAY_TASK_COUNT") else {
                throw ShardError("SLURM_ARRAY_TASK_ID=\(id) is set but not SLURM_ARRAY_TASK_COUNT")
            }
            let min = try int("SLURM_ARRAY_TASK_MIN") ?? 0, step = try int("SLURM_ARRAY_TASK_STEP") ?? 1
            guard step > 0, (id - min) % step == 0 else {
                throw ShardError("SLURM_ARRAY_TASK_ID=\(id) is not on the array's range (MIN=\(min), STEP=\(step)); use --shard I/N")
            }
            return try make((id - min) / step + 1, n, origin: "SLURM_ARRAY_TASK_ID=\(id), MIN=\(min), COUNT=\(n)")
        }
        if let k = try int("AWS_BATCH_JOB_ARRAY_INDEX") {
            guard let n = try int("AWS_BATCH_JOB_ARRAY_SIZE") else {
                throw ShardError("AWS_BATCH_JOB_ARRAY_INDEX=\(k) is set but not AWS_BATCH_JOB_ARRAY_SIZE")
            }
            return try make(k + 1, n, origin: "AWS_BATCH_JOB_ARRAY_INDEX=\(k), SIZE=\(n)")
        }
        if let k = try int("CI_NODE_INDEX") {
            guard let n = try int("CI_NODE_TOTAL") else { throw ShardError("CI_NODE_INDEX=\(k) is set but not CI_NODE_TOTAL") }
            return try make(k, n, origin: "CI_NODE_INDEX=\(k), CI_NODE_TOTAL=\(n)")
        }
        return nil
    }

    /// `I/N`.
    static func parse(_ text: String, origin: String) throws(ShardError) -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw ShardError("\(origin): expected I/N like 2/4 (1-based), found \"\(text)\"")
        }
        return try make(i, n, origin: origin)
    }

    static func make(_ i: Int, _ n: Int, origin: String) throws(ShardError) -> Shard {
        guard n >= 1, (1...n).contains(i) else {
            throw ShardError("\(origin): shard \(i) of \(n) is outside 1…\(max(n, 1)) (shards are 1-based)")
        }
        return Shard(index: i, count: n, origin: origin)
    }
}

/// A shard that cannot be one.
package struct ShardError: Error, Equatable, CustomStringConvertible {
    package var description: String
    init(_ d: String) { description = d }
}
