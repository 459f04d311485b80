// FundState::Apply for claims and payouts.
#include "ledger/fund_state.h"
#include "ledger/record_codec.h"

namespace huzhu {

namespace {

Status WrongState(const std::string& what, ClaimStatus status, const std::string& wanted) {
  return Status::RuleViolation(reason::kClaimState, what + " is " + std::string(ClaimStatusName(status)) +
                                                        "; it must be " + wanted);
}

bool Reviewable(ClaimStatus s) {
  return s == ClaimStatus::kFiled || s == ClaimStatus::kReturned || s == ClaimStatus::kReopened;
}

}  // namespace

std::string_view ClaimStatusName(ClaimStatus status) {
  switch (status) {
    case ClaimStatus::kFiled: return "filed";
    case ClaimStatus::kReturned: return "returned";
    case ClaimStatus::kApproved: return "approved";
    case ClaimStatus::kScheduled: return "scheduled";
    case ClaimStatus::kPaid: return "paid";
    case ClaimStatus::kRejected: return "rejected";
    case ClaimStatus::kReopened: return "reopened";
  }
  return "unknown";
}

Status FundState::ApplyClaimFiled(const Event& e, const ClaimFiled& p) {
  ASSIGN_OR_RETURN(auto existing, Claim(p.claim_id));
  if (existing) return Status::RuleViolation(reason::kDuplicateId, "claim " + p.claim_id + " exists already");
  ASSIGN_OR_RETURN(auto member, Member(p.member_id));
  if (!member) return Status::NotFound("member " + p.member_id + " does not exist");
  ASSIGN_OR_RETURN(auto enrolment, Enrolment(p.enrolment_id));
  if (!enrolment || enrolment->member_id != p.member_id || enrolment->plan_code != p.plan_code) {
    return Status::NotFound("member " + p.member_id + " has no enrolment " + p.enrolment_id + " in plan " +
                            p.plan_code);
  }
  // A second claim on the same invoice may be recorded (for its formal rejection),
  // but the invoice stays with the first claim and only that one can be approved.
  if (!p.invoice_number.empty()) {
    ASSIGN_OR_RETURN(auto other, InvoiceClaim(p.plan_code, p.invoice_number));
    if (!other) kv_.Put(state_keys::Invoice(p.plan_code, p.invoice_number), p.claim_id);
  }
  ClaimRec c;
  c.member_id = p.member_id;
  c.enrolment_id = p.enrolment_id;
  c.plan_code = p.plan_code;
  c.benefit_kind = p.benefit_kind;
  c.incident_date = p.incident_date;
  c.filed_on = e.envelope.effective_date;
  c.filed_by = e.envelope.actor.user;
  c.disease_code = p.disease_code;
  c.disease_tier = p.disease_tier;
  c.self_pay_fen = p.self_pay_fen;
  c.disability_grade = p.disability_grade;
  c.invoice_number = p.invoice_number;
  Write(state_keys::Claim(p.claim_id), c);
  kv_.Put(state_keys::EnrolmentClaim(p.enrolment_id, p.claim_id), "");
  return Status::Ok();
}

Status FundState::ApplyApproval(const Event& e, const ClaimApproved& p) {
  ASSIGN_OR_RETURN(auto claim, Claim(p.claim_id));
  if (!claim) return Status::NotFound("claim " + p.claim_id + " does not exist");
  if (!Reviewable(claim->status)) {
    return WrongState("claim " + p.claim_id, claim->status, "filed, returned or reopened");
  }
  const std::string& approver = e.envelope.actor.user;
  if (approver == claim->filed_by) {
    return Status::RuleViolation(reason::kFourEyes, approver + " filed claim " + p.claim_id +
                                                        " and so may not approve it");
  }
  // The decision is re-derived from the events: replay checks every approval.
  ASSIGN_OR_RETURN(Assessment assessed, AssessStoredClaim(p.claim_id, *claim));
  if (assessed.amount_fen != p.rule_amount_fen) {
    return Status::InvalidArgument("claim " + p.claim_id + ": the rule pays " +
                                   FormatYuan(assessed.amount_fen) + " yuan, the approval says " +
                                   FormatYuan(p.rule_amount_fen));
  }
  if (p.approved_amount_fen > p.rule_amount_fen) {
    return Status::RuleViolation(reason::kAboveRule, "approving " + FormatYuanGrouped(p.approved_amount_fen) +
                                                         " yuan is more than the rule's " +
                                                         FormatYuanGrouped(p.rule_amount_fen) + " yuan");
  }
  if (p.approved_amount_fen <= 0) {
    return Status::InvalidArgument("an approval must pay more than zero; reject the claim instead");
  }
  if (p.approved_amount_fen < p.rule_amount_fen && p.reduction_reason.empty()) {
    return Status::InvalidArgument("approving less than the rule's amount needs a reason");
  }
  ASSIGN_OR_RETURN(EnrolmentRec enrolment,
                   Existing(Enrolment(claim->enrolment_id), "enrolment " + claim->enrolment_id));
  ASSIGN_OR_RETURN(const PlanRules* plan, Existing(Plan(enrolment.plan_code, enrolment.plan_version),
                                            "plan " + enrolment.plan_code));
  if (p.approved_amount_fen > plan->second_approver_above_fen) {
    if (p.second_approver.empty() || p.second_approver == approver || p.second_approver == claim->filed_by) {
      return Status::RuleViolation(
          reason::kSecondApprover,
          "a payout of " + FormatYuanGrouped(p.approved_amount_fen) + " yuan is above " +
              FormatYuanGrouped(plan->second_approver_above_fen) +
              " yuan and needs a second approver who neither filed nor first approved it");
    }
  }
  TermUsage used{enrolment.inpatient_fen, enrolment.lump_sum_used,
                 enrolment.accident_death_disability_fen, enrolment.accident_medical_fen};
  AddUsage(*plan, claim->benefit_kind, p.approved_amount_fen, &used);
  enrolment.inpatient_fen = used.inpatient_fen;
  enrolment.lump_sum_used = used.lump_sum_used;
  enrolment.accident_death_disability_fen = used.accident_death_disability_fen;
  enrolment.accident_medical_fen = used.accident_medical_fen;
  Write(state_keys::Enrolment(claim->enrolment_id), enrolment);
  claim->status = ClaimStatus::kApproved;
  claim->approved_fen = p.approved_amount_fen;
  Write(state_keys::Claim(p.claim_id), *claim);
  return Post(PostingsOf(e, nullptr), e);
}

Status FundState::ApplyRejection(const Event& e, const ClaimRejected& p) {
  ASSIGN_OR_RETURN(auto claim, Claim(p.claim_id));
  if (!claim) return Status::NotFound("claim " + p.claim_id + " does not exist");
  if (!Reviewable(claim->status)) {
    return WrongState("claim " + p.claim_id, claim->status, "filed, returned or reopened");
  }
  if (!IsRejectionReason(p.reason_code)) {
    return Status::InvalidArgument("\"" + p.reason_code + "\" is not a rejection reason code");
  }
  claim->status = ClaimStatus::kRejected;
  claim->rejected_seq = e.seq();
  Write(state_keys::Claim(p.claim_id), *claim);
  return Status::Ok();
}

Status FundState::ApplyReturn(const ClaimReturned& p) {
  ASSIGN_OR_RETURN(auto claim, Claim(p.claim_id));
  if (!claim) return Status::NotFound("claim " + p.claim_id + " does not exist");
  if (claim->status != ClaimStatus::kFiled && claim->status != ClaimStatus::kReopened) {
    return WrongState("claim " + p.claim_id, claim->status, "filed or reopened");
  }
  claim->status = ClaimStatus::kReturned;
  Write(state_keys::Claim(p.claim_id), *claim);
  return Status::Ok();
}

Status FundState::ApplySchedule(const PayoutScheduled& p) {
  ASSIGN_OR_RETURN(auto claim, Claim(p.claim_id));
  if (!claim) return Status::NotFound("claim " + p.claim_id + " does not exist");
  if (claim->status != ClaimStatus::kApproved) {
    return WrongState("claim " + p.claim_id, claim->status, "approved and unpaid");
  }
  ASSIGN_OR_RETURN(auto existing, Payout(p.payout_id));
  if (existing) return Status::RuleViolation(reason::kDuplicateId, "payout " + p.payout_id + " exists already");
  if (p.amount_fen != claim->approved_fen || p.member_id != claim->member_id) {
    return Status::InvalidArgument("payout " + p.payout_id + " must pay the approved " +
                                   FormatYuan(claim->approved_fen) + " yuan to member " + claim->member_id);
  }
  Write(state_keys::Payout(p.payout_id), PayoutRec{p.claim_id, p.member_id, p.amount_fen, PayoutStatus::kScheduled});
  claim->status = ClaimStatus::kScheduled;
  claim->payout_id = p.payout_id;
  ++claim->payouts;
  Write(state_keys::Claim(p.claim_id), *claim);
  return Status::Ok();
}

Status FundState::ApplyPosted(const Event& e, const PayoutPosted& p) {
  ASSIGN_OR_RETURN(auto payout, Payout(p.payout_id));
  if (!payout) return Status::NotFound("payout " + p.payout_id + " does not exist");
  if (payout->status != PayoutStatus::kScheduled) {
    return Status::RuleViolation(reason::kPayoutState, "payout " + p.payout_id + " is not scheduled");
  }
  if (p.amount_fen != payout->amount_fen || p.claim_id != payout->claim_id) {
    return Status::InvalidArgument("payout " + p.payout_id + " was scheduled for " +
                                   FormatYuan(payout->amount_fen) + " yuan on claim " + payout->claim_id);
  }
  payout->status = PayoutStatus::kPosted;
  Write(state_keys::Payout(p.payout_id), *payout);
  ASSIGN_OR_RETURN(ClaimRec claim, Existing(Claim(payout->claim_id), "claim " + payout->claim_id));
  claim.status = ClaimStatus::kPaid;
  Write(state_keys::Claim(payout->claim_id), claim);
  return Post(PostingsOf(e, nullptr), e);
}

Status FundState::ApplyVoided(const PayoutVoided& p) {
  ASSIGN_OR_RETURN(auto payout, Payout(p.payout_id));
  if (!payout) return Status::NotFound("payout " + p.payout_id + " does not exist");
  if (payout->status != PayoutStatus::kScheduled || p.claim_id != payout->claim_id) {
    return Status::RuleViolation(reason::kPayoutState,
                                 "payout " + p.payout_id + " is not a scheduled payout of claim " + p.claim_id);
  }
  payout->status = PayoutStatus::kVoided;
  Write(state_keys::Payout(p.payout_id), *payout);
  ASSIGN_OR_RETURN(ClaimRec claim, Existing(Claim(payout->claim_id), "claim " + payout->claim_id));
  claim.status = ClaimStatus::kApproved;
  claim.payout_id.clear();
  Write(state_keys::Claim(payout->claim_id), claim);
  return Status::Ok();
}

Status FundState::UndoPayout(const CorrectableRec& target) {
  ASSIGN_OR_RETURN(PayoutRec payout, Existing(Payout(target.id), "payout " + target.id));
  payout.status = PayoutStatus::kReversed;
  Write(state_keys::Payout(target.id), payout);
  ASSIGN_OR_RETURN(ClaimRec claim, Existing(Claim(payout.claim_id), "claim " + payout.claim_id));
  claim.status = ClaimStatus::kApproved;
  claim.payout_id.clear();
  Write(state_keys::Claim(payout.claim_id), claim);
  return Status::Ok();
}

}  // namespace huzhu
