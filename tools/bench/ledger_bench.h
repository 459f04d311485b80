#pragma once

#include <cstddef>
#include <string>

namespace huzhu::bench {

struct LedgerBenchOptions {
  size_t events = 500'000;
  size_t batch = 1000;
  std::string dir = "/tmp/huzhu-bench";
  bool keep = false;
};

int RunLedgerBench(const LedgerBenchOptions& options);

}  // namespace huzhu::bench
