// The fund's rules as pure functions of facts taken from events: they read no
// clock and no state of their own, so replaying the ledger reproduces every
// decision. Each refusal is a Status::RuleViolation whose rule() is a stable reason
// code (listed in docs/rules.md) and whose message a unit clerk can act on.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/event_type.h"
#include "events/money.h"
#include "events/status.h"
#include "events/time.h"
#include "ledger/plan.h"

namespace huzhu {

// Reason codes. Stable: they are stored in claim_rejected events and printed.
namespace reason {
constexpr char kNotEligibleAge[] = "NOT_ELIGIBLE_AGE";
constexpr char kNotEligibleGender[] = "NOT_ELIGIBLE_GENDER";
constexpr char kNotInService[] = "NOT_IN_SERVICE";
constexpr char kShares[] = "SHARES_OUT_OF_RANGE";
constexpr char kUnequalShares[] = "UNEQUAL_SHARES";
constexpr char kMinParticipation[] = "MIN_PARTICIPATION";
constexpr char kTermLength[] = "TERM_LENGTH";
constexpr char kOverlappingTerm[] = "OVERLAPPING_TERM";
constexpr char kPlanNotInForce[] = "PLAN_NOT_IN_FORCE";
constexpr char kOutsideCover[] = "OUTSIDE_COVER";
constexpr char kObservationPeriod[] = "OBSERVATION_PERIOD";
constexpr char kLateFiling[] = "LATE_FILING";
constexpr char kDuplicateInvoice[] = "DUPLICATE_INVOICE";
constexpr char kNotListedDisease[] = "NOT_LISTED_DISEASE";
constexpr char kNothingPayable[] = "NOTHING_PAYABLE";
constexpr char kTermCapReached[] = "TERM_CAP_REACHED";
constexpr char kOncePerTerm[] = "ONCE_PER_TERM";
constexpr char kEvidenceMissing[] = "EVIDENCE_MISSING";
constexpr char kWrongBenefitKind[] = "WRONG_BENEFIT_KIND";
constexpr char kFourEyes[] = "FOUR_EYES";
constexpr char kSecondApprover[] = "SECOND_APPROVER_REQUIRED";
constexpr char kAboveRule[] = "ABOVE_RULE";
constexpr char kClaimState[] = "CLAIM_STATE";
constexpr char kPayoutState[] = "PAYOUT_STATE";
constexpr char kInsufficientFunds[] = "INSUFFICIENT_FUNDS";
constexpr char kNotCorrectable[] = "NOT_CORRECTABLE";
constexpr char kAlreadyReversed[] = "ALREADY_REVERSED";
constexpr char kReversalOfReversal[] = "REVERSAL_OF_REVERSAL";
constexpr char kCorrectionInUse[] = "CORRECTION_BLOCKED";
constexpr char kTwoApprovers[] = "TWO_APPROVERS_REQUIRED";
constexpr char kDuplicateId[] = "DUPLICATE_ID";
// Discretionary reasons a reviewer may give.
constexpr char kEvidenceInsufficient[] = "EVIDENCE_INSUFFICIENT";
constexpr char kOther[] = "OTHER";
}  // namespace reason

// Every reason code above, for documentation checks.
std::vector<std::string_view> AllReasonCodes();

// Whether `code` is a reason a reviewer may give when rejecting a claim.
bool IsRejectionReason(std::string_view code);

// Full years of age on `on`.
int AgeOn(Date birth_date, Date on);
// The last covered day of a term of `years` starting on `start`.
Date TermEnd(Date start, uint32_t years);

struct MemberFacts {
  Gender gender = Gender::kMale;
  Date birth_date;
  bool in_service = true;
};

// Eligibility at enrolment: in service, age on the first day, gender where the plan
// requires one; shares and term length within the plan's range.
Status CheckEnrolment(const PlanRules& plan, const MemberFacts& member, uint32_t shares,
                      uint32_t term_years, Date term_start);

// The renewal continuity waiver: a term starting on day 1..grace after the previous
// term of the same plan ended keeps cover without a new observation period.
bool ContinuityWaiver(const PlanRules& plan, std::optional<Date> previous_term_end, Date term_start);

// Minimum participation of a unit in a plan, after an enrolment batch.
Status CheckParticipation(const PlanRules& plan, const std::string& unit_id, uint32_t unit_staff,
                          uint32_t eligible_members, uint32_t enrolled_members);

struct CoverFacts {
  Date term_start;
  Date term_end;
  uint32_t shares = 1;
  bool continuity_waiver = false;
};

// What a term has already used, counted over approved claims.
struct TermUsage {
  Fen inpatient_fen = 0;
  bool lump_sum_used = false;
  Fen accident_death_disability_fen = 0;
  Fen accident_medical_fen = 0;
};

struct ClaimFacts {
  std::string benefit_kind;  // inpatient, critical, female, death, disability, medical
  Date incident_date;
  Date filed_on;
  Gender gender = Gender::kMale;
  std::string disease_code;
  uint32_t disease_tier = 0;
  Fen self_pay_fen = 0;
  uint32_t disability_grade = 0;
};

struct Assessment {
  Fen amount_fen = 0;       // what the rule pays, after observation and caps
  uint32_t factor_pct = 100;  // observation factor applied
  std::string explanation;  // how the amount was reached, for the reviewer
};

// Applies the plan's benefit rule to a claim: cover in force on the incident date,
// observation period, filing deadline, evidence for the benefit kind, benefit
// amount, per-admission and per-term caps, once-per-term lump sums.
Result<Assessment> AssessClaim(const PlanRules& plan, const CoverFacts& cover,
                               const TermUsage& used, const ClaimFacts& claim);

// The usage a claim approved at `amount_fen` adds to its term.
void AddUsage(const PlanRules& plan, const std::string& benefit_kind, Fen amount_fen, TermUsage* used);

}  // namespace huzhu
