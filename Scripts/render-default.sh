#!/usr/bin/env bash
# README command 1: install what is missing, build the release binary, render the default Sahel overview
# into out/ (A4 landscape PNG at 300 dpi, and PDF).
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
swift build -c release --product sahelmap 2>&1 | grep -v "prohibited flag(s): -pthread" || true
test -x .build/release/sahelmap
.build/release/sahelmap render "$@"
