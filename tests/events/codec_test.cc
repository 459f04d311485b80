#include "events/codec.h"

#include <gtest/gtest.h>

#include "tests/testing/sample_events.h"

namespace huzhu {
namespace {

using testing::MakeEvent;

std::string Body(const std::string& record) { return record.substr(0, record.size() - kHashBytes); }

// Re-signs a modified body, as someone crafting a bad event with a valid hash would.
std::string Reseal(const std::string& body) {
  Hash256 h = Sha256(body);
  return body + std::string(reinterpret_cast<const char*>(h.data()), h.size());
}

// Offset of the type id in a body made by MakeEvent: cereal's endianness byte, format,
// fund_id (u64 length + bytes), seq (u64), event_id (u64 length + bytes).
size_t TypeIdOffset(const Event& e) {
  return 1 + 1 + 8 + e.envelope.fund_id.size() + 8 + 8 + e.envelope.event_id.size();
}

TEST(CodecTest, RoundTripsEveryPayloadType) {
  std::vector<Payload> payloads = {
      FundOpened{"成都办事处", "CD"}, PlanPublished{}, UnitRegistered{},
      testing::SampleMember(), MemberEnrolled{}, testing::SampleContribution(6000),
      testing::SampleClaim(), ClaimApproved{}, ClaimRejected{}, ClaimReturned{},
      PayoutScheduled{}, PayoutPosted{}, PayoutVoided{}, ReliefGranted{}, EventReversed{},
      ClaimReopened{}};
  ASSERT_EQ(payloads.size(), std::variant_size_v<Payload>);
  for (size_t i = 0; i < payloads.size(); ++i) {
    Event e = MakeEvent(i + 1, payloads[i]);
    std::string record = EncodeEvent(&e);
    auto decoded = DecodeEvent(record);
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ(decoded->type(), e.type());
    EXPECT_EQ(decoded->hash, e.hash);
    // Re-encoding what was decoded gives the same bytes: the form is canonical.
    Event again = *decoded;
    EXPECT_EQ(EncodeEvent(&again), record) << EventTypeName(e.type());
  }
}

TEST(CodecTest, KeepsEnvelopeAndPayloadFields) {
  Event e = MakeEvent(7, testing::SampleClaim(), Sha256("previous"));
  auto decoded = DecodeEvent(EncodeEvent(&e));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->envelope.seq, 7u);
  EXPECT_EQ(decoded->envelope.prev_hash, Sha256("previous"));
  EXPECT_EQ(decoded->envelope.actor.role, Role::kFinance);
  const auto& claim = std::get<ClaimFiled>(decoded->payload);
  EXPECT_EQ(claim.self_pay_fen, 345'600);
  EXPECT_EQ(claim.hospital, "四川大学华西医院");
  ASSERT_TRUE(claim.discharge_date.has_value());
  EXPECT_EQ(FormatDate(*claim.discharge_date), "2016-06-09");
}

TEST(CodecTest, OneChangedByteFailsTheHash) {
  Event e = MakeEvent(1, testing::SampleContribution(6000));
  std::string record = EncodeEvent(&e);
  for (size_t pos : {size_t{0}, record.size() / 2, record.size() - 1}) {
    std::string bad = record;
    bad[pos] ^= 0x01;
    auto decoded = DecodeEvent(bad);
    ASSERT_FALSE(decoded.ok()) << pos;
    EXPECT_EQ(decoded.status().code(), Status::Code::kCorruption);
    EXPECT_NE(decoded.status().message().find("hash"), std::string::npos);
  }
}

TEST(CodecTest, TruncatedRecordIsCorrupt) {
  Event e = MakeEvent(1, testing::SampleContribution(6000));
  std::string body = Body(EncodeEvent(&e));
  auto decoded = DecodeEvent(Reseal(body.substr(0, body.size() - 5)));
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), Status::Code::kCorruption);
  EXPECT_NE(decoded.status().message().find("do not decode"), std::string::npos);
}

TEST(CodecTest, TooShortRecordIsCorrupt) {
  auto decoded = DecodeEvent("short");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), Status::Code::kCorruption);
}

TEST(CodecTest, TrailingBytesAreCorrupt) {
  Event e = MakeEvent(1, testing::SampleContribution(6000));
  auto decoded = DecodeEvent(Reseal(Body(EncodeEvent(&e)) + "xx"));
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), Status::Code::kCorruption);
  EXPECT_NE(decoded.status().message().find("follow the payload"), std::string::npos);
}

TEST(CodecTest, UnknownTypeIsUnsupported) {
  Event e = MakeEvent(1, testing::SampleContribution(6000));
  std::string body = Body(EncodeEvent(&e));
  size_t at = TypeIdOffset(e);
  ASSERT_EQ(static_cast<uint8_t>(body[at]), static_cast<uint8_t>(EventType::kContributionReceived));
  body[at] = 77;
  auto decoded = DecodeEvent(Reseal(body));
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(decoded.status().message().find("unknown event type id 77"), std::string::npos);
}

TEST(CodecTest, NewerSchemaVersionIsUnsupported) {
  Event e = MakeEvent(1, testing::SampleContribution(6000));
  std::string body = Body(EncodeEvent(&e));
  size_t at = TypeIdOffset(e) + 2;  // the schema version follows the type id
  ASSERT_EQ(static_cast<uint8_t>(body[at]), 1);
  body[at] = 9;
  auto decoded = DecodeEvent(Reseal(body));
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(decoded.status().message().find("schema version 9 of contribution_received is newer"),
            std::string::npos);
}

TEST(CodecTest, HugeStringLengthIsCorruptNotAnAllocation) {
  Event e = MakeEvent(1, testing::SampleContribution(6000));
  std::string body = Body(EncodeEvent(&e));
  // The fund id's u64 length starts after the endianness byte and the format byte.
  for (int i = 2; i < 10; ++i) body[i] = static_cast<char>(0x7f);
  auto decoded = DecodeEvent(Reseal(body));
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), Status::Code::kCorruption);
}

}  // namespace
}  // namespace huzhu
