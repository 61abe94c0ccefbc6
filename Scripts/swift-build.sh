#!/usr/bin/env bash
# `swift build "$@"` without its harmless "warning: prohibited flag(s): -pthread" line (from pkg-config's
# flags for Pango). Exits with swift build's own status, so a failed build fails the caller.
set -uo pipefail
cd "$(dirname "$0")/.."
swift build "$@" 2>&1 | grep -v "prohibited flag(s): -pthread"
status=("${PIPESTATUS[@]}")
exit "${status[0]}"
