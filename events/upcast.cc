#include "events/upcast.h"

#include "events/id_number.h"

namespace huzhu {

Result<MemberRegistered> Upcast(const MemberRegisteredV1& v1) {
  auto facts = ParseIdNumber(v1.id_number);
  if (!facts.ok()) {
    return facts.status().WithContext("upcasting member_registered v1 of member " + v1.member_id);
  }
  MemberRegistered v2;
  v2.member_id = v1.member_id;
  v2.unit_id = v1.unit_id;
  v2.name = v1.name;
  v2.id_number = v1.id_number;
  v2.gender = facts->gender;
  v2.birth_date = facts->birth_date;
  v2.phone = v1.phone;
  v2.bank_account = v1.bank_account;
  v2.in_service = true;
  return v2;
}

}  // namespace huzhu
