// huzhu balance | member history | claims list | report annual|health | rebuild:
// reading the projections.
#include <fstream>

#include "events/json.h"
#include "projections/annual_report.h"
#include "projections/balance_projection.h"
#include "projections/claims_projection.h"
#include "projections/member_history_projection.h"
#include "tools/huzhu/fund_session.h"
#include "tools/huzhu/progress.h"

namespace huzhu::cli {

namespace {

Result<std::optional<Timestamp>> AsOfArg(const std::string& text) {
  if (text.empty()) return std::optional<Timestamp>();
  ASSIGN_OR_RETURN(Timestamp t, ParseTimestamp(text));
  return std::optional<Timestamp>(t);
}

Status RunBalance(const GlobalOptions& global, const std::string& as_of_text) {
  ASSIGN_OR_RETURN(auto as_of, AsOfArg(as_of_text));
  ASSIGN_OR_RETURN(ReadView view, ReadView::Open(global));
  const Store& store = view.store();
  uint64_t seq = store.head().seq;
  if (as_of) {
    ASSIGN_OR_RETURN(seq, store.SeqAsOf(*as_of));
  }
  ASSIGN_OR_RETURN(Balances b, BalancesAfter(store, seq));
  std::printf("试算平衡 Trial balance of fund %s, %s (up to seq %llu)\n", store.fund_id().c_str(),
              as_of ? ("as of " + FormatTimestamp(*as_of)).c_str() : "now",
              static_cast<unsigned long long>(seq));
  Fen total = 0;
  for (size_t i = 0; i < kAccountCount; ++i) {
    Account a = static_cast<Account>(i);
    std::printf("  %s%s%s\n", PadRight(std::string(AccountName(a)), 18).c_str(),
                PadRight(std::string(AccountNameZh(a)), 16).c_str(), PadLeft(FormatYuanGrouped(b[i]), 18).c_str());
    total += b[i];
  }
  std::printf("  %s%s%s  (debits positive, credits negative)\n", PadRight("total", 18).c_str(),
              PadRight("合计", 16).c_str(), PadLeft(FormatYuanGrouped(total), 18).c_str());
  if (total != 0) return Status::Corruption("the trial balance does not sum to zero");
  return Status::Ok();
}

Status RunMemberHistory(const GlobalOptions& global, const std::string& member, const std::string& format) {
  ASSIGN_OR_RETURN(ReadView view, ReadView::Open(global));
  const Store& store = view.store();
  ASSIGN_OR_RETURN(auto seqs, MemberHistory(store, member));
  if (seqs.empty()) return Status::NotFound("no events concern member " + member);
  for (uint64_t seq : seqs) {
    ASSIGN_OR_RETURN(Event e, store.Get(seq));
    if (format == "json") {
      std::printf("%s\n", EventToJson(e).c_str());  // personal data masked
    } else {
      std::printf("%s  seq %-8llu %s\n", FormatDate(e.envelope.effective_date).c_str(),
                  static_cast<unsigned long long>(seq), std::string(EventTypeName(e.type())).c_str());
    }
  }
  return Status::Ok();
}

Status RunClaimsList(const GlobalOptions& global, const std::string& status) {
  if (!status.empty() && !IsClaimStatus(status)) {
    return Status::InvalidArgument("unknown status \"" + status +
                                   "\" (filed, returned, approved, scheduled, paid, voided, rejected, reopened)");
  }
  ASSIGN_OR_RETURN(ReadView view, ReadView::Open(global));
  ASSIGN_OR_RETURN(auto claims, ListClaims(view.store(), status));
  std::printf("%-16s %-12s %-10s %-10s %-10s %-10s %14s %s\n", "claim", "member", "plan", "kind", "status",
              "filed", "approved", "payout");
  for (const auto& c : claims) {
    std::printf("%-16s %-12s %-10s %-10s %-10s %-10s %14s %s%s\n", c.claim_id.c_str(), c.member_id.c_str(),
                c.plan_code.c_str(), c.benefit_kind.c_str(), c.status.c_str(), FormatDate(c.filed_on).c_str(),
                FormatYuanGrouped(c.approved_fen).c_str(), c.payout_id.c_str(),
                c.reason_code.empty() ? "" : ("  " + c.reason_code).c_str());
  }
  std::printf("%zu claim(s)\n", claims.size());
  return Status::Ok();
}

struct ReportArgs {
  int year = 0;
  std::string as_of;
  std::string diff_as_of;
  std::string format = "text";
  std::string band = "0.60,0.95";
};

Status RunAnnual(const GlobalOptions& global, const ReportArgs& a) {
  if (a.format != "text" && a.format != "json" && a.format != "csv") {
    return Status::InvalidArgument("unknown format \"" + a.format + "\" (text, json, csv)");
  }
  ASSIGN_OR_RETURN(auto as_of, AsOfArg(a.as_of));
  ASSIGN_OR_RETURN(auto diff_as_of, AsOfArg(a.diff_as_of));
  ASSIGN_OR_RETURN(ReadView view, ReadView::Open(global));
  const Store& store = view.store();
  ASSIGN_OR_RETURN(AnnualReport report, ComputeAnnualReport(store, a.year, as_of));
  if (diff_as_of) {
    ASSIGN_OR_RETURN(AnnualReport then, ComputeAnnualReport(store, a.year, diff_as_of));
    auto lines = ReportDiff(then, report);
    std::printf("restatement of %d: as of %s (seq %llu) -> %s (seq %llu)\n", a.year,
                FormatTimestamp(*diff_as_of).c_str(), static_cast<unsigned long long>(then.max_seq),
                as_of ? FormatTimestamp(*as_of).c_str() : "now", static_cast<unsigned long long>(report.max_seq));
    for (const auto& line : lines) std::printf("  %s\n", line.c_str());
    if (lines.empty()) std::printf("  no figure changed\n");
    return Status::Ok();
  }
  std::string out = a.format == "json" ? ReportAsJson(report) : a.format == "csv" ? ReportAsCsv(report) : ReportAsText(report);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return Status::Ok();
}

Result<std::pair<int64_t, int64_t>> ParseBand(const std::string& band) {
  size_t comma = band.find(',');
  auto bp = [](const std::string& s) -> Result<int64_t> {
    auto fen = ParseYuan(s);  // "0.60" parses as 60 hundredths
    if (!fen.ok() || *fen < 0) return Status::InvalidArgument("band value \"" + s + "\" is not a ratio like 0.60");
    return *fen * 100;
  };
  if (comma == std::string::npos) return Status::InvalidArgument("--band is LOW,HIGH, e.g. 0.60,0.95");
  ASSIGN_OR_RETURN(int64_t low, bp(band.substr(0, comma)));
  ASSIGN_OR_RETURN(int64_t high, bp(band.substr(comma + 1)));
  if (low > high) return Status::InvalidArgument("--band: the low end is above the high end");
  return std::make_pair(low, high);
}

}  // namespace

void PrintHealthLine(const std::string& scope, const ReportFigures& f, std::pair<int64_t, int64_t> band) {
  const char* verdict = f.contributions_fen == 0 ? "no contributions"
                        : f.loss_ratio_bp < band.first ? "WARNING: below the band (surplus too large)"
                        : f.loss_ratio_bp > band.second ? "WARNING: above the band (benefits exceed the balance)"
                                                        : "within the band";
  std::printf("  %-12s loss ratio %s  %s\n", scope.c_str(), FormatRatio(f.loss_ratio_bp).c_str(), verdict);
}

namespace {

Status RunHealth(const GlobalOptions& global, const ReportArgs& a) {
  ASSIGN_OR_RETURN(auto band, ParseBand(a.band));
  ASSIGN_OR_RETURN(auto as_of, AsOfArg(a.as_of));
  ASSIGN_OR_RETURN(ReadView view, ReadView::Open(global));
  ASSIGN_OR_RETURN(AnnualReport report, ComputeAnnualReport(view.store(), a.year, as_of));
  std::printf("基金健康 Fund health %d: \"basic balance, slight surplus\" band %s to %s\n", a.year,
              FormatRatio(band.first).c_str(), FormatRatio(band.second).c_str());
  PrintHealthLine("total", report.current.total, band);
  for (const auto& [plan, f] : report.current.plans) PrintHealthLine(plan, f, band);
  return Status::Ok();
}

Status RunRebuild(const GlobalOptions& global, const std::string& name) {
  ASSIGN_OR_RETURN(Ledger ledger, OpenLedger(global));
  if (!name.empty() && !ledger.projections->Has(name)) {
    std::string known;
    for (const auto& n : ledger.projections->Names()) known += (known.empty() ? "" : ", ") + n;
    return Status::NotFound("no projection named \"" + name + "\" (" + known + ")");
  }
  Progress progress("rebuilding " + (name.empty() ? std::string("all projections") : name),
                    ledger.fund->store().head().seq);
  RETURN_IF_ERROR(ledger.projections->Rebuild(name, [&](uint64_t seq) { progress.Update(seq); }));
  progress.Finish();
  std::printf("rebuilt %s from %llu events\n", name.empty() ? "all projections" : name.c_str(),
              static_cast<unsigned long long>(ledger.fund->store().head().seq));
  return Status::Ok();
}

}  // namespace

void AddReportCommands(CLI::App& app, Cli& cli) {
  auto as_of = std::make_shared<std::string>();
  CLI::App* balance = app.add_subcommand("balance", "the trial balance of the fund's accounts");
  balance->add_option("--as-of", *as_of, "a recorded time: what the ledger knew then");
  balance->callback([&cli, as_of] { cli.action = [&cli, as_of] { return RunBalance(cli.global, *as_of); }; });

  CLI::App* member = app.get_subcommand("member");
  auto member_id = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  CLI::App* history = member->add_subcommand("history", "every event concerning a member (personal data masked)");
  history->add_option("MEMBER", *member_id, "member id")->required();
  history->add_option("--format", *format, "text or json")->capture_default_str();
  history->callback([&cli, member_id, format] {
    cli.action = [&cli, member_id, format] { return RunMemberHistory(cli.global, *member_id, *format); };
  });

  CLI::App* claims = app.add_subcommand("claims", "the claim queue");
  claims->require_subcommand(1);
  auto status = std::make_shared<std::string>();
  CLI::App* list = claims->add_subcommand("list", "claims and their status");
  list->add_option("--status", *status, "only claims in this status");
  list->callback([&cli, status] { cli.action = [&cli, status] { return RunClaimsList(cli.global, *status); }; });

  CLI::App* report = app.add_subcommand("report", "reports");
  report->require_subcommand(1);
  auto a = std::make_shared<ReportArgs>();
  CLI::App* annual = report->add_subcommand("annual", "the annual report, last year beside this year");
  annual->add_option("--year", a->year, "the year")->required();
  annual->add_option("--as-of", a->as_of, "a recorded time: the report as it could be printed then");
  annual->add_option("--diff-as-of", a->diff_as_of, "list what changed since the report as of this time");
  annual->add_option("--format", a->format, "text, json or csv")->capture_default_str();
  annual->callback([&cli, a] { cli.action = [&cli, a] { return RunAnnual(cli.global, *a); }; });
  auto h = std::make_shared<ReportArgs>();
  CLI::App* health = report->add_subcommand("health", "loss ratios against the healthy band");
  health->add_option("--year", h->year, "the year")->required();
  health->add_option("--as-of", h->as_of, "a recorded time");
  health->add_option("--band", h->band, "healthy loss-ratio band LOW,HIGH")->capture_default_str();
  health->callback([&cli, h] { cli.action = [&cli, h] { return RunHealth(cli.global, *h); }; });

  auto name = std::make_shared<std::string>();
  CLI::App* rebuild = app.add_subcommand("rebuild", "throw projections away and rebuild them from the events");
  rebuild->add_option("NAME", *name, "balance, members, claims or report (default: all)");
  rebuild->callback([&cli, name] { cli.action = [&cli, name] { return RunRebuild(cli.global, *name); }; });
}

}  // namespace huzhu::cli
