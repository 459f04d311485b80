#!/usr/bin/env bash
# Rebuilds Debian's RocksDB without its debug assertions, once per checkout, into
# .deps/rocksdb/, and prints the static library's path on stdout (nothing when it
# falls back to Debian's own library).
#
# Why: Debian configures its rocksdb source package with CMAKE_BUILD_TYPE=None, which
# does not define NDEBUG, so librocksdb-dev ships RocksDB's assert()s and test sync
# points compiled in: extra key comparisons on every memtable insert and block seek
# (city demo: 47.7 and 45.2 s against 55.6 and 55.4 s, alternated). This is the
# same source package as librocksdb-dev (checked below), with Debian's patches and
# Debian's compiler flags; only -DNDEBUG is added (and -g dropped). The headers stay
# Debian's.
#
# HUZHU_ROCKSDB=debian skips it and links Debian's library as it is.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=7.8.3
DEBIAN_VERSION=7.8.3-2
ORIG=rocksdb_${VERSION}.orig.tar.gz
ORIG_SHA256=b85408a374770897332bf15e51620a5f35720dd416a4749e3899057f9cfaf84d
DEBIAN=rocksdb_${DEBIAN_VERSION}.debian.tar.xz
DEBIAN_SHA256=4ead930612734d2b79e8f5e72e51659004c5a47f8d6bb90dea8eb42fd6d88a02
MIRROR=${HUZHU_DEBIAN_MIRROR:-http://deb.debian.org/debian}
DEPS=$PWD/.deps/rocksdb
LIBRARY=$DEPS/librocksdb-${DEBIAN_VERSION}-ndebug.a

say() { echo "rocksdb: $*" >&2; }
fall_back() {
  say "$1; linking Debian's librocksdb as it is (assertions on, about a sixth slower)"
  exit 0
}

[ "${HUZHU_ROCKSDB:-}" = debian ] && exit 0
installed=$(dpkg-query -W -f='${Version}' librocksdb-dev 2>/dev/null || true)
[ "$installed" = "$DEBIAN_VERSION" ] ||
  fall_back "librocksdb-dev is ${installed:-not installed}, this script rebuilds $DEBIAN_VERSION"
if [ -f "$LIBRARY" ]; then
  echo "$LIBRARY"
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/huzhu-rocksdb.XXXXXX")
trap 'rm -rf "$work"' EXIT
fetch() {  # file, sha256
  curl -fsS --retry 3 -m 300 -o "$work/$1" "$MIRROR/pool/main/r/rocksdb/$1" || return 1
  echo "$2  $work/$1" | sha256sum -c --status || { say "$1 does not match its checksum"; return 1; }
}
fetch "$ORIG" "$ORIG_SHA256" && fetch "$DEBIAN" "$DEBIAN_SHA256" ||
  fall_back "could not fetch Debian's rocksdb $DEBIAN_VERSION source from $MIRROR"

source_dir=$work/rocksdb-$VERSION
tar xzf "$work/$ORIG" -C "$work"
tar xJf "$work/$DEBIAN" -C "$source_dir"
while read -r patch; do
  [ -z "$patch" ] || patch -d "$source_dir" -p1 -s <"$source_dir/debian/patches/$patch"
done <"$source_dir/debian/patches/series"

say "building Debian's RocksDB $DEBIAN_VERSION without assertions, once (about 10 minutes on two cores)"
# Debian's flags, less -g (Debian strips the library it ships anyway), plus -DNDEBUG.
export CFLAGS="$(dpkg-buildflags --get CFLAGS | sed 's/^-g //; s/ -g / /') -DNDEBUG"
export CXXFLAGS="$(dpkg-buildflags --get CXXFLAGS | sed 's/^-g //; s/ -g / /') -DNDEBUG"
export CPPFLAGS="$(dpkg-buildflags --get CPPFLAGS)"
# Debian's configuration (debian/rules), less the tools and tests, which are not linked.
cmake -S "$source_dir" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=None \
  -DWITH_BZ2=ON -DWITH_LZ4=ON -DWITH_ZLIB=ON -DWITH_ZSTD=ON -DWITH_SNAPPY=ON -DPORTABLE=ON \
  -DFAIL_ON_WARNINGS=OFF -DWITH_GFLAGS=OFF -DWITH_TESTS=OFF -DWITH_BENCHMARK_TOOLS=OFF \
  -DWITH_CORE_TOOLS=OFF -DWITH_TOOLS=OFF >"$work/configure.log" 2>&1 ||
  { cat "$work/configure.log" >&2; say "configuring failed"; exit 1; }
# Ninja's progress, every 25th step, so that a long build shows it is moving.
if ! ninja -C "$work/build" -j "$(nproc)" rocksdb 2>&1 | tee "$work/build.log" |
  awk '/^\[[0-9]+\/[0-9]+\]/ { if (++n % 25 == 0) { print "rocksdb: " $1; fflush() } }' >&2 ||
  [ ! -f "$work/build/librocksdb.a" ]; then
  tail -40 "$work/build.log" >&2
  say "the build failed"
  exit 1
fi
mkdir -p "$DEPS"
mv "$work/build/librocksdb.a" "$LIBRARY.partial"
mv "$LIBRARY.partial" "$LIBRARY"  # whole or not at all: a stopped build leaves nothing
say "built $LIBRARY"
echo "$LIBRARY"
