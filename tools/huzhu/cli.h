// Shared plumbing of the `huzhu` command line: global options, opening the store,
// parsing the actor, and how a command reports its outcome.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>

#include "events/event.h"
#include "events/status.h"
#include "ledger/store.h"

namespace huzhu {
struct ReportFigures;  // projections/annual_report.h
}  // namespace huzhu

namespace huzhu::cli {

struct GlobalOptions {
  std::string data_dir = "./huzhu-data";
  std::string actor;  // USER:ROLE; falls back to $HUZHU_AS
  bool verbose = false;
  std::string kafka;         // brokers; empty: the local journal
  std::string kafka_config;  // librdkafka settings file (key=value), e.g. SASL/SSL
  int kafka_replication = 1;
  int kafka_min_insync = 1;
  // RocksDB's block cache, in MiB: the memory a process keeps for reads (memtables
  // are charged to it too). A fund of millions of members reads its state faster
  // with more.
  size_t cache_mib = 256;
  size_t cache_bytes() const { return cache_mib << 20; }
};

// The command chosen on the command line, run after parsing.
using Action = std::function<Status()>;

struct Cli {
  GlobalOptions global;
  Action action;
};

// Exit codes, documented in the README.
constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;      // refused or failed; nothing was changed
constexpr int kExitUsage = 2;       // the command line itself is wrong
constexpr int kExitCorruption = 3;  // stored data does not verify

int ExitCodeFor(const Status& status);

Result<std::unique_ptr<Store>> OpenStore(const GlobalOptions& global, bool read_only);
// A fresh random idempotency key for a command given none.
std::string NewCommandKey();

// Writes events [from, to] (to 0: the head) as JSON lines, personal data masked,
// with progress on stderr. Returns how many were written.
Result<uint64_t> WriteEventsJsonl(const Store& store, std::FILE* file, uint64_t from, uint64_t to);

// One line of the fund's health: a scope's loss ratio against the healthy band
// (basis points, low and high).
void PrintHealthLine(const std::string& scope, const ReportFigures& figures, std::pair<int64_t, int64_t> band);

// Parses --as / $HUZHU_AS ("USER:ROLE").
Result<Actor> ParseActor(const GlobalOptions& global);

// Subcommands, one file each.
void AddInitCommand(CLI::App& app, Cli& cli);
void AddExportCommand(CLI::App& app, Cli& cli);
void AddAuditCommand(CLI::App& app, Cli& cli);
void AddEventsCommand(CLI::App& app, Cli& cli);
void AddDemoCommand(CLI::App& app, Cli& cli);
void AddMembershipCommands(CLI::App& app, Cli& cli);
void AddClaimCommands(CLI::App& app, Cli& cli);
void AddImportCommand(CLI::App& app, Cli& cli);
void AddReportCommands(CLI::App& app, Cli& cli);
void AddFollowCommand(CLI::App& app, Cli& cli);

}  // namespace huzhu::cli
