// Fault injection with librdkafka's mock cluster, beside (never instead of) the
// real-broker suites: injected retriable, abortable and fatal errors on produce,
// EndTxn and fetch each lead to the documented outcome (README, "Kafka").
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include "ledger/fund.h"
#include "ledger/kafka_journal.h"
#include "tests/testing/temp_dir.h"

namespace huzhu {
namespace {

// Kafka protocol API keys (the protocol's own numbering; librdkafka does not ship
// its constants).
constexpr int16_t kProduce = 0;
constexpr int16_t kFetch = 1;
constexpr int16_t kEndTxn = 26;

class MockKafkaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char err[256];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    host_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    ASSERT_NE(host_, nullptr) << err;
    cluster_ = rd_kafka_mock_cluster_new(host_, 3);
    ASSERT_NE(cluster_, nullptr);
    kafka_.brokers = rd_kafka_mock_cluster_bootstraps(cluster_);
    kafka_.timeout_ms = 10'000;
    kafka_.replication_factor = 1;
    fund_id_ = "MOCK";
    // The mock cluster has no controller for CreateTopics: the topic is made here,
    // as an operator would on a cluster that forbids clients to create topics.
    kafka_.create_topic = false;
    ASSERT_EQ(rd_kafka_mock_topic_create(cluster_, FundTopic(kafka_, fund_id_).c_str(), 1, 3), RD_KAFKA_RESP_ERR_NO_ERROR);
  }
  void TearDown() override {
    fund_.reset();
    if (cluster_) rd_kafka_mock_cluster_destroy(cluster_);
    if (host_) rd_kafka_destroy(host_);
  }
  void OpenTheFund() {
    FundOptions o;
    o.data_dir = dir_.Sub("store");
    o.create = true;
    o.fund_id = fund_id_;
    o.make_journal = [this](Store* s) -> Result<std::unique_ptr<Journal>> {
      ASSIGN_OR_RETURN(auto j, KafkaJournal::Open(s, fund_id_, kafka_));
      return std::unique_ptr<Journal>(std::move(j));
    };
    fund_.reset();
    auto f = Fund::Open(o);
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    fund_ = std::move(f).value();
  }
  Result<CommandOutcome> AddUnit(const std::string& id) {
    return fund_->Execute({Actor{"adm1", Role::kAdmin}, "unit-" + id},
                          RegisterUnit{UnitRegistered{id, "u", 10, 5}, Date{16801}});
  }
  // How many events the topic holds, read by a fresh follower.
  uint64_t TopicEvents() {
    testing::TempDir d;
    StoreOptions so;
    so.create_if_missing = true;
    auto follower = Store::Open(d.Sub("f"), so);
    HUZHU_CHECK(follower.ok());
    auto applied = FollowTopic(follower->get(), fund_id_, kafka_);
    EXPECT_TRUE(applied.ok()) << applied.status().ToString();
    if (applied.ok()) {
      EXPECT_EQ((*follower)->head().hash, fund_->store().head().hash);
    }
    return applied.ok() ? *applied : 0;
  }
  void Opened() {
    OpenTheFund();
    ASSERT_TRUE(fund_->Execute({Actor{"adm1", Role::kAdmin}, "open"}, huzhu::OpenFund{FundOpened{"f", "M"}, Date{16801}}).ok());
  }

  rd_kafka_t* host_ = nullptr;
  rd_kafka_mock_cluster_t* cluster_ = nullptr;
  KafkaOptions kafka_;
  std::string fund_id_;
  testing::TempDir dir_;
  std::unique_ptr<Fund> fund_;
};

TEST_F(MockKafkaTest, RetriableProduceErrorsAreRetriedAndWriteOnce) {
  Opened();
  rd_kafka_mock_push_request_errors(cluster_, kProduce, 2, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
                                    RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS);
  auto out = AddUnit("U1");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(fund_->store().head().seq, 2u);
  EXPECT_EQ(TopicEvents(), 2u);
}

TEST_F(MockKafkaTest, AbortableProduceErrorAbortsAndAppliesNothing) {
  Opened();
  rd_kafka_mock_push_request_errors(cluster_, kProduce, 1, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
  auto refused = AddUnit("U1");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kUnavailable) << refused.status().ToString();
  EXPECT_NE(refused.status().message().find("aborted"), std::string::npos) << refused.status().ToString();
  EXPECT_EQ(fund_->store().head().seq, 1u);
  // Re-sent, the command goes through once the producer has recovered (librdkafka
  // bumps its epoch after an aborted idempotent transaction); every failure on the
  // way says that nothing was applied.
  Result<CommandOutcome> next = Status::Unavailable("not tried");
  for (int attempt = 0; attempt < 5 && !next.ok(); ++attempt) {
    next = AddUnit("U2");
    if (!next.ok()) {
      EXPECT_NE(next.status().message().find("nothing was applied"), std::string::npos) << next.status().ToString();
    }
  }
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(fund_->store().head().seq, 2u);
  EXPECT_EQ(TopicEvents(), 2u) << "the aborted transactions must not be read";
}

TEST_F(MockKafkaTest, RetriableEndTxnErrorIsRetried) {
  Opened();
  rd_kafka_mock_push_request_errors(cluster_, kEndTxn, 2, RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS,
                                    RD_KAFKA_RESP_ERR_NOT_COORDINATOR);
  auto out = AddUnit("U1");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(TopicEvents(), 2u);
}

TEST_F(MockKafkaTest, FencedAtEndTxnStopsTheWriterAndAReopenCatchesUp) {
  Opened();
  rd_kafka_mock_push_request_errors(cluster_, kEndTxn, 1, RD_KAFKA_RESP_ERR_PRODUCER_FENCED);
  auto refused = AddUnit("U1");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kFenced) << refused.status().ToString();
  auto after = AddUnit("U2");
  EXPECT_EQ(after.status().code(), Status::Code::kFenced) << "a fenced writer takes no more commands";
  uint64_t before = fund_->store().head().seq;
  OpenTheFund();  // reopening fences the old producer and catches up on whatever was committed
  EXPECT_GE(fund_->store().head().seq, before);
  auto resumed = AddUnit("U3");
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  EXPECT_EQ(TopicEvents(), fund_->store().head().seq);
}

TEST_F(MockKafkaTest, FatalProduceErrorStopsTheWriterWithNothingApplied) {
  Opened();
  // A producer epoch the cluster no longer accepts: another writer took over.
  rd_kafka_mock_push_request_errors(cluster_, kProduce, 1, RD_KAFKA_RESP_ERR_PRODUCER_FENCED);
  auto refused = AddUnit("U1");
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().code() == Status::Code::kFenced || refused.status().code() == Status::Code::kUnavailable)
      << refused.status().ToString();
  EXPECT_EQ(fund_->store().head().seq, 1u);
  OpenTheFund();
  auto resumed = AddUnit("U2");
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  EXPECT_EQ(TopicEvents(), fund_->store().head().seq);
}

TEST_F(MockKafkaTest, FetchErrorsDuringCatchUpAreRetried) {
  Opened();
  ASSERT_TRUE(AddUnit("U1").ok());
  rd_kafka_mock_push_request_errors(cluster_, kFetch, 3, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                    RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION);
  EXPECT_EQ(TopicEvents(), 2u);
}

}  // namespace
}  // namespace huzhu
