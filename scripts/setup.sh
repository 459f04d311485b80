#!/usr/bin/env bash
# Installs the Debian packages Huzhu needs to build and test, when missing.
# Safe to run again: it installs nothing that is already there.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  librocksdb-dev rocksdb-tools      # the store; `ldb` for auditors
  curl patch dpkg-dev               # scripts/rocksdb.sh: Debian's RocksDB rebuilt without assertions
  librdkafka-dev                    # the Kafka journal
  libcereal-dev                     # the stored event form
  libspdlog-dev                     # logs
  libgtest-dev                      # tests
  libcli11-dev                      # the command line
  libssl-dev                        # SHA-256 (OpenSSL EVP)
  nlohmann-json3-dev                # JSON export and plan catalog
  libcsv-dev                        # CSV import (RFC 4180 parsing)
  libjemalloc-dev                   # malloc for the programs (many small strings)
)

# The test broker runs Apache Kafka's jars on Java 17+, fetched with Maven.
command -v java >/dev/null || PACKAGES+=(default-jre-headless)
command -v mvn >/dev/null || PACKAGES+=(maven)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
