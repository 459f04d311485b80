#!/usr/bin/env bash
# The main job: builds Huzhu and runs `huzhu demo` on the embedded local journal
# (no broker needed). Extra arguments go to `huzhu demo` (see `huzhu demo --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
exec build/tools/huzhu/huzhu demo "$@"
