#include "ledger/state_audit.h"

#include <algorithm>

#include "ledger/fund_state.h"
#include "ledger/record_codec.h"
#include "ledger/scratch_directory.h"

namespace huzhu {

namespace {

// Stores written before 2026-12 hold a Q/ record for every correctable event, the
// current code only for reversed ones (docs/storage.md); an old record of an event
// never reversed stands for no record at all.
bool IsUnreversedLegacyCorrectable(const rocksdb::Slice& key, const rocksdb::Slice& value) {
  if (!key.starts_with("Q/")) return false;
  auto record = DecodeRecord<CorrectableRec>(std::string_view(value.data(), value.size()), "a correctable event");
  return record.ok() && record->reversed_by == 0;
}

// An event of the kept chain that the rules refuse on replay (an unknown unit, an
// approval above what the plan pays, a role that may not) is a finding about the
// ledger, like a broken hash; the scratch store's own troubles stay what they are.
Status AsAuditFinding(const Status& refused) {
  switch (refused.code()) {
    case Status::Code::kIOError:
    case Status::Code::kUnavailable:
    case Status::Code::kInternal:
    case Status::Code::kUnsupported:
      return refused;
    default:
      return Status::Corruption("the rules refuse a kept event on replay: " + refused.ToString());
  }
}

Result<std::unique_ptr<Store>> OpenScratch(const std::string& dir) {
  StoreOptions options;
  options.create_if_missing = true;
  options.sync = false;  // thrown away after the audit
  options.extra_column_families = {kStateCf};
  options.point_read_families = {kStateCf};
  return Store::Open(dir, options);
}

// Appends the kept events to `replay` in batches. ForEach has decoded each record and
// checked it against its own hash (on its pipeline's workers); the decoded events go
// with the records, so that the replay's one thread does not decode them again. The
// scratch store still checks each one's seq, fund and prev_hash, and the rules.
Status Replay(const Store& store, Store& replay, uint64_t last_seq,
              const std::function<void(uint64_t seq)>& progress) {
  AppendBatch batch;
  auto append = [&]() -> Status {
    if (batch.records.empty()) return Status::Ok();
    auto appended = replay.Append(std::move(batch));
    batch = AppendBatch();
    if (!appended.ok()) return AsAuditFinding(appended.status());
    if (progress) progress(replay.head().seq);
    return Status::Ok();
  };
  RETURN_IF_ERROR(store.ForEach(1, last_seq, [&](const Event& event, std::string_view record) {
    batch.records.emplace_back(record);
    batch.sealed_events.push_back(event);
    return batch.records.size() < kStateAuditBatchEvents ? Status::Ok() : append();
  }));
  return append();
}

}  // namespace

Result<StateAudit> AuditState(const Store& store, const std::string& scratch_dir,
                              const std::function<void(uint64_t seq)>& progress) {
  auto families = store.family_names();
  if (std::find(families.begin(), families.end(), kStateCf) == families.end()) {
    return Status::InvalidArgument("the store holds no state family: not a fund's ledger");
  }
  ChainHead kept_head = store.head();
  ScratchDirectory scratch;
  RETURN_IF_ERROR(scratch.Claim(scratch_dir));
  ASSIGN_OR_RETURN(std::unique_ptr<Store> replay, OpenScratch(scratch_dir));
  FundState state(replay.get());
  replay->AddObserver(&state);
  RETURN_IF_ERROR(Replay(store, *replay, kept_head.seq, progress));
  if (replay->head().seq != kept_head.seq || replay->head().hash != kept_head.hash) {
    return Status::Corruption("the replayed chain ends at seq " + std::to_string(replay->head().seq) +
                              ", the kept head is seq " + std::to_string(kept_head.seq));
  }
  StateAudit audit;
  audit.events = kept_head.seq;
  std::unique_ptr<rocksdb::Iterator> kept(store.db()->NewIterator({}, store.cf(kStateCf)));
  std::unique_ptr<rocksdb::Iterator> replayed(replay->db()->NewIterator({}, replay->cf(kStateCf)));
  ASSIGN_OR_RETURN(audit.difference, FirstDifference(kept.get(), replayed.get(), &audit.rows_compared,
                                                     IsUnreversedLegacyCorrectable));
  return audit;
}

}  // namespace huzhu
