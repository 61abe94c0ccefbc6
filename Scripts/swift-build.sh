#!/usr/bin/env bash
# `swift build "$@"` without its harmless "warning: prohibited flag(s): -pthread" line (from pkg-config's
# flags for Pango). Exits with swift build's own status, so a failed build fails the caller.
# A release build links the Swift runtime and Foundation statically (--static-swift-stdlib): the dynamic loader
# then resolves about a dozen fewer libraries at every start (issue 13: `sahelmap render --help` 67 -> 43 ms of
# CPU, 40.9 -> 34.8 MB resident; the same output bytes). The binary is larger (about 90 MB).
set -uo pipefail
cd "$(dirname "$0")/.."
extra=()
args=" $* "
if [[ $args == *" -c release "* || $args == *" --configuration release "* || $args == *" -crelease "* ]]; then
  extra=(--static-swift-stdlib)
fi
swift build "$@" "${extra[@]}" 2>&1 | grep -v "prohibited flag(s): -pthread"
status=("${PIPESTATUS[@]}")
exit "${status[0]}"
