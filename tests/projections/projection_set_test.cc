// The projection set's bookkeeping: positions, catch-up after an upgrade, rebuilds,
// and a difference found by the audit.
#include "projections/projection_set.h"

#include <gtest/gtest.h>

#include "events/codec.h"
#include "ledger/keys.h"
#include "projections/audit.h"
#include "projections/balance_projection.h"
#include "projections/claims_projection.h"
#include "projections/codec_util.h"
#include "projections/member_history_projection.h"
#include "projections/report_projection.h"
#include "tests/testing/fund_fixture.h"

namespace huzhu {
namespace {

using testing::D;

TEST(ProjectionSetTest, EveryProjectionStandsAtTheHeadAfterEachCommand) {
  testing::FundFixture f(200, /*with_projections=*/true);
  f.AddMember("M1", Gender::kMale, "1980-01-01");
  for (const auto& name : f.projections()->Names()) {
    auto meta = f.projections()->Meta(name);
    ASSERT_TRUE(meta.ok());
    EXPECT_EQ(meta->seq, f.fund().store().head().seq) << name;
    EXPECT_GT(meta->version, 0u);
  }
}

TEST(ProjectionSetTest, AStoreWrittenWithoutProjectionsCatchesUp) {
  testing::FundFixture f(200, /*with_projections=*/false);  // none kept while writing
  f.AddMember("M1", Gender::kMale, "1980-01-01");
  f.Enrol({"M1"}, "INPATIENT", "2016-01-01");
  f.Contribute("C1", 60000);
  f.EnableProjections();  // as an upgraded huzhu opening an older store would
  uint64_t head = f.fund().store().head().seq;
  for (const auto& name : f.projections()->Names()) {
    EXPECT_EQ(f.projections()->Meta(name)->seq, head) << name;
  }
  auto balances = BalancesAfter(f.fund().store(), head);
  ASSERT_TRUE(balances.ok());
  EXPECT_EQ((*balances)[static_cast<size_t>(Account::kBank)], 60000);
  EXPECT_EQ(MemberHistory(f.fund().store(), "M1")->size(), 2u);
  testing::TempDir scratch;
  auto audit = AuditProjections(f.fund().store(), scratch.Sub("s"), nullptr);
  ASSERT_TRUE(audit.ok());
  EXPECT_FALSE(audit->difference.has_value());
}

TEST(ProjectionSetTest, MemberHistoryAndClaimQueueFollowTheClaim) {
  testing::FundFixture f(200, true);
  f.AddMember("M1", Gender::kMale, "1980-01-01");
  f.Enrol({"M1"}, "INPATIENT", "2016-01-01");
  f.Contribute("C1", 10'000'000);
  f.FileInpatient("CL1", "M1", "2016-05-01", 300'000, "INV-1");
  f.Must("rev1", Role::kReviewer, ApproveClaim{"CL1", std::nullopt, "", "", D("2016-05-20")});
  f.Must("fin1", Role::kFinance, SchedulePayout{"CL1", D("2016-05-21")});
  auto scheduled = ListClaims(f.fund().store(), "scheduled");
  ASSERT_TRUE(scheduled.ok());
  ASSERT_EQ(scheduled->size(), 1u);
  EXPECT_EQ((*scheduled)[0].approved_fen, 125'000);
  f.Must("fin1", Role::kFinance, VoidPayout{"CL1-P1", "returned", D("2016-05-25")});
  EXPECT_EQ(ListClaims(f.fund().store(), "scheduled")->size(), 0u);
  EXPECT_EQ(ListClaims(f.fund().store(), "voided")->size(), 1u);
  auto history = MemberHistory(f.fund().store(), "M1");
  ASSERT_TRUE(history.ok());
  // registered, enrolled, filed, approved, scheduled, voided
  EXPECT_EQ(history->size(), 6u);
  EXPECT_TRUE(MemberHistory(f.fund().store(), "M")->empty()) << "M is a prefix of M1, not a member";
}

TEST(ProjectionSetTest, BalancesAsOfAnEarlierSeq) {
  testing::FundFixture f(200, true);
  f.Contribute("C1", 10'000);
  uint64_t after_first = f.fund().store().head().seq;
  f.Contribute("C2", 5'000);
  auto then = BalancesAfter(f.fund().store(), after_first);
  auto now = BalancesAfter(f.fund().store(), f.fund().store().head().seq);
  ASSERT_TRUE(then.ok() && now.ok());
  EXPECT_EQ((*then)[static_cast<size_t>(Account::kBank)], 10'000);
  EXPECT_EQ((*now)[static_cast<size_t>(Account::kBank)], 15'000);
}

// The demo runs both audits in one pass: the rebuild's read of the events checks the
// chain's links as audit verify does, and must catch what verify catches.
TEST(ProjectionSetTest, AnAuditThatChecksTheChainReportsWhatVerifyReports) {
  testing::FundFixture f(200, true);
  f.Contribute("C1", 10'000);
  f.Contribute("C2", 20'000);
  Store& store = f.fund().store();
  testing::TempDir scratch;
  ChainCheck chain;
  auto audit = AuditProjections(store, scratch.Sub("s"), nullptr, &chain);
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  auto verified = store.VerifyChain();
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(chain.report().events, verified->events);
  EXPECT_EQ(chain.report().head.seq, store.head().seq);
  EXPECT_EQ(chain.report().head.hash, verified->head.hash);

  // An event rewritten with a fresh, self-consistent hash breaks the chain at the next seq.
  uint64_t seq = store.head().seq - 1;
  std::string original = *store.GetRecord(seq);
  Event forged = *store.Get(seq);
  forged.envelope.actor.user = "someone-else";
  auto* events = store.cf(keys::kEventsCf);
  ASSERT_TRUE(store.db()->Put({}, events, keys::EventKey(seq), EncodeEvent(&forged)).ok());
  ChainCheck again;
  audit = AuditProjections(store, scratch.Sub("t"), nullptr, &again);
  ASSERT_FALSE(audit.ok());
  EXPECT_NE(audit.status().message().find("chain breaks at seq " + std::to_string(seq + 1)), std::string::npos)
      << audit.status().ToString();
  ASSERT_TRUE(store.db()->Put({}, events, keys::EventKey(seq), original).ok());  // the fixture audits at the end
}

TEST(ProjectionSetTest, AuditNamesATamperedRow) {
  testing::FundFixture f(200, true);
  f.Contribute("C1", 10'000);
  Store& store = f.fund().store();
  BalanceProjection balance;
  std::string key{'a', static_cast<char>(Account::kBank)};
  ASSERT_TRUE(store.db()->Put({}, store.cf(balance.column_family()), key, std::string(8, '\x01')).ok());
  testing::TempDir scratch;
  auto audit = AuditProjections(store, scratch.Sub("s"), nullptr);
  ASSERT_TRUE(audit.ok());
  ASSERT_TRUE(audit->difference.has_value());
  EXPECT_EQ(audit->difference->projection, "balance");
  EXPECT_EQ(audit->difference->key_hex, ToHex(key));
  ASSERT_TRUE(f.projections()->Rebuild("balance", nullptr).ok());  // the fixture audits again at the end
}

// The families are compared side by side; whichever finishes first, the audit names
// the first difference in projection order (members before report).
TEST(ProjectionSetTest, AuditNamesTheFirstProjectionInOrderThatDiffers) {
  testing::FundFixture f(200, true);
  f.Contribute("C1", 10'000);
  Store& store = f.fund().store();
  MemberHistoryProjection members;
  ReportProjection report;
  ASSERT_TRUE(store.db()->Put({}, store.cf(report.column_family()), "a stray row", "").ok());
  testing::TempDir scratch;
  auto audit = AuditProjections(store, scratch.Sub("s"), nullptr);
  ASSERT_TRUE(audit.ok());
  ASSERT_TRUE(audit->difference.has_value());
  EXPECT_EQ(audit->difference->projection, "report");

  ASSERT_TRUE(store.db()->Put({}, store.cf(members.column_family()), "a stray row", "").ok());
  audit = AuditProjections(store, scratch.Sub("t"), nullptr);
  ASSERT_TRUE(audit.ok());
  ASSERT_TRUE(audit->difference.has_value());
  EXPECT_EQ(audit->difference->projection, "members");
  EXPECT_EQ(audit->difference->key_hex, ToHex("a stray row"));
  EXPECT_EQ(audit->difference->rebuilt_hex, "absent");
  ASSERT_TRUE(f.projections()->Rebuild("", nullptr).ok());  // the fixture audits again at the end
}

TEST(ProjectionSetTest, RebuildRestoresATamperedProjection) {
  testing::FundFixture f(200, true);
  f.Contribute("C1", 10'000);
  Store& store = f.fund().store();
  BalanceProjection balance;
  ASSERT_TRUE(store.db()->Put({}, store.cf(balance.column_family()), std::string{'a', 0}, std::string(8, '\x01')).ok());
  ASSERT_TRUE(f.projections()->Rebuild("balance", nullptr).ok());
  testing::TempDir scratch;
  auto audit = AuditProjections(store, scratch.Sub("s"), nullptr);
  ASSERT_TRUE(audit.ok());
  EXPECT_FALSE(audit->difference.has_value());
  EXPECT_EQ(f.projections()->Rebuild("nope", nullptr).code(), Status::Code::kNotFound);
}

TEST(ProjectionSetTest, ARebuildSpreadOverManySortedFilesEqualsTheKeptProjections) {
  testing::FundFixture f(200, true);
  std::vector<std::string> members;
  for (int i = 1; i <= 60; ++i) {
    members.push_back("M" + std::to_string(i));
    f.AddMember(members.back(), i % 2 ? Gender::kFemale : Gender::kMale, "1980-01-01");
  }
  f.Enrol(members, "INPATIENT", "2016-01-01");
  f.Contribute("C1", 10'000'000);
  f.FileInpatient("CL1", "M7", "2016-05-01", 300'000, "INV-1");
  auto before = MemberHistory(f.fund().store(), "M7");
  ASSERT_TRUE(before.ok());
  // Buffers of 512 bytes: the appended rows go out as dozens of overlapping files.
  f.projections()->set_rebuild_limits({BulkLoadLimits{512, 0}});
  ASSERT_TRUE(f.projections()->Rebuild("", nullptr).ok());
  EXPECT_EQ(*MemberHistory(f.fund().store(), "M7"), *before);
  testing::TempDir scratch;  // rebuilt there with the default limits: through one batch
  auto audit = AuditProjections(f.fund().store(), scratch.Sub("s"), nullptr);
  ASSERT_TRUE(audit.ok());
  EXPECT_FALSE(audit->difference.has_value()) << audit->difference->projection << " " << audit->difference->key_hex;
  // New commands keep the rebuilt projections up to date (the fixture audits at the end).
  f.AddMember("M61", Gender::kMale, "1990-02-03");
  EXPECT_EQ(MemberHistory(f.fund().store(), "M61")->size(), 1u);
  f.Reopen();
  EXPECT_EQ(*MemberHistory(f.fund().store(), "M7"), *before);
}

TEST(ProjectionSetTest, RowsReadBackLeaveAFullOverlayAndAreReadFromRocksDb) {
  testing::FundFixture f(200, true);
  f.AddMember("M1", Gender::kFemale, "1980-01-01");
  f.Enrol({"M1"}, "INPATIENT", "2016-01-01");
  f.Contribute("C1", 10'000'000);
  f.FileInpatient("CL1", "M1", "2016-05-01", 300'000, "INV-1");
  f.FileInpatient("CL2", "M1", "2016-06-01", 200'000, "INV-2");
  f.Must("rev1", Role::kReviewer, ApproveClaim{"CL1", std::nullopt, "", "", D("2016-06-20")});
  f.Must("fin1", Role::kFinance, SchedulePayout{"CL1", D("2016-06-21")});
  f.Must("rev1", Role::kReviewer, ApproveClaim{"CL2", std::nullopt, "", "", D("2016-06-22")});
  auto before = ListClaims(f.fund().store(), "");
  ASSERT_TRUE(before.ok());
  // Overlays of 2 keys: each claim's view and maps leave the overlay between its
  // events, in buffers large enough that only the release makes them readable.
  f.projections()->set_rebuild_limits({BulkLoadLimits{}, 2});
  ASSERT_TRUE(f.projections()->Rebuild("", nullptr).ok());
  auto after = ListClaims(f.fund().store(), "");
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), before->size());
  for (size_t i = 0; i < after->size(); ++i) {
    EXPECT_EQ((*after)[i].status, (*before)[i].status);
    EXPECT_EQ((*after)[i].approved_fen, (*before)[i].approved_fen);
  }
  EXPECT_EQ((*after)[0].status, "scheduled");
  testing::TempDir scratch;
  auto audit = AuditProjections(f.fund().store(), scratch.Sub("s"), nullptr);
  ASSERT_TRUE(audit.ok());
  EXPECT_FALSE(audit->difference.has_value()) << audit->difference->projection << " " << audit->difference->key_hex;
}

// Rows a projection reads back and rewrites (an account's balance) go into a batch
// once, as they stand after its last event: each version of a key written is a
// memtable insert, and a batch of postings would write the balance once per posting.
TEST(ProjectionSetTest, ABatchWritesEachReadBackRowOnce) {
  testing::FundFixture f(200, true);
  f.Contribute("C1", 10'000);
  f.Contribute("C2", 20'000);
  f.Contribute("C3", 30'000);
  const Store& store = f.fund().store();
  std::vector<Event> events;
  for (uint64_t seq = store.head().seq - 2; seq <= store.head().seq; ++seq) events.push_back(*store.Get(seq));
  // The three contributions applied again, as one batch, by a set over the same store.
  ProjectionSet set(const_cast<Store*>(&store));
  rocksdb::WriteBatch batch;
  for (const Event& e : events) ASSERT_TRUE(set.OnEvent(e, &batch).ok());
  ASSERT_TRUE(set.OnBatchEnd(events.back().seq(), &batch).ok());
  struct BankRows : rocksdb::WriteBatch::Handler {
    uint32_t family = 0;
    std::vector<std::string> values;
    rocksdb::Status PutCF(uint32_t cf, const rocksdb::Slice& key, const rocksdb::Slice& value) override {
      if (cf == family && key == std::string{'a', static_cast<char>(Account::kBank)}) values.push_back(value.ToString());
      return rocksdb::Status::OK();
    }
  } rows;
  rows.family = store.cf(BalanceProjection().column_family())->GetID();
  ASSERT_TRUE(batch.Iterate(&rows).ok());
  set.OnAbort();
  ASSERT_EQ(rows.values.size(), 1u);
  // Applied again on top of the kept balance of 60,000: the batch's last balance.
  EXPECT_EQ(rows.values[0], proj::SignedBe64(120'000));
}

}  // namespace
}  // namespace huzhu
