#include "projections/annual_report.h"

#include <set>

#include "projections/report_projection.h"

namespace huzhu {

int64_t DivideHalfUp(int64_t a, int64_t b) {
  if (b == 0) return 0;
  return (2 * a + b) / (2 * b);
}

void FinishFigures(ReportFigures* f) {
  f->per_capita_fen = DivideHalfUp(f->payout_fen, f->beneficiaries);
  f->loss_ratio_bp = DivideHalfUp(f->payout_fen * 10'000, f->contributions_fen);
}

namespace {

Result<YearReport> ComputeYear(const Store& store, int year, uint64_t max_seq) {
  YearReport r;
  std::map<std::string, int64_t> unit_terms;                        // unit -> net terms
  std::map<std::string, std::map<std::string, int64_t>> plan_units;  // plan -> unit -> net terms
  RETURN_IF_ERROR(ForEachFact(store, year, max_seq, [&](const Fact& f) {
    switch (f.kind) {
      case FactKind::kEnrolment:
        r.total.enrollments += f.count;
        r.plans[f.plan_code].enrollments += f.count;
        unit_terms[f.unit_id] += f.count;
        plan_units[f.plan_code][f.unit_id] += f.count;
        break;
      case FactKind::kContribution:
        r.total.contributions_fen += f.amount_fen;
        r.plans[f.plan_code].contributions_fen += f.amount_fen;
        break;
      case FactKind::kPayout:
        r.total.beneficiaries += f.count;
        r.total.payout_fen += f.amount_fen;
        r.plans[f.plan_code].beneficiaries += f.count;
        r.plans[f.plan_code].payout_fen += f.amount_fen;
        break;
      case FactKind::kRelief:
        r.total.relief_count += f.count;
        r.total.relief_fen += f.amount_fen;
        break;
    }
  }));
  for (const auto& [unit, n] : unit_terms) r.total.units += n > 0;
  for (const auto& [plan, units] : plan_units) {
    for (const auto& [unit, n] : units) r.plans[plan].units += n > 0;
  }
  RETURN_IF_ERROR(ForEachBankMovement(store, max_seq, [&](int y, Fen amount) {
    if (y < year) r.total.opening_balance_fen += amount;
    if (y <= year) r.total.closing_balance_fen += amount;
  }));
  FinishFigures(&r.total);
  for (auto& [plan, f] : r.plans) FinishFigures(&f);
  return r;
}

}  // namespace

Result<AnnualReport> ComputeAnnualReport(const Store& store, int year, std::optional<Timestamp> as_of) {
  if (year < 1900 || year > 9999) return Status::InvalidArgument("year " + std::to_string(year) + " is out of range");
  AnnualReport report;
  report.fund = store.fund_id();
  ASSIGN_OR_RETURN(report.plan_names, PlanNames(store));
  auto opened = store.Get(1);
  if (opened.ok()) {
    if (auto* f = std::get_if<FundOpened>(&opened->payload)) report.fund_name = f->name;
  }
  report.year = year;
  report.as_of = as_of;
  if (as_of) {
    ASSIGN_OR_RETURN(report.max_seq, store.SeqAsOf(*as_of));
  } else {
    report.max_seq = store.head().seq;
  }
  ASSIGN_OR_RETURN(report.current, ComputeYear(store, year, report.max_seq));
  ASSIGN_OR_RETURN(report.previous, ComputeYear(store, year - 1, report.max_seq));
  // Plans appear in both years' tables even where a year has none of them.
  for (const auto& [plan, f] : report.current.plans) report.previous.plans[plan];
  for (const auto& [plan, f] : report.previous.plans) report.current.plans[plan];
  for (auto& [plan, f] : report.previous.plans) FinishFigures(&f);
  for (auto& [plan, f] : report.current.plans) FinishFigures(&f);
  return report;
}

std::string FormatRatio(int64_t bp) {
  std::string frac = std::to_string(bp % 10'000);
  return std::to_string(bp / 10'000) + "." + std::string(4 - frac.size(), '0') + frac;
}

}  // namespace huzhu
