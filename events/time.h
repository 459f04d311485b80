// Two kinds of time: the business date an event takes effect (a calendar day, no
// zone) and the instant the ledger recorded it (UTC, microseconds). Both are plain
// integers so that they encode compactly and compare exactly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "events/status.h"

namespace huzhu {

// A calendar day, counted from 1970-01-01 (day 0) in the proleptic Gregorian calendar.
struct Date {
  int32_t days = 0;
  auto operator<=>(const Date&) const = default;
};

struct CivilDate {
  int year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

Date DateFromCivil(int year, unsigned month, unsigned day);
CivilDate CivilFromDate(Date date);
bool IsValidCivil(int year, unsigned month, unsigned day);
// Same day and month `years` later; 29 Feb becomes 28 Feb in a non-leap year.
Date AddYears(Date date, int years);
inline Date AddDays(Date date, int32_t days) { return Date{date.days + days}; }
inline int32_t DaysBetween(Date from, Date to) { return to.days - from.days; }

// "2016-03-01"; anything else (including 2016-02-30) is refused.
Result<Date> ParseDate(std::string_view text);
std::string FormatDate(Date date);

// An instant in UTC, microseconds since the Unix epoch.
struct Timestamp {
  int64_t micros = 0;
  auto operator<=>(const Timestamp&) const = default;
};

// "2016-03-01T08:30:00Z", "2016-03-01T08:30:00.123456Z", "2016-03-01T16:30:00+08:00",
// or a bare date "2016-03-01" meaning its start in UTC.
Result<Timestamp> ParseTimestamp(std::string_view text);
// RFC 3339 in UTC with microseconds: "2016-03-01T08:30:00.000000Z".
std::string FormatTimestamp(Timestamp ts);
Timestamp TimestampFromDate(Date date);
Date DateOfTimestamp(Timestamp ts);

}  // namespace huzhu
