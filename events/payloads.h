// The payload of every event type. Each struct names its type (kType) and lists
// its fields once, in Visit(); the binary codec and the JSON rendering both walk
// that list, so the stored form and the exported form can never disagree.
//
// Changing a struct's fields changes its stored form: bump its schema version in
// event_type.h and add an upcaster in upcast.h for the old one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "events/event_type.h"
#include "events/money.h"
#include "events/time.h"

namespace huzhu {

// Personal data is tagged where it is declared, so every rendering can mask it.
enum class Pii : uint8_t { kNone, kIdNumber, kPhone, kBankAccount };

struct FundOpened {
  static constexpr EventType kType = EventType::kFundOpened;
  std::string name;    // e.g. "中国职工保险互助会成都办事处"
  std::string office;  // city office code, e.g. "CD"
  template <class V> void Visit(V&& v) { v("name", name); v("office", office); }
};

struct PlanPublished {
  static constexpr EventType kType = EventType::kPlanPublished;
  std::string plan_code;  // INPATIENT, CRITICAL, FEMALE, ACCIDENT
  uint32_t plan_version = 0;
  std::string name;
  Fen premium_per_share_fen = 0;
  uint32_t max_shares = 0;
  Date effective_from;
  std::string definition_json;  // the catalog entry's full rules, canonical JSON
  template <class V> void Visit(V&& v) {
    v("plan_code", plan_code); v("plan_version", plan_version); v("name", name);
    v("premium_per_share_fen", premium_per_share_fen); v("max_shares", max_shares);
    v("effective_from", effective_from); v("definition_json", definition_json);
  }
};

struct UnitRegistered {
  static constexpr EventType kType = EventType::kUnitRegistered;
  std::string unit_id;
  std::string name;
  uint32_t staff_count = 0;
  uint32_t female_staff_count = 0;
  template <class V> void Visit(V&& v) {
    v("unit_id", unit_id); v("name", name); v("staff_count", staff_count);
    v("female_staff_count", female_staff_count);
  }
};

// Schema version 2: gender and birth date are explicit (version 1 derived them from
// the ID number; see upcast.h).
struct MemberRegistered {
  static constexpr EventType kType = EventType::kMemberRegistered;
  std::string member_id;
  std::string unit_id;
  std::string name;
  std::string id_number;
  Gender gender = Gender::kMale;
  Date birth_date;
  std::string phone;
  std::string bank_account;
  bool in_service = true;
  template <class V> void Visit(V&& v) {
    v("member_id", member_id); v("unit_id", unit_id); v("name", name);
    v("id_number", id_number, Pii::kIdNumber); v("gender", gender);
    v("birth_date", birth_date); v("phone", phone, Pii::kPhone);
    v("bank_account", bank_account, Pii::kBankAccount); v("in_service", in_service);
  }
};

struct MemberEnrolled {
  static constexpr EventType kType = EventType::kMemberEnrolled;
  std::string enrolment_id;
  std::string member_id;
  std::string unit_id;
  std::string plan_code;
  uint32_t plan_version = 0;
  uint32_t shares = 0;
  Date term_start;
  Date term_end;  // last covered day
  bool continuity_waiver = false;  // renewed within the grace period: no new observation
  template <class V> void Visit(V&& v) {
    v("enrolment_id", enrolment_id); v("member_id", member_id); v("unit_id", unit_id);
    v("plan_code", plan_code); v("plan_version", plan_version); v("shares", shares);
    v("term_start", term_start); v("term_end", term_end);
    v("continuity_waiver", continuity_waiver);
  }
};

struct ContributionReceived {
  static constexpr EventType kType = EventType::kContributionReceived;
  std::string contribution_id;
  std::string unit_id;
  std::string plan_code;
  Fen amount_fen = 0;
  std::string bank_reference;
  template <class V> void Visit(V&& v) {
    v("contribution_id", contribution_id); v("unit_id", unit_id); v("plan_code", plan_code);
    v("amount_fen", amount_fen); v("bank_reference", bank_reference);
  }
};

struct ClaimFiled {
  static constexpr EventType kType = EventType::kClaimFiled;
  std::string claim_id;
  std::string member_id;
  std::string enrolment_id;
  std::string plan_code;
  std::string benefit_kind;  // e.g. inpatient, critical, female, death, disability, medical
  Date incident_date;
  std::string invoice_number;
  std::string hospital;
  std::string disease_code;
  uint8_t disease_tier = 0;  // FEMALE: 1..4; else 0
  std::optional<Date> admission_date;
  std::optional<Date> discharge_date;
  Fen self_pay_fen = 0;
  uint8_t disability_grade = 0;  // ACCIDENT disability: 1..10; else 0
  template <class V> void Visit(V&& v) {
    v("claim_id", claim_id); v("member_id", member_id); v("enrolment_id", enrolment_id);
    v("plan_code", plan_code); v("benefit_kind", benefit_kind);
    v("incident_date", incident_date); v("invoice_number", invoice_number);
    v("hospital", hospital); v("disease_code", disease_code); v("disease_tier", disease_tier);
    v("admission_date", admission_date); v("discharge_date", discharge_date);
    v("self_pay_fen", self_pay_fen); v("disability_grade", disability_grade);
  }
};

struct ClaimApproved {
  static constexpr EventType kType = EventType::kClaimApproved;
  std::string claim_id;
  Fen rule_amount_fen = 0;      // what the plan rule computes
  Fen approved_amount_fen = 0;  // at most rule_amount_fen
  std::string reduction_reason;
  std::string second_approver;  // required above the four-eyes threshold
  template <class V> void Visit(V&& v) {
    v("claim_id", claim_id); v("rule_amount_fen", rule_amount_fen);
    v("approved_amount_fen", approved_amount_fen); v("reduction_reason", reduction_reason);
    v("second_approver", second_approver);
  }
};

struct ClaimRejected {
  static constexpr EventType kType = EventType::kClaimRejected;
  std::string claim_id;
  std::string reason_code;
  std::string reason;
  template <class V> void Visit(V&& v) {
    v("claim_id", claim_id); v("reason_code", reason_code); v("reason", reason);
  }
};

struct ClaimReturned {
  static constexpr EventType kType = EventType::kClaimReturned;
  std::string claim_id;
  std::string missing_evidence;
  template <class V> void Visit(V&& v) {
    v("claim_id", claim_id); v("missing_evidence", missing_evidence);
  }
};

struct PayoutScheduled {
  static constexpr EventType kType = EventType::kPayoutScheduled;
  std::string payout_id;
  std::string claim_id;
  std::string member_id;
  Fen amount_fen = 0;
  template <class V> void Visit(V&& v) {
    v("payout_id", payout_id); v("claim_id", claim_id); v("member_id", member_id);
    v("amount_fen", amount_fen);
  }
};

// The bank paid a scheduled payout. Carries the claim and amount so that each event
// states the money it moves.
struct PayoutPosted {
  static constexpr EventType kType = EventType::kPayoutPosted;
  std::string payout_id;
  std::string claim_id;
  Fen amount_fen = 0;
  std::string bank_reference;
  template <class V> void Visit(V&& v) {
    v("payout_id", payout_id); v("claim_id", claim_id); v("amount_fen", amount_fen);
    v("bank_reference", bank_reference);
  }
};

// The bank returned a scheduled payout; its claim is approved-unpaid again.
struct PayoutVoided {
  static constexpr EventType kType = EventType::kPayoutVoided;
  std::string payout_id;
  std::string claim_id;
  std::string reason;
  template <class V> void Visit(V&& v) {
    v("payout_id", payout_id); v("claim_id", claim_id); v("reason", reason);
  }
};

struct ReliefGranted {
  static constexpr EventType kType = EventType::kReliefGranted;
  std::string relief_id;
  std::string member_id;
  std::string recipient;  // self, spouse, child
  Fen amount_fen = 0;
  std::string reason;
  std::string first_approver;
  std::string second_approver;
  template <class V> void Visit(V&& v) {
    v("relief_id", relief_id); v("member_id", member_id); v("recipient", recipient);
    v("amount_fen", amount_fen); v("reason", reason); v("first_approver", first_approver);
    v("second_approver", second_approver);
  }
};

// A correction that undoes the effect of one earlier event (a contribution entered
// twice, an enrolment for the wrong member, a payout). It takes effect on the
// effective date of the event it reverses.
struct EventReversed {
  static constexpr EventType kType = EventType::kEventReversed;
  uint64_t target_seq = 0;
  std::string reason;
  std::string approver;
  template <class V> void Visit(V&& v) {
    v("target_seq", target_seq); v("reason", reason); v("approver", approver);
  }
};

// A correction that puts a wrongly rejected claim back into review.
struct ClaimReopened {
  static constexpr EventType kType = EventType::kClaimReopened;
  std::string claim_id;
  uint64_t target_seq = 0;  // the rejection being undone
  std::string reason;
  std::string approver;
  template <class V> void Visit(V&& v) {
    v("claim_id", claim_id); v("target_seq", target_seq); v("reason", reason);
    v("approver", approver);
  }
};

// Alternatives in the same order as the type ids (checked in codec.cc).
using Payload =
    std::variant<FundOpened, PlanPublished, UnitRegistered, MemberRegistered, MemberEnrolled,
                 ContributionReceived, ClaimFiled, ClaimApproved, ClaimRejected, ClaimReturned,
                 PayoutScheduled, PayoutPosted, PayoutVoided, ReliefGranted, EventReversed,
                 ClaimReopened>;

inline EventType TypeOf(const Payload& payload) {
  return std::visit([](const auto& p) { return std::decay_t<decltype(p)>::kType; }, payload);
}

}  // namespace huzhu
