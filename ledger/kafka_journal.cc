#include "ledger/kafka_journal.h"

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "ledger/keys.h"

namespace huzhu {

namespace {

// Limits: messages applied to the store per write during catch-up, and how often a
// retriable transaction step is tried.
constexpr size_t kCatchUpBatchMax = 4096;
constexpr int kRetriesMax = 3;

using Clock = std::chrono::steady_clock;

struct Delivery {
  int64_t last_offset = -1;
  rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;
};

void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
  auto* d = static_cast<Delivery*>(opaque);
  if (m->err) {
    d->error = m->err;
  } else if (m->offset > d->last_offset) {
    d->last_offset = m->offset;
  }
}

Result<rd_kafka_conf_t*> MakeConf(const KafkaOptions& o, const std::map<std::string, std::string>& own) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char err[512];
  auto set = [&](const std::string& k, const std::string& v) -> Status {
    if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      return Status::InvalidArgument("Kafka setting " + k + ": " + err);
    }
    return Status::Ok();
  };
  Status s = set("bootstrap.servers", o.brokers);
  for (const auto& [k, v] : o.config) {
    if (s.ok()) s = set(k, v);
  }
  for (const auto& [k, v] : own) {
    if (s.ok()) s = set(k, v);
  }
  if (!s.ok()) {
    rd_kafka_conf_destroy(conf);
    return s;
  }
  return conf;
}

// librdkafka's own classification decides what happens to an error.
Status FromTxnError(rd_kafka_error_t* error, const std::string& doing) {
  std::string what = doing + ": " + rd_kafka_error_string(error);
  Status s;
  if (rd_kafka_error_is_fatal(error)) {
    rd_kafka_resp_err_t code = rd_kafka_error_code(error);
    bool fenced = code == RD_KAFKA_RESP_ERR__FENCED || code == RD_KAFKA_RESP_ERR_PRODUCER_FENCED ||
                  code == RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH;
    s = fenced ? Status::Fenced("another writer took over this fund (" + what + "); this one stops")
               : Status::Unavailable("the Kafka producer failed for good (" + what + "); reopen the fund");
  } else {
    s = Status::Unavailable(what);
  }
  rd_kafka_error_destroy(error);
  return s;
}

std::string Topic(const KafkaOptions& o, const std::string& fund) { return o.topic_prefix + fund; }

Status EnsureTopic(rd_kafka_t* client, const KafkaOptions& o, const std::string& topic) {
  char err[512];
  rd_kafka_NewTopic_t* t = rd_kafka_NewTopic_new(topic.c_str(), 1, o.replication_factor, err, sizeof err);
  if (t == nullptr) return Status::InvalidArgument(std::string("topic ") + topic + ": " + err);
  rd_kafka_NewTopic_set_config(t, "min.insync.replicas", std::to_string(o.min_insync_replicas).c_str());
  rd_kafka_NewTopic_set_config(t, "retention.ms", "-1");  // the log is the record
  rd_kafka_queue_t* queue = rd_kafka_queue_new(client);
  rd_kafka_AdminOptions_t* opts = rd_kafka_AdminOptions_new(client, RD_KAFKA_ADMIN_OP_CREATETOPICS);
  rd_kafka_AdminOptions_set_request_timeout(opts, o.timeout_ms, err, sizeof err);
  rd_kafka_CreateTopics(client, &t, 1, opts, queue);
  rd_kafka_event_t* ev = rd_kafka_queue_poll(queue, o.timeout_ms + 1000);
  Status s;
  if (ev == nullptr) {
    s = Status::Unavailable("creating topic " + topic + ": no answer from the brokers at " + o.brokers);
  } else if (rd_kafka_event_error(ev)) {
    s = Status::Unavailable("creating topic " + topic + ": " + rd_kafka_event_error_string(ev));
  } else {
    size_t n = 0;
    const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
    for (size_t i = 0; i < n; ++i) {
      rd_kafka_resp_err_t e = rd_kafka_topic_result_error(results[i]);
      if (e && e != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
        s = Status::Unavailable("creating topic " + topic + ": " + rd_kafka_err2str(e));
      }
    }
  }
  if (ev) rd_kafka_event_destroy(ev);
  rd_kafka_AdminOptions_destroy(opts);
  rd_kafka_queue_destroy(queue);
  rd_kafka_NewTopic_destroy(t);
  return s;
}

int64_t StoredPosition(const Store& store) {
  auto p = store.JournalPosition();
  if (!p || p->empty()) return RD_KAFKA_OFFSET_BEGINNING;
  return std::stoll(*p);
}

// Reads the topic from the store's position to the end of what is committed and
// appends it, `kCatchUpBatchMax` messages at a time, each with its position.
Result<uint64_t> ReadToEnd(Store* store, const KafkaOptions& o, const std::string& fund) {
  std::string topic = Topic(o, fund);
  ASSIGN_OR_RETURN(rd_kafka_conf_t * conf,
                   MakeConf(o, {{"group.id", "huzhu-reader-" + fund},
                                {"isolation.level", "read_committed"},
                                {"enable.auto.commit", "false"},
                                {"enable.partition.eof", "true"},
                                {"auto.offset.reset", "earliest"}}));
  char err[512];
  rd_kafka_t* consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  if (consumer == nullptr) return Status::Unavailable(std::string("Kafka consumer: ") + err);
  rd_kafka_topic_partition_list_t* parts = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(parts, topic.c_str(), 0)->offset = StoredPosition(*store);
  rd_kafka_assign(consumer, parts);
  rd_kafka_topic_partition_list_destroy(parts);

  uint64_t applied = 0;
  AppendBatch batch;
  int64_t next = 0;
  auto flush = [&]() -> Status {
    if (batch.records.empty()) return Status::Ok();
    batch.journal_position = std::to_string(next);
    auto out = store->Append(std::move(batch));
    batch = AppendBatch{};
    if (!out.ok()) return out.status().WithContext("applying " + topic + " up to offset " + std::to_string(next));
    applied += out->size();
    return Status::Ok();
  };
  Status s;
  std::string last_error = "no answer";
  auto deadline = Clock::now() + std::chrono::milliseconds(o.timeout_ms);
  while (s.ok()) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer, 200);
    if (m == nullptr) {
      if (Clock::now() > deadline) {
        s = Status::Unavailable("reading " + topic + " from " + o.brokers + ": nothing read in " +
                                std::to_string(o.timeout_ms) + " ms (" + last_error + ")");
      }
      continue;
    }
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      rd_kafka_message_destroy(m);
      break;
    }
    if (m->err == RD_KAFKA_RESP_ERR__FATAL) {
      s = Status::Unavailable("reading " + topic + ": " + rd_kafka_message_errstr(m));
    } else if (m->err) {
      // The consumer reports fetch errors it goes on retrying itself; the deadline
      // bounds how long we let it.
      last_error = rd_kafka_message_errstr(m);
    } else {
      deadline = Clock::now() + std::chrono::milliseconds(o.timeout_ms);
      batch.records.emplace_back(static_cast<const char*>(m->payload), m->len);
      next = m->offset + 1;
      if (batch.records.size() >= kCatchUpBatchMax) s = flush();
    }
    rd_kafka_message_destroy(m);
  }
  if (s.ok()) s = flush();
  rd_kafka_consumer_close(consumer);
  rd_kafka_destroy(consumer);
  if (!s.ok()) return s;
  return applied;
}

}  // namespace

struct KafkaJournal::Impl {
  Store* store = nullptr;
  KafkaOptions options;
  std::string fund;
  std::string topic;
  rd_kafka_t* producer = nullptr;
  Delivery delivery;
  bool failed = false;       // fenced, fatal, or a commit of unknown outcome: reopen
  bool needs_abort = false;  // an abort that could not reach the brokers yet

  ~Impl() {
    if (producer) rd_kafka_destroy(producer);
  }
  Status Abort(const std::string& why);
  Status Produce(const std::vector<std::string>& records, uint64_t first_seq);
  Status Commit();
};

std::string FundTopic(const KafkaOptions& options, const std::string& fund_id) { return Topic(options, fund_id); }

Status LoadKafkaConfigFile(const std::string& path, KafkaOptions* options) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read Kafka settings \"" + path + "\"");
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos) {
      return Status::InvalidArgument(path + ", line " + std::to_string(n) + ": expected key=value");
    }
    options->config[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return Status::Ok();
}

KafkaJournal::KafkaJournal(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
KafkaJournal::~KafkaJournal() = default;

Result<std::unique_ptr<KafkaJournal>> KafkaJournal::Open(Store* store, const std::string& fund_id,
                                                         const KafkaOptions& o) {
  if (o.brokers.empty()) return Status::InvalidArgument("no Kafka brokers given");
  if (fund_id.empty()) return Status::InvalidArgument("the Kafka journal needs the fund id");
  auto impl = std::make_unique<Impl>();
  impl->store = store;
  impl->options = o;
  impl->fund = fund_id;
  impl->topic = Topic(o, fund_id);
  std::string timeout = std::to_string(o.timeout_ms);
  ASSIGN_OR_RETURN(rd_kafka_conf_t * conf,
                   MakeConf(o, {{"transactional.id", "huzhu-writer-" + fund_id},
                                {"enable.idempotence", "true"},
                                {"acks", "all"},
                                {"linger.ms", "2"},
                                {"message.timeout.ms", timeout},
                                {"transaction.timeout.ms", std::to_string(std::max(o.timeout_ms * 2, 60'000))}}));
  rd_kafka_conf_set_dr_msg_cb(conf, OnDelivery);
  rd_kafka_conf_set_opaque(conf, &impl->delivery);
  char err[512];
  impl->producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (impl->producer == nullptr) return Status::Unavailable(std::string("Kafka producer: ") + err);
  if (o.create_topic) RETURN_IF_ERROR(EnsureTopic(impl->producer, o, impl->topic));
  // Fences any older writer of this fund and aborts its open transaction.
  if (rd_kafka_error_t* e = rd_kafka_init_transactions(impl->producer, o.timeout_ms)) {
    return FromTxnError(e, "starting the writer of fund " + fund_id + " on " + o.brokers);
  }
  // Only now, with older writers fenced, is the topic's end final: catch up to it.
  ASSIGN_OR_RETURN(uint64_t caught_up, ReadToEnd(store, o, fund_id));
  std::unique_ptr<KafkaJournal> journal(new KafkaJournal(std::move(impl)));
  journal->caught_up_ = caught_up;
  return journal;
}

Status KafkaJournal::Impl::Abort(const std::string& why) {
  if (rd_kafka_error_t* e = rd_kafka_abort_transaction(producer, options.timeout_ms)) {
    Status s = FromTxnError(e, "aborting a transaction");
    if (s.code() == Status::Code::kFenced) failed = true;
    needs_abort = !failed;  // tried again before the next transaction
    return Status::Unavailable(why + "; the abort could not complete yet (" + s.message() +
                               "); nothing was applied");
  }
  needs_abort = false;
  return Status::Unavailable(why + "; the transaction was aborted and nothing was applied");
}

Status KafkaJournal::Impl::Produce(const std::vector<std::string>& records, uint64_t first_seq) {
  for (size_t i = 0; i < records.size(); ++i) {
    std::string key = keys::EventKey(first_seq + i);
    for (int attempt = 0;; ++attempt) {
      rd_kafka_resp_err_t e = rd_kafka_producev(
          producer, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(0),
          RD_KAFKA_V_KEY(key.data(), key.size()),
          RD_KAFKA_V_VALUE(const_cast<char*>(records[i].data()), records[i].size()),
          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
      if (e == RD_KAFKA_RESP_ERR_NO_ERROR) break;
      if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL || attempt > 100) {
        return Status::Unavailable(std::string("producing event ") + std::to_string(first_seq + i) + ": " +
                                   rd_kafka_err2str(e));
      }
      rd_kafka_poll(producer, 50);  // let deliveries drain the queue
    }
  }
  return Status::Ok();
}

Status KafkaJournal::Impl::Commit() {
  for (int attempt = 1;; ++attempt) {
    rd_kafka_error_t* e = rd_kafka_commit_transaction(producer, options.timeout_ms);
    if (e == nullptr) return Status::Ok();
    if (rd_kafka_error_txn_requires_abort(e)) {
      std::string why = std::string("committing to Kafka failed: ") + rd_kafka_error_string(e);
      rd_kafka_error_destroy(e);
      return Abort(why);
    }
    if (rd_kafka_error_is_retriable(e) && attempt < kRetriesMax) {
      rd_kafka_error_destroy(e);
      continue;
    }
    Status s = FromTxnError(e, "committing to Kafka");
    // Whether the brokers committed is not known: only a reopen (which catches up
    // from the topic) can tell, so this writer takes no more commands.
    failed = true;
    return s.code() == Status::Code::kFenced
               ? s
               : Status::Unavailable(s.message() + "; the outcome is unknown until the fund is reopened, "
                                                   "which applies whatever was committed");
  }
}

Result<std::vector<Event>> KafkaJournal::Append(SealedBatch sealed) {
  Impl& k = *impl_;
  if (k.failed) return Status::Fenced("this writer of fund " + k.fund + " was fenced or failed; reopen the fund");
  if (sealed.records.empty()) return std::vector<Event>{};
  if (k.needs_abort) {
    if (rd_kafka_error_t* e = rd_kafka_abort_transaction(k.producer, k.options.timeout_ms)) {
      return FromTxnError(e, "finishing the abort of an earlier transaction (the brokers are still unreachable?)");
    }
    k.needs_abort = false;
  }
  if (rd_kafka_error_t* e = rd_kafka_begin_transaction(k.producer)) {
    Status s = FromTxnError(e, "starting a Kafka transaction");
    if (s.code() == Status::Code::kFenced) k.failed = true;
    return s;
  }
  k.delivery = Delivery{};
  Status s = k.Produce(sealed.records, sealed.events.front().seq());
  if (!s.ok()) return k.Abort(s.message());
  RETURN_IF_ERROR(k.Commit());
  if (k.delivery.error || k.delivery.last_offset < 0) {
    return Status::Internal("Kafka committed the transaction but reported no delivery");
  }
  AppendBatch batch;
  batch.records = std::move(sealed.records);
  batch.sealed_events = std::move(sealed.events);
  batch.journal_position = std::to_string(k.delivery.last_offset + 1);
  auto applied = k.store->Append(std::move(batch));
  if (!applied.ok()) {
    // The events are committed in Kafka: the next catch-up applies them.
    return applied.status().WithContext("committed to Kafka but not applied to the store (it will be on the next start)");
  }
  return applied;
}

Result<uint64_t> FollowTopic(Store* store, const std::string& fund_id, const KafkaOptions& options) {
  return ReadToEnd(store, options, fund_id);
}

}  // namespace huzhu
