#!/usr/bin/env bash
# Installs what SahelMap needs on Debian 12 and nothing else. Idempotent; quiet when all is present.
# Usable as root or, through sudo, as another user.
set -euo pipefail

packages=(
  pkg-config
  libcairo2-dev      # drawing: image, PDF and SVG surfaces
  libpango1.0-dev    # text through Pango + fontconfig
  libproj-dev        # projections
  proj-data          # proj.db and grids at /usr/share/proj
  fonts-noto-core    # Noto Sans, the pinned label font (Latin with accents)
  zlib1g-dev         # crc32 for the PNG pHYs chunk
  poppler-utils      # pdftotext, pdffonts, pdfinfo: used by the tests
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
