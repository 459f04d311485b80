// A description of each event type's payload fields, walked from the same Visit()
// lists as the codec and JSON, so documentation can be generated and checked.
#pragma once

#include <string>
#include <vector>

#include "events/payloads.h"

namespace huzhu {

struct FieldInfo {
  std::string name;
  std::string json_type;  // "string", "integer", "date", "date or null", "boolean", "\"M\" or \"F\""
  Pii pii = Pii::kNone;
};

std::vector<FieldInfo> PayloadFields(EventType type);
std::vector<EventType> AllEventTypes();

}  // namespace huzhu
