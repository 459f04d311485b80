#!/usr/bin/env bash
# Installs what is missing, configures and builds Huzhu into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
rocksdb_library=$(bash scripts/rocksdb.sh)  # empty: Debian's own
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" \
  -DHUZHU_ROCKSDB_LIBRARY="$rocksdb_library" >/dev/null
cmake --build build -j "$(nproc)"
