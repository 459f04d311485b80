// An event: the envelope every event carries, and its payload.
#pragma once

#include <cstdint>
#include <string>

#include "events/hash.h"
#include "events/payloads.h"

namespace huzhu {

struct Actor {
  std::string user;
  Role role = Role::kSystem;
};

struct Envelope {
  std::string fund_id;
  uint64_t seq = 0;             // 1 for the first event of a fund, then +1 each
  std::string event_id;         // 32 hex digits, unique across funds
  uint16_t schema_version = 0;  // version of the payload as stored
  Date effective_date;          // when it happened in business terms
  Timestamp recorded_at;        // when the ledger accepted it (UTC)
  Actor actor;
  std::string idempotency_key;  // the command's key; shared by a command's events
  Hash256 prev_hash{};          // hash of event seq-1 (zeros for seq 1)
};

struct Event {
  Envelope envelope;
  Payload payload;
  Hash256 hash{};  // SHA-256 over the stored body bytes (set by the codec)

  EventType type() const { return TypeOf(payload); }
  uint64_t seq() const { return envelope.seq; }
};

}  // namespace huzhu
