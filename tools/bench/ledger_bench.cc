// Ledger core benchmark: append N events in batches through the writer and local
// journal, then replay and verify the chain; beside a bare RocksDB batched-put
// loop and a bare iterator scan over the same value sizes, measured in this run.
#include "tools/bench/ledger_bench.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "ledger/local_journal.h"
#include "ledger/store.h"
#include "ledger/writer.h"
#include "tools/bench/baseline.h"

namespace huzhu::bench {

namespace {

namespace fs = std::filesystem;

// A realistic mix: contributions and claims of typical size.
Payload SamplePayload(size_t i) {
  if (i % 4 == 3) {
    ClaimFiled c;
    c.claim_id = "CL" + std::to_string(i);
    c.member_id = "M" + std::to_string(i % 100000);
    c.enrolment_id = "E" + std::to_string(i % 100000);
    c.plan_code = "INPATIENT";
    c.benefit_kind = "inpatient";
    c.incident_date = Date{16900};
    c.invoice_number = "INV" + std::to_string(i);
    c.hospital = "四川大学华西医院";
    c.disease_code = "K35.9";
    c.admission_date = Date{16900};
    c.discharge_date = Date{16908};
    c.self_pay_fen = static_cast<Fen>(100000 + i % 50000);
    return c;
  }
  return ContributionReceived{"C" + std::to_string(i), "U" + std::to_string(i % 6517),
                              "INPATIENT", 18000, "BANK-" + std::to_string(i)};
}

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void PrintRow(const char* what, double ours, double bare, double target) {
  double ratio = ours / bare;
  std::printf("%-16s %12.0f ev/s   bare %12.0f ev/s   ratio %5.2f   target >= %.2f  %s\n", what,
              ours, bare, ratio, target, ratio >= target ? "ok" : "BELOW TARGET");
}

}  // namespace

int RunLedgerBench(const LedgerBenchOptions& o) {
  fs::path root = fs::path(o.dir);
  fs::remove_all(root);
  fs::create_directories(root);
  StoreOptions store_options;
  store_options.create_if_missing = true;
  auto store = Store::Open((root / "ledger").string(), store_options);
  if (!store.ok()) {
    std::fprintf(stderr, "bench: %s\n", store.status().ToString().c_str());
    return 1;
  }
  LocalJournal journal(store->get());
  ManualClock clock(Timestamp{1'450'000'000'000'000});
  Writer writer(store->get(), &journal, &clock, "BENCH");
  Actor actor{"bench", Role::kFinance};
  HUZHU_CHECK(writer.Submit({actor, "open"}, {{FundOpened{"bench", "B"}, Date{}}}).ok());

  // Commands are built before the clock starts: the bare loop's values are too.
  std::vector<std::vector<EventDraft>> commands;
  for (size_t i = 0; i < o.events; i += o.batch) {
    std::vector<EventDraft>& drafts = commands.emplace_back();
    for (size_t j = i; j < std::min(o.events, i + o.batch); ++j) {
      drafts.push_back({SamplePayload(j), Date{16900}});
    }
  }
  auto start = std::chrono::steady_clock::now();
  for (size_t c = 0; c < commands.size(); ++c) {
    clock.AdvanceMicros(1000);
    auto outcome = writer.Submit({actor, "batch-" + std::to_string(c)}, std::move(commands[c]));
    HUZHU_CHECK(outcome.ok());
  }
  double append_rate = static_cast<double>(o.events) / Seconds(start);

  // The bare loop writes the very records the ledger stored: same sizes, same count.
  std::vector<std::string> records;
  records.reserve(o.events);
  HUZHU_CHECK((*store)->ForEach(2, 0, [&](const Event&, std::string_view r) {
    records.emplace_back(r);
    return Status::Ok();
  }).ok());
  Rate bare_put = BarePutLoop((root / "bare").string(), records, o.batch, true);
  records.clear();
  records.shrink_to_fit();
  // Both stores are compacted before they are scanned, as a long-lived store is:
  // otherwise the scans measure how many L0 files each happened to leave behind.
  HUZHU_CHECK((*store)->Flush().ok());
  HUZHU_CHECK((*store)->db()->CompactRange({}, (*store)->cf("events"), nullptr, nullptr).ok());
  CompactBare((root / "bare").string());

  // Scans alternate, three rounds, best of each: the first pass over either store
  // pays for the page cache, and the machine is shared.
  double replay_rate = 0;
  Rate bare_scan;
  for (int round = 0; round < 3; ++round) {
    Rate bare = BareScan((root / "bare").string(), o.events);
    if (bare.per_second > bare_scan.per_second) bare_scan = bare;
    start = std::chrono::steady_clock::now();
    auto report = (*store)->VerifyChain();
    HUZHU_CHECK(report.ok() && report->events == o.events + 1);
    replay_rate = std::max(replay_rate, static_cast<double>(report->events) / Seconds(start));
  }

  std::printf("ledger bench: %zu events in batches of %zu (synced), value sizes as stored\n",
              o.events, o.batch);
  PrintRow("append", append_rate, bare_put.per_second, 0.5);
  PrintRow("replay+verify", replay_rate, bare_scan.per_second, 0.5);
  std::printf("peak RSS %.0f MiB\n", PeakRssMiB());
  if (!o.keep) fs::remove_all(root);
  return 0;
}

}  // namespace huzhu::bench
