// A plan's rules as the catalog states them (catalog/plans.json). Every number is
// configuration: nothing about a plan is hard-coded in the rules.
//
// A plan version enters the ledger as a plan_published event carrying its canonical
// JSON, so each version is part of history and replay needs nothing but events.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/event_type.h"
#include "events/money.h"
#include "events/status.h"
#include "events/time.h"

namespace huzhu {

enum class BenefitKind { kInpatient, kCritical, kFemale, kAccident };

// Days counted from the first day of cover (day 0). Within [from_day, to_day] a
// claim pays `pct` percent of the rule amount (0: excluded).
struct ObservationPhase {
  int32_t from_day = 0;
  int32_t to_day = 0;
  uint32_t pct = 0;
};

struct FemaleTier {
  uint32_t tier = 0;
  Fen amount_fen = 0;
  std::vector<std::string> disease_prefixes;
};

struct PlanRules {
  std::string code;
  uint32_t version = 0;
  std::string name;
  Date effective_from;
  Fen premium_per_share_fen = 0;
  uint32_t max_shares = 0;
  uint32_t term_years_min = 1;
  uint32_t term_years_max = 1;
  std::vector<ObservationPhase> observation;
  uint32_t min_age = 16;
  uint32_t retirement_age_male = 60;
  uint32_t retirement_age_female = 55;
  std::optional<Gender> only_gender;
  uint32_t participation_min_pct = 0;     // of the unit's eligible members
  uint32_t small_unit_staff_max = 0;      // units up to this size enrol everyone (0: no rule)
  int32_t renewal_grace_days = 30;        // renewal on day 1..N after the term ended waives observation
  int32_t claim_deadline_days = 730;      // from the incident to the filing
  Fen second_approver_above_fen = 0;      // four eyes: a second approver above this
  BenefitKind kind = BenefitKind::kInpatient;
  // inpatient
  Fen deductible_fen = 0;
  uint32_t pct = 0;
  Fen per_admission_max_fen = 0;
  Fen per_term_max_fen = 0;
  // critical
  Fen lump_sum_fen = 0;
  std::vector<std::string> listed_disease_prefixes;
  // female
  std::vector<FemaleTier> tiers;
  // accident
  Fen death_fen = 0;
  std::vector<uint32_t> disability_pct_by_grade;  // index 0 is grade 1
  Fen medical_per_term_max_fen = 0;
};

// Parses one plan object of the catalog; errors name the plan and the field.
Result<PlanRules> PlanFromJson(std::string_view json_text);
// The canonical JSON (sorted keys, no spaces) stored in plan_published.
std::string PlanToJson(const PlanRules& plan);

// Reads a catalog file: {"plans": [ ... ]}.
Result<std::vector<PlanRules>> LoadCatalog(const std::string& path);

std::string_view BenefitKindName(BenefitKind kind);

}  // namespace huzhu
