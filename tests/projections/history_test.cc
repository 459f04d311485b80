// Two years of a fund with corrections and backdated entries: the projections equal
// their rebuild, the annual report equals a separate straightforward pass over the
// exported events, and a report as of a past time equals the one printed then.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>

#include "events/json.h"
#include "projections/annual_report.h"
#include "projections/audit.h"
#include "tests/testing/fund_fixture.h"
#include "tests/testing/sample_events.h"

namespace huzhu {
namespace {

using testing::D;
using Json = nlohmann::json;

Fen Yuan(Fen y) { return y * 100; }

class HistoryTest : public ::testing::Test {
 protected:
  HistoryTest() : f_(200, /*with_projections=*/true) {}

  void Admin(const auto& c) { f_.Must("adm1", Role::kAdmin, c); }
  void Finance(const auto& c) { f_.Must("fin1", Role::kFinance, c); }
  void Review(const auto& c) { f_.Must("rev1", Role::kReviewer, c); }
  uint64_t Head() { return f_.fund().store().head().seq; }

  void Units() {
    Admin(RegisterUnit{UnitRegistered{"U2", "纺织厂工会", 40, 30}, D("2014-12-01")});
    Admin(RegisterUnit{UnitRegistered{"U3", "电厂工会", 300, 60}, D("2014-12-01")});
    int n = 0;
    for (const char* unit : {"U1", "U2", "U3"}) {
      std::vector<std::string> ids;
      for (int i = 0; i < 6; ++i, ++n) {
        std::string id = std::string(unit) + "M" + std::to_string(i);
        MemberRegistered m;
        m.member_id = id;
        m.unit_id = unit;
        m.name = "会员" + id;
        m.id_number = testing::FakeIdNumber(1970 + n, 1 + n % 12, 1 + n % 27, n % 2 ? Gender::kFemale : Gender::kMale, n);
        m.bank_account = "62220000" + std::to_string(10000000 + n);
        Admin(RegisterMember{m, std::nullopt, std::nullopt, D("2014-12-01")});
        ids.push_back(id);
      }
      members_[unit] = ids;
    }
  }

  void EnrolYear(int year) {
    std::string start = std::to_string(year) + "-01-01";
    for (auto& [unit, ids] : members_) {
      Admin(EnrolMembers{unit, "INPATIENT", 1, 1, D(start), ids});
      Admin(EnrolMembers{unit, "ACCIDENT", 2, 1, D(start), ids});
      Finance(ReceiveContribution{ContributionReceived{"C" + std::to_string(year) + unit, unit, "INPATIENT",
                                                       Fen{6000} * static_cast<Fen>(ids.size()), "B"},
                                  D(std::to_string(year) + "-01-10")});
      Finance(ReceiveContribution{ContributionReceived{"A" + std::to_string(year) + unit, unit, "ACCIDENT",
                                                       Fen{4000} * static_cast<Fen>(ids.size()), "B"},
                                  D(std::to_string(year) + "-01-10")});
    }
  }

  void Inpatient(const std::string& claim, const std::string& member, const std::string& admitted, Fen self_pay) {
    f_.FileInpatient(claim, member, admitted, self_pay, "INV-" + claim);
  }

  void Pay(const std::string& claim, const std::string& on) {
    Review(ApproveClaim{claim, std::nullopt, "", "", D(on)});
    Finance(SchedulePayout{claim, D(on)});
    Finance(PostPayout{claim + "-P1", "B", D(on)});
  }

  testing::FundFixture f_;
  std::map<std::string, std::vector<std::string>> members_;
};

// --- A separate, straightforward pass over the exported events -----------------

struct Plain {
  std::set<std::string> units_seen;
  std::map<std::string, int64_t> unit_terms;
  int64_t enrollments = 0, beneficiaries = 0, relief_count = 0;
  Fen payout = 0, contributions = 0, relief = 0, opening = 0, closing = 0;
};

std::map<int, Plain> PlainPass(const Store& store, uint64_t max_seq) {
  std::map<uint64_t, Json> by_seq;
  EXPECT_TRUE(store.ForEach(1, max_seq, [&](const Event& e, std::string_view) {
    by_seq[e.seq()] = Json::parse(EventToJson(e));
    return Status::Ok();
  }).ok());
  std::map<int, Plain> years;
  auto year_of = [](const std::string& date) { return std::stoi(date.substr(0, 4)); };
  std::map<std::string, int> bank_by_year_dummy;
  std::map<int, Fen> bank;
  std::function<void(const Json&, int)> apply = [&](const Json& e, int sign) {
    std::string type = e["type"];
    int y = year_of(e["effective_date"]);
    if (type == "member_enrolled") {
      int ty = year_of(e["term_start"]);
      years[ty].enrollments += sign;
      years[ty].unit_terms[e["unit_id"]] += sign;
    } else if (type == "contribution_received") {
      years[y].contributions += sign * e["amount_fen"].get<Fen>();
      bank[y] += sign * e["amount_fen"].get<Fen>();
    } else if (type == "payout_posted") {
      years[y].beneficiaries += sign;
      years[y].payout += sign * e["amount_fen"].get<Fen>();
      bank[y] -= sign * e["amount_fen"].get<Fen>();
    } else if (type == "relief_granted") {
      years[y].relief_count += sign;
      years[y].relief += sign * e["amount_fen"].get<Fen>();
      bank[y] -= sign * e["amount_fen"].get<Fen>();
    } else if (type == "event_reversed") {
      apply(by_seq.at(e["target_seq"].get<uint64_t>()), -sign);
    }
  };
  for (const auto& [seq, e] : by_seq) apply(e, 1);
  for (auto& [y, p] : years) {
    for (const auto& [by, amount] : bank) {
      if (by < y) p.opening += amount;
      if (by <= y) p.closing += amount;
    }
  }
  return years;
}

void ExpectSame(const ReportFigures& r, Plain p, int year) {
  int64_t units = 0;
  for (const auto& [u, n] : p.unit_terms) units += n > 0;
  EXPECT_EQ(r.units, units) << year;
  EXPECT_EQ(r.enrollments, p.enrollments) << year;
  EXPECT_EQ(r.beneficiaries, p.beneficiaries) << year;
  EXPECT_EQ(r.payout_fen, p.payout) << year;
  EXPECT_EQ(r.contributions_fen, p.contributions) << year;
  EXPECT_EQ(r.relief_count, p.relief_count) << year;
  EXPECT_EQ(r.relief_fen, p.relief) << year;
  EXPECT_EQ(r.opening_balance_fen, p.opening) << year;
  EXPECT_EQ(r.closing_balance_fen, p.closing) << year;
  EXPECT_EQ(r.per_capita_fen, p.beneficiaries ? (2 * p.payout + p.beneficiaries) / (2 * p.beneficiaries) : 0);
}

// Drops the first two lines (fund and basis), leaving the tables.
std::string Tables(const std::string& text) {
  size_t first = text.find('\n');
  return text.substr(text.find('\n', first + 1));
}

TEST_F(HistoryTest, ProjectionsReportsAndRestatementsHoldOverTwoYears) {
  Units();
  Finance(ReceiveContribution{ContributionReceived{"RESERVE", "U1", "INPATIENT", Yuan(100'000), "B"}, D("2015-01-02")});
  EnrolYear(2015);
  Inpatient("K1", "U1M0", "2015-05-01", Yuan(3000));
  Pay("K1", "2015-05-20");
  Inpatient("K2", "U2M1", "2015-06-01", Yuan(12000));
  Review(ApproveClaim{"K2", std::nullopt, "", "", D("2015-06-20")});
  Finance(SchedulePayout{"K2", D("2015-06-21")});
  Finance(VoidPayout{"K2-P1", "account closed", D("2015-06-25")});
  Finance(SchedulePayout{"K2", D("2015-07-01")});
  Finance(PostPayout{"K2-P2", "B", D("2015-07-02")});
  Finance(GrantRelief{ReliefGranted{"R1", "U3M2", "child", Yuan(2000), "hardship", "a", "b"}, D("2015-09-01")});
  EnrolYear(2016);
  Inpatient("K3", "U3M3", "2016-05-01", Yuan(6000));
  Pay("K3", "2016-05-20");
  Inpatient("K4", "U1M4", "2016-06-01", Yuan(4000));
  Review(RejectClaim{"K4", reason::kEvidenceInsufficient, "no invoice copy", D("2016-06-10")});
  uint64_t duplicate = f_.Must("fin1", Role::kFinance,
                               ReceiveContribution{ContributionReceived{"DUP", "U1", "INPATIENT", Yuan(360), "B"},
                                                   D("2016-01-10")});
  uint64_t posted_k3 = 0;
  ASSERT_TRUE(f_.fund().store().ForEach(1, 0, [&](const Event& e, std::string_view) {
    if (auto* p = std::get_if<PayoutPosted>(&e.payload); p && p->claim_id == "K3") posted_k3 = e.seq();
    return Status::Ok();
  }).ok());

  // The 2016 report as published at T0.
  f_.clock().AdvanceMicros(1'000'000);
  Timestamp t0 = f_.clock().Now();
  ASSERT_TRUE(f_.projections() != nullptr);
  auto published = ComputeAnnualReport(f_.fund().store(), 2016, std::nullopt);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  std::string published_text = ReportAsText(*published);

  // Afterwards: corrections, a backdated contribution, a reopened claim paid.
  Admin(ReverseEvent{duplicate, "entered twice", "dir1"});
  Admin(ReverseEvent{posted_k3, "paid to the wrong account", "dir1"});
  Finance(SchedulePayout{"K3", D("2016-07-01")});
  Finance(PostPayout{"K3-P2", "B", D("2016-07-02")});
  Finance(ReceiveContribution{ContributionReceived{"LATE", "U2", "ACCIDENT", Yuan(80), "B"}, D("2015-12-20")});
  Admin(ReopenClaim{"K4", "copy was in the file", "dir1"});
  Pay("K4", "2016-08-01");

  const Store& store = f_.fund().store();
  // 1. Kept projections equal a rebuild from the events.
  testing::TempDir scratch;
  auto audit = AuditProjections(store, scratch.Sub("s"), nullptr);
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  EXPECT_FALSE(audit->difference.has_value())
      << audit->difference->projection << " key " << audit->difference->key_hex;

  // 2. The reports equal a separate pass over the exported events.
  auto plain = PlainPass(store, Head());
  for (int year : {2015, 2016}) {
    auto report = ComputeAnnualReport(store, year, std::nullopt);
    ASSERT_TRUE(report.ok());
    ExpectSame(report->current.total, plain[year], year);
  }

  // 3. As of T0, the report is the one published then; the restatement lists exactly
  //    what the later events changed.
  auto then = ComputeAnnualReport(store, 2016, t0);
  ASSERT_TRUE(then.ok());
  EXPECT_EQ(Tables(ReportAsText(*then)), Tables(published_text)) << "the as-of report differs from the one printed then";
  auto plain_then = PlainPass(store, then->max_seq);
  ExpectSame(then->current.total, plain_then[2016], 2016);
  auto now = ComputeAnnualReport(store, 2016, std::nullopt);
  std::vector<std::string> diff = ReportDiff(*then, *now);
  // Reversed duplicate contribution (-360), K3's payout reversed and paid again (no
  // net change), K4 reopened and paid (+1,750), a contribution backdated into 2015 (+80).
  std::vector<std::string> expected = {
      "2016 total beneficiaries: 1 -> 2",
      "2016 total payout (yuan): 2,750.00 -> 4,500.00",
      "2016 total per head (yuan): 2,750.00 -> 2,250.00",
      "2016 total contributions (yuan): 2,160.00 -> 1,800.00",
      "2016 total opening balance (yuan): 93,550.00 -> 93,630.00",
      "2016 total closing balance (yuan): 92,960.00 -> 90,930.00",
      "2016 total loss ratio: 1.2731 -> 2.5000",
      "2016 INPATIENT beneficiaries: 1 -> 2",
      "2016 INPATIENT payout (yuan): 2,750.00 -> 4,500.00",
      "2016 INPATIENT per head (yuan): 2,750.00 -> 2,250.00",
      "2016 INPATIENT contributions (yuan): 1,440.00 -> 1,080.00",
      "2016 INPATIENT loss ratio: 1.9097 -> 4.1667",
      "2015 total contributions (yuan): 101,800.00 -> 101,880.00",
      "2015 total closing balance (yuan): 93,550.00 -> 93,630.00",
      "2015 total loss ratio: 0.0614 -> 0.0613"};
  EXPECT_EQ(diff, expected);

  // 4. A rebuild in place leaves everything as it was.
  ASSERT_TRUE(f_.projections()->Rebuild("", nullptr).ok());
  testing::TempDir scratch2;
  auto again = AuditProjections(store, scratch2.Sub("s"), nullptr);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->difference.has_value());
  auto rebuilt_report = ComputeAnnualReport(store, 2016, std::nullopt);
  EXPECT_EQ(ReportAsJson(*rebuilt_report), ReportAsJson(*now));
}

}  // namespace
}  // namespace huzhu
