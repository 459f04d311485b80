// Replaying a fund's events into a fresh store re-derives every decision (each
// approval's rule amount, each role, each balance) and ends in the same state,
// byte for byte: no rule reads a clock or anything but events.
#include <gtest/gtest.h>

#include "events/codec.h"
#include "ledger/fund_state.h"
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

TEST(ReplayTest, ReplayReproducesEveryDecisionAndTheSameState) {
  testing::FundFixture f;
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
  auto original = Dump(f.fund().store(), kStateCf);
  auto replayed = Dump(**copy, kStateCf);
  EXPECT_EQ(original.size(), replayed.size());
  for (const auto& [key, value] : original) {
    auto it = replayed.find(key);
    EXPECT_TRUE(it != replayed.end() && it->second == value)
        << "state key " << ToHex(key) << " differs after replay";
  }
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

}  // namespace
}  // namespace huzhu
