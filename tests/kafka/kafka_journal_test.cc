// The Kafka journal against a real Apache Kafka broker.
#include "ledger/kafka_journal.h"

#include <gtest/gtest.h>

#include "events/codec.h"
#include "ledger/fund.h"
#include "projections/annual_report.h"
#include "projections/projected_fund.h"
#include "tests/kafka/kafka_env.h"
#include "tests/testing/catalog.h"
#include "tests/testing/sample_events.h"
#include "tests/testing/temp_dir.h"

namespace huzhu {
namespace {

using testing::TempDir;

Date D(const char* s) { return *ParseDate(s); }

struct OpenedFund {
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(*ParseTimestamp("2015-01-02T09:00:00Z"));
  std::unique_ptr<Fund> fund;
  std::unique_ptr<ProjectionSet> projections;
};

OpenedFund Open(const std::string& dir, const std::string& fund_id, bool kafka) {
  OpenedFund f;
  FundOptions o;
  o.data_dir = dir;
  o.create = true;
  o.fund_id = fund_id;
  o.clock = f.clock;
  if (kafka) {
    KafkaOptions k = testing::TestKafka();
    o.make_journal = [k, fund_id](Store* s) -> Result<std::unique_ptr<Journal>> {
      ASSIGN_OR_RETURN(auto j, KafkaJournal::Open(s, fund_id, k));
      return std::unique_ptr<Journal>(std::move(j));
    };
  }
  auto opened = OpenProjectedFund(o);
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  if (!opened.ok()) return f;
  f.fund = std::move(opened->fund);
  f.projections = std::move(opened->projections);
  return f;
}

// A small year of business through the fund's commands.
void Business(OpenedFund& f) {
  int n = 0;
  auto run = [&](const char* user, Role role, const auto& command) {
    f.clock->AdvanceMicros(1'000'000);
    auto out = f.fund->Execute(CommandContext{Actor{user, role}, "k" + std::to_string(++n)}, command);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
  };
  run("adm1", Role::kAdmin, OpenFund{FundOpened{"卡夫卡测试基金", "K"}, D("2015-01-01")});
  run("adm1", Role::kAdmin, PublishPlans{*LoadCatalog(testing::CatalogPath()), D("2015-01-01")});
  run("adm1", Role::kAdmin, RegisterUnit{UnitRegistered{"U1", "厂", 100, 40}, D("2015-01-01")});
  for (int i = 0; i < 5; ++i) {
    MemberRegistered m;
    m.member_id = "M" + std::to_string(i);
    m.unit_id = "U1";
    m.name = "会员";
    m.id_number = testing::FakeIdNumber(1980 + i, 3, 4, Gender::kMale, i);
    m.bank_account = "6222000011112222";
    run("adm1", Role::kAdmin, RegisterMember{m, std::nullopt, std::nullopt, D("2015-01-01")});
  }
  run("adm1", Role::kAdmin, EnrolMembers{"U1", "INPATIENT", 1, 1, D("2015-01-01"), {"M0", "M1", "M2", "M3", "M4"}});
  run("fin1", Role::kFinance, ReceiveContribution{ContributionReceived{"C1", "U1", "INPATIENT", 3'000'000, "B"}, D("2015-01-05")});
  ClaimFiled c;
  c.claim_id = "CL1";
  c.member_id = "M1";
  c.plan_code = "INPATIENT";
  c.benefit_kind = "inpatient";
  c.incident_date = c.admission_date.emplace(D("2015-06-01"));
  c.discharge_date = D("2015-06-05");
  c.invoice_number = "INV1";
  c.hospital = "h";
  c.self_pay_fen = 300'000;
  run("clerk1", Role::kAdmin, FileClaim{c, D("2015-06-10"), false});
  run("rev1", Role::kReviewer, ApproveClaim{"CL1", std::nullopt, "", "", D("2015-06-20")});
  run("fin1", Role::kFinance, SchedulePayout{"CL1", D("2015-06-21")});
  run("fin1", Role::kFinance, PostPayout{"CL1-P1", "B", D("2015-06-22")});
}

TEST(KafkaJournalTest, CommandsThroughKafkaMakeTheSameLedgerAsLocally) {
  std::string fund = testing::UniqueFund("E");
  TempDir dir;
  OpenedFund local = Open(dir.Sub("local"), fund, false);
  OpenedFund kafka = Open(dir.Sub("kafka"), fund, true);
  ASSERT_TRUE(local.fund && kafka.fund);
  Business(local);
  Business(kafka);
  EXPECT_EQ(kafka.fund->store().head().seq, local.fund->store().head().seq);
  EXPECT_EQ(kafka.fund->store().head().hash, local.fund->store().head().hash);
  auto a = ComputeAnnualReport(local.fund->store(), 2015, std::nullopt);
  auto b = ComputeAnnualReport(kafka.fund->store(), 2015, std::nullopt);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(ReportAsJson(*a), ReportAsJson(*b));
  EXPECT_TRUE(kafka.fund->store().JournalPosition().has_value());
}

TEST(KafkaJournalTest, SecondWriterFencesTheFirstAndAFollowerSeesEverythingOnce) {
  std::string fund = testing::UniqueFund("W");
  TempDir dir;
  OpenedFund first = Open(dir.Sub("first"), fund, true);
  ASSERT_TRUE(first.fund);
  first.clock->AdvanceMicros(1'000'000);
  ASSERT_TRUE(first.fund->Execute(CommandContext{Actor{"adm1", Role::kAdmin}, "open"},
                                  OpenFund{FundOpened{"基金", "K"}, D("2015-01-01")}).ok());
  // A second writer on another machine (store) takes over: it catches up first.
  OpenedFund second = Open(dir.Sub("second"), fund, true);
  ASSERT_TRUE(second.fund);
  EXPECT_EQ(second.fund->store().head().hash, first.fund->store().head().hash);
  // The first writer is fenced: a clear error, nothing written anywhere.
  auto refused = first.fund->Execute(CommandContext{Actor{"adm1", Role::kAdmin}, "unit-a"},
                                     RegisterUnit{UnitRegistered{"UA", "a", 10, 5}, D("2015-01-02")});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kFenced) << refused.status().ToString();
  EXPECT_EQ(first.fund->store().head().seq, 1u);
  second.clock->AdvanceMicros(5'000'000);
  ASSERT_TRUE(second.fund->Execute(CommandContext{Actor{"adm1", Role::kAdmin}, "unit-b"},
                                   RegisterUnit{UnitRegistered{"UB", "b", 10, 5}, D("2015-01-02")}).ok());
  // A follower started late sees each committed event once, and the same chain.
  StoreOptions o;
  o.create_if_missing = true;
  auto follower = Store::Open(dir.Sub("follower"), o);
  ASSERT_TRUE(follower.ok());
  auto applied = FollowTopic(follower->get(), fund, testing::TestKafka());
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(*applied, 2u);
  EXPECT_EQ((*follower)->head().hash, second.fund->store().head().hash);
  EXPECT_TRUE((*follower)->VerifyChain().ok());
  // Following again applies nothing new.
  auto again = FollowTopic(follower->get(), fund, testing::TestKafka());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0u);
}

TEST(KafkaJournalTest, FollowerStopsAtAnEventThatDoesNotVerify) {
  std::string fund = testing::UniqueFund("V");
  TempDir dir;
  OpenedFund writer = Open(dir.Sub("w"), fund, true);
  ASSERT_TRUE(writer.fund);
  ASSERT_TRUE(writer.fund->Execute(CommandContext{Actor{"adm1", Role::kAdmin}, "open"},
                                   OpenFund{FundOpened{"基金", "K"}, D("2015-01-01")}).ok());
  // A follower of another fund's store cannot take this fund's events.
  StoreOptions o;
  o.create_if_missing = true;
  auto wrong = Store::Open(dir.Sub("wrong"), o);
  ASSERT_TRUE(wrong.ok());
  Event other = testing::MakeEvent(1, FundOpened{"x", "y"});
  ASSERT_TRUE((*wrong)->Append(AppendBatch{.records = {EncodeEvent(&other)}, .journal_position = {}, .sealed_events = {}}).ok());
  auto applied = FollowTopic(wrong->get(), fund, testing::TestKafka());
  ASSERT_FALSE(applied.ok());
  EXPECT_NE(applied.status().message().find("seq gap"), std::string::npos) << applied.status().ToString();
}

TEST(KafkaJournalTest, UnreachableBrokersFailWithinTheTimeout) {
  TempDir dir;
  StoreOptions o;
  o.create_if_missing = true;
  auto store = Store::Open(dir.Sub("s"), o);
  ASSERT_TRUE(store.ok());
  KafkaOptions k;
  k.brokers = "127.0.0.1:1";  // nothing listens there
  k.timeout_ms = 3'000;
  auto start = std::chrono::steady_clock::now();
  auto journal = KafkaJournal::Open(store->get(), "NOBROKER", k);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(journal.ok());
  EXPECT_EQ(journal.status().code(), Status::Code::kUnavailable) << journal.status().ToString();
  EXPECT_LT(secs, 30.0);
  EXPECT_EQ((*store)->head().seq, 0u);
}

}  // namespace
}  // namespace huzhu
