// huzhu demo: the main job. Generates a fund's two years (deterministic for a
// seed) through the same commands and rules a person would use, then prints the
// annual report with last year beside this year, the books and the fund's health,
// verifies the chain and the projections, and writes the report as JSON and CSV.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "events/json.h"
#include "ledger/store_stats.h"
#include "projections/annual_report.h"
#include "projections/audit.h"
#include "projections/balance_projection.h"
#include "tools/generator/generator.h"
#include "tools/huzhu/fund_session.h"
#include "tools/huzhu/progress.h"

namespace huzhu::cli {

namespace {

namespace fs = std::filesystem;
constexpr char kDemoMarker[] = ".huzhu-demo";

struct DemoOptions {
  std::string out = "huzhu-demo";
  std::string scale = "small";
  uint64_t seed = 2016;
  std::string catalog = "catalog/plans.json";
  // The fund id: in every event, and the Kafka topic's name with --kafka.
  std::string fund = "DEMO";
  bool export_events = true;
};

// The demo owns its directory; it never wipes one it did not make.
Status PrepareDemoDir(const std::string& out) {
  std::error_code ec;
  if (fs::exists(out)) {
    if (!fs::exists(fs::path(out) / kDemoMarker)) {
      return Status::AlreadyExists("\"" + out + "\" exists and was not made by `huzhu demo`; choose another --out");
    }
    fs::remove_all(out, ec);
    if (ec) return Status::IOError("cannot clear \"" + out + "\": " + ec.message());
  }
  fs::create_directories(out, ec);
  if (ec) return Status::IOError("cannot create \"" + out + "\": " + ec.message());
  std::ofstream(fs::path(out) / kDemoMarker) << "made by huzhu demo\n";
  return Status::Ok();
}

Status WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return Status::IOError("writing \"" + path.string() + "\" failed");
  return Status::Ok();
}

Status Export(const Store& store, const fs::path& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!file) return Status::IOError("cannot write \"" + path.string() + "\"");
  return WriteEventsJsonl(store, file.get(), 1, 0).status();
}

void PrintBooks(const Store& store) {
  auto b = BalancesAfter(store, store.head().seq);
  if (!b.ok()) return;
  std::printf("\n试算平衡 Trial balance (yuan)\n");
  for (size_t i = 0; i < kAccountCount; ++i) {
    std::printf("  %-18s %18s\n", std::string(AccountName(static_cast<Account>(i))).c_str(), FormatYuanGrouped((*b)[i]).c_str());
  }
}

void PrintHealth(const AnnualReport& r) {
  const std::pair<int64_t, int64_t> band{6000, 9500};  // the default band of `report health`
  std::printf("\n基金健康 Fund health %d: \"basic balance, slight surplus\" band %s to %s\n", r.year,
              FormatRatio(band.first).c_str(), FormatRatio(band.second).c_str());
  PrintHealthLine("total", r.current.total, band);
  for (const auto& [plan, f] : r.current.plans) PrintHealthLine(plan, f, band);
}

// With --kafka the fund's topic outlives the demo's directory: a topic that already
// holds events (an earlier demo of the same fund id) is caught up into the new store.
Status RequireNewFund(Fund& fund, const std::string& fund_id) {
  uint64_t seq = fund.store().head().seq;
  if (seq == 0) return Status::Ok();
  return Status::AlreadyExists("fund \"" + fund_id + "\" already has " + std::to_string(seq) + " events in its " +
                               std::string(fund.journal().name()) +
                               " journal (an earlier demo's topic): pass --fund with another id, or delete the "
                               "topic");
}

// How long each part of the demo took, printed on stderr at the end (stdout is the
// report, the same on every run).
class PhaseClock {
 public:
  void End(const char* phase) {
    auto now = std::chrono::steady_clock::now();
    phases_.emplace_back(phase, std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }
  void Print() const {
    double total = 0;
    std::string line = "demo took";
    for (size_t i = 0; i < phases_.size(); ++i) {
      const auto& [phase, seconds] = phases_[i];
      char part[96];
      std::snprintf(part, sizeof part, "%s %s %.1f s", i == 0 ? "" : ";", phase.c_str(), seconds);
      line += part;
      total += seconds;
    }
    std::fprintf(stderr, "%s; in all %.1f s\n", line.c_str(), total);
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  std::vector<std::pair<std::string, double>> phases_;
};

Status RunDemo(const DemoOptions& o, const GlobalOptions& global) {
  ASSIGN_OR_RETURN(gen::Scale scale, gen::ScaleNamed(o.scale));
  if (!fs::exists(o.catalog)) {
    return Status::NotFound("no plan catalog at \"" + o.catalog +
                            "\": run the demo from the repository root, or pass --catalog");
  }
  RETURN_IF_ERROR(PrepareDemoDir(o.out));
  FundOptions options;
  options.data_dir = (fs::path(o.out) / "store").string();
  options.create = true;
  options.fund_id = o.fund;
  auto clock = std::make_shared<ManualClock>(*ParseTimestamp("2014-12-01T01:00:00Z"));
  options.clock = clock;
  ASSIGN_OR_RETURN(Ledger ledger, OpenLedger(options, &global));
  RETURN_IF_ERROR(RequireNewFund(*ledger.fund, o.fund));
  gen::GeneratorOptions g;
  g.seed = o.seed;
  g.scale = scale;
  std::printf("generating a %s fund, seed %llu, into %s through the %s journal\n", scale.name.c_str(),
              static_cast<unsigned long long>(o.seed), options.data_dir.c_str(),
              std::string(ledger.fund->journal().name()).c_str());
  PhaseClock phases;
  Progress progress("recording events", 0);
  ASSIGN_OR_RETURN(gen::GeneratorStats stats,
                   gen::Generate(*ledger.fund, *clock, g, o.catalog, [&](uint64_t seq) { progress.Update(seq); }));
  progress.Finish();
  phases.End("recording");
  const Store& store = ledger.fund->store();
  if (global.verbose) {
    spdlog::info("flushes and compactions while recording ({}), by column family:\n{}", RocksDbBuild(),
                 DescribeWriteStats(WriteStatsSinceOpen(store)));
  }
  std::printf("recorded %llu events:", static_cast<unsigned long long>(store.head().seq));
  for (const auto& [what, n] : stats.counts) std::printf(" %s %lld;", what.c_str(), static_cast<long long>(n));
  std::printf("\n\n");

  int year = g.first_year + g.years - 1;
  ASSIGN_OR_RETURN(AnnualReport report, ComputeAnnualReport(store, year, std::nullopt));
  std::printf("%s", ReportAsText(report).c_str());
  PrintBooks(store);
  PrintHealth(report);
  phases.End("report, books and health");

  // Both audits in one pass over the events: the rebuild that audit projections
  // compares reads every event, decoded and checked against its own hash, and the
  // chain's links are checked as it goes (what audit verify does in a pass of its own).
  // Every block of every file is checked too, as `huzhu audit verify` does, beside it.
  auto checksums = std::async(std::launch::async, [&store] { return store.VerifyFileChecksums(); });
  ChainCheck chain;
  auto audited = AuditProjections(store, (fs::path(o.out) / "audit-scratch").string(), nullptr, &chain);
  RETURN_IF_ERROR(checksums.get());
  ASSIGN_OR_RETURN(ProjectionAudit audit, std::move(audited));
  std::printf("\naudit verify: chain of %llu events verified, head %s; file checksums verified\n",
              static_cast<unsigned long long>(chain.report().events), ToHex(chain.report().head.hash).c_str());
  if (audit.difference) return Status::Corruption("projection " + audit.difference->projection + " differs from its rebuild");
  std::printf("audit projections: rebuilt from the events, %llu rows equal byte for byte\n",
              static_cast<unsigned long long>(audit.rows_compared));
  phases.End("audits");

  RETURN_IF_ERROR(WriteFile(fs::path(o.out) / ("report-" + std::to_string(year) + ".json"), ReportAsJson(report)));
  RETURN_IF_ERROR(WriteFile(fs::path(o.out) / ("report-" + std::to_string(year) + ".csv"), ReportAsCsv(report)));
  if (o.export_events) RETURN_IF_ERROR(Export(store, fs::path(o.out) / "events.jsonl"));
  std::printf("wrote %s/report-%d.json, report-%d.csv%s\n", o.out.c_str(), year, year,
              o.export_events ? ", events.jsonl (personal data masked)" : "");
  phases.End("files");
  std::fflush(stdout);
  phases.Print();
  return Status::Ok();
}

}  // namespace

void AddDemoCommand(CLI::App& app, Cli& cli) {
  auto o = std::make_shared<DemoOptions>();
  CLI::App* sub = app.add_subcommand("demo", "the main job: generate a fund's two years, report, verify");
  sub->add_option("--out", o->out, "directory the demo owns (cleared on each run)")->capture_default_str();
  sub->add_option("--scale", o->scale, "small, city (Chengdu 2016) or national (China 2016)")->capture_default_str();
  sub->add_option("--seed", o->seed, "the same seed gives the same events, byte for byte")->capture_default_str();
  sub->add_option("--catalog", o->catalog, "plan catalog")->capture_default_str();
  sub->add_option("--fund", o->fund, "fund id (with --kafka, its topic; one demo per id)")->capture_default_str();
  auto no_export = std::make_shared<bool>(false);
  sub->add_flag("--no-export", *no_export, "skip writing events.jsonl");
  sub->callback([&app, &cli, o, no_export] {
    // The demo's store lives in the directory it owns and clears: a --data given
    // with it would be silently ignored, and the person would look for the store there.
    if (app.get_option("--data")->count() > 0) {
      throw CLI::ValidationError("--data", "the demo keeps its store in " + o->out +
                                               "/store (set the directory with --out), not in --data");
    }
    o->export_events = !*no_export;
    cli.action = [o, &cli] { return RunDemo(*o, cli.global); };
  });
}

}  // namespace huzhu::cli
