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
  zlib1g-dev         # crc32 and adler32_combine for the PNG encoder
  libisal-dev        # ISA-L igzip: the PNG encoder's deflate
  poppler-utils      # pdftotext, pdffonts, pdfinfo, pdfimages: used by the tests
  libcmark-gfm-dev             # Markdown (CommonMark) parser of `sahelmap report`
  libcmark-gfm-extensions-dev  # its GFM extensions: tables (footnotes are in the core library)
  libxml2-utils      # xmllint: the tests validate the report's HTML
  libssl-dev         # libcrypto SHA-256 for the build manifest (sahelmap build)
  libsqlite3-dev     # GeoPackage input (SQLite)
  libshp-dev         # Shapefile input (shapelib)
  libgeos-dev        # GEOS: largest inscribed circles for region and country names
  librsvg2-bin       # rsvg-convert: the tests draw our SVG output with a real SVG renderer
  librsvg2-dev       # SVG figures in reports, drawn as vectors (librsvg; gdk-pixbuf for PNG and JPEG figures)
  qpdf               # the tests read the report PDF's outline and structure with qpdf --json
  libqpdf-dev        # qpdf's C API: the report PDF's /Lang and its figures' /Alt (Cairo 1.16 writes neither)
)
# Python libraries of the derivation scripts (Scripts/geodata), for their tests (Scripts/tests); the pins are
# those of Scripts/geodata/sources.py. pytest is the test runner.
python_packages=(shapely==2.2.0 pyshp==2.3.1 "numpy>=1.21,<2.3" pytest)

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
need_root() {
  [ -z "$sudo" ] || command -v sudo >/dev/null || { echo "setup: need root or sudo to install: $*" >&2; exit 1; }
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  need_root "${missing[*]}"
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Which of python_packages the python3 on PATH lacks (or has at another version than pinned).
py_missing=$(python3 - "${python_packages[@]}" <<'PY'
import re, sys
from importlib import metadata
missing = []
for spec in sys.argv[1:]:
    name, pin = re.match(r"([A-Za-z0-9_.-]+)(?:==(.+))?", spec).groups()
    try:
        have = metadata.version(name)
    except metadata.PackageNotFoundError:
        have = None
    if have is None or (pin and have != pin):
        missing.append(spec)
print(" ".join(missing))
PY
)
if [ -n "$py_missing" ]; then
  echo "setup: installing for $(command -v python3): $py_missing" >&2
  if ! python3 -m pip --version >/dev/null 2>&1; then
    need_root python3-pip
    $sudo apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
  fi
  pip_user=()
  [ -z "$sudo" ] || pip_user=(--user)
  # --break-system-packages: Debian's own python3 refuses pip installs otherwise (PEP 668); the pins are exact.
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore --break-system-packages \
    "${pip_user[@]}" "${python_packages[@]}"
fi
