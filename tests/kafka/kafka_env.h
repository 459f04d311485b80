// The real broker the Kafka suites run against: scripts/test.sh starts one and
// sets HUZHU_TEST_KAFKA. Without it the suites fail (they are never skipped).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "ledger/kafka_journal.h"

namespace huzhu::testing {

inline KafkaOptions TestKafka() {
  const char* brokers = std::getenv("HUZHU_TEST_KAFKA");
  if (brokers == nullptr || *brokers == '\0') {
    ADD_FAILURE() << "HUZHU_TEST_KAFKA is not set: run the suite with scripts/test.sh, which starts a broker";
  }
  KafkaOptions o;
  o.brokers = brokers ? brokers : "";
  o.timeout_ms = 20'000;
  return o;
}

// A fund id no earlier run used: topics outlive a test.
inline std::string UniqueFund(const std::string& prefix) {
  auto now = std::chrono::system_clock::now().time_since_epoch().count();
  return prefix + std::to_string(now % 1'000'000'000'000);
}

}  // namespace huzhu::testing
