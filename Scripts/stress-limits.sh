#!/usr/bin/env bash
# Large inputs under a 1 GiB address-space limit (`ulimit -v`): a 200 MB GeoJSON and a 1,000,000-row ACLED file.
# Each must render or fail with a message, never die of a signal. Generates the files (not committed) into a
# temporary folder, prints per case the exit status, peak memory (GNU time) and the last line of stderr, and
# exits non-zero if any case ended by a signal.   Usage: Scripts/stress-limits.sh [MB] [ROWS] [LIMIT_KB]
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-200} rows=${2:-1000000} limit_kb=${3:-1048576}
bin=$(swift build --show-bin-path)/sahelmap
[[ -x $bin ]] || { echo "stress-limits: build sahelmap first (bash Scripts/swift-build.sh)" >&2; exit 1; }
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
python3 - "$dir" "$mb" "$rows" <<'PY'
import random, sys
d, mb, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(14)
# GeoJSON: small polygons scattered over the Sahel until the file reaches the size asked for.
with open(f"{d}/big.geojson", "w") as f:
    f.write('{"type":"FeatureCollection","features":[\n')
    n, size, target = 0, 0, mb * 1_000_000
    while size < target:
        x, y = rnd.uniform(-15, 20), rnd.uniform(8, 22)
        ring = [[x, y], [x + 0.02, y], [x + 0.02, y + 0.02], [x, y + 0.02], [x, y]]
        line = ('' if n == 0 else ',\n') + '{"type":"Feature","properties":{"name":"p%d"},"geometry":{"type":"Polygon","coordinates":[%s]}}' % (
            n, "[" + ",".join("[%.6f,%.6f]" % (a, b) for a, b in ring) + "]")
        f.write(line); size += len(line); n += 1
    f.write('\n]}\n')
header = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n"
with open(f"{d}/events.csv", "w") as f:
    f.write(header)
    for i in range(rows):
        lat, lon = rnd.uniform(10, 20), rnd.uniform(-10, 10)
        f.write(f"SYN{i},2021-{1 + i % 12:02d}-{1 + i % 28:02d},2021,1,Political violence,Battles,Armed clash,Group A,,Rebel group,State,,State forces,x,,466,Western Africa,Mali,Gao,Gao,Gao,Place {i % 997},{lat:.5f},{lon:.5f},1,Synthetic,National,generated row,{i % 7},,1700000000\n")
PY
ls -l "$dir"/big.geojson "$dir"/events.csv | awk '{print $5, $9}'
cat > "$dir/geojson.yaml" <<YAML
title: Stress GeoJSON
extent: [-17, 4, 24, 25]
layers: [countries, { id: big, source: big.geojson, style: regions }]
YAML
cat > "$dir/events.yaml" <<YAML
title: Stress events
extent: [-17, 4, 24, 25]
layers: [countries, { id: events, source: events.csv, aggregate: 12 }]
YAML
failed=0
for case in geojson events; do
  set +e
  ( ulimit -v "$limit_kb"; /usr/bin/time -f '%M' -o "$dir/$case.rss" "$bin" render "$dir/$case.yaml" -o "$dir/$case.png" \
      --size 1200x800px --dpi 96 ) > "$dir/$case.out" 2> "$dir/$case.err"
  status=$?
  set -e
  last=$(grep -v "^Command terminated" "$dir/$case.err" | tail -1 | cut -c1-200 || true)   # grep finds nothing in an empty stderr
  rss=$(tail -1 "$dir/$case.rss" 2>/dev/null || echo '?')
  echo "$case: exit $status, peak $(( ${rss:-0} / 1024 )) MB, $( [[ $status == 0 ]] && head -1 "$dir/$case.out" || echo "$last")"
  # 128+n is a death by signal n (or our own 130/143/129 for INT/TERM/HUP, which this never sends).
  if (( status > 128 )) || grep -q 'Command terminated by signal' "$dir/$case.err"; then failed=1; fi
done
exit $failed
