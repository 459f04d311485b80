// huzhu demo: the main job. For now it creates a ledger, appends a small sample of a
// fund's events, verifies the chain and exports it. The sample is written through
// the writer directly: business rules arrive with the commands (see README, "Not
// finished yet").
#include <filesystem>
#include <fstream>

#include "events/id_number.h"
#include "events/json.h"
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

std::string DemoIdNumber(int serial, Gender gender) {
  char first17[32];
  std::snprintf(first17, sizeof first17, "990000%04d%02d%02d%02d%d", 1970 + serial % 30,
                1 + serial % 12, 1 + serial % 28, serial % 100, gender == Gender::kMale ? 1 : 2);
  return std::string(first17, 17) + IdNumberCheckChar(std::string_view(first17, 17));
}

std::vector<EventDraft> SampleHistory(int members) {
  Date start = DateFromCivil(2016, 1, 4);
  std::vector<EventDraft> drafts;
  drafts.push_back({FundOpened{"中国职工保险互助会示范办事处", "DEMO"}, start});
  drafts.push_back({PlanPublished{"INPATIENT", 1, "在职职工住院医疗综合互助保障计划", 6000, 3, start, "{}"}, start});
  drafts.push_back({UnitRegistered{"U001", "示范机械厂工会", static_cast<uint32_t>(members), 0}, start});
  for (int i = 1; i <= members; ++i) {
    Gender gender = i % 3 == 0 ? Gender::kFemale : Gender::kMale;
    std::string id = DemoIdNumber(i, gender);
    MemberRegistered m{"M" + std::to_string(1000 + i), "U001", "会员" + std::to_string(i), id,
                       gender, {}, "1380000" + std::to_string(1000 + i),
                       "62220000000000" + std::to_string(10000 + i), true};
    m.birth_date = DateFromCivil(1970 + i % 30, 1 + i % 12, 1 + i % 28);
    drafts.push_back({m, start});
    drafts.push_back({MemberEnrolled{"E" + std::to_string(1000 + i), m.member_id, "U001",
                                     "INPATIENT", 1, 1, start, AddDays(AddYears(start, 1), -1),
                                     false},
                      start});
  }
  drafts.push_back({ContributionReceived{"C001", "U001", "INPATIENT", Fen{6000} * members, "BANK-DEMO-1"}, start});
  return drafts;
}

Status RunDemo(const DemoOptions& o) {
  RETURN_IF_ERROR(PrepareDemoDir(o.out));
  GlobalOptions global;
  global.data_dir = (fs::path(o.out) / "store").string();
  ASSIGN_OR_RETURN(WriteSession session, OpenForWriting(global, /*create=*/true, "DEMO"));
  Actor admin{"demo-admin", Role::kAdmin};
  ASSIGN_OR_RETURN(CommandOutcome outcome,
                   session.writer->Submit({admin, "demo-sample"}, SampleHistory(o.members)));
  std::printf("appended %zu events to %s\n", outcome.events.size(), global.data_dir.c_str());
  ASSIGN_OR_RETURN(VerifyReport report, session.store->VerifyChain());
  std::printf("chain verified: %llu events, head %s\n",
              static_cast<unsigned long long>(report.events), ToHex(report.head.hash).c_str());
  std::string export_path = (fs::path(o.out) / "events.jsonl").string();
  std::ofstream out(export_path);
  RETURN_IF_ERROR(session.store->ForEach(1, 0, [&](const Event& e, std::string_view) {
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
