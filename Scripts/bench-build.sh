#!/usr/bin/env bash
# Benchmark of `sahelmap build` (release binary): the shipped specs in Maps/ (PNG + PDF each, A4 at 300 dpi)
#  1. rendered one after another with `sahelmap render SPEC` (what a script did before `build`);
#  2. built from scratch with `sahelmap build` (worker pool, one renderer per map);
#  3. rebuilt with nothing changed (hashes every input and output; target < 150 ms);
#  4. the same no-change rebuild with Reports/ beside Maps/ (the sample report's recipe holds its figures' inputs).
# Usage: Scripts/bench-build.sh [runs]   (default 3; medians printed). Works on a copy of Maps/ in a temp folder.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
bash Scripts/setup.sh
root=$(pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bash Scripts/swift-build.sh -c release --product sahelmap > "$dir/build.log" || { cat "$dir/build.log" >&2; exit 1; }
tail -1 "$dir/build.log"
bin="$root/.build/release/sahelmap"
cp -r Maps "$dir/Maps"
rm -rf "$dir/Maps/.sahelmap"
cd "$dir"
ms() { echo $(( ($2 - $1) / 1000000 )); }
"$bin" render Maps/sahel-overview.yaml >/dev/null   # warm the page cache
: > one.txt; : > full.txt; : > noop.txt
for i in $(seq 1 "$runs"); do
  rm -rf out Maps/.sahelmap
  start=$(date +%s%N)
  for spec in Maps/*.yaml; do "$bin" render "$spec" >/dev/null; done
  end=$(date +%s%N); ms "$start" "$end" >> one.txt
  rm -rf out Maps/.sahelmap
  start=$(date +%s%N)
  "$bin" build >/dev/null
  end=$(date +%s%N); ms "$start" "$end" >> full.txt
  for k in 1 2 3; do
    start=$(date +%s%N)
    "$bin" build > noop.log
    end=$(date +%s%N); ms "$start" "$end" >> noop.txt
    grep -q " 0 rebuilt, " noop.log || { echo "bench-build: the no-change rebuild rebuilt something:" >&2; cat noop.log >&2; exit 1; }
  done
done
# 4. With the sample report: built once, then timed with nothing changed.
cp -r "$root/Reports" Reports
"$bin" build > report.log || { cat report.log >&2; exit 1; }
: > noop-report.txt
for k in $(seq 1 $((3 * runs))); do
  start=$(date +%s%N)
  "$bin" build > noop.log
  end=$(date +%s%N); ms "$start" "$end" >> noop-report.txt
  grep -q " 0 rebuilt, " noop.log || { echo "bench-build: the no-change rebuild with the report rebuilt something:" >&2; cat noop.log >&2; exit 1; }
done
count=$(ls Maps/*.yaml | wc -l)
python3 - "$count" <<'PY'
import statistics, sys
n = sys.argv[1]
med = lambda f: statistics.median(int(x) for x in open(f))
mn = lambda f: min(int(x) for x in open(f))
one, full, noop = med("one.txt"), med("full.txt"), med("noop.txt")
print(f"{n} shipped specs (PNG+PDF, A4 300 dpi): render one by one {one} ms (min {mn('one.txt')}), "
      f"build {full} ms (min {mn('full.txt')}), {one / full:.2f}x")
print(f"no-change rebuild: median {noop} ms, min {mn('noop.txt')} ms (target < 150 ms)")
print(f"no-change rebuild with Reports/ (the sample report too): median {med('noop-report.txt')} ms, min {mn('noop-report.txt')} ms")
PY
