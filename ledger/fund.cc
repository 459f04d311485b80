#include "ledger/fund.h"

#include "ledger/local_journal.h"

namespace huzhu {

Result<std::unique_ptr<Fund>> Fund::Open(const FundOptions& o) {
  std::unique_ptr<Fund> fund(new Fund());
  StoreOptions store_options;
  store_options.create_if_missing = o.create;
  store_options.sync = o.sync;
  store_options.block_cache_bytes = o.block_cache_bytes;
  store_options.extra_column_families = o.extra_column_families;
  store_options.extra_column_families.push_back(kStateCf);
  store_options.point_read_families.push_back(kStateCf);
  ASSIGN_OR_RETURN(fund->store_, Store::Open(o.data_dir, store_options));
  fund->state_ = std::make_unique<FundState>(fund->store_.get());
  fund->store_->AddObserver(fund->state_.get());
  if (o.make_journal) {
    ASSIGN_OR_RETURN(fund->journal_, o.make_journal(fund->store_.get()));
  } else {
    fund->journal_ = std::make_unique<LocalJournal>(fund->store_.get());
  }
  fund->clock_ = o.clock ? o.clock : std::make_shared<SystemClock>();
  std::string fund_id = fund->store_->fund_id().empty() ? o.fund_id : fund->store_->fund_id();
  fund->writer_ = std::make_unique<Writer>(fund->store_.get(), fund->journal_.get(),
                                           fund->clock_.get(), fund_id);
  return fund;
}

Status Fund::ApplyDrafts(const CommandContext& context, const std::vector<EventDraft>& drafts,
                         uint64_t* seq) {
  // The events as the writer will seal them, minus hashes: the rules need only the
  // seq, the actor and the dates.
  for (const EventDraft& draft : drafts) {
    Event e;
    e.payload = draft.payload;
    e.envelope.fund_id = writer_->fund_id();
    e.envelope.seq = ++*seq;
    e.envelope.effective_date = draft.effective_date;
    e.envelope.actor = context.actor;
    e.envelope.idempotency_key = context.idempotency_key;
    RETURN_IF_ERROR(state_->Apply(e));
  }
  return Status::Ok();
}

Status Fund::DryRun(const CommandContext& context, const std::vector<EventDraft>& drafts,
                    const std::function<Status()>& after) {
  uint64_t first = store_->head().seq + 1;
  uint64_t seq = first - 1;
  Status status = ApplyDrafts(context, drafts, &seq);
  if (status.ok()) status = after();
  if (!status.ok()) {
    state_->Discard();
    return status;
  }
  state_->KeepDryRun(first, seq);
  return Status::Ok();
}

}  // namespace huzhu
