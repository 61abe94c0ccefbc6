import Testing
@testable import Build

@Suite struct ManifestTests {
    /// Known SHA-256 values (FIPS 180-2 examples), through libcrypto.
    @Test func sha256OfKnownStrings() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func changesBetweenSummaries() {
        typealias L = MapSummary.LayerSummary
        let old = MapSummary(layers: [L(id: "events", source: "e.csv", featuresRead: 23, featuresDrawn: 23, classesDrawn: ["Battles"], labelsDropped: 1)])
        let new = MapSummary(layers: [L(id: "events", source: "e.csv", featuresRead: 15, featuresDrawn: 15, classesDrawn: ["Riots"], labelsDropped: 1)])
        #expect(new.changes(since: old) == ["events: features drawn 23 → 15 (-8); legend classes +\"Riots\" -\"Battles\""])
        #expect(old.changes(since: old) == [])
    }

    @Test func shrinkMessageHasBothCounts() {
        let e = BuildError.shrink(spec: "Maps/l.yaml", layer: "events", source: "Maps/data/e.csv", before: 24, now: 12)
        #expect(e.description == "Maps/l.yaml: layer events: Maps/data/e.csv yields 12 features, 24 at the last successful build (50 % fewer); refused: use --accept-shrink if this is right")
    }
}

@Suite struct ShardTests {
    func resolve(_ flag: String? = nil, count: Int? = nil, _ env: [String: String] = [:]) -> String {
        do { return try Shard.resolve(flag: flag, shardCount: count, environment: env).map(\.description) ?? "none" } catch {
            return "error: \(error)"
        }
    }

    @Test func precedenceAndSchedulers() {
        #expect(resolve() == "none")
        #expect(resolve("2/4", ["SAHELMAP_SHARD": "1/4"]) == "shard 2/4 (from --shard)")
        #expect(resolve(nil, ["SAHELMAP_SHARD": "1/4", "CI_NODE_INDEX": "3", "CI_NODE_TOTAL": "4"]) == "shard 1/4 (from SAHELMAP_SHARD=1/4)")
        #expect(resolve(nil, count: 3, ["JOB_COMPLETION_INDEX": "0"]) == "shard 1/3 (from JOB_COMPLETION_INDEX=0, --shard-count=3)")
        #expect(resolve(nil, ["JOB_COMPLETION_INDEX": "2", "SAHELMAP_SHARD_COUNT": "3"]) == "shard 3/3 (from JOB_COMPLETION_INDEX=2, SAHELMAP_SHARD_COUNT=3)")
        #expect(resolve(nil, ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "8", "SLURM_ARRAY_TASK_MIN": "0"]) == "shard 3/8 (from SLURM_ARRAY_TASK_ID=2, MIN=0, COUNT=8)")
        #expect(resolve(nil, ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_STEP": "2"]) == "shard 3/3 (from SLURM_ARRAY_TASK_ID=5, MIN=1, COUNT=3)")
        #expect(resolve(nil, ["AWS_BATCH_JOB_ARRAY_INDEX": "0", "AWS_BATCH_JOB_ARRAY_SIZE": "2"]) == "shard 1/2 (from AWS_BATCH_JOB_ARRAY_INDEX=0, SIZE=2)")
        #expect(resolve(nil, ["CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "2"]) == "shard 2/2 (from CI_NODE_INDEX=2, CI_NODE_TOTAL=2)")
    }

    @Test func badShardsAreErrors() {
        #expect(resolve("0/4") == "error: --shard: shard 0 of 4 is outside 1…4 (shards are 1-based)")
        #expect(resolve("5/4") == "error: --shard: shard 5 of 4 is outside 1…4 (shards are 1-based)")
        #expect(resolve("2of4") == "error: --shard: expected I/N like 2/4 (1-based), found \"2of4\"")
        #expect(resolve(nil, ["JOB_COMPLETION_INDEX": "1"]) == "error: JOB_COMPLETION_INDEX=1 is set but not the number of shards: pass --shard-count N or set SAHELMAP_SHARD_COUNT")
        #expect(resolve(nil, ["SLURM_ARRAY_TASK_ID": "1"]) == "error: SLURM_ARRAY_TASK_ID=1 is set but not SLURM_ARRAY_TASK_COUNT")
        #expect(resolve(nil, ["CI_NODE_INDEX": "x", "CI_NODE_TOTAL": "2"]) == "error: CI_NODE_INDEX: expected a whole number, found \"x\"")
    }

    @Test func roundRobin() throws {
        let s = try #require(try Shard.resolve(flag: "2/3", shardCount: nil, environment: [:]))
        #expect((0..<7).filter(s.owns) == [1, 4])
        #expect(s.manifestName == "manifest.shard-2-of-3.json")
    }
}
