#include "tests/testing/sample_events.h"

#include <cstdio>

#include "events/id_number.h"

namespace huzhu::testing {

std::string FakeIdNumber(int year, unsigned month, unsigned day, Gender gender, int serial) {
  char first17[48];
  int gender_digit = gender == Gender::kMale ? 1 : 2;
  std::snprintf(first17, sizeof first17, "999999%04d%02u%02u%02d%d", year, month, day,
                serial % 100, gender_digit);
  HUZHU_CHECK(std::string_view(first17).size() == 17);
  return std::string(first17) + IdNumberCheckChar(first17);
}

Event MakeEvent(uint64_t seq, Payload payload, const Hash256& prev_hash) {
  Event e;
  e.payload = std::move(payload);
  Envelope& env = e.envelope;
  env.fund_id = "F1";
  env.seq = seq;
  env.event_id = "00000000000000000000000000" + std::to_string(100000 + seq);
  env.schema_version = CurrentSchemaVersion(e.type());
  env.effective_date = DateFromCivil(2016, 3, 1);
  env.recorded_at = Timestamp{TimestampFromDate(DateFromCivil(2016, 3, 2)).micros +
                              static_cast<int64_t>(seq) * 1'000'000};
  env.actor = Actor{"clerk1", Role::kFinance};
  env.idempotency_key = "key-" + std::to_string(seq);
  env.prev_hash = prev_hash;
  return e;
}

ContributionReceived SampleContribution(Fen amount_fen, std::string id) {
  ContributionReceived c;
  c.contribution_id = std::move(id);
  c.unit_id = "U1";
  c.plan_code = "INPATIENT";
  c.amount_fen = amount_fen;
  c.bank_reference = "BANK-0001";
  return c;
}

MemberRegistered SampleMember(std::string member_id) {
  MemberRegistered m;
  m.member_id = std::move(member_id);
  m.unit_id = "U1";
  m.name = "张伟";
  m.id_number = FakeIdNumber(1980, 5, 17, Gender::kFemale);
  m.gender = Gender::kFemale;
  m.birth_date = DateFromCivil(1980, 5, 17);
  m.phone = "13800001234";
  m.bank_account = "6222020200112233445";
  return m;
}

ClaimFiled SampleClaim() {
  ClaimFiled c;
  c.claim_id = "CL1";
  c.member_id = "M1";
  c.enrolment_id = "E1";
  c.plan_code = "INPATIENT";
  c.benefit_kind = "inpatient";
  c.incident_date = DateFromCivil(2016, 6, 1);
  c.invoice_number = "INV-1";
  c.hospital = "四川大学华西医院";
  c.disease_code = "K35";
  c.admission_date = DateFromCivil(2016, 6, 1);
  c.discharge_date = DateFromCivil(2016, 6, 9);
  c.self_pay_fen = 345'600;
  return c;
}

}  // namespace huzhu::testing
