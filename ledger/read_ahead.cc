#include "ledger/read_ahead.h"

namespace huzhu {

namespace {

// The enrolment records behind a member's terms in a plan. A record that cannot be
// read is left for the command to report.
void TermReads(const FundState& state, const std::string& member_id, const std::string& plan, StateKeys* keys) {
  auto terms = state.MemberTerms(member_id, plan);
  if (!terms.ok()) return;
  for (const auto& id : *terms) keys->push_back(state_keys::Enrolment(id));
}

void PayoutClaimReads(const FundState& state, const std::string& payout_id, StateKeys* keys) {
  auto payout = state.Payout(payout_id);
  if (payout.ok() && *payout) keys->push_back(state_keys::Claim((*payout)->claim_id));
}

}  // namespace

Status ReadAheadRounds(const FundState& state, const KeyLister& first, const KeyLister& second) {
  StateKeys keys;
  first(&keys);
  if (keys.empty()) return Status::Ok();
  RETURN_IF_ERROR(state.Prefetch(std::move(keys)));
  keys.clear();
  second(&keys);
  return state.Prefetch(std::move(keys));
}

void FirstReads(const RegisterUnit& c, StateKeys* keys) { keys->push_back(state_keys::Unit(c.unit.unit_id)); }

void FirstReads(const ReceiveContribution& c, StateKeys* keys) {
  keys->push_back(state_keys::Unit(c.contribution.unit_id));
  keys->push_back(state_keys::Used('K', c.contribution.contribution_id));
}

void FirstReads(const RegisterMember& c, StateKeys* keys) {
  keys->push_back(state_keys::Unit(c.member.unit_id));
  keys->push_back(state_keys::Member(c.member.member_id));
}

void FirstReads(const EnrolMembers& c, StateKeys* keys) {
  keys->push_back(state_keys::Unit(c.unit_id));
  keys->push_back(state_keys::UnitShares(c.unit_id, c.plan_code));
  for (const auto& member : c.member_ids) {
    keys->push_back(state_keys::Member(member));
    keys->push_back(state_keys::MemberTerms(member, c.plan_code));
    keys->push_back(state_keys::Enrolment(EnrolmentId(member, c.plan_code, c.term_start)));
  }
}

void SecondReads(const FundState& state, const EnrolMembers& c, StateKeys* keys) {
  for (const auto& member : c.member_ids) TermReads(state, member, c.plan_code, keys);
}

void FirstReads(const FileClaim& c, StateKeys* keys) {
  keys->push_back(state_keys::Claim(c.claim.claim_id));
  keys->push_back(state_keys::Member(c.claim.member_id));
  keys->push_back(state_keys::MemberTerms(c.claim.member_id, c.claim.plan_code));
  if (!c.claim.invoice_number.empty()) {
    keys->push_back(state_keys::Invoice(c.claim.plan_code, c.claim.invoice_number));
  }
}

void SecondReads(const FundState& state, const FileClaim& c, StateKeys* keys) {
  TermReads(state, c.claim.member_id, c.claim.plan_code, keys);
}

void FirstReads(const ApproveClaim& c, StateKeys* keys) { keys->push_back(state_keys::Claim(c.claim_id)); }

void SecondReads(const FundState& state, const ApproveClaim& c, StateKeys* keys) {
  auto claim = state.Claim(c.claim_id);
  if (!claim.ok() || !*claim) return;
  const ClaimRec& rec = **claim;
  keys->push_back(state_keys::Enrolment(rec.enrolment_id));
  keys->push_back(state_keys::Member(rec.member_id));
  if (!rec.invoice_number.empty()) keys->push_back(state_keys::Invoice(rec.plan_code, rec.invoice_number));
}

void FirstReads(const RejectClaim& c, StateKeys* keys) { keys->push_back(state_keys::Claim(c.claim_id)); }

void FirstReads(const SchedulePayout& c, StateKeys* keys) { keys->push_back(state_keys::Claim(c.claim_id)); }

void SecondReads(const FundState& state, const SchedulePayout& c, StateKeys* keys) {
  auto claim = state.Claim(c.claim_id);
  if (!claim.ok() || !*claim) return;
  keys->push_back(state_keys::Payout(NextPayoutId(c.claim_id, **claim)));
}

void FirstReads(const PostPayout& c, StateKeys* keys) { keys->push_back(state_keys::Payout(c.payout_id)); }

void SecondReads(const FundState& state, const PostPayout& c, StateKeys* keys) {
  PayoutClaimReads(state, c.payout_id, keys);
}

void FirstReads(const VoidPayout& c, StateKeys* keys) { keys->push_back(state_keys::Payout(c.payout_id)); }

void SecondReads(const FundState& state, const VoidPayout& c, StateKeys* keys) {
  PayoutClaimReads(state, c.payout_id, keys);
}

}  // namespace huzhu
