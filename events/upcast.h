// Old schema versions and the upcasters that turn them into the current payload.
// Stored bytes are never rewritten: an old event keeps its old bytes and its hash,
// and is upcast each time it is read.
#pragma once

#include "events/payloads.h"
#include "events/status.h"

namespace huzhu {

// member_registered, schema version 1 (before gender and birth date were explicit).
struct MemberRegisteredV1 {
  static constexpr EventType kType = EventType::kMemberRegistered;
  static constexpr uint16_t kSchemaVersion = 1;
  std::string member_id;
  std::string unit_id;
  std::string name;
  std::string id_number;
  std::string phone;
  std::string bank_account;
  template <class V> void Visit(V&& v) {
    v("member_id", member_id); v("unit_id", unit_id); v("name", name);
    v("id_number", id_number, Pii::kIdNumber); v("phone", phone, Pii::kPhone);
    v("bank_account", bank_account, Pii::kBankAccount);
  }
};

// Version 1 to 2: gender and birth date come from the 18-digit resident ID number
// (digits 7-14 are the birth date, digit 17 is odd for men); a member registered
// under version 1 was in service. Fails when the ID number does not carry them.
Result<MemberRegistered> Upcast(const MemberRegisteredV1& v1);

}  // namespace huzhu
