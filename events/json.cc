#include "events/json.h"

#include <nlohmann/json.hpp>

#include "events/id_number.h"

namespace huzhu {

namespace {

using Json = nlohmann::ordered_json;

struct JsonFieldWriter {
  Json& out;
  PiiMode pii;

  template <class T>
  void operator()(const char* name, const T& value, Pii kind = Pii::kNone) {
    out[name] = Render(value, kind);
  }

  Json Render(const std::string& value, Pii kind) const {
    if (pii == PiiMode::kClear) return value;
    switch (kind) {
      case Pii::kIdNumber: return MaskIdNumber(value);
      case Pii::kPhone: return MaskPhone(value);
      case Pii::kBankAccount: return MaskBankAccount(value);
      case Pii::kNone: break;
    }
    return value;
  }
  Json Render(Date value, Pii) const { return FormatDate(value); }
  Json Render(const std::optional<Date>& value, Pii) const {
    return value ? Json(FormatDate(*value)) : Json(nullptr);
  }
  Json Render(Gender value, Pii) const { return std::string(GenderName(value)); }
  Json Render(bool value, Pii) const { return value; }
  // uint8_t fields are small numbers (grades, tiers), not characters.
  Json Render(uint8_t value, Pii) const { return static_cast<unsigned>(value); }
  template <class Int>
  Json Render(Int value, Pii) const {
    static_assert(std::is_integral_v<Int>);
    return value;
  }
};

}  // namespace

std::string EventToJson(const Event& event, PiiMode pii) {
  const Envelope& env = event.envelope;
  Json out;
  out["seq"] = env.seq;
  out["type"] = std::string(EventTypeName(event.type()));
  out["schema_version"] = env.schema_version;
  out["effective_date"] = FormatDate(env.effective_date);
  out["recorded_at"] = FormatTimestamp(env.recorded_at);
  out["actor"] = Json{{"user", env.actor.user}, {"role", std::string(RoleName(env.actor.role))}};
  out["prev_hash"] = ToHex(env.prev_hash);
  out["hash"] = ToHex(event.hash);
  out["fund"] = env.fund_id;
  out["event_id"] = env.event_id;
  out["idempotency_key"] = env.idempotency_key;
  JsonFieldWriter writer{out, pii};
  // Visit() is shared with the decoder and so not const; the writer only reads.
  std::visit([&](const auto& payload) { const_cast<std::decay_t<decltype(payload)>&>(payload).Visit(writer); },
             event.payload);
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace huzhu
