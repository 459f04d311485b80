#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, and runs every test.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
cd build
ctest --output-on-failure --timeout 900 -j 2
