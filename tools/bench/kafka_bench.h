#pragma once

#include <cstddef>
#include <string>

namespace huzhu::bench {

struct KafkaBenchOptions {
  std::string brokers = "127.0.0.1:19092";
  size_t events = 200'000;
  size_t batch = 1000;
  std::string dir = "/tmp/huzhu-bench-kafka";
};

// Bulk recording through the Kafka journal (command in, applied to RocksDB) beside
// a bare librdkafka transactional producer writing the same records, in the same
// transaction sizes, to the same broker, in the same run.
int RunKafkaBench(const KafkaBenchOptions& options);

}  // namespace huzhu::bench
