#include "ledger/writer.h"

#include "events/codec.h"

namespace huzhu {

namespace {

// "<fund>-<seq>": unique across funds, stable for the same history (a re-run of the
// same seeded demo gives the same ids), and readable in an audit.
std::string MakeEventId(const std::string& fund_id, uint64_t seq) {
  return fund_id + "-" + std::to_string(seq);
}

}  // namespace

Writer::Writer(Store* store, Journal* journal, Clock* clock, std::string fund_id)
    : store_(store), journal_(journal), clock_(clock), fund_id_(std::move(fund_id)) {}

Result<std::optional<CommandOutcome>> Writer::Lookup(const std::string& key) const {
  ASSIGN_OR_RETURN(auto entry, store_->FindIdempotencyKey(key));
  if (!entry) return std::optional<CommandOutcome>();
  CommandOutcome outcome;
  outcome.replayed = true;
  for (uint64_t seq = entry->first_seq; seq < entry->first_seq + entry->count; ++seq) {
    ASSIGN_OR_RETURN(Event e, store_->Get(seq));
    outcome.events.push_back(std::move(e));
  }
  return std::optional<CommandOutcome>(std::move(outcome));
}

SealedBatch Writer::Seal(const CommandContext& context, std::vector<EventDraft> drafts) {
  ChainHead head = store_->head();
  // Recorded times never go backwards along the chain, even if the system clock does.
  Timestamp now = std::max(clock_->Now(), head.recorded_at);
  SealedBatch batch;
  batch.records.reserve(drafts.size());
  batch.events.reserve(drafts.size());
  Hash256 prev = head.hash;
  uint64_t seq = head.seq;
  for (EventDraft& draft : drafts) {
    Event& e = batch.events.emplace_back();
    e.payload = std::move(draft.payload);
    Envelope& env = e.envelope;
    env.fund_id = fund_id_;
    env.seq = ++seq;
    env.event_id = MakeEventId(fund_id_, seq);
    env.schema_version = CurrentSchemaVersion(e.type());
    env.effective_date = draft.effective_date;
    env.recorded_at = now;
    env.actor = context.actor;
    env.idempotency_key = context.idempotency_key;
    env.prev_hash = prev;
    batch.records.push_back(EncodeEvent(&e));
    prev = e.hash;
  }
  return batch;
}

Result<CommandOutcome> Writer::Submit(const CommandContext& context,
                                      std::vector<EventDraft> drafts) {
  if (context.idempotency_key.empty()) {
    return Status::InvalidArgument("a command needs an idempotency key");
  }
  if (drafts.empty() || drafts.size() > kCommandEventsMax) {
    return Status::InvalidArgument("a command writes 1 to " + std::to_string(kCommandEventsMax) +
                                   " events, not " + std::to_string(drafts.size()));
  }
  std::string store_fund = store_->fund_id();
  if (!store_fund.empty() && store_fund != fund_id_) {
    return Status::InvalidArgument("this store holds fund \"" + store_fund + "\", not \"" +
                                   fund_id_ + "\"");
  }
  ASSIGN_OR_RETURN(auto earlier, Lookup(context.idempotency_key));
  if (earlier) return std::move(*earlier);
  ASSIGN_OR_RETURN(std::vector<Event> events,
                   journal_->Append(Seal(context, std::move(drafts))));
  return CommandOutcome{std::move(events), false};
}

}  // namespace huzhu
