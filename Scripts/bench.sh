#!/usr/bin/env bash
# Benchmark: the default A4 landscape PNG at 300 dpi, release build, wall time of the whole command.
# Usage: Scripts/bench.sh [runs]   (default 10). Prints min and median wall time and the median time per phase
# from the render report. Target (issue 2): at most 1 s wall time on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
bash Scripts/setup.sh
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bash Scripts/swift-build.sh -c release --product sahelmap > "$dir/build.log" || { cat "$dir/build.log" >&2; exit 1; }
tail -1 "$dir/build.log"
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

# The same page with 10,000 synthetic ACLED events on top of the default layers (issue 3 target: within 1.5× of
# the default map's time): as SahelMap draws them by default (more than 2,000 events in view are binned into
# hexagons), and forced to one symbol per event (aggregate: none).
python3 Scripts/gen-acled.py 10000 "$dir/events.csv" >/dev/null
for mode in auto none; do
  cat > "$dir/events-$mode.yaml" <<YAML
title: 10,000 synthetic events (benchmark)
theme: briefing
extent: [-17.6, 4.2, 24.2, 25.2]
layers: [countries, lakes, regions, rivers, borders, places, { id: events, source: events.csv, aggregate: $mode }]
YAML
  .build/release/sahelmap render "$dir/events-$mode.yaml" -o "$dir/warm.png" >/dev/null
  rm -f "$dir/ewall.txt"
  for i in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    .build/release/sahelmap render "$dir/events-$mode.yaml" -o "$dir/events.png" --report "$dir/ereport-$i.json" >/dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 )) >> "$dir/ewall.txt"
  done
  python3 - "$dir" "$runs" "$mode" <<'PY'
import json, statistics, sys
d, n, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
base = statistics.median(int(x) / 1000 for x in open(f"{d}/wall.txt"))
wall = [int(x) / 1000 for x in open(f"{d}/ewall.txt")]
med = statistics.median(wall)
label = "hexagons (default)" if mode == "auto" else "one symbol per event"
print(f"10,000-event A4/300 dpi PNG, {label}, {n} runs: wall min {min(wall):.0f} ms, median {med:.0f} ms = {med / base:.2f}x the default map")
phases = ["readMs", "projectMs", "labelMs", "drawMs", "encodeMs", "writeMs", "totalMs"]
reports = [json.load(open(f"{d}/ereport-{i}.json"))["timings"] for i in range(1, n + 1)]
print("  median per phase (ms): " + ", ".join(f"{p[:-2]} {statistics.median(r[p] for r in reports):.0f}" for p in phases))
PY
done
