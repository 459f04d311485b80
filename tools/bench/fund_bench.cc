#include "tools/bench/fund_bench.h"

#include <rocksdb/db.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "ledger/fund.h"
#include "ledger/store_stats.h"
#include "projections/annual_report.h"
#include "projections/projected_fund.h"
#include "tools/bench/baseline.h"
#include "tools/generator/generator.h"

namespace huzhu::bench {

namespace {

namespace fs = std::filesystem;

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A bare iterator over the events family of the fund's own store: the baseline.
Rate BareEventScan(const Store& store) {
  rocksdb::ReadOptions o;
  o.fill_cache = false;
  o.readahead_size = 2u << 20;
  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<rocksdb::Iterator> it(store.db()->NewIterator(o, store.cf("events")));
  uint64_t n = 0, bytes = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++n;
    bytes += it->value().size();
  }
  HUZHU_CHECK(it->status().ok() && bytes > 0);
  double secs = Since(start);
  return Rate{secs, static_cast<double>(n) / secs};
}

// Waits until RocksDB has no flush or compaction running or pending in any family:
// each phase is timed on a quiet store, not charged with what the one before left
// behind (an import leaves compactions of its state and projections for minutes).
void WaitForBackgroundWork(const Store& store) {
  std::vector<std::string> families;
  HUZHU_CHECK(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), store.path(), &families).ok());
  auto busy = [&] {
    uint64_t running = 0, pending = 0;
    store.db()->GetIntProperty("rocksdb.num-running-compactions", &running);
    if (running > 0) return true;
    store.db()->GetIntProperty("rocksdb.num-running-flushes", &running);
    if (running > 0) return true;
    for (const auto& name : families) {
      store.db()->GetIntProperty(store.cf(name), "rocksdb.compaction-pending", &pending);
      if (pending > 0) return true;
      store.db()->GetIntProperty(store.cf(name), "rocksdb.mem-table-flush-pending", &pending);
      if (pending > 0) return true;
    }
    return false;
  };
  while (busy()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

Result<gen::Scale> ScaleFor(const FundBenchOptions& o) {
  if (o.scale != "members") return gen::ScaleNamed(o.scale);
  // Members and their enrolments only: 70 members a unit on average, no claims.
  int units = static_cast<int>(std::max<uint64_t>(1, o.members / 70));
  return gen::Scale{"members", units, 40, 100, 0, 0, 0};
}

}  // namespace

int RunFundBench(const FundBenchOptions& o) {
  auto scale = ScaleFor(o);
  if (!scale.ok()) {
    std::fprintf(stderr, "bench: %s\n", scale.status().ToString().c_str());
    return 2;
  }
  fs::remove_all(o.dir);
  FundOptions options;
  options.data_dir = o.dir;
  options.create = true;
  options.fund_id = "BENCH";
  auto clock = std::make_shared<ManualClock>(*ParseTimestamp("2014-12-01T01:00:00Z"));
  options.clock = clock;
  auto opened = OpenProjectedFund(options);
  HUZHU_CHECK(opened.ok());
  Fund& fund = *opened->fund;
  ProjectionSet& projections = *opened->projections;

  gen::GeneratorOptions g;
  g.scale = *scale;
  g.years = o.scale == "members" ? 1 : 2;
  auto start = std::chrono::steady_clock::now();
  auto stats = gen::Generate(fund, *clock, g, o.catalog, nullptr);
  if (!stats.ok()) {
    std::fprintf(stderr, "bench: %s\n", stats.status().ToString().c_str());
    return 1;
  }
  double import_secs = Since(start);
  const Store& store = fund.store();
  uint64_t events = store.head().seq;
  // What the import left RocksDB's background threads to do, by column family.
  std::string import_writes = DescribeWriteStats(WriteStatsSinceOpen(store));
  // Compacted first, as a long-lived store is: the scans then compare like with like.
  HUZHU_CHECK(store.db()->Flush(rocksdb::FlushOptions(), store.cf("events")).ok());
  HUZHU_CHECK(store.db()->CompactRange({}, store.cf("events"), nullptr, nullptr).ok());

  // Each phase kRounds times, the phases taking turns, on a quiet store: the median
  // of each is printed, with each round's ratios beside it. This machine's speed
  // drifts by 10% or more within a minute; one round of a 0.4 s scan against a
  // 1.5 s rebuild can land anywhere in that drift.
  constexpr int kRounds = 3;
  std::vector<double> scan_secs, verify_secs, rebuild_secs;
  for (int round = 0; round < kRounds; ++round) {
    WaitForBackgroundWork(store);
    scan_secs.push_back(BareEventScan(store).seconds);
    WaitForBackgroundWork(store);
    start = std::chrono::steady_clock::now();
    auto verified = store.VerifyChain();
    HUZHU_CHECK(verified.ok());
    verify_secs.push_back(Since(start));
    WaitForBackgroundWork(store);
    start = std::chrono::steady_clock::now();
    HUZHU_CHECK(projections.Rebuild("", nullptr).ok());
    rebuild_secs.push_back(Since(start));
  }
  WaitForBackgroundWork(store);
  start = std::chrono::steady_clock::now();
  auto report = ComputeAnnualReport(store, g.first_year + g.years - 1, std::nullopt);
  HUZHU_CHECK(report.ok());
  double report_secs = Since(start);

  auto rate = [&](double secs) { return static_cast<double>(events) / secs; };
  auto rounds = [&](const std::vector<double>& secs) {
    std::string out;
    for (size_t i = 0; i < secs.size(); ++i) {
      char one[32];
      std::snprintf(one, sizeof one, "%s%.3f", i == 0 ? "" : " ", scan_secs[i] / secs[i]);
      out += one;
    }
    return out;
  };
  std::printf("fund bench: scale %s, %llu events (%lld enrolment terms in the report year)\n", scale->name.c_str(),
              static_cast<unsigned long long>(events), static_cast<long long>(report->current.total.enrollments));
  std::printf("linked with %s\n", std::string(RocksDbBuild()).c_str());
  std::printf("medians of %d rounds, each phase in turn; ratios to the bare scan of the same round in brackets\n", kRounds);
  std::printf("import (commands, rules, state, projections): %8.1f s  %10.0f ev/s\n", import_secs, rate(import_secs));
  double scan = Median(scan_secs);
  std::printf("bare scan of the events:                      %8.2f s  %10.0f ev/s\n", scan, rate(scan));
  double verify = Median(verify_secs);
  std::printf("replay+verify:                                %8.2f s  %10.0f ev/s  ratio %.3f to bare scan (target >= 0.50) [%s]\n",
              verify, rate(verify), scan / verify, rounds(verify_secs).c_str());
  double rebuild = Median(rebuild_secs);
  std::printf("rebuild all projections:                      %8.2f s  %10.0f ev/s  ratio %.3f to bare scan (target >= 0.25) [%s]\n",
              rebuild, rate(rebuild), scan / rebuild, rounds(rebuild_secs).c_str());
  std::printf("annual report:                                %8.2f s\n", report_secs);
  std::printf("peak RSS %.0f MiB (block cache configured: %zu MiB)\n", PeakRssMiB(), options.block_cache_bytes >> 20);
  std::printf("flushes and compactions during the import, by column family:\n%s\n",
              import_writes.c_str());
  if (!o.keep) fs::remove_all(o.dir);
  return 0;
}

}  // namespace huzhu::bench
