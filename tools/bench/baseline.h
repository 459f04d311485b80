// Bare RocksDB baselines, measured in the same run as the ledger so that ratios
// stay meaningful on a shared, noisy machine.
#pragma once

#include <string>
#include <vector>

namespace huzhu::bench {

struct Rate {
  double seconds = 0;
  double per_second = 0;
};

// Puts `values` under 8-byte big-endian keys into a fresh RocksDB at `dir`, one
// WriteBatch of `batch_size` per write, synced like the ledger's appends.
Rate BarePutLoop(const std::string& dir, const std::vector<std::string>& values, size_t batch_size,
                 bool sync);
// Flushes and compacts the bare database at `dir` into its final shape.
void CompactBare(const std::string& dir);
// Scans every key and value of the database at `dir` with a plain iterator.
Rate BareScan(const std::string& dir, size_t expected);

double PeakRssMiB();

}  // namespace huzhu::bench
