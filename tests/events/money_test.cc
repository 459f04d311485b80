#include "events/money.h"

#include <gtest/gtest.h>

namespace huzhu {
namespace {

TEST(MoneyTest, ParsesYuanIntoFen) {
  EXPECT_EQ(*ParseYuan("0"), 0);
  EXPECT_EQ(*ParseYuan("60"), 6000);
  EXPECT_EQ(*ParseYuan("60.5"), 6050);
  EXPECT_EQ(*ParseYuan("60.05"), 6005);
  EXPECT_EQ(*ParseYuan("-0.01"), -1);
  EXPECT_EQ(*ParseYuan("1,234,567.89"), 123456789);
}

TEST(MoneyTest, RefusesWhatIsNotAnAmount) {
  for (const char* bad : {"", "-", "1.234", "1.", ".5", "12a", "1e3", "¥5", "99999999999999999"}) {
    auto r = ParseYuan(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  }
}

TEST(MoneyTest, FormatsYuan) {
  EXPECT_EQ(FormatYuan(0), "0.00");
  EXPECT_EQ(FormatYuan(5), "0.05");
  EXPECT_EQ(FormatYuan(-1234), "-12.34");
  EXPECT_EQ(FormatYuanGrouped(3597472200), "35,974,722.00");
  EXPECT_EQ(FormatYuanGrouped(-100000), "-1,000.00");
  EXPECT_EQ(FormatYuanGrouped(99900), "999.00");
}

}  // namespace
}  // namespace huzhu
