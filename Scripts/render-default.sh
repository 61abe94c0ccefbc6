#!/usr/bin/env bash
# README command 1: install what is missing, build the release binary, render the default Sahel overview
# into out/ (A4 landscape PNG at 300 dpi, and PDF).
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
bash Scripts/swift-build.sh -c release --product sahelmap
.build/release/sahelmap render "$@"
