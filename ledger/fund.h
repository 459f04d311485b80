// Fund: a fund's ledger as its users work with it: the store, the journal, the
// writer and the fund's state, and Execute() to run commands against them.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "ledger/clock.h"
#include "ledger/commands.h"
#include "ledger/fund_state.h"
#include "ledger/journal.h"
#include "ledger/read_ahead.h"
#include "ledger/store.h"
#include "ledger/writer.h"

namespace huzhu {

struct FundOptions {
  // The store directory.
  std::string data_dir = "./huzhu-data";
  // Create the store when missing (`huzhu init`, demos). Default false.
  bool create = false;
  // The fund id; needed only when the store is new.
  std::string fund_id;
  // Recorded times come from here; default the system clock.
  std::shared_ptr<Clock> clock;
  // Makes the journal; default the local journal (the store itself).
  std::function<Result<std::unique_ptr<Journal>>(Store*)> make_journal;
  // Column families of the read side, opened with the store and kept by observers
  // added with AddObserver.
  std::vector<std::string> extra_column_families;
  // Store tuning; see StoreOptions.
  bool sync = true;
  size_t block_cache_bytes = 256u << 20;
};

class Fund {
 public:
  static Result<std::unique_ptr<Fund>> Open(const FundOptions& options);

  // Runs a command: refuses it when the actor's role may not, when its input is
  // bad, or when any of its events would break a rule; else appends its events as
  // one batch. Re-sending the same idempotency key returns the first outcome.
  template <class Command>
  Result<CommandOutcome> Execute(const CommandContext& context, const Command& command) {
    ASSIGN_OR_RETURN(auto earlier, writer_->Lookup(context.idempotency_key));
    if (earlier) return std::move(*earlier);
    RETURN_IF_ERROR(ReadAhead(*state_, command));
    // The next command's reads overlap this one's checks and write.
    state_->PrefetchInBackground(std::move(next_reads_));
    next_reads_.clear();
    ASSIGN_OR_RETURN(std::vector<EventDraft> drafts, Draft(*state_, command));
    RETURN_IF_ERROR(DryRun(context, drafts, [&] { return CheckAfterDryRun(*state_, command); }));
    // The dry run's effects are kept and written with the events (FundState::KeepDryRun).
    auto outcome = writer_->Submit(context, std::move(drafts));
    state_->Discard();  // after a refused append; a committed one left nothing behind
    return outcome;
  }

  // Names the command a bulk job runs after the next one: the next Execute, once its
  // own reads are done, reads what `later` will read on a second thread while it
  // checks and writes. Only an optimisation: nothing read ahead hides a later write.
  template <class Command>
  void ReadAheadFor(const Command& later) {
    next_reads_.clear();
    FirstReads(later, &next_reads_);
  }

  // Applies drafts to the state's pending overlay as the writer will seal them, with
  // seqs after `*seq` (advanced past them). For dry runs: the caller discards them.
  Status ApplyDrafts(const CommandContext& context, const std::vector<EventDraft>& drafts,
                     uint64_t* seq);
  // The state, for callers that drive their own dry run (imports).
  FundState& mutable_state() { return *state_; }

  // Observers of appended batches (the projections). REQUIRES: before any Execute.
  void AddObserver(BatchObserver* observer) { store_->AddObserver(observer); }

  Store& store() { return *store_; }
  const FundState& state() const { return *state_; }
  Writer& writer() { return *writer_; }
  Journal& journal() { return *journal_; }
  Clock& clock() { return *clock_; }

 private:
  Fund() = default;
  Status DryRun(const CommandContext& context, const std::vector<EventDraft>& drafts,
                const std::function<Status()>& after);

  std::unique_ptr<Store> store_;
  std::unique_ptr<FundState> state_;
  std::unique_ptr<Journal> journal_;
  std::shared_ptr<Clock> clock_;
  std::unique_ptr<Writer> writer_;
  StateKeys next_reads_;  // ReadAheadFor's, until the next Execute
};

}  // namespace huzhu
