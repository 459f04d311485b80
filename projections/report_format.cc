// The annual report as text (laid out like the seed's tables: Chinese heads with
// English beside them, yuan with thousands separators), JSON and CSV.
#include <nlohmann/json.hpp>
#include <sstream>

#include "projections/annual_report.h"

namespace huzhu {

namespace {

// Terminal columns a UTF-8 string takes: CJK (3-byte sequences) take two.
size_t DisplayWidth(const std::string& s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    width += len == 3 ? 2 : 1;
    i += len;
  }
  return width;
}


std::string Count(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    out += digits[i];
    size_t left = digits.size() - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  return (n < 0 ? "-" : "") + out;
}

struct Row {
  const char* head;
  std::string (*value)(const ReportFigures&);
  bool fund_only;
};

const Row kRows[] = {
    {"基层单位数 Units", [](const ReportFigures& f) { return Count(f.units); }, false},
    {"参加会员人次 Enrolments", [](const ReportFigures& f) { return Count(f.enrollments); }, false},
    {"享受互助金人次 Beneficiaries", [](const ReportFigures& f) { return Count(f.beneficiaries); }, false},
    {"互助金金额 Benefits paid (yuan)", [](const ReportFigures& f) { return FormatYuanGrouped(f.payout_fen); }, false},
    {"人均受益 Per head (yuan)", [](const ReportFigures& f) { return FormatYuanGrouped(f.per_capita_fen); }, false},
    {"缴费收入 Contributions (yuan)", [](const ReportFigures& f) { return FormatYuanGrouped(f.contributions_fen); }, false},
    {"赔付率 Loss ratio", [](const ReportFigures& f) { return FormatRatio(f.loss_ratio_bp); }, false},
    {"救助金人次 Relief grants", [](const ReportFigures& f) { return Count(f.relief_count); }, true},
    {"救助金金额 Relief (yuan)", [](const ReportFigures& f) { return FormatYuanGrouped(f.relief_fen); }, true},
    {"期初余额 Opening balance (yuan)", [](const ReportFigures& f) { return FormatYuanGrouped(f.opening_balance_fen); }, true},
    {"期末余额 Closing balance (yuan)", [](const ReportFigures& f) { return FormatYuanGrouped(f.closing_balance_fen); }, true},
};

constexpr size_t kHeadWidth = 34;
constexpr size_t kValueWidth = 18;

void Table(std::ostringstream& out, const AnnualReport& r, const ReportFigures& now,
           const ReportFigures& before, bool fund) {
  out << PadRight("项目 Item", kHeadWidth) << PadLeft(std::to_string(r.year), kValueWidth)
      << PadLeft(std::to_string(r.year - 1), kValueWidth) << "\n";
  for (const Row& row : kRows) {
    if (row.fund_only && !fund) continue;
    out << PadRight(row.head, kHeadWidth) << PadLeft(row.value(now), kValueWidth)
        << PadLeft(row.value(before), kValueWidth) << "\n";
  }
}

std::string Basis(const AnnualReport& r) {
  if (r.as_of) {
    return "as of 截至 " + FormatTimestamp(*r.as_of) + " (events up to seq " + std::to_string(r.max_seq) + ")";
  }
  return "as restated 重述口径 (all events, up to seq " + std::to_string(r.max_seq) + ")";
}

nlohmann::ordered_json FiguresJson(const ReportFigures& f, bool fund) {
  nlohmann::ordered_json j;
  j["units"] = f.units;
  j["enrollments"] = f.enrollments;
  j["beneficiaries"] = f.beneficiaries;
  j["payout_fen"] = f.payout_fen;
  j["per_capita_fen"] = f.per_capita_fen;
  j["contributions_fen"] = f.contributions_fen;
  if (fund) {
    j["relief"] = {{"count", f.relief_count}, {"amount_fen", f.relief_fen}};
    j["opening_balance_fen"] = f.opening_balance_fen;
    j["closing_balance_fen"] = f.closing_balance_fen;
  }
  // A ratio for reading, not money: four decimals, as printed.
  j["loss_ratio"] = nlohmann::ordered_json::parse(FormatRatio(f.loss_ratio_bp));
  return j;
}

nlohmann::ordered_json YearJson(const YearReport& y) {
  nlohmann::ordered_json j = FiguresJson(y.total, true);
  j["plans"] = nlohmann::ordered_json::array();
  for (const auto& [plan, f] : y.plans) {
    nlohmann::ordered_json p;
    p["plan"] = plan;
    nlohmann::ordered_json figures = FiguresJson(f, false);
    for (auto& [k, v] : figures.items()) p[k] = v;
    j["plans"].push_back(p);
  }
  return j;
}

void CsvLine(std::ostringstream& out, int year, const std::string& scope, const ReportFigures& f) {
  out << year << "," << scope << "," << f.units << "," << f.enrollments << "," << f.beneficiaries << ","
      << FormatYuan(f.payout_fen) << "," << FormatYuan(f.per_capita_fen) << "," << FormatYuan(f.contributions_fen)
      << "," << f.relief_count << "," << FormatYuan(f.relief_fen) << "," << FormatYuan(f.opening_balance_fen) << ","
      << FormatYuan(f.closing_balance_fen) << "," << FormatRatio(f.loss_ratio_bp) << "\n";
}

void DiffFigures(const std::string& scope, const ReportFigures& a, const ReportFigures& b,
                 std::vector<std::string>* out) {
  auto line = [&](const char* field, const std::string& x, const std::string& y) {
    if (x != y) out->push_back(scope + " " + field + ": " + x + " -> " + y);
  };
  line("units", Count(a.units), Count(b.units));
  line("enrollments", Count(a.enrollments), Count(b.enrollments));
  line("beneficiaries", Count(a.beneficiaries), Count(b.beneficiaries));
  line("payout (yuan)", FormatYuanGrouped(a.payout_fen), FormatYuanGrouped(b.payout_fen));
  line("per head (yuan)", FormatYuanGrouped(a.per_capita_fen), FormatYuanGrouped(b.per_capita_fen));
  line("contributions (yuan)", FormatYuanGrouped(a.contributions_fen), FormatYuanGrouped(b.contributions_fen));
  line("relief grants", Count(a.relief_count), Count(b.relief_count));
  line("relief (yuan)", FormatYuanGrouped(a.relief_fen), FormatYuanGrouped(b.relief_fen));
  line("opening balance (yuan)", FormatYuanGrouped(a.opening_balance_fen), FormatYuanGrouped(b.opening_balance_fen));
  line("closing balance (yuan)", FormatYuanGrouped(a.closing_balance_fen), FormatYuanGrouped(b.closing_balance_fen));
  line("loss ratio", FormatRatio(a.loss_ratio_bp), FormatRatio(b.loss_ratio_bp));
}

}  // namespace

std::string PadRight(const std::string& s, size_t width) {
  size_t w = DisplayWidth(s);
  return s + std::string(w < width ? width - w : 0, ' ');
}

std::string PadLeft(const std::string& s, size_t width) {
  size_t w = DisplayWidth(s);
  return std::string(w < width ? width - w : 0, ' ') + s;
}

std::string ReportAsText(const AnnualReport& r) {
  std::ostringstream out;
  out << (r.fund_name.empty() ? r.fund : r.fund_name) << " (" << r.fund << ")\n"
      << "职工互助保障年度报告 Annual report " << r.year << ", " << Basis(r) << "\n\n";
  Table(out, r, r.current.total, r.previous.total, true);
  for (const auto& [plan, f] : r.current.plans) {
    auto name = r.plan_names.find(plan);
    out << "\n" << plan << " " << (name == r.plan_names.end() ? "" : name->second) << "\n";
    Table(out, r, f, r.previous.plans.at(plan), false);
  }
  return out.str();
}

std::string ReportAsJson(const AnnualReport& r) {
  nlohmann::ordered_json j;
  j["fund"] = r.fund;
  j["year"] = r.year;
  j["as_of"] = r.as_of ? nlohmann::ordered_json(FormatTimestamp(*r.as_of)) : nlohmann::ordered_json(nullptr);
  nlohmann::ordered_json current = YearJson(r.current);
  for (auto& [k, v] : current.items()) j[k] = v;
  j["previous_year"] = YearJson(r.previous);
  j["previous_year"]["year"] = r.year - 1;
  return j.dump(2) + "\n";
}

std::string ReportAsCsv(const AnnualReport& r) {
  std::ostringstream out;
  out << "year,scope,units,enrollments,beneficiaries,payout_yuan,per_capita_yuan,contributions_yuan,"
         "relief_count,relief_yuan,opening_balance_yuan,closing_balance_yuan,loss_ratio\n";
  for (const auto* y : {&r.current, &r.previous}) {
    int year = y == &r.current ? r.year : r.year - 1;
    CsvLine(out, year, "total", y->total);
    for (const auto& [plan, f] : y->plans) CsvLine(out, year, plan, f);
  }
  return out.str();
}

std::vector<std::string> ReportDiff(const AnnualReport& then, const AnnualReport& now) {
  std::vector<std::string> out;
  DiffFigures(std::to_string(now.year) + " total", then.current.total, now.current.total, &out);
  for (const auto& [plan, f] : now.current.plans) {
    auto was = then.current.plans.find(plan);
    DiffFigures(std::to_string(now.year) + " " + plan, was == then.current.plans.end() ? ReportFigures{} : was->second,
                f, &out);
  }
  DiffFigures(std::to_string(now.year - 1) + " total", then.previous.total, now.previous.total, &out);
  return out;
}

}  // namespace huzhu
