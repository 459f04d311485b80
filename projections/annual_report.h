// The annual report exactly as DOMAIN.md defines it: for a fund and year, with
// events bucketed by effective date, as restated (everything known now) or as of a
// recorded time (what was known then), per plan and in total, last year beside.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "events/money.h"
#include "events/time.h"
#include "ledger/store.h"

namespace huzhu {

struct ReportFigures {
  int64_t units = 0;          // 基层单位数: distinct units with a term starting in the year
  int64_t enrollments = 0;    // 参加会员人次: terms starting in the year, net of reversals
  int64_t beneficiaries = 0;  // 享受互助金人次: payouts posted, net of reversals
  Fen payout_fen = 0;         // 互助金金额
  Fen per_capita_fen = 0;     // 人均受益: payout / beneficiaries, rounded half up
  Fen contributions_fen = 0;  // contributions effective in the year, net of reversals
  int64_t relief_count = 0;   // relief grants paid in the year (fund total only)
  Fen relief_fen = 0;
  Fen opening_balance_fen = 0;  // the bank account at the start of the year (fund total only)
  Fen closing_balance_fen = 0;  // and at its end
  int64_t loss_ratio_bp = 0;    // payout / contributions in 1/10000, rounded half up
};

struct YearReport {
  ReportFigures total;
  std::map<std::string, ReportFigures> plans;
};

struct AnnualReport {
  std::string fund;
  std::string fund_name;
  std::map<std::string, std::string> plan_names;
  int year = 0;
  std::optional<Timestamp> as_of;  // absent: as restated
  uint64_t max_seq = 0;            // the last event the report reflects
  YearReport current;
  YearReport previous;
};

// REQUIRES: the store's report projection is up to date.
Result<AnnualReport> ComputeAnnualReport(const Store& store, int year, std::optional<Timestamp> as_of);

// Half-up rounding of a / b for non-negative money figures (0 when b is 0).
int64_t DivideHalfUp(int64_t a, int64_t b);
void FinishFigures(ReportFigures* f);

std::string ReportAsText(const AnnualReport& report);
std::string ReportAsJson(const AnnualReport& report);
std::string ReportAsCsv(const AnnualReport& report);
// Line by line, the figures that differ between two readings of one report.
std::vector<std::string> ReportDiff(const AnnualReport& then, const AnnualReport& now);

std::string FormatRatio(int64_t basis_points);  // 6543 -> "0.6543"

// Pads text for terminal columns, counting CJK characters as two columns wide.
std::string PadRight(const std::string& text, size_t width);
std::string PadLeft(const std::string& text, size_t width);

}  // namespace huzhu
