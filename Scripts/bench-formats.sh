#!/usr/bin/env bash
# Times reading a GeoPackage of ~5,000 polygons: QGIS's world_map.gpkg (Debian qgis-common, fetched by
# Scripts/fixtures/format-fixtures.py), layer states_provinces: 4,556 MultiPolygons, 6.7 MB of WKB, EPSG:4326.
# `sahelmap check FILE#LAYER` opens the file, decodes every geometry blob and every attribute, and exits; the wall
# time includes process start (measured separately on an empty GeoJSON file and printed too).
# Target: under 100 ms. Usage: Scripts/bench-formats.sh [runs] [scratch-path]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
scratch=${2:-.build}
bin="$scratch/release/sahelmap"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash Scripts/swift-build.sh -c release --scratch-path "$scratch" --product sahelmap > "$tmp/build.log" ||
  { cat "$tmp/build.log" >&2; exit 1; }
cache=$(python3 Scripts/fixtures/format-fixtures.py)
gpkg="$cache/apt-qgis-common-3.22.16+dfsg-1/usr/share/qgis/resources/data/world_map.gpkg"
echo '{"type":"FeatureCollection","features":[]}' > "$tmp/empty.geojson"
ms() { python3 - "$@" <<'PY'
import subprocess, sys, time
best = []
for _ in range(int(sys.argv[1])):
    t = time.perf_counter(); subprocess.run(sys.argv[2:], check=True, stdout=subprocess.DEVNULL); best.append((time.perf_counter() - t) * 1000)
best.sort()
print(f"min {best[0]:.1f} ms, median {best[len(best)//2]:.1f} ms")
PY
}
"$bin" check "$gpkg#states_provinces"
echo "process start (empty GeoJSON): $(ms "$runs" "$bin" check "$tmp/empty.geojson")"
echo "GeoPackage, 4,556 polygons (6.7 MB WKB): $(ms "$runs" "$bin" check "$gpkg#states_provinces")"
echo "GeoPackage, all 3 layers (4,842 features): $(ms "$runs" "$bin" check "$gpkg")"
# Geocoding: 10,000 rows naming the 20 places of issue 12 (with a country column) and 500 unmatched names,
# through GeoData/gazetteer.tsv (7,141 places); `sahelmap events` loads the gazetteer, places every row, suggests.
python3 - "$tmp/named.csv" <<'PY'
import sys
names = [("Tombouctou", "Mali"), ("Solhan", "Burkina Faso"), ("Sévaré", "Mali"), ("Sevare", "Mali"), ("Téra", "Niger"),
         ("Timbuktu", "Mali"), ("Gao", "Mali"), ("Kidal", "Mali"), ("Ménaka", "Mali"), ("Djibo", "Burkina Faso"),
         ("Mopti", "Mali"), ("Ouagadougou", "Burkina Faso"), ("Niamey", "Niger"), ("Tillabéri", "Niger"), ("Diffa", "Niger"),
         ("Ségou", "Mali"), ("Dori", "Burkina Faso"), ("Arbinda", "Burkina Faso"), ("Ansongo", "Mali"), ("Tessalit", "Mali")]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("location,country,n\n")
    for k in range(10000):
        n, c = names[k % 20]
        f.write(f"{n},{c},{k}\n")
    for k in range(500):
        f.write(f"Nowhere{k},Mali,{k}\n")
PY
echo "geocoding 10,500 named rows (sahelmap events): $(ms "$runs" "$bin" events "$tmp/named.csv")"
