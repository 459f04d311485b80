#include "events/money.h"

#include <cstdlib>

namespace huzhu {

namespace {

Status BadAmount(std::string_view text, std::string_view why) {
  return Status::InvalidArgument("amount \"" + std::string(text) + "\" " + std::string(why) +
                                 " (expected yuan with at most two decimals, e.g. 1234.50)");
}

}  // namespace

Result<Fen> ParseYuan(std::string_view text) {
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return BadAmount(text, "is empty");
  Fen yuan = 0;
  int int_digits = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] != '.'; ++i) {
    if (s[i] == ',') continue;
    if (s[i] < '0' || s[i] > '9') return BadAmount(text, "has a character that is not a digit");
    if (++int_digits > 15) return BadAmount(text, "is too large");
    yuan = yuan * 10 + (s[i] - '0');
  }
  if (int_digits == 0) return BadAmount(text, "has no whole yuan part");
  Fen fen = 0;
  if (i < s.size()) {
    std::string_view dec = s.substr(i + 1);
    if (dec.empty() || dec.size() > 2) return BadAmount(text, "needs one or two decimals after '.'");
    for (char c : dec) {
      if (c < '0' || c > '9') return BadAmount(text, "has a character that is not a digit");
    }
    fen = (dec[0] - '0') * 10 + (dec.size() == 2 ? dec[1] - '0' : 0);
  }
  Fen total = yuan * kFenPerYuan + fen;
  return negative ? -total : total;
}

std::string FormatYuan(Fen amount_fen) {
  bool negative = amount_fen < 0;
  // Work in unsigned to format INT64_MIN without overflow.
  uint64_t abs = negative ? 0 - static_cast<uint64_t>(amount_fen) : static_cast<uint64_t>(amount_fen);
  std::string cents = std::to_string(abs % 100);
  if (cents.size() == 1) cents = "0" + cents;
  return (negative ? "-" : "") + std::to_string(abs / 100) + "." + cents;
}

std::string FormatYuanGrouped(Fen amount_fen) {
  std::string plain = FormatYuan(amount_fen);
  size_t start = plain[0] == '-' ? 1 : 0;
  size_t dot = plain.find('.');
  std::string out = plain.substr(0, start);
  for (size_t i = start; i < dot; ++i) {
    out += plain[i];
    size_t left = dot - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  return out + plain.substr(dot);
}

}  // namespace huzhu
