#include "tools/bench/kafka_bench.h"

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "events/codec.h"
#include "ledger/kafka_journal.h"
#include "ledger/store.h"
#include "ledger/writer.h"
#include "tools/bench/baseline.h"

namespace huzhu::bench {

namespace {

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Payload Sample(size_t i) {
  return ContributionReceived{"C" + std::to_string(i), "U" + std::to_string(i % 6517), "INPATIENT", 18000,
                              "BANK-" + std::to_string(i)};
}

// The bare baseline: a transactional producer, same records, same transaction size.
double BareTransactional(const KafkaBenchOptions& o, const std::vector<std::string>& records, const std::string& topic) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", o.brokers.c_str(), err, sizeof err);
  rd_kafka_conf_set(conf, "transactional.id", ("bare-" + topic).c_str(), err, sizeof err);
  // The journal's producer settings, so that only the journal's own work differs.
  for (const char* kv : {"linger.ms=2", "acks=all", "enable.idempotence=true", "message.timeout.ms=30000",
                         "transaction.timeout.ms=60000"}) {
    std::string s(kv);
    size_t eq = s.find('=');
    rd_kafka_conf_set(conf, s.substr(0, eq).c_str(), s.substr(eq + 1).c_str(), err, sizeof err);
  }
  rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t*, const rd_kafka_message_t*, void*) {});
  rd_kafka_t* p = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  HUZHU_CHECK(p != nullptr);
  HUZHU_CHECK(rd_kafka_init_transactions(p, 30000) == nullptr);
  auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < records.size(); i += o.batch) {
    HUZHU_CHECK(rd_kafka_begin_transaction(p) == nullptr);
    for (size_t j = i; j < std::min(records.size(), i + o.batch); ++j) {
      std::string key(8, static_cast<char>(j));
      while (rd_kafka_producev(p, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(0),
                               RD_KAFKA_V_KEY(key.data(), key.size()),
                               RD_KAFKA_V_VALUE(const_cast<char*>(records[j].data()), records[j].size()),
                               RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        rd_kafka_poll(p, 10);
      }
    }
    HUZHU_CHECK(rd_kafka_commit_transaction(p, 30000) == nullptr);
  }
  double secs = Since(start);
  rd_kafka_destroy(p);
  return static_cast<double>(records.size()) / secs;
}

}  // namespace

int RunKafkaBench(const KafkaBenchOptions& o) {
  namespace fs = std::filesystem;
  fs::remove_all(o.dir);
  StoreOptions so;
  so.create_if_missing = true;
  auto store = Store::Open(o.dir, so);
  HUZHU_CHECK(store.ok());
  std::string fund = "BENCH" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 1'000'000'000);
  KafkaOptions k;
  k.brokers = o.brokers;
  auto journal = KafkaJournal::Open(store->get(), fund, k);
  if (!journal.ok()) {
    std::fprintf(stderr, "bench: %s (start a broker with scripts/kafka.sh start)\n", journal.status().ToString().c_str());
    return 1;
  }
  ManualClock clock(Timestamp{1'450'000'000'000'000});
  Writer writer(store->get(), journal->get(), &clock, fund);
  Actor actor{"bench", Role::kFinance};
  HUZHU_CHECK(writer.Submit({actor, "open"}, {{FundOpened{"bench", "B"}, Date{}}}).ok());
  std::vector<std::vector<EventDraft>> commands;
  for (size_t i = 0; i < o.events; i += o.batch) {
    auto& drafts = commands.emplace_back();
    for (size_t j = i; j < std::min(o.events, i + o.batch); ++j) drafts.push_back({Sample(j), Date{16900}});
  }
  // Same-size records for the baseline, produced before and after the journal run
  // (the better bare run counts, so neither side gains from going second).
  std::vector<std::string> records;
  {
    std::vector<std::string> sample;
    for (size_t i = 0; i < o.events; ++i) {
      Event e;
      e.payload = Sample(i);
      e.envelope.fund_id = fund;
      e.envelope.seq = i + 2;
      e.envelope.event_id = fund + "-" + std::to_string(i + 2);
      e.envelope.schema_version = 1;
      e.envelope.actor = actor;
      e.envelope.idempotency_key = "b" + std::to_string(i / o.batch);
      records.push_back(EncodeEvent(&e));
    }
  }
  double bare_before = BareTransactional(o, records, "bare-" + fund);
  auto start = std::chrono::steady_clock::now();
  for (size_t c = 0; c < commands.size(); ++c) {
    auto out = writer.Submit({actor, "b" + std::to_string(c)}, std::move(commands[c]));
    HUZHU_CHECK(out.ok());
  }
  double ours = static_cast<double>(o.events) / Since(start);
  double bare = std::max(bare_before, BareTransactional(o, records, "bare-" + fund));
  std::printf("kafka bench: %zu events in transactions of %zu, broker %s\n", o.events, o.batch, o.brokers.c_str());
  std::printf("through the Kafka journal (applied to RocksDB) %10.0f ev/s   bare transactional producer %10.0f ev/s   "
              "ratio %.2f  target >= 0.50  %s\n",
              ours, bare, ours / bare, ours / bare >= 0.5 ? "ok" : "BELOW TARGET");
  std::printf("peak RSS %.0f MiB\n", PeakRssMiB());
  fs::remove_all(o.dir);
  return 0;
}

}  // namespace huzhu::bench
