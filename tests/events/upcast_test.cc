#include "events/upcast.h"

#include <gtest/gtest.h>

#include "events/codec.h"
#include "tests/testing/sample_events.h"

namespace huzhu {
namespace {

MemberRegisteredV1 V1Member(std::string id_number) {
  MemberRegisteredV1 v1;
  v1.member_id = "M9";
  v1.unit_id = "U1";
  v1.name = "李娜";
  v1.id_number = std::move(id_number);
  v1.phone = "13900001111";
  v1.bank_account = "6222000011112222";
  return v1;
}

TEST(UpcastTest, Version1MemberIsReadByVersion2Code) {
  Envelope env = testing::MakeEvent(3, MemberRegistered{}).envelope;
  Hash256 hash;
  std::string record = EncodeLegacyEvent(
      env, V1Member(testing::FakeIdNumber(1975, 2, 28, Gender::kFemale)), &hash);
  auto decoded = DecodeEvent(record);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  // The envelope still says what is stored; the payload is the current struct.
  EXPECT_EQ(decoded->envelope.schema_version, 1);
  EXPECT_EQ(decoded->hash, hash);
  const auto& m = std::get<MemberRegistered>(decoded->payload);
  EXPECT_EQ(m.member_id, "M9");
  EXPECT_EQ(m.gender, Gender::kFemale);
  EXPECT_EQ(FormatDate(m.birth_date), "1975-02-28");
  EXPECT_TRUE(m.in_service);
  EXPECT_EQ(m.bank_account, "6222000011112222");
}

TEST(UpcastTest, Version1WithUnusableIdNumberFailsNamingTheMember) {
  auto v2 = Upcast(V1Member("12345"));
  ASSERT_FALSE(v2.ok());
  EXPECT_EQ(v2.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(v2.status().message().find("member M9"), std::string::npos);
  EXPECT_EQ(v2.status().message().find("12345"), std::string::npos) << "PII in message";
}

}  // namespace
}  // namespace huzhu
