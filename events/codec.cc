#include "events/codec.h"

#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/array.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cstring>
#include <memory>
#include <sstream>
#include <streambuf>

#include "events/cereal_types.h"
#include "events/upcast.h"

namespace huzhu {

namespace {

// Payload alternatives must follow the type ids, so that index + 1 == id.
template <size_t... I>
constexpr bool PayloadOrderMatchesIds(std::index_sequence<I...>) {
  return ((static_cast<size_t>(std::variant_alternative_t<I, Payload>::kType) == I + 1) && ...);
}
static_assert(PayloadOrderMatchesIds(std::make_index_sequence<std::variant_size_v<Payload>>()));

// cereal reads and writes through iostreams. Building a stream costs more than
// coding a whole event (locale set-up), so each thread keeps one of each and points
// it at the bytes at hand: reads happen in place, writes append to a string.
class MemoryStreambuf : public std::streambuf {
 public:
  void Reset(std::string_view bytes) {
    char* begin = const_cast<char*>(bytes.data());  // Only ever read.
    setg(begin, begin, begin + bytes.size());
  }
  size_t remaining() const { return static_cast<size_t>(egptr() - gptr()); }

 protected:
  // One bounds check and a memcpy: cereal calls this for every field.
  std::streamsize xsgetn(char* s, std::streamsize n) override {
    std::streamsize take = std::min<std::streamsize>(n, egptr() - gptr());
    // Most fields are 1 to 8 bytes: fixed-size copies the compiler inlines.
    switch (take) {
      case 8: std::memcpy(s, gptr(), 8); break;
      case 4: std::memcpy(s, gptr(), 4); break;
      case 2: std::memcpy(s, gptr(), 2); break;
      case 1: *s = *gptr(); break;
      default: std::memcpy(s, gptr(), static_cast<size_t>(take));
    }
    gbump(static_cast<int>(take));
    return take;
  }
};

class StringStreambuf : public std::streambuf {
 public:
  void Reset(std::string* out) { out_ = out; }

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    out_->append(s, static_cast<size_t>(n));
    return n;
  }
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) out_->push_back(static_cast<char>(c));
    return c;
  }

 private:
  std::string* out_ = nullptr;
};

// cereal's archives likewise read or write the byte-order byte when built, and keep
// tables for features we do not use. Each thread builds them once and then points
// them at each record past its first byte, which the codec checks itself.
struct ThreadStreams {
  MemoryStreambuf read_buf;
  std::istream in{&read_buf};
  StringStreambuf write_buf;
  std::ostream out{&write_buf};
  std::unique_ptr<cereal::PortableBinaryInputArchive> readers[2];  // by byte-order byte
  std::unique_ptr<cereal::PortableBinaryOutputArchive> writer;
  std::string order_byte;  // what the writer put first when it was built
};

ThreadStreams& Streams() {
  thread_local ThreadStreams streams;
  return streams;
}

cereal::PortableBinaryInputArchive& ReaderFor(ThreadStreams& s, uint8_t order_byte) {
  auto& reader = s.readers[order_byte];
  if (!reader) {
    char byte = static_cast<char>(order_byte);
    s.read_buf.Reset(std::string_view(&byte, 1));
    s.in.clear();
    reader = std::make_unique<cereal::PortableBinaryInputArchive>(s.in);
  }
  return *reader;
}

cereal::PortableBinaryOutputArchive& Writer(ThreadStreams& s) {
  if (!s.writer) {
    s.write_buf.Reset(&s.order_byte);
    s.writer = std::make_unique<cereal::PortableBinaryOutputArchive>(s.out);
    HUZHU_CHECK(s.order_byte.size() == 1);
  }
  return *s.writer;
}

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
  ThreadStreams& streams = Streams();
  cereal::PortableBinaryOutputArchive& ar = Writer(streams);
  std::string body;
  body.reserve(512);
  body += streams.order_byte;
  streams.write_buf.Reset(&body);
  streams.out.clear();
  {
    FieldArchiver<cereal::PortableBinaryOutputArchive> fields{ar};
    uint8_t format = kRecordFormat;
    uint16_t type_id = static_cast<uint16_t>(P::kType);
    ArchiveEnvelope(fields, format, env, type_id);
    payload.Visit(fields);
  }
  streams.write_buf.Reset(nullptr);
  return body;
}

std::string SealRecord(std::string body, Hash256* hash) {
  *hash = Sha256(body);
  body.append(reinterpret_cast<const char*>(hash->data()), hash->size());
  return body;
}

using Reader = FieldArchiver<cereal::PortableBinaryInputArchive>;

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
  ThreadStreams& streams = Streams();
  uint8_t order_byte = static_cast<uint8_t>(body[0]);
  if (order_byte > 1) return Status::Corruption("byte-order byte " + std::to_string(order_byte));
  cereal::PortableBinaryInputArchive& ar = ReaderFor(streams, order_byte);
  MemoryStreambuf& buf = streams.read_buf;
  buf.Reset(body.substr(1));
  streams.in.clear();
  Reader fields{ar, body.size()};
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
  if (buf.remaining() != 0) {
    return Status::Corruption(std::to_string(buf.remaining()) + " bytes follow the payload");
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
