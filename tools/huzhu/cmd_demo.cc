// huzhu demo: the main job. For now it records a small fund's 2016 through the same
// commands and rules a person would use, verifies the chain, prints the books and
// exports the events. (The realistic generator and reports are not finished yet;
// see README.)
#include <filesystem>
#include <fstream>

#include "events/id_number.h"
#include "events/json.h"
#include "ledger/fund.h"
#include "tools/huzhu/cli.h"

namespace huzhu::cli {

namespace {

namespace fs = std::filesystem;
constexpr char kDemoMarker[] = ".huzhu-demo";

struct DemoOptions {
  std::string out = "huzhu-demo";
  int members = 40;
};

// The demo owns its directory; it never wipes one it did not make.
Status PrepareDemoDir(const std::string& out) {
  std::error_code ec;
  if (fs::exists(out)) {
    if (!fs::exists(fs::path(out) / kDemoMarker)) {
      return Status::AlreadyExists("\"" + out + "\" exists and was not made by `huzhu demo`; " +
                                   "choose another --out");
    }
    fs::remove_all(out, ec);
    if (ec) return Status::IOError("cannot clear \"" + out + "\": " + ec.message());
  }
  fs::create_directories(out, ec);
  if (ec) return Status::IOError("cannot create \"" + out + "\": " + ec.message());
  std::ofstream(fs::path(out) / kDemoMarker) << "made by huzhu demo\n";
  return Status::Ok();
}

std::string DemoIdNumber(int serial, Gender gender, int birth_year) {
  char first17[32];
  std::snprintf(first17, sizeof first17, "990000%04d%02d%02d%02d%d", birth_year, 1 + serial % 12,
                1 + serial % 28, serial % 100, gender == Gender::kMale ? 1 : 2);
  return std::string(first17, 17) + IdNumberCheckChar(std::string_view(first17, 17));
}

// Runs one command of the sample year; any refusal stops the demo with its reason.
class DemoRunner {
 public:
  DemoRunner(Fund* fund, ManualClock* clock) : fund_(fund), clock_(clock) {}
  template <class Command>
  Status Run(const char* user, Role role, const Command& command) {
    clock_->AdvanceMicros(60'000'000);
    auto out = fund_->Execute(CommandContext{Actor{user, role}, "demo-" + std::to_string(++n_)}, command);
    return out.status();
  }

 private:
  Fund* fund_;
  ManualClock* clock_;
  int n_ = 0;
};

Date Day(int year, unsigned month, unsigned day) { return DateFromCivil(year, month, day); }

// A small fund's 2016, through the same commands and rules a person would use.
Status SampleYear(DemoRunner& r, int members) {
  auto plans = LoadCatalog("catalog/plans.json");
  if (!plans.ok()) return plans.status().WithContext("run the demo from the repository root");
  RETURN_IF_ERROR(r.Run("admin1", Role::kAdmin, OpenFund{FundOpened{"中国职工保险互助会示范办事处", "DEMO"}, Day(2016, 1, 1)}));
  RETURN_IF_ERROR(r.Run("admin1", Role::kAdmin, PublishPlans{*plans, Day(2016, 1, 1)}));
  RETURN_IF_ERROR(r.Run("admin1", Role::kAdmin,
                        RegisterUnit{UnitRegistered{"U001", "示范机械厂工会", static_cast<uint32_t>(members), 0}, Day(2016, 1, 1)}));
  std::vector<std::string> ids;
  for (int i = 1; i <= members; ++i) {
    Gender gender = i % 3 == 0 ? Gender::kFemale : Gender::kMale;
    MemberRegistered m{"M" + std::to_string(1000 + i), "U001", "会员" + std::to_string(i),
                       DemoIdNumber(i, gender, 1966 + i % 30), gender, {}, "1380000" + std::to_string(1000 + i),
                       "62220000000000" + std::to_string(10000 + i), true};
    RETURN_IF_ERROR(r.Run("admin1", Role::kAdmin, RegisterMember{m, std::nullopt, std::nullopt, Day(2016, 1, 1)}));
    ids.push_back(m.member_id);
  }
  RETURN_IF_ERROR(r.Run("admin1", Role::kAdmin, EnrolMembers{"U001", "INPATIENT", 1, 1, Day(2016, 1, 1), ids}));
  ContributionReceived paid{"C001", "U001", "INPATIENT", Fen{6000} * members, "BANK-DEMO-1"};
  RETURN_IF_ERROR(r.Run("fin1", Role::kFinance, ReceiveContribution{paid, Day(2016, 1, 5)}));
  ClaimFiled claim;
  claim.claim_id = "CL001";
  claim.member_id = ids[0];
  claim.plan_code = "INPATIENT";
  claim.benefit_kind = "inpatient";
  claim.incident_date = Day(2016, 6, 1);
  claim.admission_date = claim.incident_date;
  claim.discharge_date = Day(2016, 6, 9);
  claim.invoice_number = "INV-0001";
  claim.hospital = "示范市人民医院";
  claim.disease_code = "K35.8";
  claim.self_pay_fen = 420'000;
  RETURN_IF_ERROR(r.Run("clerk1", Role::kAdmin, FileClaim{claim, Day(2016, 6, 15), false}));
  RETURN_IF_ERROR(r.Run("rev1", Role::kReviewer, ApproveClaim{"CL001", std::nullopt, "", "", Day(2016, 6, 20)}));
  RETURN_IF_ERROR(r.Run("fin1", Role::kFinance, SchedulePayout{"CL001", Day(2016, 6, 21)}));
  return r.Run("fin1", Role::kFinance, PostPayout{"CL001-P1", "BANK-PAY-1", Day(2016, 6, 22)});
}

Status RunDemo(const DemoOptions& o) {
  RETURN_IF_ERROR(PrepareDemoDir(o.out));
  FundOptions options;
  options.data_dir = (fs::path(o.out) / "store").string();
  options.create = true;
  options.fund_id = "DEMO";
  auto clock = std::make_shared<ManualClock>(*ParseTimestamp("2016-01-04T01:00:00Z"));
  options.clock = clock;
  ASSIGN_OR_RETURN(auto fund, Fund::Open(options));
  DemoRunner runner(fund.get(), clock.get());
  RETURN_IF_ERROR(SampleYear(runner, o.members));
  std::printf("recorded %llu events in %s\n", static_cast<unsigned long long>(fund->store().head().seq),
              options.data_dir.c_str());
  ASSIGN_OR_RETURN(VerifyReport report, fund->store().VerifyChain());
  std::printf("chain verified: %llu events, head %s\n", static_cast<unsigned long long>(report.events),
              ToHex(report.head.hash).c_str());
  ASSIGN_OR_RETURN(Balances balances, fund->state().GetBalances());
  for (size_t i = 0; i < kAccountCount; ++i) {
    std::printf("  %-18s %16s yuan\n", std::string(AccountName(static_cast<Account>(i))).c_str(),
                FormatYuanGrouped(balances[i]).c_str());
  }
  std::string export_path = (fs::path(o.out) / "events.jsonl").string();
  std::ofstream out(export_path);
  RETURN_IF_ERROR(fund->store().ForEach(1, 0, [&](const Event& e, std::string_view) {
    out << EventToJson(e) << '\n';
    return Status::Ok();
  }));
  out.close();
  if (!out) return Status::IOError("writing \"" + export_path + "\" failed");
  std::printf("exported to %s (personal data masked)\n", export_path.c_str());
  return Status::Ok();
}

}  // namespace

void AddDemoCommand(CLI::App& app, Cli& cli) {
  auto o = std::make_shared<DemoOptions>();
  CLI::App* sub = app.add_subcommand("demo", "run the main job: build a sample ledger, verify, export");
  sub->add_option("--out", o->out, "directory the demo owns (cleared on each run)")->capture_default_str();
  sub->add_option("--members", o->members, "sample members")->capture_default_str()->check(CLI::Range(1, 5000));
  sub->callback([&cli, o] { cli.action = [o] { return RunDemo(*o); }; });
}

}  // namespace huzhu::cli
