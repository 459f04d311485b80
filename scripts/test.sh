#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, and runs every test.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT_DIR="$PWD"
bash scripts/build.sh
# The Kafka suites run against a real broker (Apache Kafka's own jars, KRaft).
bash scripts/kafka.sh start
trap 'bash "$ROOT_DIR/scripts/kafka.sh" stop >/dev/null' EXIT
export HUZHU_TEST_KAFKA="127.0.0.1:${HUZHU_KAFKA_PORT:-19092}"
cd build
ctest --output-on-failure --timeout 900 -j 2
