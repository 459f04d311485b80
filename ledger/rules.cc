#include "ledger/rules.h"

#include <algorithm>

namespace huzhu {

namespace {

Status Refuse(const char* code, std::string message) {
  return Status::RuleViolation(code, std::move(message));
}

bool MatchesPrefix(const std::string& code, const std::vector<std::string>& prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& p) { return !code.empty() && code.rfind(p, 0) == 0; });
}

std::string Yuan(Fen fen) { return FormatYuanGrouped(fen) + " yuan"; }

// Percent of an amount in fen, rounded down: a benefit never exceeds its rule.
Fen Percent(Fen amount_fen, uint32_t pct) { return amount_fen * pct / 100; }

Status CheckBenefitKind(const PlanRules& plan, const std::string& kind) {
  bool ok = false;
  switch (plan.kind) {
    case BenefitKind::kInpatient: ok = kind == "inpatient"; break;
    case BenefitKind::kCritical: ok = kind == "critical"; break;
    case BenefitKind::kFemale: ok = kind == "female"; break;
    case BenefitKind::kAccident: ok = kind == "death" || kind == "disability" || kind == "medical"; break;
  }
  if (ok) return Status::Ok();
  return Refuse(reason::kWrongBenefitKind, "plan " + plan.code + " does not pay \"" + kind +
                                               "\" benefits");
}

// The observation factor on the incident day, or a refusal when excluded.
Result<uint32_t> ObservationFactor(const PlanRules& plan, const CoverFacts& cover, Date incident) {
  if (cover.continuity_waiver) return 100u;
  int32_t day = DaysBetween(cover.term_start, incident);
  for (const auto& phase : plan.observation) {
    if (day < phase.from_day || day > phase.to_day) continue;
    if (phase.pct == 0) {
      return Refuse(reason::kObservationPeriod,
                    "the incident on " + FormatDate(incident) + " is on day " + std::to_string(day) +
                        " of cover; plan " + plan.code + " pays nothing for days " +
                        std::to_string(phase.from_day) + " to " + std::to_string(phase.to_day) +
                        " (observation period)");
    }
    return phase.pct;
  }
  return 100u;
}

Result<Fen> InpatientAmount(const PlanRules& plan, const CoverFacts& cover, const TermUsage& used,
                            const ClaimFacts& c, std::string* how) {
  Fen over_deductible = c.self_pay_fen - plan.deductible_fen;
  if (over_deductible <= 0) {
    return Refuse(reason::kNothingPayable, "the self-paid " + Yuan(c.self_pay_fen) +
                                               " does not exceed the deductible of " +
                                               Yuan(plan.deductible_fen) + " per admission");
  }
  Fen per_admission = std::min(Percent(over_deductible, plan.pct), plan.per_admission_max_fen);
  Fen term_left = plan.per_term_max_fen * cover.shares - used.inpatient_fen;
  if (term_left <= 0) {
    return Refuse(reason::kTermCapReached, "this term's limit of " +
                                               Yuan(plan.per_term_max_fen * cover.shares) +
                                               " has been paid out already");
  }
  Fen amount = std::min(per_admission * cover.shares, term_left);
  *how = "(" + Yuan(c.self_pay_fen) + " - " + Yuan(plan.deductible_fen) + ") x " +
         std::to_string(plan.pct) + "%, at most " + Yuan(plan.per_admission_max_fen) +
         " per admission, x " + std::to_string(cover.shares) + " share(s); term limit left " +
         Yuan(term_left);
  return amount;
}

Result<Fen> LumpSumAmount(const PlanRules& plan, const CoverFacts& cover, const TermUsage& used,
                          const ClaimFacts& c, std::string* how) {
  if (used.lump_sum_used) {
    return Refuse(reason::kOncePerTerm, "plan " + plan.code + " pays its lump sum once per term, "
                                        "and this term's has been approved already");
  }
  if (plan.kind == BenefitKind::kCritical) {
    if (!MatchesPrefix(c.disease_code, plan.listed_disease_prefixes)) {
      return Refuse(reason::kNotListedDisease, "disease code \"" + c.disease_code +
                                                   "\" is not on plan " + plan.code + "'s list");
    }
    *how = Yuan(plan.lump_sum_fen) + " x " + std::to_string(cover.shares) + " share(s)";
    return plan.lump_sum_fen * cover.shares;
  }
  if (c.gender != Gender::kFemale) {
    return Refuse(reason::kNotEligibleGender, "plan " + plan.code + " covers female members only");
  }
  for (const auto& tier : plan.tiers) {
    if (tier.tier != c.disease_tier) continue;
    if (!MatchesPrefix(c.disease_code, tier.disease_prefixes)) {
      return Refuse(reason::kNotListedDisease, "disease code \"" + c.disease_code +
                                                   "\" is not listed in tier " +
                                                   std::to_string(tier.tier));
    }
    *how = "tier " + std::to_string(tier.tier) + ": " + Yuan(tier.amount_fen) + " x " +
           std::to_string(cover.shares) + " share(s)";
    return tier.amount_fen * cover.shares;
  }
  return Refuse(reason::kEvidenceMissing, "disease tier " + std::to_string(c.disease_tier) +
                                              " does not exist in plan " + plan.code);
}

Result<Fen> AccidentAmount(const PlanRules& plan, const CoverFacts& cover, const TermUsage& used,
                           const ClaimFacts& c, std::string* how) {
  if (c.benefit_kind == "medical") {
    Fen left = plan.medical_per_term_max_fen * cover.shares - used.accident_medical_fen;
    if (left <= 0) {
      return Refuse(reason::kTermCapReached, "this term's accident medical limit has been paid out");
    }
    if (c.self_pay_fen <= 0) return Refuse(reason::kNothingPayable, "no self-paid amount was claimed");
    *how = "self-paid " + Yuan(c.self_pay_fen) + ", term limit left " + Yuan(left);
    return std::min(c.self_pay_fen, left);
  }
  Fen cap = plan.death_fen * cover.shares;
  Fen left = cap - used.accident_death_disability_fen;
  if (left <= 0) {
    return Refuse(reason::kTermCapReached, "this term's death and disability limit of " + Yuan(cap) +
                                               " has been paid out");
  }
  Fen full = cap;
  if (c.benefit_kind == "disability") {
    if (c.disability_grade < 1 || c.disability_grade > 10) {
      return Refuse(reason::kEvidenceMissing, "a disability claim needs a grade from 1 to 10");
    }
    uint32_t pct = plan.disability_pct_by_grade[c.disability_grade - 1];
    full = Percent(cap, pct);
    *how = "grade " + std::to_string(c.disability_grade) + ": " + std::to_string(pct) + "% of " + Yuan(cap);
  } else {
    *how = "death: " + Yuan(cap);
  }
  return std::min(full, left);
}

}  // namespace

std::vector<std::string_view> AllReasonCodes() {
  using namespace reason;
  return {kNotEligibleAge, kNotEligibleGender, kNotInService, kShares, kUnequalShares,
          kMinParticipation, kTermLength, kOverlappingTerm, kPlanNotInForce, kOutsideCover,
          kObservationPeriod, kLateFiling, kDuplicateInvoice, kNotListedDisease, kNothingPayable,
          kTermCapReached, kOncePerTerm, kEvidenceMissing, kWrongBenefitKind, kFourEyes,
          kSecondApprover, kAboveRule, kClaimState, kPayoutState, kInsufficientFunds,
          kNotCorrectable, kAlreadyReversed, kReversalOfReversal, kCorrectionInUse, kTwoApprovers,
          kDuplicateId, kEvidenceInsufficient, kOther};
}

bool IsRejectionReason(std::string_view code) {
  static constexpr const char* kCodes[] = {
      reason::kOutsideCover, reason::kObservationPeriod, reason::kLateFiling,
      reason::kDuplicateInvoice, reason::kNotListedDisease, reason::kNothingPayable,
      reason::kTermCapReached, reason::kOncePerTerm, reason::kEvidenceMissing,
      reason::kWrongBenefitKind, reason::kNotEligibleGender, reason::kNotEligibleAge,
      reason::kNotInService, reason::kEvidenceInsufficient, reason::kOther};
  return std::any_of(std::begin(kCodes), std::end(kCodes), [&](const char* c) { return code == c; });
}

int AgeOn(Date birth_date, Date on) {
  CivilDate b = CivilFromDate(birth_date), d = CivilFromDate(on);
  int age = d.year - b.year;
  if (d.month < b.month || (d.month == b.month && d.day < b.day)) --age;
  return age;
}

Date TermEnd(Date start, uint32_t years) {
  return AddDays(AddYears(start, static_cast<int>(years)), -1);
}

Status CheckEnrolment(const PlanRules& plan, const MemberFacts& member, uint32_t shares,
                      uint32_t term_years, Date term_start) {
  if (!member.in_service) {
    return Refuse(reason::kNotInService, "the member is no longer in service");
  }
  int age = AgeOn(member.birth_date, term_start);
  uint32_t retirement =
      member.gender == Gender::kFemale ? plan.retirement_age_female : plan.retirement_age_male;
  if (age < static_cast<int>(plan.min_age) || age >= static_cast<int>(retirement)) {
    return Refuse(reason::kNotEligibleAge,
                  "the member is " + std::to_string(age) + " on " + FormatDate(term_start) +
                      "; plan " + plan.code + " enrols members from " + std::to_string(plan.min_age) +
                      " up to " + std::to_string(retirement) + " (retirement)");
  }
  if (plan.only_gender && member.gender != *plan.only_gender) {
    return Refuse(reason::kNotEligibleGender, "plan " + plan.code + " enrols " +
                                                  (*plan.only_gender == Gender::kFemale ? "female" : "male") +
                                                  " members only");
  }
  if (shares < 1 || shares > plan.max_shares) {
    return Refuse(reason::kShares, std::to_string(shares) + " shares: plan " + plan.code +
                                       " allows 1 to " + std::to_string(plan.max_shares));
  }
  if (term_years < plan.term_years_min || term_years > plan.term_years_max) {
    return Refuse(reason::kTermLength, "a term of " + std::to_string(term_years) +
                                           " year(s): plan " + plan.code + " allows " +
                                           std::to_string(plan.term_years_min) + " to " +
                                           std::to_string(plan.term_years_max));
  }
  return Status::Ok();
}

bool ContinuityWaiver(const PlanRules& plan, std::optional<Date> previous_term_end, Date term_start) {
  if (!previous_term_end) return false;
  int32_t day_after_end = DaysBetween(*previous_term_end, term_start);
  return day_after_end >= 1 && day_after_end <= plan.renewal_grace_days;
}

Status CheckParticipation(const PlanRules& plan, const std::string& unit_id, uint32_t unit_staff,
                          uint32_t eligible_members, uint32_t enrolled_members) {
  if (eligible_members == 0) return Status::Ok();
  bool small = plan.small_unit_staff_max > 0 && unit_staff <= plan.small_unit_staff_max;
  uint32_t min_pct = small ? 100 : plan.participation_min_pct;
  if (uint64_t{enrolled_members} * 100 >= uint64_t{eligible_members} * min_pct) return Status::Ok();
  return Refuse(reason::kMinParticipation,
                "unit " + unit_id + " would have " + std::to_string(enrolled_members) + " of " +
                    std::to_string(eligible_members) + " eligible members in plan " + plan.code +
                    "; it must enrol at least " + std::to_string(min_pct) + "%" +
                    (small ? " (units of up to " + std::to_string(plan.small_unit_staff_max) +
                                 " staff enrol everyone)"
                           : ""));
}

Result<Assessment> AssessClaim(const PlanRules& plan, const CoverFacts& cover,
                               const TermUsage& used, const ClaimFacts& c) {
  RETURN_IF_ERROR(CheckBenefitKind(plan, c.benefit_kind));
  // The deadline comes first: a claim filed too late is not examined further.
  if (DaysBetween(c.incident_date, c.filed_on) > plan.claim_deadline_days) {
    return Refuse(reason::kLateFiling, "filed on " + FormatDate(c.filed_on) + ", more than " +
                                           std::to_string(plan.claim_deadline_days) +
                                           " days after the incident on " + FormatDate(c.incident_date));
  }
  if (c.incident_date < cover.term_start || c.incident_date > cover.term_end) {
    return Refuse(reason::kOutsideCover, "the incident on " + FormatDate(c.incident_date) +
                                             " is outside the term " + FormatDate(cover.term_start) +
                                             " to " + FormatDate(cover.term_end));
  }
  ASSIGN_OR_RETURN(uint32_t factor, ObservationFactor(plan, cover, c.incident_date));
  Assessment a;
  Result<Fen> amount = Status::Internal("no benefit rule");
  switch (plan.kind) {
    case BenefitKind::kInpatient: amount = InpatientAmount(plan, cover, used, c, &a.explanation); break;
    case BenefitKind::kCritical:
    case BenefitKind::kFemale: amount = LumpSumAmount(plan, cover, used, c, &a.explanation); break;
    case BenefitKind::kAccident: amount = AccidentAmount(plan, cover, used, c, &a.explanation); break;
  }
  if (!amount.ok()) return amount.status();
  a.factor_pct = factor;
  a.amount_fen = Percent(*amount, factor);
  if (a.amount_fen <= 0) {
    return Refuse(reason::kNothingPayable, "the rule pays nothing for this claim (" + a.explanation + ")");
  }
  if (factor != 100) a.explanation += "; observation period: " + std::to_string(factor) + "%";
  return a;
}

void AddUsage(const PlanRules& plan, const std::string& kind, Fen amount_fen, TermUsage* used) {
  switch (plan.kind) {
    case BenefitKind::kInpatient: used->inpatient_fen += amount_fen; break;
    case BenefitKind::kCritical:
    case BenefitKind::kFemale: used->lump_sum_used = true; break;
    case BenefitKind::kAccident:
      if (kind == "medical") used->accident_medical_fen += amount_fen;
      else used->accident_death_disability_fen += amount_fen;
      break;
  }
}

}  // namespace huzhu
