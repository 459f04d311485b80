// Running fund commands from the command line: open the fund, say who acts, run,
// report what was recorded.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "ledger/fund.h"
#include "ledger/kafka_journal.h"
#include "projections/projected_fund.h"
#include "tools/huzhu/cli.h"

namespace huzhu::cli {

// Options every write command shares.
struct WriteOptions {
  std::string key;   // idempotency key; default a fresh random one
  std::string date;  // business date YYYY-MM-DD; default today (UTC)
  bool json = false; // print the recorded events as JSON lines
};

void AddWriteOptions(CLI::App* sub, WriteOptions* o);

// A fund with its read side attached: every append also keeps the projections.
using Ledger = ProjectedFund;

// Opens the fund for writing, with its projections, brought up to the chain head
// first (after an upgrade they may lag or need a rebuild; progress is shown).
Result<Ledger> OpenLedger(const GlobalOptions& global, bool create = false, const std::string& fund_id = "");
Result<Ledger> OpenLedger(FundOptions options, const GlobalOptions* global = nullptr);
// What the reading commands (balance, member history, claims, reports) read: the
// fund opened for writing, its projections brought up to date first; while another
// process writes (a demo, an import), the store opened read-only instead, as long as
// every projection is current (each is kept in the same write as the events).
class ReadView {
 public:
  static Result<ReadView> Open(const GlobalOptions& global);
  const Store& store() const { return ledger_ ? ledger_->fund->store() : *read_only_; }

 private:
  std::optional<Ledger> ledger_;
  std::unique_ptr<Store> read_only_;
};

// The Kafka settings the global options name.
Result<KafkaOptions> KafkaOptionsFrom(const GlobalOptions& global);
// The business date: --date, or today in UTC.
Result<Date> DateOrToday(const std::string& text);

// Prints what a command recorded (or that it had been recorded before).
void PrintOutcome(const CommandOutcome& outcome, bool json);

template <class Command>
Status RunFundCommand(const GlobalOptions& global, const WriteOptions& w, const Command& command) {
  ASSIGN_OR_RETURN(Actor actor, ParseActor(global));
  ASSIGN_OR_RETURN(Ledger ledger, OpenLedger(global));
  std::string key = w.key.empty() ? NewCommandKey() : w.key;
  ASSIGN_OR_RETURN(CommandOutcome outcome, ledger.fund->Execute(CommandContext{actor, key}, command));
  PrintOutcome(outcome, w.json);
  return Status::Ok();
}

// Makes `sub` run a fund command: `build(date)` turns the parsed options and the
// business date into the command (or an error), then it runs as --as says.
template <class Build>
void OnRun(CLI::App* sub, Cli& cli, std::shared_ptr<WriteOptions> w, Build build) {
  sub->callback([&cli, w, build] {
    cli.action = [&cli, w, build]() -> Status {
      ASSIGN_OR_RETURN(Date date, DateOrToday(w->date));
      ASSIGN_OR_RETURN(auto command, build(date));
      return RunFundCommand(cli.global, *w, command);
    };
  });
}

// Parses yuan ("1234.56") given on the command line.
Result<Fen> YuanArg(const std::string& text, const char* option);

}  // namespace huzhu::cli
