// SIGKILL of a Kafka-journal writer at random moments during bulk recording: after
// each restart (which catches up from the topic) nothing acknowledged is lost,
// nothing is applied twice, the chain verifies and the projections equal a rebuild.
#include <gtest/gtest.h>
#include <unistd.h>

#include <map>
#include <random>
#include <set>
#include <thread>

#include "ledger/fund.h"
#include "projections/audit.h"
#include "projections/projected_fund.h"
#include "tests/kafka/kafka_env.h"
#include "tests/testing/child_process.h"
#include "tests/testing/temp_dir.h"

namespace huzhu {
namespace {

constexpr int kKills = 10;

// Collects the "ack KEY" lines the child printed, and whether it got to "ready".
void Drain(int fd, std::set<std::string>* acked, bool* ready) {
  for (const auto& line : testing::ReadLines(fd)) {
    if (line.rfind("ready", 0) == 0) *ready = true;
    if (line.rfind("ack ", 0) == 0) acked->insert(line.substr(4));
  }
}

TEST(KafkaCrashTest, KilledWriterLosesNothingAcknowledgedAndAppliesNothingTwice) {
  KafkaOptions kafka = testing::TestKafka();
  std::string fund = testing::UniqueFund("X");
  testing::TempDir dir;
  std::string store_dir = dir.Sub("store");
  std::mt19937 rng(std::random_device{}());
  std::set<std::string> acked;
  int ready_rounds = 0;
  for (int round = 0; round < kKills; ++round) {
    testing::Child child = testing::SpawnReadingStdout(KAFKA_WRITER_LOOP, {store_dir, fund, kafka.brokers});
    bool ready = false;
    std::set<std::string> round_acks;
    std::thread reader([&] { Drain(child.stdout_fd, &round_acks, &ready); });
    // Most kills land while batches are being written; some during start-up.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500 + rng() % 2500));
    bool killed = testing::KillAndReap(child);
    reader.join();
    ASSERT_TRUE(killed) << "the writer stopped by itself in round " << round;
    ready_rounds += ready;
    acked.insert(round_acks.begin(), round_acks.end());
  }
  EXPECT_GE(ready_rounds, 3) << "the writer rarely got to write";
  EXPECT_FALSE(acked.empty());

  // Reopen as the next writer would: catch up from the topic, then check.
  FundOptions o;
  o.data_dir = store_dir;
  o.make_journal = [&](Store* s) -> Result<std::unique_ptr<Journal>> {
    ASSIGN_OR_RETURN(auto j, KafkaJournal::Open(s, fund, kafka));
    return std::unique_ptr<Journal>(std::move(j));
  };
  auto opened = OpenProjectedFund(o);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Fund& f = *opened->fund;
  auto verified = f.store().VerifyChain();
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  std::map<std::string, size_t> present;
  ASSERT_TRUE(f.store().ForEach(1, 0, [&](const Event& e, std::string_view) {
    if (std::holds_alternative<ContributionReceived>(e.payload)) ++present[e.envelope.idempotency_key];
    return Status::Ok();
  }).ok());
  for (const auto& [key, count] : present) {
    EXPECT_EQ(count, std::stoul(key.substr(key.rfind('-') + 1))) << "batch " << key << " partly present or twice";
  }
  for (const auto& key : acked) EXPECT_TRUE(present.count(key)) << "acknowledged batch " << key << " is lost";
  // And a follower of the topic ends with the same chain.
  StoreOptions so;
  so.create_if_missing = true;
  auto follower = Store::Open(dir.Sub("follower"), so);
  ASSERT_TRUE(follower.ok());
  ASSERT_TRUE(FollowTopic(follower->get(), fund, kafka).ok());
  EXPECT_EQ((*follower)->head().hash, f.store().head().hash);
  testing::TempDir scratch;
  auto audit = AuditProjections(f.store(), scratch.Sub("audit"), nullptr);
  ASSERT_TRUE(audit.ok());
  EXPECT_FALSE(audit->difference.has_value())
      << audit->difference->projection << " key " << audit->difference->key_hex << " kept "
      << audit->difference->kept_hex << " rebuilt " << audit->difference->rebuilt_hex;
}

}  // namespace
}  // namespace huzhu
