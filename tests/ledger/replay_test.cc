// Replaying a fund's events into a fresh store re-derives every decision (each
// approval's rule amount, each role, each balance) and ends in the same state,
// byte for byte: no rule reads a clock or anything but events.
#include <gtest/gtest.h>

#include "events/codec.h"
#include "ledger/fund_state.h"
#include "ledger/record_codec.h"
#include "ledger/state_audit.h"
#include "projections/projection_set.h"
#include "tests/testing/fund_fixture.h"

namespace huzhu {
namespace {

using testing::D;

std::map<std::string, std::string> Dump(Store& store, const std::string& cf) {
  std::map<std::string, std::string> out;
  std::unique_ptr<rocksdb::Iterator> it(store.db()->NewIterator({}, store.cf(cf)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) out[it->key().ToString()] = it->value().ToString();
  return out;
}

// A history with approvals, a payout and the reversal of that payout.
void RecordHistoryWithAReversal(testing::FundFixture& f) {
  f.AddMember("M1", Gender::kMale, "1980-05-17");
  f.AddMember("M2", Gender::kFemale, "1985-03-02");
  f.Enrol({"M1", "M2"}, "INPATIENT", "2016-01-01");
  f.Enrol({"M1", "M2"}, "ACCIDENT", "2016-01-01", 5);
  f.Contribute("C1", 10'000'000);
  f.FileInpatient("CL1", "M1", "2016-05-01", 400'000, "INV-1");
  f.FileInpatient("CL2", "M2", "2016-06-01", 2'000'000, "INV-2");
  f.Must("rev1", Role::kReviewer, ApproveClaim{"CL1", std::nullopt, "", "", D("2016-05-20")});
  f.Must("rev1", Role::kReviewer, ApproveClaim{"CL2", 400'000, "partly out of scope", "", D("2016-06-20")});
  f.Must("fin1", Role::kFinance, SchedulePayout{"CL1", D("2016-05-21")});
  uint64_t posted = f.Must("fin1", Role::kFinance, PostPayout{"CL1-P1", "B", D("2016-05-22")});
  f.Must("admin1", Role::kAdmin, ReverseEvent{posted, "paid to the wrong account", "dir1"});
}

void ExpectSameFamily(Store& original, Store& replayed, const std::string& cf) {
  auto want = Dump(original, cf);
  auto got = Dump(replayed, cf);
  EXPECT_EQ(want.size(), got.size()) << cf;
  for (const auto& [key, value] : want) {
    auto it = got.find(key);
    EXPECT_TRUE(it != got.end() && it->second == value) << cf << " key " << ToHex(key) << " differs after replay";
  }
}

TEST(ReplayTest, ReplayReproducesEveryDecisionAndTheSameState) {
  testing::FundFixture f;
  RecordHistoryWithAReversal(f);

  testing::TempDir dir;
  StoreOptions options;
  options.create_if_missing = true;
  options.extra_column_families = {kStateCf};
  auto copy = Store::Open(dir.Sub("replay"), options);
  ASSERT_TRUE(copy.ok());
  FundState state(copy->get());
  (*copy)->AddObserver(&state);
  Status replayed_ok = f.fund().store().ForEach(1, 0, [&](const Event&, std::string_view record) {
    // Records as they arrive from elsewhere: decoded and checked in full.
    return (*copy)->Append(AppendBatch{.records = {std::string(record)}, .journal_position = {},
                                       .sealed_events = {}}).status();
  });
  ASSERT_TRUE(replayed_ok.ok()) << replayed_ok.ToString();
  EXPECT_EQ((*copy)->head().hash, f.fund().store().head().hash);
  ExpectSameFamily(f.fund().store(), **copy, kStateCf);
}

// The Kafka catch-up and `huzhu follow` append what one poll returned as one batch:
// a correction may arrive in the same batch as the event it corrects.
TEST(ReplayTest, ACorrectionAppliesInTheSameBatchAsTheEventItCorrects) {
  testing::FundFixture f;
  RecordHistoryWithAReversal(f);

  testing::TempDir dir;
  StoreOptions options;
  options.create_if_missing = true;
  options.extra_column_families = ProjectionColumnFamilies();
  options.extra_column_families.push_back(kStateCf);
  auto copy = Store::Open(dir.Sub("replay"), options);
  ASSERT_TRUE(copy.ok());
  FundState state(copy->get());
  ProjectionSet projections(copy->get());
  (*copy)->AddObserver(&state);
  (*copy)->AddObserver(&projections);
  AppendBatch all;
  ASSERT_TRUE(f.fund().store().ForEach(1, 0, [&](const Event&, std::string_view record) {
    all.records.emplace_back(record);
    return Status::Ok();
  }).ok());
  auto appended = (*copy)->Append(std::move(all));
  ASSERT_TRUE(appended.ok()) << appended.status().ToString();
  EXPECT_EQ((*copy)->head().hash, f.fund().store().head().hash);
  ExpectSameFamily(f.fund().store(), **copy, kStateCf);
  for (const auto& cf : ProjectionColumnFamilies()) ExpectSameFamily(f.fund().store(), **copy, cf);
}

TEST(ReplayTest, ReplayRefusesAnApprovalTheRulesDoNotSupport) {
  testing::FundFixture f;
  f.AddMember("M1", Gender::kMale, "1980-05-17");
  f.Enrol({"M1"}, "INPATIENT", "2016-01-01");
  f.FileInpatient("CL1", "M1", "2016-05-01", 400'000, "INV-1");
  // A forged approval that claims a larger rule amount than the plan gives.
  ChainHead head = f.fund().store().head();
  Event e;
  e.payload = ClaimApproved{"CL1", 9'999'999, 9'999'999, "", "x"};
  e.envelope = Envelope{"F1", head.seq + 1, "F1-x", 1, D("2016-05-20"), head.recorded_at,
                        Actor{"rev1", Role::kReviewer}, "forged", head.hash};
  auto out = f.fund().store().Append(AppendBatch{.records = {EncodeEvent(&e)}, .journal_position = {},
                                                 .sealed_events = {}});
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("the rule pays 1750.00 yuan"), std::string::npos)
      << out.status().ToString();
  EXPECT_EQ(f.fund().store().head().seq, head.seq);
}

// `huzhu audit state`: the same replay, run against a kept store, names the first
// state row that differs.
class StateAuditTest : public ::testing::Test {
 protected:
  void SetUp() override { RecordHistoryWithAReversal(f_); }
  Store& store() { return f_.fund().store(); }
  void Put(const std::string& key, const std::string& value) {
    ASSERT_TRUE(store().db()->Put({}, store().cf(kStateCf), key, value).ok());
  }
  Result<StateAudit> Audit() { return AuditState(store(), scratch_.Sub("audit"), nullptr); }

  testing::FundFixture f_;
  testing::TempDir scratch_;
};

TEST_F(StateAuditTest, TheKeptStateEqualsItsReplay) {
  uint64_t last_progress = 0;
  auto audit = AuditState(store(), scratch_.Sub("audit"), [&](uint64_t seq) { last_progress = seq; });
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  EXPECT_FALSE(audit->difference.has_value()) << audit->difference->key_hex;
  EXPECT_EQ(audit->events, store().head().seq);
  EXPECT_EQ(last_progress, store().head().seq);
  EXPECT_EQ(audit->rows_compared, Dump(store(), kStateCf).size());
  EXPECT_FALSE(std::filesystem::exists(scratch_.Sub("audit")));  // the scratch store is removed
}

TEST_F(StateAuditTest, NamesAChangedRow) {
  std::string kept = Dump(store(), kStateCf).at("M/M1");
  Put("M/M1", kept + "x");
  auto audit = Audit();
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  ASSERT_TRUE(audit->difference.has_value());
  EXPECT_EQ(audit->difference->key_hex, ToHex("M/M1"));
  EXPECT_EQ(audit->difference->kept_hex, ToHex(kept + "x"));
  EXPECT_EQ(audit->difference->rebuilt_hex, ToHex(kept));
}

TEST_F(StateAuditTest, NamesAMissingRowAndAStrayOne) {
  ASSERT_TRUE(store().db()->Delete({}, store().cf(kStateCf), "T/M2/INPATIENT").ok());
  auto audit = Audit();
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  ASSERT_TRUE(audit->difference.has_value());
  EXPECT_EQ(audit->difference->key_hex, ToHex("T/M2/INPATIENT"));
  EXPECT_EQ(audit->difference->kept_hex, "absent");

  Put("B/a stray row", "");  // sorts before every other row
  audit = Audit();
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  ASSERT_TRUE(audit->difference.has_value());
  EXPECT_EQ(audit->difference->key_hex, ToHex("B/a stray row"));
  EXPECT_EQ(audit->difference->rebuilt_hex, "absent");
}

// Stores written before 2026-12 hold a record of every correctable event, reversed
// or not; one never reversed stands for no record. A reversed one must match.
TEST_F(StateAuditTest, AnOlderStoresRecordOfAnEventNeverReversedIsNoDifference) {
  uint64_t contribution = 0;
  ASSERT_TRUE(store().ForEach(1, 0, [&](const Event& e, std::string_view) {
    if (std::holds_alternative<ContributionReceived>(e.payload)) contribution = e.seq();
    return Status::Ok();
  }).ok());
  ASSERT_NE(contribution, 0u);
  CorrectableRec rec{EventType::kContributionReceived, "C1", 10'000'000, D("2016-01-05"), 0};
  Put(state_keys::Correctable(contribution), EncodeRecord(rec));
  auto audit = Audit();
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  EXPECT_FALSE(audit->difference.has_value()) << audit->difference->key_hex;

  rec.reversed_by = store().head().seq;  // says reversed, which no event did
  Put(state_keys::Correctable(contribution), EncodeRecord(rec));
  audit = Audit();
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  ASSERT_TRUE(audit->difference.has_value());
  EXPECT_EQ(audit->difference->key_hex, ToHex(state_keys::Correctable(contribution)));
}

TEST_F(StateAuditTest, RefusesAnExistingScratchDirectoryAndLeavesItAlone) {
  std::filesystem::create_directories(scratch_.Sub("audit"));
  auto audit = Audit();
  ASSERT_FALSE(audit.ok());
  EXPECT_NE(audit.status().message().find("exists"), std::string::npos) << audit.status().ToString();
  EXPECT_TRUE(std::filesystem::exists(scratch_.Sub("audit")));
}

}  // namespace
}  // namespace huzhu
