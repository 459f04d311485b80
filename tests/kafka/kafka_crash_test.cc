// SIGKILL of a Kafka-journal writer at random moments during bulk recording: after
// each restart (which catches up from the topic) nothing acknowledged is lost,
// nothing is applied twice, the chain verifies and the projections equal a rebuild.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <random>
#include <set>
#include <thread>

#include "ledger/fund.h"
#include "projections/audit.h"
#include "projections/projection_set.h"
#include "tests/kafka/kafka_env.h"
#include "tests/testing/temp_dir.h"

namespace huzhu {
namespace {

constexpr int kKills = 10;

struct Child {
  pid_t pid;
  int out;
};

Child Spawn(const std::string& dir, const std::string& fund, const std::string& brokers) {
  int fds[2];
  HUZHU_CHECK(pipe(fds) == 0);
  pid_t pid = fork();
  HUZHU_CHECK(pid >= 0);
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl(KAFKA_WRITER_LOOP, KAFKA_WRITER_LOOP, dir.c_str(), fund.c_str(), brokers.c_str(), nullptr);
    _exit(127);
  }
  close(fds[1]);
  return {pid, fds[0]};
}

// Reads lines until "ready", returning them; the rest is read by Drain.
void Drain(int fd, std::set<std::string>* acked, bool* ready) {
  std::string all;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    all.append(buf, static_cast<size_t>(n));
    if (all.find("ready") != std::string::npos) *ready = true;
  }
  close(fd);
  size_t pos = 0;
  for (size_t end; (end = all.find('\n', pos)) != std::string::npos; pos = end + 1) {
    std::string line = all.substr(pos, end - pos);
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
    Child child = Spawn(store_dir, fund, kafka.brokers);
    bool ready = false;
    std::set<std::string> round_acks;
    std::thread reader([&] { Drain(child.out, &round_acks, &ready); });
    // Most kills land while batches are being written; some during start-up.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500 + rng() % 2500));
    kill(child.pid, SIGKILL);
    int wstatus = 0;
    waitpid(child.pid, &wstatus, 0);
    reader.join();
    ASSERT_TRUE(WIFSIGNALED(wstatus)) << "the writer stopped by itself in round " << round;
    ready_rounds += ready;
    acked.insert(round_acks.begin(), round_acks.end());
  }
  EXPECT_GE(ready_rounds, kKills / 2) << "the writer rarely got to write";
  EXPECT_FALSE(acked.empty());

  // Reopen as the next writer would: catch up from the topic, then check.
  FundOptions o;
  o.data_dir = store_dir;
  o.extra_column_families = ProjectionColumnFamilies();
  o.make_journal = [&](Store* s) -> Result<std::unique_ptr<Journal>> {
    ASSIGN_OR_RETURN(auto j, KafkaJournal::Open(s, fund, kafka));
    return std::unique_ptr<Journal>(std::move(j));
  };
  auto opened = Fund::Open(o);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Fund& f = **opened;
  ProjectionSet projections(&f.store());
  f.AddObserver(&projections);
  ASSERT_TRUE(projections.CatchUp(nullptr).ok());
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
