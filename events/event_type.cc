#include "events/event_type.h"

#include <iterator>

namespace huzhu {

namespace {

constexpr uint16_t kIds[] = {
#define HUZHU_ID_ENTRY(name, id, text, version) id,
    HUZHU_EVENT_TYPES(HUZHU_ID_ENTRY)
#undef HUZHU_ID_ENTRY
};

constexpr bool IdsRunFromOneWithoutGaps() {
  if (std::size(kIds) != kEventTypeCount) return false;
  for (size_t i = 0; i < std::size(kIds); ++i) {
    if (kIds[i] != i + 1) return false;
  }
  return true;
}
static_assert(IdsRunFromOneWithoutGaps(), "EventTypeFromId tests a range");

}  // namespace

std::optional<EventType> EventTypeFromName(std::string_view text_name) {
#define HUZHU_NAME_CASE(name, id, text, version) \
  if (text_name == text) return EventType::name;
  HUZHU_EVENT_TYPES(HUZHU_NAME_CASE)
#undef HUZHU_NAME_CASE
  return std::nullopt;
}

std::string_view EventTypeName(EventType type) {
  switch (type) {
#define HUZHU_TEXT_CASE(name, id, text, version) \
  case EventType::name:                          \
    return text;
    HUZHU_EVENT_TYPES(HUZHU_TEXT_CASE)
#undef HUZHU_TEXT_CASE
  }
  return "unknown";
}

uint16_t CurrentSchemaVersion(EventType type) {
  switch (type) {
#define HUZHU_VERSION_CASE(name, id, text, version) \
  case EventType::name:                             \
    return version;
    HUZHU_EVENT_TYPES(HUZHU_VERSION_CASE)
#undef HUZHU_VERSION_CASE
  }
  return 0;
}

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kReviewer: return "reviewer";
    case Role::kFinance: return "finance";
    case Role::kAuditor: return "auditor";
    case Role::kSystem: return "system";
  }
  return "unknown";
}

std::optional<Role> RoleFromName(std::string_view name) {
  for (Role r : {Role::kAdmin, Role::kReviewer, Role::kFinance, Role::kAuditor, Role::kSystem}) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

std::string_view GenderName(Gender gender) { return gender == Gender::kFemale ? "F" : "M"; }

std::optional<Gender> GenderFromName(std::string_view name) {
  if (name == "M" || name == "m" || name == "男") return Gender::kMale;
  if (name == "F" || name == "f" || name == "女") return Gender::kFemale;
  return std::nullopt;
}

}  // namespace huzhu
