// huzhu follow: mirror a fund's Kafka topic into a store of one's own (an auditor's
// copy, a disclosure site), verifying every event and the chain as it goes.
#include "ledger/kafka_journal.h"
#include "tools/huzhu/fund_session.h"

namespace huzhu::cli {

namespace {

Status RunFollow(const GlobalOptions& global, const std::string& fund) {
  if (global.kafka.empty()) return Status::InvalidArgument("follow needs --kafka BROKERS (or HUZHU_KAFKA)");
  RETURN_IF_ERROR(CheckId("fund id", fund));
  ASSIGN_OR_RETURN(KafkaOptions kafka, KafkaOptionsFrom(global));
  FundOptions options;
  options.data_dir = global.data_dir;
  options.create = true;
  options.fund_id = fund;
  // The follower keeps the same state and projections as the writer, from the same events.
  ASSIGN_OR_RETURN(Ledger ledger, OpenLedger(options));
  Store& store = ledger.fund->store();
  if (!store.fund_id().empty() && store.fund_id() != fund) {
    return Status::InvalidArgument("\"" + global.data_dir + "\" follows fund \"" + store.fund_id() + "\", not \"" + fund + "\"");
  }
  ASSIGN_OR_RETURN(uint64_t applied, FollowTopic(&store, fund, kafka));
  std::printf("followed %s: applied %llu events, head seq %llu, hash %s\n", FundTopic(kafka, fund).c_str(),
              static_cast<unsigned long long>(applied), static_cast<unsigned long long>(store.head().seq),
              ToHex(store.head().hash).c_str());
  return Status::Ok();
}

}  // namespace

void AddFollowCommand(CLI::App& app, Cli& cli) {
  auto fund = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("follow", "mirror a fund's Kafka topic into --data, verifying as it goes");
  sub->add_option("--fund", *fund, "fund id")->required();
  sub->callback([&cli, fund] { cli.action = [&cli, fund] { return RunFollow(cli.global, *fund); }; });
}

}  // namespace huzhu::cli
