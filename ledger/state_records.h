// What the write side remembers about a fund between commands: the records kept
// in the "state" column family, derived from events alone (rebuilt by replay).
#pragma once

#include <cstdint>
#include <string>

#include <cereal/types/string.hpp>
#include <cereal/types/utility.hpp>
#include <cereal/types/vector.hpp>
#include <vector>

#include "events/cereal_types.h"
#include "events/event_type.h"
#include "events/money.h"
#include "events/time.h"

namespace huzhu {

struct UnitRec {
  std::string name;
  uint32_t staff_count = 0;
  uint32_t female_staff_count = 0;
  template <class A> void serialize(A& ar) { ar(name, staff_count, female_staff_count); }
};

struct MemberRec {
  std::string unit_id;
  Gender gender = Gender::kMale;
  Date birth_date;
  bool in_service = true;
  template <class A> void serialize(A& ar) { ar(unit_id, gender, birth_date, in_service); }
};

struct EnrolmentRec {
  std::string member_id;
  std::string unit_id;
  std::string plan_code;
  uint32_t plan_version = 0;
  uint32_t shares = 0;
  Date term_start;
  Date term_end;
  bool continuity_waiver = false;
  bool reversed = false;
  // What the term has used, over approved claims.
  Fen inpatient_fen = 0;
  bool lump_sum_used = false;
  Fen accident_death_disability_fen = 0;
  Fen accident_medical_fen = 0;
  template <class A> void serialize(A& ar) {
    ar(member_id, unit_id, plan_code, plan_version, shares, term_start, term_end,
       continuity_waiver, reversed, inpatient_fen, lump_sum_used, accident_death_disability_fen,
       accident_medical_fen);
  }
};

enum class ClaimStatus : uint8_t {
  kFiled = 1, kReturned, kApproved, kScheduled, kPaid, kRejected, kReopened
};
std::string_view ClaimStatusName(ClaimStatus status);

struct ClaimRec {
  std::string member_id;
  std::string enrolment_id;
  std::string plan_code;
  std::string benefit_kind;
  Date incident_date;
  Date filed_on;
  std::string filed_by;
  std::string disease_code;
  uint32_t disease_tier = 0;
  Fen self_pay_fen = 0;
  uint32_t disability_grade = 0;
  std::string invoice_number;
  ClaimStatus status = ClaimStatus::kFiled;
  Fen approved_fen = 0;
  std::string payout_id;     // the live payout, if any
  uint32_t payouts = 0;       // payouts scheduled so far (for the next payout id)
  uint64_t rejected_seq = 0;  // the rejection a reopening must name
  template <class A> void serialize(A& ar) {
    ar(member_id, enrolment_id, plan_code, benefit_kind, incident_date, filed_on, filed_by,
       disease_code, disease_tier, self_pay_fen, disability_grade, invoice_number, status, approved_fen,
       payout_id, payouts, rejected_seq);
  }
};

enum class PayoutStatus : uint8_t { kScheduled = 1, kPosted, kVoided, kReversed };

struct PayoutRec {
  std::string claim_id;
  std::string member_id;
  Fen amount_fen = 0;
  PayoutStatus status = PayoutStatus::kScheduled;
  template <class A> void serialize(A& ar) { ar(claim_id, member_id, amount_fen, status); }
};

// A member's terms in one plan, by first day: what overlap, renewal and claim
// filing look up, in one read.
struct MemberTermsRec {
  std::vector<std::pair<Date, std::string>> terms;  // (term start, enrolment id), sorted
  template <class A> void serialize(A& ar) { ar(terms); }
};

// Shares a unit holds in a plan, and until when: every member of a unit holds the
// same shares in a plan while their terms overlap.
struct UnitSharesRec {
  uint32_t shares = 0;
  Date latest_term_end;
  template <class A> void serialize(A& ar) { ar(shares, latest_term_end); }
};

// An event that a later event_reversed may undo, and what undoing it means.
struct CorrectableRec {
  EventType type = EventType::kFundOpened;
  std::string id;         // contribution, enrolment, payout or relief id
  Fen amount_fen = 0;
  Date effective_date;
  uint64_t reversed_by = 0;  // seq of the reversal, 0 while in force
  template <class A> void serialize(A& ar) { ar(type, id, amount_fen, effective_date, reversed_by); }
};

}  // namespace huzhu
