#include "tools/huzhu/fund_session.h"

#include <spdlog/spdlog.h>

#include "events/json.h"
#include "tools/huzhu/progress.h"

namespace huzhu::cli {

void AddWriteOptions(CLI::App* sub, WriteOptions* o) {
  sub->add_option("--key", o->key, "idempotency key: re-sending the same key returns the first outcome");
  sub->add_option("--date", o->date, "business (effective) date YYYY-MM-DD (default: today, UTC)");
  sub->add_flag("--json", o->json, "print the recorded events as JSON lines");
}

Result<KafkaOptions> KafkaOptionsFrom(const GlobalOptions& global) {
  KafkaOptions k;
  k.brokers = global.kafka;
  k.replication_factor = global.kafka_replication;
  k.min_insync_replicas = global.kafka_min_insync;
  if (!global.kafka_config.empty()) RETURN_IF_ERROR(LoadKafkaConfigFile(global.kafka_config, &k));
  return k;
}

Result<Ledger> OpenLedger(FundOptions options, const GlobalOptions* global) {
  if (global != nullptr) options.block_cache_bytes = global->cache_bytes();
  if (global != nullptr && !global->kafka.empty()) {
    ASSIGN_OR_RETURN(KafkaOptions kafka, KafkaOptionsFrom(*global));
    std::string new_fund = options.fund_id;
    options.make_journal = [kafka, new_fund](Store* store) -> Result<std::unique_ptr<Journal>> {
      std::string fund = store->fund_id().empty() ? new_fund : store->fund_id();
      ASSIGN_OR_RETURN(auto journal, KafkaJournal::Open(store, fund, kafka));
      if (journal->caught_up_events() > 0) {
        spdlog::info("applied {} events from Kafka", journal->caught_up_events());
      }
      return std::unique_ptr<Journal>(std::move(journal));
    };
  }
  std::unique_ptr<Progress> progress;
  ASSIGN_OR_RETURN(Ledger ledger, OpenProjectedFund(options, [&](uint64_t head) -> ProgressFn {
                     progress = std::make_unique<Progress>("bringing projections up to date", head);
                     return [&](uint64_t seq) { progress->Update(seq); };
                   }));
  if (progress) progress->Finish();
  if (ledger.projections_caught_up > 0) {
    spdlog::info("brought {} projection(s) up to date", ledger.projections_caught_up);
  }
  return ledger;
}

Result<Ledger> OpenLedger(const GlobalOptions& global, bool create, const std::string& fund_id) {
  FundOptions options;
  options.data_dir = global.data_dir;
  options.create = create;
  options.fund_id = fund_id;
  return OpenLedger(options, &global);
}

Result<ReadView> ReadView::Open(const GlobalOptions& global) {
  ReadView view;
  auto ledger = OpenLedger(global);
  if (ledger.ok()) {
    view.ledger_.emplace(std::move(ledger).value());
    return view;
  }
  if (!IsHeldByAnotherWriter(ledger.status())) return ledger.status();
  ASSIGN_OR_RETURN(view.read_only_, OpenStore(global, /*read_only=*/true));
  ASSIGN_OR_RETURN(std::vector<std::string> behind, ProjectionsBehind(*view.read_only_));
  if (!behind.empty()) {
    std::string names;
    for (const auto& name : behind) names += (names.empty() ? "" : ", ") + name;
    return Status::Unavailable(ledger.status().message() + "; projection(s) " + names +
                               " must be brought up to date first, which needs the store for writing: try again when "
                               "that process ends");
  }
  spdlog::info("another process is writing; reading the ledger as of seq {}", view.read_only_->head().seq);
  return view;
}

Result<Date> DateOrToday(const std::string& text) {
  if (text.empty()) return DateOfTimestamp(SystemClock().Now());
  return ParseDate(text);
}

void PrintOutcome(const CommandOutcome& outcome, bool json) {
  if (outcome.replayed) {
    std::printf("already recorded under this idempotency key; nothing new written\n");
  }
  for (const Event& e : outcome.events) {
    if (json) {
      std::printf("%s\n", EventToJson(e).c_str());
    } else {
      std::printf("seq %llu %s\n", static_cast<unsigned long long>(e.seq()),
                  std::string(EventTypeName(e.type())).c_str());
    }
  }
}

Result<Fen> YuanArg(const std::string& text, const char* option) {
  auto fen = ParseYuan(text);
  if (!fen.ok()) return fen.status().WithContext(option);
  return fen;
}

}  // namespace huzhu::cli
