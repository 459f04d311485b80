// huzhu init: create a fund's ledger store and record that the fund opened.
#include "tools/huzhu/fund_session.h"

namespace huzhu::cli {

namespace {

struct InitOptions {
  std::string fund_id;
  std::string name;
  std::string office;
  std::string date;
  std::string key;
};

Status RunInit(const GlobalOptions& global, const InitOptions& o) {
  ASSIGN_OR_RETURN(Actor actor, ParseActor(global));
  if (actor.role != Role::kAdmin) {
    return Status::PermissionDenied("only an admin may open a fund (you are " +
                                    std::string(RoleName(actor.role)) + ")");
  }
  RETURN_IF_ERROR(CheckId("fund id", o.fund_id));
  ASSIGN_OR_RETURN(Date date, ParseDate(o.date));
  ASSIGN_OR_RETURN(Ledger ledger, OpenLedger(global, /*create=*/true, o.fund_id));
  Fund* fund = ledger.fund.get();
  if (fund->store().head().seq != 0) {
    return Status::AlreadyExists("\"" + global.data_dir + "\" already holds the ledger of fund \"" +
                                 fund->store().fund_id() + "\"");
  }
  std::string key = o.key.empty() ? "open-fund-" + o.fund_id : o.key;
  ASSIGN_OR_RETURN(CommandOutcome outcome,
                   fund->Execute(CommandContext{actor, key}, OpenFund{FundOpened{o.name, o.office}, date}));
  std::printf("initialised fund %s in %s (seq %llu, hash %s)\n", o.fund_id.c_str(),
              global.data_dir.c_str(), static_cast<unsigned long long>(outcome.events[0].seq()),
              ToHex(outcome.events[0].hash).c_str());
  return Status::Ok();
}

}  // namespace

void AddInitCommand(CLI::App& app, Cli& cli) {
  auto o = std::make_shared<InitOptions>();
  CLI::App* sub = app.add_subcommand("init", "create a fund's ledger in --data and open the fund");
  sub->add_option("--fund", o->fund_id, "fund id, e.g. CD (one store per fund)")->required();
  sub->add_option("--name", o->name, "the fund's name")->required();
  sub->add_option("--office", o->office, "city office code")->capture_default_str();
  sub->add_option("--date", o->date, "opening date YYYY-MM-DD")->required();
  sub->add_option("--key", o->key, "idempotency key (default: derived from the fund id)");
  sub->callback([&cli, o] { cli.action = [&cli, o] { return RunInit(cli.global, *o); }; });
}

}  // namespace huzhu::cli
