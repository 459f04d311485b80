// FundState: everything the write side knows about a fund, derived from its events
// (units, members, enrolments and what each term has used, claims, payouts, the
// accounts). It lives in the store's "state" column family, so memory does not grow
// with the fund, and is kept in the same WriteBatch as the events.
//
// Apply() is the one place where an event's effects and invariants are decided:
// commands dry-run their events through it, the store applies them through it (as a
// BatchObserver), and replay rebuilds the state through it. It checks the actor's
// role, that what an event names exists and is in the right state, the plan rules
// behind every approval, four eyes, and that the books balance with the bank
// account never below zero.
//
// Not thread safe: the fund's single writer thread uses it.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "events/accounts.h"
#include "events/event.h"
#include "ledger/batch_observer.h"
#include "ledger/plan.h"
#include "ledger/record_codec.h"
#include "ledger/rules.h"
#include "ledger/state_overlay.h"
#include "ledger/state_records.h"
#include "ledger/store.h"

namespace huzhu {

constexpr char kStateCf[] = "state";

class FundState : public BatchObserver {
 public:
  // REQUIRES: the store was opened with kStateCf among its column families, and
  // outlives this object.
  explicit FundState(Store* store);

  // Applies one event's effects to the pending overlay after checking its invariants.
  Status Apply(const Event& event);
  // Forgets what was applied since the last commit (after a dry run).
  void Discard();
  // Declares that the events with seqs [first_seq, last_seq], about to be appended,
  // were just applied by a dry run of the same drafts: the append then writes what
  // the dry run applied instead of applying them a second time.
  void KeepDryRun(uint64_t first_seq, uint64_t last_seq) { prepared_ = {first_seq, last_seq}; }
  // Marks and undoes applied events within a dry run.
  size_t Savepoint() { return kv_.Savepoint(); }
  void RollbackTo(size_t savepoint) { kv_.RollbackTo(savepoint); }

  // BatchObserver: the store's appends go through Apply.
  Status OnEvent(const Event& event, rocksdb::WriteBatch* batch) override;
  Status OnBatchEnd(uint64_t last_seq, rocksdb::WriteBatch* batch) override;
  void OnAbort() override { Discard(); }
  void OnCommit() override;

  // Fetches records a command is about to read, together (ledger/read_ahead.h).
  Status Prefetch(std::vector<std::string> keys) const { return kv_.Prefetch(std::move(keys)); }
  void PrefetchInBackground(std::vector<std::string> keys) const { kv_.PrefetchInBackground(std::move(keys)); }

  // Reads, seeing what is committed plus what was applied since.
  Result<std::optional<UnitRec>> Unit(const std::string& unit_id) const;
  Result<std::optional<MemberRec>> Member(const std::string& member_id) const;
  Result<std::optional<EnrolmentRec>> Enrolment(const std::string& enrolment_id) const;
  Result<std::optional<ClaimRec>> Claim(const std::string& claim_id) const;
  Result<std::optional<PayoutRec>> Payout(const std::string& payout_id) const;
  Result<Balances> GetBalances() const;
  // The plan version in force on `on` (the latest published with effective_from <= on),
  // or null. The rules stay valid as long as this FundState: every enrolment looks its
  // plan up, and a copy of the rules cost a few allocations each time.
  Result<const PlanRules*> PlanInForce(const std::string& code, Date on) const;
  // A published version's rules, or null when it was never published. Valid as long
  // as this FundState, like PlanInForce's.
  Result<const PlanRules*> Plan(const std::string& code, uint32_t version) const;
  Result<bool> PlanPublishedAs(const PlanRules& plan) const;  // same code, version and rules
  // Enrolment ids of a member in a plan, by term start, reversed ones excluded.
  Result<std::vector<std::string>> MemberTerms(const std::string& member_id,
                                               const std::string& plan_code) const;
  Result<std::vector<std::string>> UnitMembers(const std::string& unit_id) const;
  // The claim an invoice number already backs in a plan.
  Result<std::optional<std::string>> InvoiceClaim(const std::string& plan_code,
                                                  const std::string& invoice) const;
  Result<bool> IdUsed(char kind, const std::string& id) const;  // 'K' contributions, 'R' relief
  // An event already in the ledger.
  Result<Event> RecordedEvent(uint64_t seq) const { return store_->Get(seq); }

  // The plan rule's verdict on a recorded claim, as things stand: its invoice not used
  // by another claim, then AssessClaim on its cover, its term's usage and its facts.
  Result<Assessment> AssessStoredClaim(const std::string& claim_id, const ClaimRec& claim) const;

 private:
  template <class T>
  Result<std::optional<T>> Read(const std::string& key, std::string_view what) const;
  template <class T>
  void Write(const std::string& key, const T& record);

  Status CheckRole(const Event& event) const;
  Status ApplyPayload(const Event& event);
  Status Post(const std::vector<Posting>& postings, const Event& event);

  Status ApplyPlan(const Event& e, const PlanPublished& p);
  Status ApplyUnit(const UnitRegistered& p);
  Status ApplyMember(const MemberRegistered& p);
  Status ApplyEnrolment(const MemberEnrolled& p);
  Status ApplyContribution(const Event& e, const ContributionReceived& p);
  Status ApplyClaimFiled(const Event& e, const ClaimFiled& p);
  Status ApplyApproval(const Event& e, const ClaimApproved& p);
  Status ApplyRejection(const Event& e, const ClaimRejected& p);
  Status ApplyReturn(const ClaimReturned& p);
  Status ApplySchedule(const PayoutScheduled& p);
  Status ApplyPosted(const Event& e, const PayoutPosted& p);
  Status ApplyVoided(const PayoutVoided& p);
  Status ApplyRelief(const Event& e, const ReliefGranted& p);
  Status ApplyReversal(const Event& e, const EventReversed& p);
  Result<CorrectableRec> ReversalTarget(const Event& original, const std::string& what) const;
  Status ApplyReopen(const ClaimReopened& p);
  Status UndoEnrolment(const CorrectableRec& target);
  Status AddMemberTerm(const std::string& member_id, const std::string& plan, Date start, const std::string& id);
  Status RemoveMemberTerm(const std::string& member_id, const std::string& plan, const std::string& id);
  Status UndoPayout(const CorrectableRec& target);

  Store* store_;
  StateOverlay kv_;
  std::pair<uint64_t, uint64_t> prepared_{1, 0};  // empty range: nothing prepared
  // Parsed plans, by their JSON; never erased: PlanInForce hands out pointers into it.
  mutable std::map<std::string, PlanRules> plan_cache_;
  // Published versions by plan code, read once per command: enrolments look them up
  // for every member. Dropped whenever a plan is applied or a dry run discarded.
  mutable std::map<std::string, std::vector<uint32_t>> plan_versions_;
};

template <class T>
inline Result<std::optional<T>> FundState::Read(const std::string& key, std::string_view what) const {
  ASSIGN_OR_RETURN(auto bytes, kv_.Get(key));
  if (!bytes) return std::optional<T>();
  ASSIGN_OR_RETURN(T record, DecodeRecord<T>(*bytes, what));
  return std::optional<T>(std::move(record));
}

template <class T>
inline void FundState::Write(const std::string& key, const T& record) {
  kv_.Put(key, EncodeRecord(record));
}

// The record an invariant says exists; its absence means the state is damaged.
template <class T>
Result<T> Existing(Result<std::optional<T>> found, const std::string& what) {
  if (!found.ok()) return found.status();
  if (!found.value()) return Status::Corruption(what + " is missing from the fund's state");
  return std::move(*found.value());
}
// The same for what the state hands out from its caches (plans).
template <class T>
Result<const T*> Existing(Result<const T*> found, const std::string& what) {
  if (!found.ok()) return found.status();
  if (found.value() == nullptr) return Status::Corruption(what + " is missing from the fund's state");
  return found.value();
}

// Keys of the state column family (docs/storage.md).
namespace state_keys {
std::string Unit(const std::string& id);
std::string Member(const std::string& id);
std::string UnitMember(const std::string& unit_id, const std::string& member_id);
std::string Enrolment(const std::string& id);
std::string MemberTerms(const std::string& member_id, const std::string& plan);
std::string EnrolmentClaim(const std::string& enrolment_id, const std::string& claim_id);
std::string UnitShares(const std::string& unit_id, const std::string& plan);
std::string Claim(const std::string& id);
std::string Invoice(const std::string& plan, const std::string& invoice);
std::string Payout(const std::string& id);
std::string Correctable(uint64_t seq);
std::string Account(Account account);
std::string Plan(const std::string& code, uint32_t version);
std::string Used(char kind, const std::string& id);
}  // namespace state_keys

}  // namespace huzhu
