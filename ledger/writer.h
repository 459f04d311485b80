// Writer: turns a command's event drafts into sealed, chained events and appends
// them through the journal. One writer per fund at a time.
//
// It owns the envelope: seq, prev_hash, event id, recorded time, schema version.
// Business validation happens before (ledger/commands); the store re-checks the chain.
#pragma once

#include <string>
#include <vector>

#include "events/event.h"
#include "ledger/clock.h"
#include "ledger/journal.h"
#include "ledger/store.h"

namespace huzhu {

// A limit on everything: one command writes at most this many events (an import is
// split into commands of at most this size).
constexpr size_t kCommandEventsMax = 100'000;

struct EventDraft {
  Payload payload;
  Date effective_date;
};

struct CommandContext {
  Actor actor;
  // Re-sending a command with the same key returns the first outcome and writes
  // nothing. REQUIRES: not empty.
  std::string idempotency_key;
};

struct CommandOutcome {
  std::vector<Event> events;
  bool replayed = false;  // true when the key was seen before and nothing was written
};

class Writer {
 public:
  // REQUIRES: store, journal and clock outlive the writer. `fund_id` names the fund
  // of a new store; for an existing store it must match the store's.
  Writer(Store* store, Journal* journal, Clock* clock, std::string fund_id);

  Result<CommandOutcome> Submit(const CommandContext& context, std::vector<EventDraft> drafts);

  // The outcome of an earlier command with this key, if there was one.
  Result<std::optional<CommandOutcome>> Lookup(const std::string& idempotency_key) const;

  Store* store() const { return store_; }
  const std::string& fund_id() const { return fund_id_; }

 private:
  SealedBatch Seal(const CommandContext& context, std::vector<EventDraft> drafts);

  Store* store_;
  Journal* journal_;
  Clock* clock_;
  std::string fund_id_;
};

}  // namespace huzhu
