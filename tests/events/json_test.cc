#include "events/json.h"

#include <gtest/gtest.h>

#include "events/codec.h"
#include "events/id_number.h"
#include "tests/testing/sample_events.h"

namespace huzhu {
namespace {

TEST(JsonTest, EnvelopeFieldsComeFirstInOrder) {
  Event e = testing::MakeEvent(5, testing::SampleContribution(6000));
  EncodeEvent(&e);
  std::string json = EventToJson(e);
  EXPECT_EQ(json.rfind("{\"seq\":5,\"type\":\"contribution_received\",\"schema_version\":1,"
                       "\"effective_date\":\"2016-03-01\",\"recorded_at\":\"2016-03-02T00:00:05.000000Z\","
                       "\"actor\":{\"user\":\"clerk1\",\"role\":\"finance\"},\"prev_hash\":\"0000",
                       0),
            0u)
      << json;
  EXPECT_NE(json.find("\"hash\":\"" + ToHex(e.hash) + "\""), std::string::npos);
  EXPECT_NE(json.find("\"amount_fen\":6000"), std::string::npos);
}

TEST(JsonTest, PersonalDataIsMaskedByDefault) {
  Event e = testing::MakeEvent(1, testing::SampleMember());
  const auto& m = std::get<MemberRegistered>(e.payload);
  std::string masked = EventToJson(e);
  EXPECT_EQ(masked.find(m.id_number), std::string::npos);
  EXPECT_EQ(masked.find(m.bank_account), std::string::npos);
  EXPECT_EQ(masked.find(m.phone), std::string::npos);
  EXPECT_NE(masked.find(MaskIdNumber(m.id_number)), std::string::npos);
  std::string clear = EventToJson(e, PiiMode::kClear);
  EXPECT_NE(clear.find(m.id_number), std::string::npos);
}

TEST(JsonTest, OptionalDatesAreNullWhenAbsent) {
  ClaimFiled claim = testing::SampleClaim();
  claim.admission_date.reset();
  std::string json = EventToJson(testing::MakeEvent(1, claim));
  EXPECT_NE(json.find("\"admission_date\":null"), std::string::npos);
  EXPECT_NE(json.find("\"discharge_date\":\"2016-06-09\""), std::string::npos);
}

}  // namespace
}  // namespace huzhu
