#include "tests/testing/ledger_fixture.h"

#include <gtest/gtest.h>

#include "events/codec.h"
#include "tests/testing/sample_events.h"

namespace huzhu::testing {

LedgerFixture::LedgerFixture() : clock_(*ParseTimestamp("2016-01-04T09:00:00Z")) {}

void LedgerFixture::Open(StoreOptions options) {
  Close();
  options.create_if_missing = true;
  auto store = Store::Open(dir(), options);
  HUZHU_CHECK(store.ok());
  store_ = std::move(store).value();
  journal_ = std::make_unique<LocalJournal>(store_.get());
  writer_ = std::make_unique<Writer>(store_.get(), journal_.get(), &clock_, "F1");
}

void LedgerFixture::Close() {
  writer_.reset();
  journal_.reset();
  store_.reset();
}

void LedgerFixture::OpenFund() {
  auto outcome = writer_->Submit({Actor{"admin1", Role::kAdmin}, "open-fund"},
                                 {{FundOpened{"测试基金", "T"}, DateFromCivil(2016, 1, 1)}});
  HUZHU_CHECK(outcome.ok());
}

CommandOutcome LedgerFixture::AppendContributions(int count, Fen amount_fen) {
  CommandOutcome last;
  for (int i = 0; i < count; ++i) {
    clock_.AdvanceMicros(1'000'000);
    std::string id = "C" + std::to_string(++commands_);
    auto outcome = writer_->Submit({Actor{"fin1", Role::kFinance}, "contrib-" + id},
                                   {{SampleContribution(amount_fen, id), DateFromCivil(2016, 2, 1)}});
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    if (outcome.ok()) last = std::move(outcome).value();
  }
  return last;
}

std::string LedgerFixture::NextRecord(Payload payload) {
  ChainHead head = store_->head();
  Event e = MakeEvent(head.seq + 1, std::move(payload), head.hash);
  e.envelope.recorded_at = clock_.Now();
  return EncodeEvent(&e);
}

}  // namespace huzhu::testing
