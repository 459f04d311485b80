#include "ledger/store_stats.h"

#include <cstdio>
#include <cstdlib>
#include <map>

namespace huzhu {

namespace {

// RocksDB's "rocksdb.cfstats" map: "compaction.<level>.<stat>", level L0 being the
// flushes and Sum every level together. Absent stats read as 0.
double Stat(const std::map<std::string, std::string>& stats, const std::string& level, const std::string& name) {
  auto it = stats.find("compaction." + level + "." + name);
  return it == stats.end() ? 0 : std::strtod(it->second.c_str(), nullptr);
}

}  // namespace

std::vector<FamilyWriteStats> WriteStatsSinceOpen(const Store& store) {
  std::vector<FamilyWriteStats> out;
  for (const std::string& name : store.family_names()) {
    std::map<std::string, std::string> stats;
    if (!store.db()->GetMapProperty(store.cf(name), rocksdb::DB::Properties::kCFStats, &stats)) continue;
    FamilyWriteStats f;
    f.family = name;
    f.flushes = static_cast<int>(Stat(stats, "L0", "CompCount"));
    f.flush_seconds = Stat(stats, "L0", "CompSec");
    f.compaction_seconds = Stat(stats, "Sum", "CompSec") - f.flush_seconds;
    f.written_gib = Stat(stats, "Sum", "WriteGB");
    f.write_amplification = Stat(stats, "Sum", "WriteAmp");
    if (f.flushes > 0 || f.compaction_seconds > 0) out.push_back(f);
  }
  return out;
}

std::string DescribeWriteStats(const std::vector<FamilyWriteStats>& stats) {
  std::string out;
  for (const auto& f : stats) {
    char line[200];
    std::snprintf(line, sizeof line, "%s%s: %d flushes (%.1f s), compaction %.1f s, %.2f GiB written (x%.1f)",
                  out.empty() ? "" : "\n",
                  f.family.c_str(), f.flushes, f.flush_seconds, f.compaction_seconds, f.written_gib,
                  f.write_amplification);
    out += line;
  }
  return out.empty() ? "none" : out;
}

std::string_view RocksDbBuild() { return HUZHU_ROCKSDB_BUILD; }

}  // namespace huzhu
