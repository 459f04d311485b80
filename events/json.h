// The JSON rendering of events, for export and inspection (never the stored form).
//
// One object per event: seq, type, schema_version, effective_date (YYYY-MM-DD),
// recorded_at (RFC 3339 UTC), actor {user, role}, prev_hash, hash (hex), fund,
// event_id, idempotency_key, then the payload fields in snake_case. Money fields end
// in _fen and are integers. docs/events.md lists every type's fields.
#pragma once

#include <string>

#include "events/event.h"

namespace huzhu {

enum class PiiMode {
  kMasked,  // ID numbers, phones and bank accounts masked (the default everywhere)
  kClear,   // as stored; only for a person entitled to see them
};

std::string EventToJson(const Event& event, PiiMode pii = PiiMode::kMasked);

}  // namespace huzhu
