#!/usr/bin/env bash
# Times `sahelmap events` on synthetic ACLED exports of 100,000 and 1,000,000 rows: wall time and peak RSS.
# Targets: 100,000 rows in under 0.5 s; 1,000,000 rows with peak memory under 300 MB.
# Usage: Scripts/bench-acled.sh [scratch-path]   (default .build, the normal build folder)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${1:-.build}
bin="$scratch/release/sahelmap"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash Scripts/swift-build.sh -c release --scratch-path "$scratch" --product sahelmap > "$tmp/build.log" ||
  { cat "$tmp/build.log" >&2; exit 1; }
tail -1 "$tmp/build.log"
for n in 100000 1000000; do
  python3 Scripts/gen-acled.py "$n" "$tmp/acled-$n.csv"
  size=$(du -m "$tmp/acled-$n.csv" | cut -f1)
  "$bin" events "$tmp/acled-$n.csv" >/dev/null   # warm the page cache
  for run in 1 2 3; do
    m=$( { /usr/bin/time -f "%e s %M KB" "$bin" events "$tmp/acled-$n.csv" >/dev/null; } 2>&1 | tail -1)
    echo "$n rows (${size} MB), run $run: $m"
  done
done
