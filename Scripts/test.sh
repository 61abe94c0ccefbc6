#!/usr/bin/env bash
# README command 2: install what is missing, then build and run the whole test suite: the Swift tests, then
# the Python tests of the derivation scripts (Scripts/tests). A failed build fails here: stale test
# binaries from an older .build are never run. pytest's exit 5 (no test collected) fails too.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
bash Scripts/swift-build.sh --build-tests
# The third-party GeoPackage and Shapefiles the format tests read (pinned packages, into the derivation cache).
python3 Scripts/fixtures/format-fixtures.py >/dev/null
swift test --skip-build
python3 -m pytest -q Scripts/tests
