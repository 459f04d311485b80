#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace huzhu::bench {

struct ImportBenchOptions {
  std::vector<uint64_t> members = {100'000, 1'000'000};
  std::string dir = "/tmp/huzhu-bench-import";
  std::string huzhu;  // default: the huzhu built beside this program
  std::string catalog = "catalog/plans.json";
  bool keep = false;
};

// Memory of the product as an office would run it: for each member count, writes
// the CSV files a city office would import (units, members, enrolments), runs
// `huzhu import` on each as its own process, then `huzhu rebuild`, and prints
// every process's peak RSS beside the block cache it was configured with. Peak RSS
// must not grow with the number of members.
int RunImportBench(const ImportBenchOptions& options);

}  // namespace huzhu::bench
