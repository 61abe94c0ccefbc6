#!/usr/bin/env bash
# Benchmark: the default A4 landscape PNG at 300 dpi, release build, wall time of the whole command.
# Usage: Scripts/bench.sh [runs]   (default 10). Prints min and median wall time and the median time per phase
# from the render report. Target (issue 2): at most 1 s wall time on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
bash Scripts/setup.sh
swift build -c release --product sahelmap 2>&1 | grep -v "prohibited flag(s): -pthread" | tail -1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
.build/release/sahelmap render -o "$dir/warm.png" >/dev/null   # warm the page cache
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  .build/release/sahelmap render -o "$dir/map.png" --report "$dir/report-$i.json" >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000 )) >> "$dir/wall.txt"
done
python3 - "$dir" "$runs" <<'PY'
import json, statistics, sys
d, n = sys.argv[1], int(sys.argv[2])
wall = [int(x) / 1000 for x in open(f"{d}/wall.txt")]
print(f"default A4/300 dpi PNG, {n} runs: wall min {min(wall):.0f} ms, median {statistics.median(wall):.0f} ms")
phases = ["readMs", "projectMs", "labelMs", "drawMs", "encodeMs", "writeMs", "totalMs"]
reports = [json.load(open(f"{d}/report-{i}.json"))["timings"] for i in range(1, n + 1)]
print("median per phase (ms): " + ", ".join(f"{p[:-2]} {statistics.median(r[p] for r in reports):.0f}" for p in phases))
PY
