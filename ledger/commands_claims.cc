// Drafts for claims, reviews, payouts, relief and corrections.
#include "ledger/commands.h"

namespace huzhu {

namespace {

using Drafts = std::vector<EventDraft>;

Status Evidence(const std::string& claim_id, const std::string& what) {
  return Status::RuleViolation(reason::kEvidenceMissing, "claim " + claim_id + " needs " + what);
}

// The evidence each benefit kind needs (DOMAIN.md, "Evidence").
Status CheckEvidence(const ClaimFiled& c) {
  const std::string& k = c.benefit_kind;
  if (k == "inpatient") {
    if (c.invoice_number.empty()) return Evidence(c.claim_id, "an invoice number");
    if (c.hospital.empty()) return Evidence(c.claim_id, "the hospital");
    if (!c.admission_date || !c.discharge_date) return Evidence(c.claim_id, "admission and discharge dates");
    if (*c.discharge_date < *c.admission_date) {
      return Status::InvalidArgument("claim " + c.claim_id + ": discharged before admitted");
    }
    if (*c.admission_date != c.incident_date) {
      return Status::InvalidArgument("claim " + c.claim_id + ": the incident date is the admission date");
    }
    if (c.self_pay_fen <= 0) return Evidence(c.claim_id, "the self-paid amount");
  } else if (k == "critical" || k == "female") {
    if (c.disease_code.empty()) return Evidence(c.claim_id, "a disease code");
    if (c.hospital.empty()) return Evidence(c.claim_id, "the diagnosing hospital");
    if (k == "female" && (c.disease_tier < 1 || c.disease_tier > 4)) {
      return Evidence(c.claim_id, "a disease tier from 1 to 4");
    }
  } else if (k == "disability") {
    if (c.disability_grade < 1 || c.disability_grade > 10) {
      return Evidence(c.claim_id, "a disability grade from 1 to 10");
    }
  } else if (k == "medical") {
    if (c.invoice_number.empty()) return Evidence(c.claim_id, "an invoice number");
    if (c.self_pay_fen <= 0) return Evidence(c.claim_id, "the self-paid amount");
  } else if (k != "death") {
    return Status::InvalidArgument("claim " + c.claim_id + ": unknown benefit kind \"" + k +
                                   "\" (inpatient, critical, female, death, disability, medical)");
  }
  if (c.self_pay_fen < 0) return Status::InvalidArgument("claim " + c.claim_id + ": negative self-pay");
  return Status::Ok();
}

// The member's term in the plan that covers the incident, else the latest before it.
Result<std::string> FindTerm(const FundState& state, const ClaimFiled& c) {
  ASSIGN_OR_RETURN(auto terms, state.MemberTerms(c.member_id, c.plan_code));
  std::string best;
  for (const auto& id : terms) {
    ASSIGN_OR_RETURN(EnrolmentRec t, Existing(state.Enrolment(id), "enrolment " + id));
    if (t.term_start <= c.incident_date) best = id;
  }
  if (best.empty()) {
    return Status::RuleViolation(reason::kOutsideCover, "member " + c.member_id + " had no " + c.plan_code +
                                                            " cover on " + FormatDate(c.incident_date));
  }
  return best;
}

Result<ClaimRec> ReviewableClaim(const FundState& state, const std::string& claim_id) {
  ASSIGN_OR_RETURN(auto claim, state.Claim(claim_id));
  if (!claim) return Status::NotFound("claim " + claim_id + " does not exist");
  return *claim;
}

}  // namespace

std::string NextPayoutId(const std::string& claim_id, const ClaimRec& claim) {
  return claim_id + "-P" + std::to_string(claim.payouts + 1);
}

Result<Drafts> Draft(const FundState& state, const FileClaim& c) {
  ClaimFiled claim = c.claim;
  RETURN_IF_ERROR(CheckId("claim id", claim.claim_id));
  RETURN_IF_ERROR(CheckId("member id", claim.member_id));
  ASSIGN_OR_RETURN(auto member, state.Member(claim.member_id));
  if (!member) return Status::NotFound("member " + claim.member_id + " does not exist");
  RETURN_IF_ERROR(CheckEvidence(claim));
  if (claim.enrolment_id.empty()) {
    ASSIGN_OR_RETURN(claim.enrolment_id, FindTerm(state, claim));
  }
  if (!c.for_review) {
    // Refuse at the counter what the rules already refuse, with the reason.
    ASSIGN_OR_RETURN(auto owner, state.InvoiceClaim(claim.plan_code, claim.invoice_number));
    if (!claim.invoice_number.empty() && owner) {
      return Status::RuleViolation(reason::kDuplicateInvoice, "invoice " + claim.invoice_number +
                                                                  " already backs claim " + *owner +
                                                                  " in plan " + claim.plan_code);
    }
    ASSIGN_OR_RETURN(EnrolmentRec t, Existing(state.Enrolment(claim.enrolment_id), "enrolment"));
    ASSIGN_OR_RETURN(const PlanRules* plan, Existing(state.Plan(t.plan_code, t.plan_version), "plan"));
    CoverFacts cover{t.term_start, t.term_end, t.shares, t.continuity_waiver};
    TermUsage used{t.inpatient_fen, t.lump_sum_used, t.accident_death_disability_fen, t.accident_medical_fen};
    ClaimFacts facts{claim.benefit_kind, claim.incident_date, c.filed_on, member->gender,
                     claim.disease_code, claim.disease_tier, claim.self_pay_fen, claim.disability_grade};
    auto assessed = AssessClaim(*plan, cover, used, facts);
    if (!assessed.ok()) return assessed.status().WithContext("claim " + claim.claim_id);
  }
  return Drafts{{claim, c.filed_on}};
}

Result<Drafts> Draft(const FundState& state, const ApproveClaim& c) {
  ASSIGN_OR_RETURN(ClaimRec claim, ReviewableClaim(state, c.claim_id));
  auto assessed = state.AssessStoredClaim(c.claim_id, claim);
  if (!assessed.ok()) {
    return assessed.status().WithContext("claim " + c.claim_id + " cannot be approved (reject it with this reason)");
  }
  Fen amount = c.amount_fen.value_or(assessed->amount_fen);
  return Drafts{{ClaimApproved{c.claim_id, assessed->amount_fen, amount, c.reduction_reason, c.second_approver},
                 c.date}};
}

Result<Drafts> Draft(const FundState& state, const RejectClaim& c) {
  RETURN_IF_ERROR(ReviewableClaim(state, c.claim_id).status());
  if (!IsRejectionReason(c.reason_code)) {
    return Status::InvalidArgument("\"" + c.reason_code + "\" is not a rejection reason (see docs/rules.md)");
  }
  return Drafts{{ClaimRejected{c.claim_id, c.reason_code, c.reason}, c.date}};
}

Result<Drafts> Draft(const FundState& state, const ReturnClaim& c) {
  RETURN_IF_ERROR(ReviewableClaim(state, c.claim_id).status());
  if (c.missing_evidence.empty()) return Status::InvalidArgument("say what evidence is missing");
  return Drafts{{ClaimReturned{c.claim_id, c.missing_evidence}, c.date}};
}

Result<Drafts> Draft(const FundState& state, const SchedulePayout& c) {
  ASSIGN_OR_RETURN(ClaimRec claim, ReviewableClaim(state, c.claim_id));
  std::string payout_id = NextPayoutId(c.claim_id, claim);
  return Drafts{{PayoutScheduled{payout_id, c.claim_id, claim.member_id, claim.approved_fen}, c.date}};
}

Result<Drafts> Draft(const FundState& state, const PostPayout& c) {
  ASSIGN_OR_RETURN(auto payout, state.Payout(c.payout_id));
  if (!payout) return Status::NotFound("payout " + c.payout_id + " does not exist");
  return Drafts{{PayoutPosted{c.payout_id, payout->claim_id, payout->amount_fen, c.bank_reference}, c.date}};
}

Result<Drafts> Draft(const FundState& state, const VoidPayout& c) {
  ASSIGN_OR_RETURN(auto payout, state.Payout(c.payout_id));
  if (!payout) return Status::NotFound("payout " + c.payout_id + " does not exist");
  return Drafts{{PayoutVoided{c.payout_id, payout->claim_id, c.reason}, c.date}};
}

Result<Drafts> Draft(const FundState&, const GrantRelief& c) {
  RETURN_IF_ERROR(CheckId("relief id", c.relief.relief_id));
  return Drafts{{c.relief, c.date}};
}

Result<Drafts> Draft(const FundState& state, const ReverseEvent& c) {
  if (c.reason.empty()) return Status::InvalidArgument("a correction needs a reason");
  auto target = state.RecordedEvent(c.target_seq);
  if (!target.ok()) {
    return target.status().code() == Status::Code::kNotFound
               ? Status::NotFound("event " + std::to_string(c.target_seq) + " does not exist")
               : target.status();
  }
  return Drafts{{EventReversed{c.target_seq, c.reason, c.approver}, target->envelope.effective_date}};
}

Result<Drafts> Draft(const FundState& state, const ReopenClaim& c) {
  if (c.reason.empty()) return Status::InvalidArgument("a correction needs a reason");
  ASSIGN_OR_RETURN(ClaimRec claim, ReviewableClaim(state, c.claim_id));
  if (claim.status != ClaimStatus::kRejected) {
    return Status::RuleViolation(reason::kClaimState, "claim " + c.claim_id + " is " +
                                                          std::string(ClaimStatusName(claim.status)) +
                                                          "; only a rejected claim can be reopened");
  }
  ASSIGN_OR_RETURN(Event rejection, state.RecordedEvent(claim.rejected_seq));
  return Drafts{{ClaimReopened{c.claim_id, claim.rejected_seq, c.reason, c.approver},
                 rejection.envelope.effective_date}};
}

}  // namespace huzhu
