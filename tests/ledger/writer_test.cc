#include "ledger/writer.h"

#include <gtest/gtest.h>

#include "tests/testing/ledger_fixture.h"
#include "tests/testing/sample_events.h"

namespace huzhu {
namespace {

using testing::LedgerFixture;

TEST(WriterTest, ChainsEventsAndStampsTheEnvelope) {
  LedgerFixture f;
  f.Open();
  f.OpenFund();
  CommandOutcome out = f.AppendContributions(2);
  ASSERT_EQ(out.events.size(), 1u);
  const Event& e = out.events[0];
  EXPECT_EQ(e.seq(), 3u);
  EXPECT_EQ(e.envelope.prev_hash, f.store().Get(2)->hash);
  EXPECT_EQ(e.envelope.actor.user, "fin1");
  EXPECT_EQ(e.envelope.event_id, "F1-3");
  EXPECT_EQ(e.envelope.recorded_at, f.clock().Now());
}

TEST(WriterTest, ResendingACommandReturnsTheFirstOutcome) {
  LedgerFixture f;
  f.Open();
  f.OpenFund();
  CommandContext ctx{Actor{"fin1", Role::kFinance}, "same-key"};
  auto first = f.writer().Submit(ctx, {{testing::SampleContribution(100, "A"), Date{}},
                                       {testing::SampleContribution(200, "B"), Date{}}});
  ASSERT_TRUE(first.ok());
  auto again = f.writer().Submit(ctx, {{testing::SampleContribution(999, "Z"), Date{}}});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replayed);
  ASSERT_EQ(again->events.size(), 2u);
  EXPECT_EQ(again->events[1].hash, first->events[1].hash);
  EXPECT_EQ(f.store().head().seq, 3u);
}

TEST(WriterTest, RecordedTimeNeverGoesBackwards) {
  LedgerFixture f;
  f.Open();
  f.OpenFund();
  f.AppendContributions(1);
  Timestamp before = f.store().head().recorded_at;
  f.clock().Set(Timestamp{before.micros - 3'600'000'000});  // the system clock jumped back
  CommandOutcome out = f.AppendContributions(1);
  EXPECT_GE(out.events[0].envelope.recorded_at, before);
}

TEST(WriterTest, RefusesEmptyKeyAndOversizedCommands) {
  LedgerFixture f;
  f.Open();
  f.OpenFund();
  auto no_key = f.writer().Submit({Actor{"a", Role::kAdmin}, ""},
                                  {{testing::SampleContribution(1), Date{}}});
  EXPECT_EQ(no_key.status().code(), Status::Code::kInvalidArgument);
  auto empty = f.writer().Submit({Actor{"a", Role::kAdmin}, "k"}, {});
  EXPECT_EQ(empty.status().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace huzhu
