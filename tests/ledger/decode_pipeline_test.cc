// Scans large enough to run on worker threads keep the chain's order and name the
// first bad event exactly as the single-threaded path does.
#include "ledger/decode_pipeline.h"

#include <gtest/gtest.h>

#include "ledger/keys.h"
#include "tests/testing/ledger_fixture.h"
#include "tests/testing/sample_events.h"

namespace huzhu {
namespace {

constexpr int kEvents = 12'000;  // several chunks, so workers are used

class DecodePipelineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_GT(DecodePipeline::WorkersFor(kEvents), 0u);
  }
  void SetUp() override {
    f_.Open();
    f_.OpenFund();
    std::vector<EventDraft> drafts;
    for (int i = 0; i < kEvents; ++i) {
      drafts.push_back({testing::SampleContribution(i, "C" + std::to_string(i)), Date{16900}});
      if (drafts.size() == 3000) Flush(&drafts);
    }
    Flush(&drafts);
  }
  void Flush(std::vector<EventDraft>* drafts) {
    if (drafts->empty()) return;
    auto out = f_.writer().Submit({Actor{"f", Role::kFinance}, "k" + std::to_string(f_.store().head().seq)},
                                  std::move(*drafts));
    ASSERT_TRUE(out.ok());
    drafts->clear();
  }
  void Overwrite(uint64_t seq, std::string record) {
    ASSERT_TRUE(f_.store().db()->Put({}, f_.store().cf(keys::kEventsCf), keys::EventKey(seq), record).ok());
  }
  // Scans the whole ledger, noting the last event visited before the scan stopped.
  Status ScanAll(uint64_t* last_seen) {
    return f_.store().ForEach(1, 0, [&](const Event& e, std::string_view) {
      *last_seen = e.seq();
      return Status::Ok();
    });
  }
  testing::LedgerFixture f_;
};

TEST_F(DecodePipelineTest, VisitsEveryEventInOrder) {
  uint64_t expected = 1;
  Fen sum = 0;
  ASSERT_TRUE(f_.store().ForEach(1, 0, [&](const Event& e, std::string_view) {
    EXPECT_EQ(e.seq(), expected++);
    if (auto* c = std::get_if<ContributionReceived>(&e.payload)) sum += c->amount_fen;
    return Status::Ok();
  }).ok());
  EXPECT_EQ(expected, kEvents + 2u);
  EXPECT_EQ(sum, Fen{kEvents} * (kEvents - 1) / 2);
}

TEST_F(DecodePipelineTest, NamesTheFirstDamagedEventAndVisitsNothingAfterIt) {
  std::string record = *f_.store().GetRecord(7001);
  record[20] ^= 1;
  Overwrite(7001, record);
  Overwrite(9001, "garbage");
  uint64_t last_seen = 0;
  Status s = ScanAll(&last_seen);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find("event 7001"), std::string::npos) << s.ToString();
  EXPECT_EQ(last_seen, 7000u);
}

TEST_F(DecodePipelineTest, RecordUnderTheWrongKeyIsCorrupt) {
  Overwrite(5000, *f_.store().GetRecord(5001));
  auto report = f_.store().VerifyChain();
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("event 5000: its bytes say seq 5001"), std::string::npos)
      << report.status().ToString();
}

TEST_F(DecodePipelineTest, AKeyOfTheWrongLengthStopsTheScanAfterTheEventsBeforeIt) {
  std::string stray = keys::EventKey(6500) + "x";  // sorts right after seq 6500
  ASSERT_TRUE(f_.store().db()->Put({}, f_.store().cf(keys::kEventsCf), stray, "whatever").ok());
  uint64_t last_seen = 0;
  Status s = ScanAll(&last_seen);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find("not 8 bytes long"), std::string::npos) << s.ToString();
  EXPECT_EQ(last_seen, 6500u);
}

TEST_F(DecodePipelineTest, VisitorErrorStopsTheScan) {
  int visited = 0;
  Status s = f_.store().ForEach(1, 0, [&](const Event& e, std::string_view) {
    ++visited;
    return e.seq() == 4321 ? Status::Internal("stop here") : Status::Ok();
  });
  EXPECT_EQ(s.code(), Status::Code::kInternal);
  EXPECT_EQ(visited, 4321);
}

}  // namespace
}  // namespace huzhu
