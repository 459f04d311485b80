#include "events/time.h"

#include <cstdio>

namespace huzhu {

namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned DaysInMonth(int year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

// Reads exactly `width` digits at text[pos]; -1 when they are not all digits.
int ReadDigits(std::string_view text, size_t pos, size_t width) {
  if (pos + width > text.size()) return -1;
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

Status BadTimestamp(std::string_view text) {
  return Status::InvalidArgument("time \"" + std::string(text) +
                                 "\" is not RFC 3339 (e.g. 2016-03-01T08:30:00Z)");
}

}  // namespace

// Howard Hinnant's days_from_civil algorithm.
Date DateFromCivil(int year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date{era * 146097 + static_cast<int32_t>(doe) - 719468};
}

CivilDate CivilFromDate(Date date) {
  const int z = date.days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const int year = static_cast<int>(yoe) + era * 400 + (month <= 2);
  return CivilDate{year, month, day};
}

bool IsValidCivil(int year, unsigned month, unsigned day) {
  return year >= 1900 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

Date AddYears(Date date, int years) {
  CivilDate c = CivilFromDate(date);
  int year = c.year + years;
  unsigned day = c.day;
  if (c.month == 2 && day == 29 && !IsLeap(year)) day = 28;
  return DateFromCivil(year, c.month, day);
}

Result<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return Status::InvalidArgument("date \"" + std::string(text) + "\" is not YYYY-MM-DD");
  }
  int y = ReadDigits(text, 0, 4), m = ReadDigits(text, 5, 2), d = ReadDigits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0 || !IsValidCivil(y, m, d)) {
    return Status::InvalidArgument("date \"" + std::string(text) + "\" is not a valid calendar day");
  }
  return DateFromCivil(y, m, d);
}

std::string FormatDate(Date date) {
  CivilDate c = CivilFromDate(date);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
  return buf;
}

Result<Timestamp> ParseTimestamp(std::string_view text) {
  if (text.size() == 10) {
    ASSIGN_OR_RETURN(Date date, ParseDate(text));
    return TimestampFromDate(date);
  }
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') {
    return BadTimestamp(text);
  }
  auto date = ParseDate(text.substr(0, 10));
  int hh = ReadDigits(text, 11, 2), mm = ReadDigits(text, 14, 2), ss = ReadDigits(text, 17, 2);
  if (!date.ok() || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60) {
    return BadTimestamp(text);
  }
  size_t pos = 19;
  int64_t fraction_us = 0;
  if (text[pos] == '.') {
    int64_t scale = 100'000;
    for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
      fraction_us += (text[pos] - '0') * scale;
      scale /= 10;
    }
  }
  int64_t offset_s = 0;
  std::string_view zone = text.substr(pos);
  if (zone == "Z" || zone == "z") {
    offset_s = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int oh = ReadDigits(zone, 1, 2), om = ReadDigits(zone, 4, 2);
    if (oh < 0 || om < 0) return BadTimestamp(text);
    offset_s = (oh * 3600 + om * 60) * (zone[0] == '+' ? 1 : -1);
  } else {
    return BadTimestamp(text);
  }
  int64_t seconds = int64_t{date->days} * 86'400 + hh * 3600 + mm * 60 + ss - offset_s;
  return Timestamp{seconds * kMicrosPerSecond + fraction_us};
}

std::string FormatTimestamp(Timestamp ts) {
  Date date = DateOfTimestamp(ts);
  int64_t in_day = ts.micros - int64_t{date.days} * kMicrosPerDay;
  int64_t secs = in_day / kMicrosPerSecond;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lld.%06lldZ", FormatDate(date).c_str(),
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60),
                static_cast<long long>(in_day % kMicrosPerSecond));
  return buf;
}

Timestamp TimestampFromDate(Date date) { return Timestamp{int64_t{date.days} * kMicrosPerDay}; }

Date DateOfTimestamp(Timestamp ts) {
  int64_t days = ts.micros / kMicrosPerDay;
  if (ts.micros % kMicrosPerDay < 0) --days;
  return Date{static_cast<int32_t>(days)};
}

}  // namespace huzhu
