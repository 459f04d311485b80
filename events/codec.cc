#include "events/codec.h"

#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/array.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>

#include "events/cereal_types.h"
#include "events/portable_streams.h"
#include "events/upcast.h"

namespace huzhu {

namespace {

// Payload alternatives must follow the type ids, so that index + 1 == id.
template <size_t... I>
constexpr bool PayloadOrderMatchesIds(std::index_sequence<I...>) {
  return ((static_cast<size_t>(std::variant_alternative_t<I, Payload>::kType) == I + 1) && ...);
}
static_assert(PayloadOrderMatchesIds(std::make_index_sequence<std::variant_size_v<Payload>>()));

// Walks fields into or out of a cereal archive. On reading, a string's length is
// checked against the record size before anything is allocated, so a crafted length
// cannot make us allocate gigabytes.
template <class Archive>
struct FieldArchiver {
  Archive& ar;
  size_t string_bytes_max = kRecordBytesMax;

  template <class T>
  void operator()(const char*, T& field, Pii = Pii::kNone) {
    ar(field);
  }
  void operator()(const char*, std::string& field, Pii = Pii::kNone) {
    if constexpr (Archive::is_loading::value) {
      uint64_t size = 0;
      ar(cereal::make_size_tag(size));
      if (size > string_bytes_max) {
        throw cereal::Exception("string of " + std::to_string(size) + " bytes in a record");
      }
      field.resize(size);
      ar(cereal::binary_data(field.data(), size));
    } else {
      ar(field);
    }
  }
};

template <class Archive>
void ArchiveEnvelope(FieldArchiver<Archive>& f, uint8_t& format, Envelope& env,
                     uint16_t& type_id) {
  uint8_t role = static_cast<uint8_t>(env.actor.role);
  f("format", format); f("fund_id", env.fund_id); f("seq", env.seq);
  f("event_id", env.event_id); f("type", type_id); f("schema_version", env.schema_version);
  f("effective_date", env.effective_date); f("recorded_at", env.recorded_at.micros);
  f("actor_user", env.actor.user); f("actor_role", role);
  f("idempotency_key", env.idempotency_key); f("prev_hash", env.prev_hash);
  env.actor.role = static_cast<Role>(role);
}

template <class P>
std::string EncodeBody(Envelope& env, P& payload) {
  std::string body;
  body.reserve(512);
  cereal::PortableBinaryOutputArchive& ar = portable::BeginWrite(&body);
  {
    FieldArchiver<cereal::PortableBinaryOutputArchive> fields{ar};
    uint8_t format = kRecordFormat;
    uint16_t type_id = static_cast<uint16_t>(P::kType);
    ArchiveEnvelope(fields, format, env, type_id);
    payload.Visit(fields);
  }
  portable::EndWrite();
  return body;
}

std::string SealRecord(std::string body, Hash256* hash) {
  *hash = Sha256(body);
  body.append(reinterpret_cast<const char*>(hash->data()), hash->size());
  return body;
}

using Reader = FieldArchiver<SpanInputArchive>;

// Reads payload P into the variant, reusing the alternative (and its strings'
// capacity) when the variant already holds one: scans decode into one Event.
template <class P>
void ReadCurrent(Reader& fields, Payload* payload) {
  P* p = std::get_if<P>(payload);
  if (p == nullptr) p = &payload->emplace<P>();
  p->Visit(fields);
}

Status ReadPayload(EventType type, uint16_t version, Reader& fields, Payload* payload) {
  if (type == EventType::kMemberRegistered && version == MemberRegisteredV1::kSchemaVersion) {
    MemberRegisteredV1 v1;
    v1.Visit(fields);
    ASSIGN_OR_RETURN(*payload, Upcast(v1));
    return Status::Ok();
  }
  if (version != CurrentSchemaVersion(type)) {
    return Status::Corruption("schema version " + std::to_string(version) + " of " +
                              std::string(EventTypeName(type)) + " was never written");
  }
  // Payload alternative I has type id I + 1.
  size_t index = static_cast<size_t>(type) - 1;
  [&]<size_t... I>(std::index_sequence<I...>) {
    ((index == I ? (ReadCurrent<std::variant_alternative_t<I, Payload>>(fields, payload), 0) : 0),
     ...);
  }(std::make_index_sequence<std::variant_size_v<Payload>>());
  return Status::Ok();
}

Status DecodeBody(std::string_view body, Event* event) {
  SpanInputArchive* ar = portable::BeginRead(body);
  if (ar == nullptr) return Status::Corruption("byte-order byte " + std::to_string(static_cast<uint8_t>(body[0])));
  Reader fields{*ar, body.size()};
  uint8_t format = 0;
  uint16_t type_id = 0;
  ArchiveEnvelope(fields, format, event->envelope, type_id);
  const Envelope& env = event->envelope;
  if (format != kRecordFormat) {
    return Status::Unsupported("record format " + std::to_string(format) + " is not known");
  }
  auto type = EventTypeFromId(type_id);
  if (!type) {
    return Status::Unsupported("unknown event type id " + std::to_string(type_id));
  }
  if (env.schema_version == 0 || env.schema_version > CurrentSchemaVersion(*type)) {
    return Status::Unsupported("schema version " + std::to_string(env.schema_version) + " of " +
                               std::string(EventTypeName(*type)) +
                               " is newer than this code understands (up to " +
                               std::to_string(CurrentSchemaVersion(*type)) + ")");
  }
  RETURN_IF_ERROR(ReadPayload(*type, env.schema_version, fields, &event->payload));
  if (portable::ReadRemaining() != 0) {
    return Status::Corruption(std::to_string(portable::ReadRemaining()) + " bytes follow the payload");
  }
  return Status::Ok();
}

}  // namespace

std::string EncodeEvent(Event* event) {
  HUZHU_CHECK(event->envelope.schema_version == CurrentSchemaVersion(event->type()));
  std::string body = std::visit(
      [&](auto& payload) { return EncodeBody(event->envelope, payload); }, event->payload);
  return SealRecord(std::move(body), &event->hash);
}

std::string EncodeLegacyEvent(Envelope envelope, const MemberRegisteredV1& payload,
                              Hash256* hash) {
  envelope.schema_version = MemberRegisteredV1::kSchemaVersion;
  MemberRegisteredV1 copy = payload;
  return SealRecord(EncodeBody(envelope, copy), hash);
}

Status DecodeEventInto(std::string_view record, Event* event) {
  if (record.size() <= kHashBytes) {
    return Status::Corruption("record of " + std::to_string(record.size()) + " bytes is too short");
  }
  if (record.size() > kRecordBytesMax) {
    return Status::Corruption("record of " + std::to_string(record.size()) +
                              " bytes exceeds the limit of " + std::to_string(kRecordBytesMax));
  }
  std::string_view body = record.substr(0, record.size() - kHashBytes);
  Hash256 stored;
  std::copy(record.end() - kHashBytes, record.end(), stored.begin());
  if (Sha256(body) != stored) {
    return Status::Corruption("stored hash does not match the event's bytes");
  }
  try {
    RETURN_IF_ERROR(DecodeBody(body, event));
  } catch (const std::exception& e) {  // cereal::Exception on short or malformed bytes.
    return Status::Corruption(std::string("event bytes do not decode: ") + e.what());
  }
  event->hash = stored;
  return Status::Ok();
}

Result<Event> DecodeEvent(std::string_view record) {
  Event event;
  RETURN_IF_ERROR(DecodeEventInto(record, &event));
  return event;
}

}  // namespace huzhu
