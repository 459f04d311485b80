// The Kafka journal: every event of a fund in Apache Kafka (one topic per fund, one
// partition), exactly once into the RocksDB store. DESIGN.md, "Journal".
//
// One writer per fund: a transactional producer with transactional.id
// "huzhu-writer-<fund>"; opening it fences any older writer and aborts its open
// transaction. Before it accepts commands the journal catches up: it reads the
// topic (read_committed) from the position stored in RocksDB to the end and applies
// every event the store lacks. A command's events are produced in one transaction;
// only after the commit are they applied to the store, together with the topic
// position, in one WriteBatch. A crash at any point loses nothing acknowledged and
// duplicates nothing: the next catch-up applies what was committed, fencing discards
// what was not.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "ledger/journal.h"
#include "ledger/store.h"

namespace huzhu {

struct KafkaOptions {
  // Bootstrap servers, "host:port,host:port". Required.
  std::string brokers;
  // librdkafka properties passed through as they are (security.protocol, sasl.*,
  // ssl.*, ...), for both the producer and the consumer.
  std::map<std::string, std::string> config;
  // The fund topic is created with these when missing. Production: 3 and 2
  // (README, "Running against a cluster"); the single test broker takes 1 and 1.
  int replication_factor = 1;
  int min_insync_replicas = 1;
  // Create the fund topic when missing. Default true; false where operators manage
  // topics themselves (clusters whose ACLs forbid clients to create them).
  bool create_topic = true;
  // Every wait on the broker (a transaction step, the catch-up, an admin call) gives
  // up after this long with an error: nothing retries forever. Default 30 s.
  int timeout_ms = 30'000;
  std::string topic_prefix = "huzhu.fund.";
};

std::string FundTopic(const KafkaOptions& options, const std::string& fund_id);

// Reads `key=value` lines (# comments) into options.config.
Status LoadKafkaConfigFile(const std::string& path, KafkaOptions* options);

class KafkaJournal : public Journal {
 public:
  // Creates the topic if needed, fences older writers and catches the store up.
  // REQUIRES: store outlives the journal; fund_id is the store's fund (or the new fund's).
  static Result<std::unique_ptr<KafkaJournal>> Open(Store* store, const std::string& fund_id,
                                                    const KafkaOptions& options);
  ~KafkaJournal() override;

  Result<std::vector<Event>> Append(SealedBatch batch) override;
  std::string_view name() const override { return "kafka"; }

  // Events applied from the topic by the catch-up at open.
  uint64_t caught_up_events() const { return caught_up_; }

  struct Impl;

 private:
  explicit KafkaJournal(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  uint64_t caught_up_ = 0;
};

// A follower: mirrors the fund's topic into `store` (created by the caller),
// decoding and verifying every event and the chain as it goes, until it has read
// everything committed. Stops with an error naming the first event that does not
// verify. Returns the number of events applied.
Result<uint64_t> FollowTopic(Store* store, const std::string& fund_id, const KafkaOptions& options);

}  // namespace huzhu
