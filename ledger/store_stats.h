// What RocksDB's flushes and compactions cost each column family since the store was
// opened: where a long run's second core went. Printed by `huzhu -v demo`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ledger/store.h"

namespace huzhu {

struct FamilyWriteStats {
  std::string family;
  int flushes = 0;                  // memtables written to level-0 files
  double flush_seconds = 0;
  double compaction_seconds = 0;    // merging files into the levels below level 0
  double written_gib = 0;           // by flushes and compactions together
  double write_amplification = 0;   // bytes written per byte flushed
};

// Families that flushed or compacted anything, in name order.
std::vector<FamilyWriteStats> WriteStatsSinceOpen(const Store& store);

// One line per family, without a newline after the last: "state: 147 flushes (21.3 s),
// compaction 159.5 s, 8.6 GiB written (x6.1)"; "none" when no family flushed.
std::string DescribeWriteStats(const std::vector<FamilyWriteStats>& stats);

// Which RocksDB library the programs were linked with (scripts/rocksdb.sh): benchmark
// figures are only comparable between runs on the same one.
std::string_view RocksDbBuild();

}  // namespace huzhu
