#include "events/time.h"

#include <gtest/gtest.h>

namespace huzhu {
namespace {

TEST(TimeTest, DatesRoundTripAcrossLeapYears) {
  for (int32_t d = -800; d < 30000; d += 7) {
    Date date{d};
    auto parsed = ParseDate(FormatDate(date));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->days, d);
  }
  EXPECT_EQ(FormatDate(Date{0}), "1970-01-01");
  EXPECT_EQ(DaysBetween(*ParseDate("2016-02-28"), *ParseDate("2016-03-01")), 2);
}

TEST(TimeTest, RefusesImpossibleDates) {
  for (const char* bad : {"2015-02-29", "2016-13-01", "2016-1-01", "20160101", "2016-04-31", ""}) {
    EXPECT_EQ(ParseDate(bad).status().code(), Status::Code::kInvalidArgument) << bad;
  }
}

TEST(TimeTest, AddYearsClampsLeapDay) {
  EXPECT_EQ(FormatDate(AddYears(*ParseDate("2016-02-29"), 1)), "2017-02-28");
  EXPECT_EQ(FormatDate(AddYears(*ParseDate("2016-03-31"), 2)), "2018-03-31");
}

TEST(TimeTest, TimestampsParseZonesAndFormatInUtc) {
  auto t = ParseTimestamp("2016-03-01T16:30:00+08:00");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatTimestamp(*t), "2016-03-01T08:30:00.000000Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2016-03-01T08:30:00.25Z")),
            "2016-03-01T08:30:00.250000Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2016-03-01")), "2016-03-01T00:00:00.000000Z");
  EXPECT_FALSE(ParseTimestamp("2016-03-01 08:30").ok());
  EXPECT_FALSE(ParseTimestamp("2016-03-01T08:30:00").ok());
}

TEST(TimeTest, DateOfNegativeTimestampRoundsDown) {
  EXPECT_EQ(FormatDate(DateOfTimestamp(Timestamp{-1})), "1969-12-31");
}

}  // namespace
}  // namespace huzhu
