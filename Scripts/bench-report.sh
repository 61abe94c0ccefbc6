#!/usr/bin/env bash
# Benchmark: `sahelmap report` on the shipped sample (Reports/central-sahel-2021.md → PDF), release build, wall time
# of the whole command. Usage: Scripts/bench-report.sh [runs]   (default 5). Target: under 2 s.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bash Scripts/setup.sh
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bash Scripts/swift-build.sh -c release --product sahelmap > "$dir/build.log" || { cat "$dir/build.log" >&2; exit 1; }
tail -1 "$dir/build.log"
.build/release/sahelmap report -o "$dir/warm.pdf" >/dev/null   # warm the page cache
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  .build/release/sahelmap report -o "$dir/report.pdf" --creation-date 2026-01-01T00:00:00Z >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000 )) >> "$dir/wall.txt"
done
pages=$(pdfinfo "$dir/report.pdf" | awk '/^Pages:/ {print $2}')
python3 - "$dir" "$runs" "$pages" <<'PY'
import statistics, sys
d, n, pages = sys.argv[1], int(sys.argv[2]), sys.argv[3]
wall = [int(x) / 1000 for x in open(f"{d}/wall.txt")]
print(f"sample report ({pages} pages, 4 maps and a chart), {n} runs: wall min {min(wall):.0f} ms, median {statistics.median(wall):.0f} ms (target < 2000 ms)")
PY
