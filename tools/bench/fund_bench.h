#pragma once

#include <cstdint>
#include <string>

namespace huzhu::bench {

struct FundBenchOptions {
  std::string scale = "members";  // members: N members, no claims; or small, city, national
  uint64_t members = 100'000;
  std::string dir = "/tmp/huzhu-bench-fund";
  std::string catalog = "catalog/plans.json";
  bool keep = false;
};

// Generates a fund through its commands (import), rebuilds every projection, and
// computes the annual report; prints each rate beside a bare RocksDB scan of the
// same events measured in this run, and the peak RSS.
int RunFundBench(const FundBenchOptions& options);

}  // namespace huzhu::bench
