#!/usr/bin/env bash
# README command 2: install what is missing, then build and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
swift build --build-tests 2>&1 | grep -v "prohibited flag(s): -pthread" || true
swift test --skip-build
