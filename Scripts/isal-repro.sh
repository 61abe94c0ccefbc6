#!/usr/bin/env bash
# Shows that igzip alone gives other bytes for the same input in some processes (the README's "Reproducible").
# Usage: Scripts/isal-repro.sh [PNG] [runs]   (default: out/sahel-overview.png from Scripts/render-default.sh, 200 runs)
# Prints how many processes gave each hash, as PNGEncoder once deflated (several hashes: the stream's address
# leaks into igzip's hashing, see isal-repro.c) and as it does now (one hash).
set -euo pipefail
cd "$(dirname "$0")/.."
png=${1:-out/sahel-overview.png}
runs=${2:-200}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cc -O2 Scripts/isal-repro.c -o "$dir/isal-repro" -lisal
row=$(python3 - "$png" "$dir/rows.raw" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
i, idat, width = 8, b"", 0
while i < len(data):
    n = struct.unpack(">I", data[i:i + 4])[0]
    kind = data[i + 4:i + 8]
    if kind == b"IHDR": width = struct.unpack(">I", data[i + 8:i + 12])[0]
    if kind == b"IDAT": idat += data[i + 8:i + 8 + n]
    i += 12 + n
open(sys.argv[2], "wb").write(zlib.decompress(idat))
print(1 + 3 * width)
PY
)
for primer in 0 16; do
  echo "first bytes deflated alone: $primer (PNGEncoder: 16); processes per hash:"
  for _ in $(seq "$runs"); do "$dir/isal-repro" "$dir/rows.raw" "$row" "$primer"; done | sort | uniq -c | sort -rn
done
