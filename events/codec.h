// The canonical stored form of an event: cereal's portable binary archive.
//
//   record := body || sha256(body)           (32 bytes of hash at the end)
//   body   := cereal portable binary of
//             record_format(u8) fund_id seq event_id type(u16) schema_version(u16)
//             effective_date(i32 days) recorded_at(i64 us) actor_user actor_role(u8)
//             idempotency_key prev_hash(32 bytes) payload fields in Visit() order
//
// The hash covers the exact stored bytes and the body holds the previous event's
// hash, which makes the chain. docs/storage.md spells this out byte by byte.
#pragma once

#include <string>
#include <string_view>

#include "events/event.h"
#include "events/status.h"

namespace huzhu {

constexpr uint8_t kRecordFormat = 1;
constexpr size_t kHashBytes = 32;
// A limit on everything: no single event may exceed this (a claim with its evidence
// text is a few KB). Larger records are refused on write and treated as corrupt on read.
constexpr size_t kRecordBytesMax = 64 * 1024;

// Encodes `event` (its envelope must carry the current schema version of its type)
// and sets event->hash. Returns the record bytes.
std::string EncodeEvent(Event* event);

// Decodes a record, checking in this order: size, the stored hash against the body,
// that the body decodes completely, that the type and schema version are known.
// Old schema versions are upcast to the current payload struct.
// Errors: kCorruption (does not decode, hash mismatch, trailing bytes),
//         kUnsupported (unknown type id, schema version newer than this code).
Result<Event> DecodeEvent(std::string_view record);
// The same, into an existing event whose storage is reused (for scans). On error
// *event is left in an unspecified state.
Status DecodeEventInto(std::string_view record, Event* event);

}  // namespace huzhu

namespace huzhu {
struct MemberRegisteredV1;
// Writes a member_registered event in schema version 1, as an older Huzhu did. Only
// for tests of the upcaster: current code always writes current versions.
std::string EncodeLegacyEvent(Envelope envelope, const MemberRegisteredV1& payload, Hash256* hash);
}  // namespace huzhu
