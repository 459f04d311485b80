// The event types of a fund's whole lifecycle, their stable numeric ids (stored on
// disk: never renumber) and the schema version this code writes for each.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace huzhu {

// X(enumerator, stored id, name in JSON and docs, current schema version)
#define HUZHU_EVENT_TYPES(X)                                \
  X(kFundOpened, 1, "fund_opened", 1)                       \
  X(kPlanPublished, 2, "plan_published", 1)                 \
  X(kUnitRegistered, 3, "unit_registered", 1)               \
  X(kMemberRegistered, 4, "member_registered", 2)           \
  X(kMemberEnrolled, 5, "member_enrolled", 1)               \
  X(kContributionReceived, 6, "contribution_received", 1)   \
  X(kClaimFiled, 7, "claim_filed", 1)                       \
  X(kClaimApproved, 8, "claim_approved", 1)                 \
  X(kClaimRejected, 9, "claim_rejected", 1)                 \
  X(kClaimReturned, 10, "claim_returned", 1)                \
  X(kPayoutScheduled, 11, "payout_scheduled", 1)            \
  X(kPayoutPosted, 12, "payout_posted", 1)                  \
  X(kPayoutVoided, 13, "payout_voided", 1)                  \
  X(kReliefGranted, 14, "relief_granted", 1)                \
  X(kEventReversed, 15, "event_reversed", 1)                \
  X(kClaimReopened, 16, "claim_reopened", 1)

enum class EventType : uint16_t {
#define HUZHU_ENUM_ENTRY(name, id, text, version) name = id,
  HUZHU_EVENT_TYPES(HUZHU_ENUM_ENTRY)
#undef HUZHU_ENUM_ENTRY
};

#define HUZHU_COUNT_ENTRY(name, id, text, version) +1
constexpr uint16_t kEventTypeCount = 0 HUZHU_EVENT_TYPES(HUZHU_COUNT_ENTRY);
#undef HUZHU_COUNT_ENTRY

// nullopt for an id this code does not know (a newer writer, or corrupt data).
// Ids run from 1 without gaps (checked in event_type.cc), so this is a range test,
// inline: every event a scan decodes passes through here, and a switch compiled to
// an indirect jump that mispredicts at every change of type (2.3% of a projection
// rebuild's samples, with a store-forwarding stall on the returned optional).
inline std::optional<EventType> EventTypeFromId(uint16_t id) {
  if (id == 0 || id > kEventTypeCount) return std::nullopt;
  return static_cast<EventType>(id);
}
std::optional<EventType> EventTypeFromName(std::string_view name);
std::string_view EventTypeName(EventType type);
uint16_t CurrentSchemaVersion(EventType type);

// Who may issue what is decided in ledger/; the envelope only records the role.
enum class Role : uint8_t { kAdmin = 1, kReviewer = 2, kFinance = 3, kAuditor = 4, kSystem = 5 };
std::string_view RoleName(Role role);
std::optional<Role> RoleFromName(std::string_view name);

enum class Gender : uint8_t { kMale = 1, kFemale = 2 };
std::string_view GenderName(Gender gender);  // "M" / "F"
std::optional<Gender> GenderFromName(std::string_view name);

}  // namespace huzhu
