// Drafts for plans, units, members, enrolments and contributions.
#include "events/id_number.h"
#include "ledger/commands.h"

namespace huzhu {

namespace {

using Drafts = std::vector<EventDraft>;

Status NotFound(const std::string& what) { return Status::NotFound(what + " does not exist"); }

Status CheckDigits(std::string_view what, const std::string& value, size_t min, size_t max) {
  bool digits = std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || value.size() < min || value.size() > max) {
    // The value itself is personal data: the message names the field, not the value.
    return Status::InvalidArgument(std::string(what) + " must be " + std::to_string(min) + " to " +
                                   std::to_string(max) + " digits");
  }
  return Status::Ok();
}

}  // namespace

Status CheckId(std::string_view what, const std::string& id) {
  bool ok = !id.empty() && id.size() <= 64 &&
            std::all_of(id.begin(), id.end(), [](char c) {
              return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
            });
  if (ok) return Status::Ok();
  return Status::InvalidArgument(std::string(what) + " \"" + id +
                                 "\" is not a valid id (1 to 64 of A-Z a-z 0-9 . _ -)");
}

std::string EnrolmentId(const std::string& member_id, const std::string& plan, Date start) {
  std::string date = FormatDate(start);
  date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
  return member_id + "-" + plan + "-" + date;
}

Result<Drafts> Draft(const FundState&, const OpenFund& c) {
  if (c.fund.name.empty()) return Status::InvalidArgument("the fund needs a name");
  return Drafts{{c.fund, c.date}};
}

Result<Drafts> Draft(const FundState& state, const PublishPlans& c) {
  Drafts drafts;
  for (const PlanRules& plan : c.plans) {
    ASSIGN_OR_RETURN(bool published, state.PlanPublishedAs(plan));
    if (published) continue;
    drafts.push_back({PlanPublished{plan.code, plan.version, plan.name, plan.premium_per_share_fen,
                                    plan.max_shares, plan.effective_from, PlanToJson(plan)},
                      c.date});
  }
  if (drafts.empty()) return Status::AlreadyExists("every plan in the catalog is published already");
  return drafts;
}

Result<Drafts> Draft(const FundState&, const RegisterUnit& c) {
  RETURN_IF_ERROR(CheckId("unit id", c.unit.unit_id));
  if (c.unit.name.empty()) return Status::InvalidArgument("unit " + c.unit.unit_id + " needs a name");
  if (c.unit.female_staff_count > c.unit.staff_count) {
    return Status::InvalidArgument("unit " + c.unit.unit_id + " has more female staff than staff");
  }
  return Drafts{{c.unit, c.date}};
}

Result<Drafts> Draft(const FundState&, const RegisterMember& c) {
  MemberRegistered m = c.member;
  RETURN_IF_ERROR(CheckId("member id", m.member_id));
  RETURN_IF_ERROR(CheckId("unit id", m.unit_id));
  if (m.name.empty()) return Status::InvalidArgument("member " + m.member_id + " needs a name");
  auto facts = ParseIdNumber(m.id_number);
  if (!facts.ok()) return facts.status().WithContext("member " + m.member_id);
  if (c.gender && *c.gender != facts->gender) {
    return Status::InvalidArgument("member " + m.member_id + ": the gender does not match the ID number");
  }
  if (c.birth_date && *c.birth_date != facts->birth_date) {
    return Status::InvalidArgument("member " + m.member_id + ": the birth date does not match the ID number");
  }
  if (!m.phone.empty()) RETURN_IF_ERROR(CheckDigits("member " + m.member_id + "'s phone", m.phone, 7, 15));
  RETURN_IF_ERROR(CheckDigits("member " + m.member_id + "'s bank account", m.bank_account, 8, 30));
  m.gender = facts->gender;
  m.birth_date = facts->birth_date;
  return Drafts{{m, c.date}};
}

Result<Drafts> Draft(const FundState& state, const EnrolMembers& c) {
  RETURN_IF_ERROR(CheckId("unit id", c.unit_id));
  ASSIGN_OR_RETURN(auto unit, state.Unit(c.unit_id));
  if (!unit) return NotFound("unit " + c.unit_id);
  ASSIGN_OR_RETURN(auto plan, state.PlanInForce(c.plan_code, c.term_start));
  if (!plan) {
    return Status::RuleViolation(reason::kPlanNotInForce, "no version of plan " + c.plan_code +
                                                              " is in force on " + FormatDate(c.term_start));
  }
  if (c.member_ids.empty()) return Status::InvalidArgument("no members to enrol");
  uint32_t years = c.years == 0 ? plan->term_years_min : c.years;
  Drafts drafts;
  for (const auto& member_id : c.member_ids) {
    RETURN_IF_ERROR(CheckId("member id", member_id));
    ASSIGN_OR_RETURN(auto terms, state.MemberTerms(member_id, c.plan_code));
    std::optional<Date> previous_end;
    for (const auto& id : terms) {
      ASSIGN_OR_RETURN(auto term, state.Enrolment(id));
      if (term && term->term_end < c.term_start) previous_end = term->term_end;
    }
    MemberEnrolled e{EnrolmentId(member_id, c.plan_code, c.term_start), member_id, c.unit_id,
                     c.plan_code, plan->version, c.shares, c.term_start,
                     TermEnd(c.term_start, years), ContinuityWaiver(*plan, previous_end, c.term_start)};
    drafts.push_back({e, c.term_start});
  }
  return drafts;
}

Status CheckAfterDryRun(const FundState& state, const EnrolMembers& c) {
  ASSIGN_OR_RETURN(auto plan, state.PlanInForce(c.plan_code, c.term_start));
  ASSIGN_OR_RETURN(auto unit, state.Unit(c.unit_id));
  if (!plan || !unit || (plan->participation_min_pct == 0 && plan->small_unit_staff_max == 0)) {
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(auto members, state.UnitMembers(c.unit_id));
  uint32_t eligible = 0, enrolled = 0;
  for (const auto& member_id : members) {
    ASSIGN_OR_RETURN(MemberRec m, Existing(state.Member(member_id), "member " + member_id));
    MemberFacts facts{m.gender, m.birth_date, m.in_service};
    if (!CheckEnrolment(*plan, facts, 1, plan->term_years_min, c.term_start).ok()) continue;
    ++eligible;
    ASSIGN_OR_RETURN(auto terms, state.MemberTerms(member_id, c.plan_code));
    for (const auto& id : terms) {
      ASSIGN_OR_RETURN(EnrolmentRec t, Existing(state.Enrolment(id), "enrolment " + id));
      if (t.term_start <= c.term_start && c.term_start <= t.term_end) {
        ++enrolled;
        break;
      }
    }
  }
  return CheckParticipation(*plan, c.unit_id, unit->staff_count, eligible, enrolled);
}

Result<Drafts> Draft(const FundState&, const ReceiveContribution& c) {
  RETURN_IF_ERROR(CheckId("contribution id", c.contribution.contribution_id));
  if (c.contribution.amount_fen <= 0) {
    return Status::InvalidArgument("contribution " + c.contribution.contribution_id +
                                   " must be more than zero");
  }
  return Drafts{{c.contribution, c.date}};
}

}  // namespace huzhu
