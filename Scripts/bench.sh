#!/usr/bin/env bash
# Benchmark of whole `sahelmap render` commands, release build (issue 13):
#   the default A4/300 dpi map to PNG; 10,000 and 100,000 synthetic ACLED events, one symbol each
#   (aggregate: none), to PNG and PDF; 1,000,000 events binned into hexagons (aggregate: auto) to PNG.
# For each: median wall time over RUNS runs, median peak RSS (/usr/bin/time), the median per-phase split from
# the render report, and the floor: draw + encode, the time to replay the finished Scene into Cairo and encode it
# (what any renderer drawing the same scene with Cairo pays), so "own" = wall - floor is SahelMap's own time.
# Targets (issue 13, medians on a 2-core machine): default PNG 0.25 s / 70 MiB; 10k PNG 0.30 s / 80 MiB;
# 10k PDF 0.25 s / 60 MiB; 100k PNG 0.55 s / 100 MiB; 1M binned PNG 2.5 s / 150 MiB.
#
# Usage: Scripts/bench.sh [runs]   (default 5)
#   SAHELMAP_BIN=path   time that binary instead of building .build/release/sahelmap (to compare two builds)
#   BENCH_ONLY=default,10k-png,10k-pdf,100k-png,100k-pdf,1m-png   a subset of the workloads
#   BENCH_DATA=dir      keep the generated CSVs there (default: a temporary folder)
# The machine's load average is printed first: other jobs on the cores make every number worse.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
if [ -n "${SAHELMAP_BIN:-}" ]; then
  bin=$SAHELMAP_BIN
else
  bash Scripts/setup.sh
  bash Scripts/swift-build.sh -c release --product sahelmap > "$dir/build.log" || { cat "$dir/build.log" >&2; exit 1; }
  tail -1 "$dir/build.log"
  bin=.build/release/sahelmap
fi
export SAHELMAP_HOME=${SAHELMAP_HOME:-$PWD}
data=${BENCH_DATA:-$dir}
mkdir -p "$data"
only=${BENCH_ONLY:-default,10k-png,10k-pdf,100k-png,100k-pdf,1m-png}
wants() { [[ ",$only," == *",$1,"* ]]; }

events() {   # N: the CSV of N synthetic events (the same bytes every time: gen-acled.py is deterministic)
  local f="$data/acled-$1.csv"
  [ -s "$f" ] || python3 Scripts/gen-acled.py "$1" "$f" >/dev/null
  echo "$f"
}
spec() {   # N AGGREGATE: a spec drawing the default layers with N events on top
  local s="$dir/events-$1-$2.yaml"
  cat > "$s" <<YAML
title: $1 synthetic events (benchmark)
theme: briefing
extent: [-17.6, 4.2, 24.2, 25.2]
layers: [countries, lakes, regions, rivers, borders, places, { id: events, source: $(events "$1"), aggregate: $2 }]
YAML
  echo "$s"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $runs runs each; binary $bin"
printf '%-20s %8s %8s %8s %8s  %s\n' workload "wall ms" "MiB" "floor ms" "own ms" "median phases (ms)"
run() {   # NAME OUT-EXT [SPEC]
  local name=$1 ext=$2 spec=${3:-}
  local args=(render)
  [ -n "$spec" ] && args+=("$spec")
  "$bin" "${args[@]}" -o "$dir/warm.$ext" --no-alt-text >/dev/null 2>&1 || "$bin" "${args[@]}" -o "$dir/warm.$ext" >/dev/null
  rm -f "$dir"/wall-* "$dir"/rss-* "$dir"/report-*
  for i in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$dir/rss-$i" "$bin" "${args[@]}" -o "$dir/out.$ext" --report "$dir/report-$i.json" >/dev/null 2>"$dir/stderr"
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 )) > "$dir/wall-$i"
  done
  python3 - "$dir" "$runs" "$name" <<'PY'
import json, statistics, sys
d, n, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
med = statistics.median
wall = med(int(open(f"{d}/wall-{i}").read()) / 1000 for i in range(1, n + 1))
rss = med(int(open(f"{d}/rss-{i}").read().split()[-1]) / 1024 for i in range(1, n + 1))
t = [json.load(open(f"{d}/report-{i}.json"))["timings"] for i in range(1, n + 1)]
phase = {p: med(r[p + "Ms"] for r in t) for p in ["read", "project", "label", "draw", "encode", "write", "total"]}
floor = med(r["drawMs"] + r["encodeMs"] for r in t)
split = ", ".join(f"{p} {v:.0f}" for p, v in phase.items()) + f", outside {wall - phase['total']:.0f}"
print(f"{name:<20} {wall:8.0f} {rss:8.1f} {floor:8.0f} {wall - floor:8.0f}  {split}")
PY
}
wants default && run "default PNG" png
wants 10k-png && run "10k events PNG" png "$(spec 10000 none)"
wants 10k-pdf && run "10k events PDF" pdf "$(spec 10000 none)"
wants 100k-png && run "100k events PNG" png "$(spec 100000 none)"
wants 100k-pdf && run "100k events PDF" pdf "$(spec 100000 none)"
wants 1m-png && run "1M binned PNG" png "$(spec 1000000 auto)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
