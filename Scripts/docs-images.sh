#!/usr/bin/env bash
# Re-renders the README's pictures in docs/ from the shipped specs and the sample briefing with the current build
# (run after a change that shows on the maps): A4 maps at 80 dpi (the overview at 110), the 85 mm column preset at
# 150 dpi, the 2012 expansion map, and the first two pages of the briefing at 72 dpi. Alt texts go beside them.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SAHELMAP_BIN:-.build/debug/sahelmap}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1640908800}   # 31 December 2021: the same bytes on every run
for m in Maps/*.yaml; do
  name=$(basename "$m" .yaml)
  dpi=80; [[ $name == sahel-overview ]] && dpi=110
  [[ $name == french-withdrawal-2021-2022 ]] || "$bin" render "$m" -o "docs/$name.png" --dpi "$dpi" --no-alt-text >/dev/null
  "$bin" render "$m" --preset column --dpi 150 -o "docs/$name-column.png" --no-alt-text >/dev/null
done
"$bin" render Maps/jihadist-expansion.yaml --as-of 2012-12-31 -o docs/jihadist-expansion-2012.png --dpi 80 --no-alt-text >/dev/null
for name in jihadist-expansion jihadist-expansion-2012 barkhane-drawdown massacres-2019-2021 liptako-gourma; do
  asof=(); [[ $name == jihadist-expansion-2012 ]] && asof=(--as-of 2012-12-31)
  spec=Maps/${name%-2012}.yaml
  "$bin" render "$spec" "${asof[@]}" -o "/tmp/sahelmap-docs-$$.png" --dpi 30 >/dev/null
  mv "/tmp/sahelmap-docs-$$.alt.txt" "docs/$name.txt"; rm -f "/tmp/sahelmap-docs-$$.png"
done
"$bin" report -o "/tmp/sahelmap-docs-$$.pdf" >/dev/null
pdftoppm -png -r 72 -f 1 -l 2 "/tmp/sahelmap-docs-$$.pdf" "/tmp/sahelmap-docs-$$"
mv "/tmp/sahelmap-docs-$$-1.png" docs/report-central-sahel-2021-p1.png
mv "/tmp/sahelmap-docs-$$-2.png" docs/report-central-sahel-2021-p2.png
rm -f "/tmp/sahelmap-docs-$$.pdf"
echo "docs/: pictures re-rendered with $bin"
