// Money is an integer number of fen (1 yuan = 100 fen). No floating point anywhere
// near money: parsing and printing go through these functions only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "events/status.h"

namespace huzhu {

using Fen = int64_t;

constexpr Fen kFenPerYuan = 100;
// Larger than any fund will hold (10^15 yuan); keeps sums far from int64 overflow.
constexpr Fen kAmountFenMax = 100'000'000'000'000'000LL;

// Parses "1234", "1234.5", "1234.56", "-3.00", optionally with thousands separators
// "1,234.56". More than two decimals, or anything else, is refused.
Result<Fen> ParseYuan(std::string_view text);

// 123456 -> "1234.56"; -5 -> "-0.05".
std::string FormatYuan(Fen amount_fen);
// 123456789 -> "1,234,567.89", for screens and printed reports.
std::string FormatYuanGrouped(Fen amount_fen);

}  // namespace huzhu
