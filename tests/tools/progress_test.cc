// Progress on long work: the rate and time left follow the last minute, not the
// average since the start.
#include <gtest/gtest.h>

#include "tools/huzhu/progress.h"

namespace huzhu::cli {
namespace {

TEST(RecentRateTest, FollowsAJobThatSlowsDown) {
  RecentRate rate(60);
  uint64_t done = 0;
  for (int s = 0; s <= 60; s += 10) rate.Add(s, done = 1000u * static_cast<uint64_t>(s));
  EXPECT_DOUBLE_EQ(rate.PerSecond(), 1000);
  // The store outgrew the cache: ten times slower from here on.
  for (int s = 70; s <= 120; s += 10) rate.Add(s, done += 1000);
  EXPECT_DOUBLE_EQ(rate.PerSecond(), 100);  // the average since the start is 550
}

TEST(RecentRateTest, SpansTheWholeWindowWhenSamplesAreSparse) {
  RecentRate rate(60);
  rate.Add(0, 0);
  rate.Add(50, 5000);
  rate.Add(100, 5500);  // 10/s after 100/s; the window (from 40 s) keeps the sample before it, at 0 s
  EXPECT_DOUBLE_EQ(rate.PerSecond(), 5500.0 / 100);
  rate.Add(111, 5610);
  EXPECT_DOUBLE_EQ(rate.PerSecond(), 610.0 / 61);  // from the sample at 50 s, the last at or before 51 s
}

TEST(RecentRateTest, NoRateBeforeTwoSamples) {
  RecentRate rate(60);
  EXPECT_EQ(rate.PerSecond(), 0);
  rate.Add(5, 100);
  EXPECT_EQ(rate.PerSecond(), 0);
}

TEST(RecentRateTest, TimeLeftReadsAsMinutesAndHours) {
  EXPECT_EQ(FormatSecondsLeft(42.2), "42s");
  EXPECT_EQ(FormatSecondsLeft(785), "13m05s");
  EXPECT_EQ(FormatSecondsLeft(7620), "2h07m");
}

}  // namespace
}  // namespace huzhu::cli
