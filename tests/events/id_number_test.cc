#include "events/id_number.h"

#include <gtest/gtest.h>

#include "tests/testing/sample_events.h"

namespace huzhu {
namespace {

TEST(IdNumberTest, ReadsBirthDateAndGender) {
  auto facts = ParseIdNumber(testing::FakeIdNumber(1990, 12, 31, Gender::kMale));
  ASSERT_TRUE(facts.ok());
  EXPECT_EQ(FormatDate(facts->birth_date), "1990-12-31");
  EXPECT_EQ(facts->gender, Gender::kMale);
}

TEST(IdNumberTest, KnownPublishedExampleHasCheckX) {
  // The GB 11643 worked example 11010519491231002X.
  EXPECT_EQ(IdNumberCheckChar("11010519491231002"), 'X');
  EXPECT_TRUE(ParseIdNumber("11010519491231002X").ok());
  EXPECT_TRUE(ParseIdNumber("11010519491231002x").ok());
}

TEST(IdNumberTest, WrongCheckCharacterIsRefused) {
  std::string id = testing::FakeIdNumber(1990, 1, 1, Gender::kMale);
  id[17] = id[17] == '0' ? '1' : '0';
  EXPECT_EQ(ParseIdNumber(id).status().code(), Status::Code::kInvalidArgument);
}

TEST(IdNumberTest, WrongLengthAndImpossibleDateAreRefused) {
  EXPECT_FALSE(ParseIdNumber("99999919900101").ok());
  std::string first17 = "99999919900230011";  // 30 February
  EXPECT_FALSE(ParseIdNumber(first17 + IdNumberCheckChar(first17)).ok());
}

TEST(IdNumberTest, MasksKeepOnlyWhatMayBeShown) {
  EXPECT_EQ(MaskIdNumber("11010519491231002X"), "110105********002X");
  EXPECT_EQ(MaskBankAccount("6222020200112233445"), "***************3445");
  EXPECT_EQ(MaskPhone("13800001234"), "*******1234");
  EXPECT_EQ(MaskBankAccount("123"), "***");
}

}  // namespace
}  // namespace huzhu
