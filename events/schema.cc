#include "events/schema.h"

namespace huzhu {

namespace {

struct FieldLister {
  std::vector<FieldInfo>* out;
  template <class T>
  void operator()(const char* name, const T&, Pii pii = Pii::kNone) {
    out->push_back({name, TypeName(static_cast<const T*>(nullptr)), pii});
  }
  static std::string TypeName(const std::string*) { return "string"; }
  static std::string TypeName(const Date*) { return "date"; }
  static std::string TypeName(const std::optional<Date>*) { return "date or null"; }
  static std::string TypeName(const bool*) { return "boolean"; }
  static std::string TypeName(const Gender*) { return "\"M\" or \"F\""; }
  template <class Int>
  static std::string TypeName(const Int*) {
    static_assert(std::is_integral_v<Int>);
    return "integer";
  }
};

}  // namespace

std::vector<FieldInfo> PayloadFields(EventType type) {
  std::vector<FieldInfo> fields;
  size_t index = static_cast<size_t>(type) - 1;
  [&]<size_t... I>(std::index_sequence<I...>) {
    ((index == I ? (std::variant_alternative_t<I, Payload>{}.Visit(FieldLister{&fields}), 0) : 0),
     ...);
  }(std::make_index_sequence<std::variant_size_v<Payload>>());
  return fields;
}

std::vector<EventType> AllEventTypes() {
  return {
#define HUZHU_ALL_ENTRY(name, id, text, version) EventType::name,
      HUZHU_EVENT_TYPES(HUZHU_ALL_ENTRY)
#undef HUZHU_ALL_ENTRY
  };
}

}  // namespace huzhu
