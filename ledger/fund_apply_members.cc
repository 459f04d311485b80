// FundState::Apply for plans, units, members and enrolments.
#include "ledger/fund_state.h"
#include "ledger/record_codec.h"

namespace huzhu {

namespace {
Status Missing(const std::string& what) { return Status::NotFound(what + " does not exist"); }
Status Duplicate(const std::string& what) {
  return Status::RuleViolation(reason::kDuplicateId, what + " exists already");
}
}  // namespace

Status FundState::ApplyPayload(const Event& e) {
  return std::visit(
      [&](const auto& p) -> Status {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, FundOpened>) return Status::Ok();
        else if constexpr (std::is_same_v<T, PlanPublished>) return ApplyPlan(e, p);
        else if constexpr (std::is_same_v<T, UnitRegistered>) return ApplyUnit(p);
        else if constexpr (std::is_same_v<T, MemberRegistered>) return ApplyMember(p);
        else if constexpr (std::is_same_v<T, MemberEnrolled>) return ApplyEnrolment(p);
        else if constexpr (std::is_same_v<T, ContributionReceived>) return ApplyContribution(e, p);
        else if constexpr (std::is_same_v<T, ClaimFiled>) return ApplyClaimFiled(e, p);
        else if constexpr (std::is_same_v<T, ClaimApproved>) return ApplyApproval(e, p);
        else if constexpr (std::is_same_v<T, ClaimRejected>) return ApplyRejection(e, p);
        else if constexpr (std::is_same_v<T, ClaimReturned>) return ApplyReturn(p);
        else if constexpr (std::is_same_v<T, PayoutScheduled>) return ApplySchedule(p);
        else if constexpr (std::is_same_v<T, PayoutPosted>) return ApplyPosted(e, p);
        else if constexpr (std::is_same_v<T, PayoutVoided>) return ApplyVoided(p);
        else if constexpr (std::is_same_v<T, ReliefGranted>) return ApplyRelief(e, p);
        else if constexpr (std::is_same_v<T, EventReversed>) return ApplyReversal(e, p);
        else return ApplyReopen(p);
      },
      e.payload);
}

Status FundState::ApplyPlan(const Event&, const PlanPublished& p) {
  ASSIGN_OR_RETURN(PlanRules plan, PlanFromJson(p.definition_json));
  if (plan.code != p.plan_code || plan.version != p.plan_version ||
      plan.premium_per_share_fen != p.premium_per_share_fen || plan.max_shares != p.max_shares ||
      plan.effective_from != p.effective_from) {
    return Status::InvalidArgument("plan " + p.plan_code + ": the event's fields disagree with its definition");
  }
  ASSIGN_OR_RETURN(auto existing, kv_.Get(state_keys::Plan(plan.code, plan.version)));
  if (existing) return Duplicate("plan " + plan.code + " version " + std::to_string(plan.version));
  kv_.Put(state_keys::Plan(plan.code, plan.version), PlanToJson(plan));
  plan_versions_.clear();
  return Status::Ok();
}

Status FundState::ApplyUnit(const UnitRegistered& p) {
  ASSIGN_OR_RETURN(auto unit, Unit(p.unit_id));
  if (unit) return Duplicate("unit " + p.unit_id);
  Write(state_keys::Unit(p.unit_id), UnitRec{p.name, p.staff_count, p.female_staff_count});
  return Status::Ok();
}

Status FundState::ApplyMember(const MemberRegistered& p) {
  ASSIGN_OR_RETURN(auto unit, Unit(p.unit_id));
  if (!unit) return Missing("unit " + p.unit_id);
  ASSIGN_OR_RETURN(auto member, Member(p.member_id));
  if (member) return Duplicate("member " + p.member_id);
  Write(state_keys::Member(p.member_id), MemberRec{p.unit_id, p.gender, p.birth_date, p.in_service});
  kv_.Put(state_keys::UnitMember(p.unit_id, p.member_id), "");
  return Status::Ok();
}

Status FundState::ApplyEnrolment(const MemberEnrolled& p) {
  ASSIGN_OR_RETURN(auto member, Member(p.member_id));
  if (!member) return Missing("member " + p.member_id);
  if (member->unit_id != p.unit_id) {
    return Status::InvalidArgument("member " + p.member_id + " belongs to unit " + member->unit_id +
                                   ", not " + p.unit_id);
  }
  ASSIGN_OR_RETURN(auto existing, Enrolment(p.enrolment_id));
  if (existing) return Duplicate("enrolment " + p.enrolment_id);
  ASSIGN_OR_RETURN(auto plan, PlanInForce(p.plan_code, p.term_start));
  if (!plan || plan->version != p.plan_version) {
    return Status::RuleViolation(reason::kPlanNotInForce,
                                 "plan " + p.plan_code + " version " + std::to_string(p.plan_version) +
                                     " is not the version in force on " + FormatDate(p.term_start));
  }
  uint32_t years = static_cast<uint32_t>(CivilFromDate(AddDays(p.term_end, 1)).year -
                                         CivilFromDate(p.term_start).year);
  if (TermEnd(p.term_start, years) != p.term_end) {
    return Status::RuleViolation(reason::kTermLength, "a term must last whole years, ending the day "
                                                      "before its anniversary");
  }
  MemberFacts facts{member->gender, member->birth_date, member->in_service};
  RETURN_IF_ERROR(CheckEnrolment(*plan, facts, p.shares, years, p.term_start));
  // Terms of one plan never overlap; the latest earlier one decides the waiver.
  std::optional<Date> previous_end;
  ASSIGN_OR_RETURN(auto terms, MemberTerms(p.member_id, p.plan_code));
  for (const auto& id : terms) {
    ASSIGN_OR_RETURN(EnrolmentRec term, Existing(Enrolment(id), "enrolment " + id));
    if (term.term_start <= p.term_end && p.term_start <= term.term_end) {
      return Status::RuleViolation(reason::kOverlappingTerm,
                                   "member " + p.member_id + " is already enrolled in " + p.plan_code +
                                       " from " + FormatDate(term.term_start) + " to " +
                                       FormatDate(term.term_end));
    }
    if (term.term_end < p.term_start) previous_end = term.term_end;
  }
  if (p.continuity_waiver != ContinuityWaiver(*plan, previous_end, p.term_start)) {
    return Status::InvalidArgument("enrolment " + p.enrolment_id + ": continuity_waiver must be " +
                                   (p.continuity_waiver ? "false" : "true") + " for this renewal");
  }
  ASSIGN_OR_RETURN(auto shares, Read<UnitSharesRec>(state_keys::UnitShares(p.unit_id, p.plan_code), "unit shares"));
  if (shares && p.term_start <= shares->latest_term_end && shares->shares != p.shares) {
    return Status::RuleViolation(reason::kUnequalShares,
                                 "unit " + p.unit_id + "'s members hold " + std::to_string(shares->shares) +
                                     " share(s) of " + p.plan_code + " until " +
                                     FormatDate(shares->latest_term_end) + "; every member must hold the same");
  }
  Date latest = shares && shares->latest_term_end > p.term_end ? shares->latest_term_end : p.term_end;
  Write(state_keys::UnitShares(p.unit_id, p.plan_code), UnitSharesRec{p.shares, latest});
  EnrolmentRec rec;
  rec.member_id = p.member_id;
  rec.unit_id = p.unit_id;
  rec.plan_code = p.plan_code;
  rec.plan_version = p.plan_version;
  rec.shares = p.shares;
  rec.term_start = p.term_start;
  rec.term_end = p.term_end;
  rec.continuity_waiver = p.continuity_waiver;
  Write(state_keys::Enrolment(p.enrolment_id), rec);
  return AddMemberTerm(p.member_id, p.plan_code, p.term_start, p.enrolment_id);
}

}  // namespace huzhu
