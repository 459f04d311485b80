// FundState::Apply for contributions, relief and corrections.
#include "ledger/fund_state.h"
#include "ledger/record_codec.h"

namespace huzhu {

Status FundState::ApplyContribution(const Event& e, const ContributionReceived& p) {
  ASSIGN_OR_RETURN(auto unit, Unit(p.unit_id));
  if (!unit) return Status::NotFound("unit " + p.unit_id + " does not exist");
  ASSIGN_OR_RETURN(bool used, IdUsed('K', p.contribution_id));
  if (used) return Status::RuleViolation(reason::kDuplicateId, "contribution " + p.contribution_id + " exists already");
  if (p.amount_fen <= 0) return Status::InvalidArgument("a contribution must be more than zero");
  kv_.Put(state_keys::Used('K', p.contribution_id), "");
  return Post(PostingsOf(e, nullptr), e);
}

Status FundState::ApplyRelief(const Event& e, const ReliefGranted& p) {
  ASSIGN_OR_RETURN(auto member, Member(p.member_id));
  if (!member) return Status::NotFound("member " + p.member_id + " does not exist");
  ASSIGN_OR_RETURN(bool used, IdUsed('R', p.relief_id));
  if (used) return Status::RuleViolation(reason::kDuplicateId, "relief " + p.relief_id + " exists already");
  if (p.amount_fen <= 0) return Status::InvalidArgument("a relief grant must be more than zero");
  if (p.first_approver.empty() || p.second_approver.empty() || p.first_approver == p.second_approver) {
    return Status::RuleViolation(reason::kTwoApprovers,
                                 "a relief grant needs two different approvers");
  }
  if (p.recipient != "self" && p.recipient != "spouse" && p.recipient != "child") {
    return Status::InvalidArgument("relief recipient must be self, spouse or child");
  }
  kv_.Put(state_keys::Used('R', p.relief_id), "");
  return Post(PostingsOf(e, nullptr), e);
}

Status FundState::UndoEnrolment(const CorrectableRec& target) {
  ASSIGN_OR_RETURN(EnrolmentRec enrolment, Existing(Enrolment(target.id), "enrolment " + target.id));
  ASSIGN_OR_RETURN(auto claims, kv_.Keys("W/" + target.id + "/"));
  for (const auto& key : claims) {
    std::string claim_id = key.substr(3 + target.id.size());
    ASSIGN_OR_RETURN(ClaimRec claim, Existing(Claim(claim_id), "claim " + claim_id));
    if (claim.status != ClaimStatus::kRejected) {
      return Status::RuleViolation(reason::kCorrectionInUse,
                                   "enrolment " + target.id + " backs claim " + claim_id + " (" +
                                       std::string(ClaimStatusName(claim.status)) +
                                       "); settle or reject that claim first");
    }
  }
  enrolment.reversed = true;
  Write(state_keys::Enrolment(target.id), enrolment);
  RETURN_IF_ERROR(RemoveMemberTerm(enrolment.member_id, enrolment.plan_code, target.id));
  return Status::Ok();
}

namespace {

// What reversing `event` would undo, read from the event itself; nullopt for the
// types that cannot be reversed (docs/rules.md).
std::optional<CorrectableRec> CorrectableOf(const Event& event) {
  Date date = event.envelope.effective_date;
  if (const auto* p = std::get_if<ContributionReceived>(&event.payload)) {
    return CorrectableRec{event.type(), p->contribution_id, p->amount_fen, date, 0};
  }
  if (const auto* p = std::get_if<ReliefGranted>(&event.payload)) {
    return CorrectableRec{event.type(), p->relief_id, p->amount_fen, date, 0};
  }
  if (const auto* p = std::get_if<MemberEnrolled>(&event.payload)) {
    return CorrectableRec{event.type(), p->enrolment_id, 0, date, 0};
  }
  if (const auto* p = std::get_if<PayoutPosted>(&event.payload)) {
    return CorrectableRec{event.type(), p->payout_id, p->amount_fen, date, 0};
  }
  return std::nullopt;
}

}  // namespace

// The record of the target under Q/<seq> is written when it is reversed; stores
// written before 2026-12 hold one for every correctable event, reversed or not,
// with the same fields. Either way the record, when there is one, is what counts.
Result<CorrectableRec> FundState::ReversalTarget(const Event& original, const std::string& what) const {
  ASSIGN_OR_RETURN(auto recorded, Read<CorrectableRec>(state_keys::Correctable(original.seq()), what));
  if (recorded) return *recorded;
  if (auto target = CorrectableOf(original)) return *target;
  if (original.type() == EventType::kEventReversed) {
    return Status::RuleViolation(reason::kReversalOfReversal,
                                 what + " is itself a reversal; a reversal cannot be reversed");
  }
  return Status::RuleViolation(reason::kNotCorrectable,
                               what + " (" + std::string(EventTypeName(original.type())) +
                                   ") cannot be reversed; see docs/rules.md for what can");
}

Status FundState::ApplyReversal(const Event& e, const EventReversed& p) {
  std::string what = "event " + std::to_string(p.target_seq);
  if (p.approver.empty() || p.approver == e.envelope.actor.user) {
    return Status::RuleViolation(reason::kFourEyes, "a correction needs an approver other than " +
                                                        e.envelope.actor.user);
  }
  if (p.target_seq == 0 || p.target_seq >= e.seq()) return Status::NotFound(what + " does not exist");
  ASSIGN_OR_RETURN(Event original, store_->Get(p.target_seq));
  ASSIGN_OR_RETURN(CorrectableRec target, ReversalTarget(original, what));
  if (target.reversed_by != 0) {
    return Status::RuleViolation(reason::kAlreadyReversed,
                                 what + " was reversed already by event " + std::to_string(target.reversed_by));
  }
  if (e.envelope.effective_date != target.effective_date) {
    return Status::InvalidArgument("a reversal takes effect on " + FormatDate(target.effective_date) +
                                   ", the date of the event it reverses");
  }
  if (target.type == EventType::kMemberEnrolled) RETURN_IF_ERROR(UndoEnrolment(target));
  if (target.type == EventType::kPayoutPosted) RETURN_IF_ERROR(UndoPayout(target));
  RETURN_IF_ERROR(Post(PostingsOf(e, &original), e));
  target.reversed_by = e.seq();
  Write(state_keys::Correctable(p.target_seq), target);
  return Status::Ok();
}

Status FundState::ApplyReopen(const ClaimReopened& p) {
  ASSIGN_OR_RETURN(auto claim, Claim(p.claim_id));
  if (!claim) return Status::NotFound("claim " + p.claim_id + " does not exist");
  if (claim->status != ClaimStatus::kRejected) {
    return Status::RuleViolation(reason::kClaimState, "claim " + p.claim_id + " is " +
                                                          std::string(ClaimStatusName(claim->status)) +
                                                          "; only a rejected claim can be reopened");
  }
  if (p.target_seq != claim->rejected_seq) {
    return Status::InvalidArgument("claim " + p.claim_id + " was rejected by event " +
                                   std::to_string(claim->rejected_seq) + ", not " +
                                   std::to_string(p.target_seq));
  }
  if (p.approver.empty()) return Status::RuleViolation(reason::kFourEyes, "a reopening needs an approver");
  claim->status = ClaimStatus::kReopened;
  Write(state_keys::Claim(p.claim_id), *claim);
  return Status::Ok();
}

}  // namespace huzhu
