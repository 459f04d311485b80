// Test helper for the Kafka crash suite: a fund writer on the Kafka journal that
// records batches of contributions forever, printing "ack KEY" after each command
// returns. The suite kills it with SIGKILL at random moments.
//   kafka_writer_loop STORE_DIR FUND BROKERS
#include <cstdio>
#include <random>

#include "ledger/fund.h"
#include "ledger/kafka_journal.h"
#include "projections/projected_fund.h"

using namespace huzhu;

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: kafka_writer_loop STORE_DIR FUND BROKERS\n");
    return 2;
  }
  std::string fund_id = argv[2];
  KafkaOptions kafka;
  kafka.brokers = argv[3];
  kafka.timeout_ms = 20'000;
  FundOptions o;
  o.data_dir = argv[1];
  o.create = true;
  o.fund_id = fund_id;
  o.make_journal = [&](Store* s) -> Result<std::unique_ptr<Journal>> {
    ASSIGN_OR_RETURN(auto j, KafkaJournal::Open(s, fund_id, kafka));
    return std::unique_ptr<Journal>(std::move(j));
  };
  auto opened = OpenProjectedFund(o);
  if (!opened.ok()) {
    std::fprintf(stderr, "kafka_writer_loop: %s\n", opened.status().ToString().c_str());
    return 1;
  }
  Fund& fund = *opened->fund;
  Date day = DateFromCivil(2016, 1, 5);
  if (fund.store().head().seq == 0) {
    if (!fund.Execute({Actor{"adm1", Role::kAdmin}, "open"}, OpenFund{FundOpened{"crash", "K"}, day}).ok()) return 1;
    if (!fund.Execute({Actor{"adm1", Role::kAdmin}, "unit"}, RegisterUnit{UnitRegistered{"U1", "u", 10, 5}, day}).ok()) return 1;
  }
  std::printf("ready %llu\n", static_cast<unsigned long long>(fund.store().head().seq));
  std::fflush(stdout);
  std::mt19937 rng(std::random_device{}());
  for (;;) {
    uint64_t at = fund.store().head().seq;
    int size = 1 + static_cast<int>(rng() % 30);
    std::string key = "batch-" + std::to_string(at) + "-" + std::to_string(size);
    Several<ReceiveContribution> batch;
    for (int i = 0; i < size; ++i) {
      batch.items.push_back({ContributionReceived{key + "-" + std::to_string(i), "U1", "INPATIENT", 100 + i, "B"}, day});
    }
    auto out = fund.Execute({Actor{"fin1", Role::kFinance}, key}, batch);
    if (!out.ok()) {
      std::fprintf(stderr, "kafka_writer_loop: %s\n", out.status().ToString().c_str());
      return 1;
    }
    std::printf("ack %s\n", key.c_str());
    std::fflush(stdout);
  }
}
