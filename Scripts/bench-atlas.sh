#!/usr/bin/env bash
# Benchmark of an atlas (release binary): 24 maps, one per first-level region of Burkina Faso (13), Niger (8) and
# Mali's Mopti, Timbuktu and Gao (the atlas's `where:` filter), A4 landscape PNG at 300 dpi, drawn
#  1. with `sahelmap build` on one atlas spec (worker pool, --jobs = cores), from scratch;
#  2. one by one with `sahelmap render` on 24 generated specs, each with the region's bounding box as a fixed extent
#     (what a script did before atlases).
# Prints both wall times (medians) and the ratio. Usage: Scripts/bench-atlas.sh [runs]   (default 3).
# Works in a temporary folder; set SKIP_BUILD=1 to use an existing .build/release/sahelmap.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
root=$(pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
if [ -z "${SKIP_BUILD:-}" ]; then
  bash Scripts/setup.sh
  bash Scripts/swift-build.sh -c release --product sahelmap > "$dir/build.log" || { cat "$dir/build.log" >&2; exit 1; }
  tail -1 "$dir/build.log"
fi
bin="$root/.build/release/sahelmap"
mkdir -p "$dir/atlas" "$dir/single"
layers="[countries, lakes, regions, rivers, borders, places]"
where='country in ["BFA", "NER"] or id in ["ML-5", "ML-6", "ML-7"]'
cat > "$dir/atlas/regions.yaml" <<EOF
title: "{name}"
theme: briefing
extent: [-6, 9, 16, 24]
outputs: ["out/{name}.png"]
atlas: { over: regions, where: '$where', name: "{id}" }
layers: $layers
EOF
# The same 24 regions, one spec each, with the region's bounding box (plus 10 %) as its extent.
python3 - "$root/GeoData/regions.geojson" "$dir/single" "$layers" <<'PY'
import json, sys
src, out, layers = sys.argv[1:4]
keep = lambda p: p["country"] in ("BFA", "NER") or p["id"] in ("ML-5", "ML-6", "ML-7")
n = 0
for f in json.load(open(src))["features"]:
    p = f["properties"]
    if not keep(p):
        continue
    g = f["geometry"]
    polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
    xs = [c[0] for poly in polys for ring in poly for c in ring]
    ys = [c[1] for poly in polys for ring in poly for c in ring]
    w, s, e, nn = min(xs), min(ys), max(xs), max(ys)
    dx, dy = (e - w) * 0.1, (nn - s) * 0.1
    with open(f"{out}/{p['id']}.yaml", "w") as fh:
        fh.write(f'title: "{p["name"]}"\ntheme: briefing\n'
                 f'extent: [{w - dx:.3f}, {s - dy:.3f}, {e + dx:.3f}, {nn + dy:.3f}]\n'
                 f'outputs: ["out/{p["id"]}.png"]\nlayers: {layers}\n')
    n += 1
assert n == 24, f"expected 24 regions, found {n}"
PY
ms() { echo $(( ($2 - $1) / 1000000 )); }
cd "$dir/single"
"$bin" render BF-01.yaml >/dev/null   # warm the page cache
: > "$dir/build.txt"; : > "$dir/render.txt"
for i in $(seq 1 "$runs"); do
  cd "$dir/atlas"; rm -rf out .sahelmap
  start=$(date +%s%N)
  "$bin" build --progress lines . > "$dir/build-out.txt"
  end=$(date +%s%N); ms "$start" "$end" >> "$dir/build.txt"
  tail -1 "$dir/build-out.txt" | grep -q "^24 maps: 24 rebuilt" || { echo "bench-atlas: build did not rebuild 24 maps:" >&2; cat "$dir/build-out.txt" >&2; exit 1; }
  cd "$dir/single"; rm -rf out
  start=$(date +%s%N)
  for spec in *.yaml; do "$bin" render "$spec" >/dev/null; done
  end=$(date +%s%N); ms "$start" "$end" >> "$dir/render.txt"
  [ "$(ls out/*.png | wc -l)" = 24 ] || { echo "bench-atlas: render did not write 24 maps" >&2; exit 1; }
done
# The same atlas with `pdf:` (every page also into one multi-page PDF), once, from scratch.
cd "$dir/atlas"; rm -rf out .sahelmap
sed -i 's|^atlas: { |atlas: { pdf: out/atlas.pdf, |' regions.yaml
start=$(date +%s%N)
"$bin" build --progress lines . > "$dir/pdf-out.txt"
end=$(date +%s%N); pdf_ms=$(ms "$start" "$end")
grep -q "^24 maps, 1 atlas PDF: 25 rebuilt" "$dir/pdf-out.txt" || { echo "bench-atlas: the PDF build failed:" >&2; cat "$dir/pdf-out.txt" >&2; exit 1; }
pages=$(pdfinfo out/atlas.pdf | awk '/^Pages:/ {print $2}')
echo "24-map atlas with pdf: out/atlas.pdf ($pages pages, $(( $(stat -c %s out/atlas.pdf) / 1024 )) KiB): $pdf_ms ms, once"
# Per-map time inside build (the sum of its progress lines) shows where the time goes.
per_map=$(grep -o '[0-9]* ms$' "$dir/build-out.txt" | awk '{s += $1} END {print s}')
python3 - "$dir/build.txt" "$dir/render.txt" "$per_map" "$(nproc)" <<'PY'
import statistics, sys
b = [int(x) for x in open(sys.argv[1])]
r = [int(x) for x in open(sys.argv[2])]
mb, mr = statistics.median(b), statistics.median(r)
print(f"24-map atlas (A4 landscape PNG, 300 dpi), {len(b)} runs, {sys.argv[4]} cores:")
print(f"  sahelmap build (atlas):       median {mb:.0f} ms (min {min(b)}, all {b})")
print(f"  sahelmap render x 24:         median {mr:.0f} ms (min {min(r)}, all {r})")
print(f"  ratio render/build: {mr / mb:.2f}x (target >= 1.8x)")
print(f"  last build: sum of per-map times {sys.argv[3]} ms over {mb:.0f} ms wall")
PY
