// Crash safety: a process appending batches is killed with SIGKILL at random
// moments. After each restart every acknowledged batch is present, no batch is
// partly present, and the chain verifies.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "ledger/store.h"
#include "tests/testing/child_process.h"
#include "tests/testing/temp_dir.h"

namespace huzhu {
namespace {

constexpr int kKills = 25;

// The "ack KEY" lines the child printed before it died.
std::vector<std::string> Acks(int fd) {
  std::vector<std::string> keys;
  for (const auto& line : testing::ReadLines(fd)) {
    if (line.rfind("ack ", 0) == 0) keys.push_back(line.substr(4));
  }
  return keys;
}

size_t BatchSizeOf(const std::string& key) { return std::stoul(key.substr(key.rfind('-') + 1)); }

TEST(CrashTest, KilledWriterLosesNothingAcknowledgedAndLeavesNoPartialBatch) {
  testing::TempDir dir;
  std::string store_dir = dir.Sub("store");
  unsigned seed = std::random_device{}();
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::set<std::string> acked;
  for (int round = 0; round < kKills; ++round) {
    testing::Child child = testing::SpawnReadingStdout(APPEND_LOOP_PATH, {store_dir});
    std::thread reader([&] {
      for (auto& key : Acks(child.stdout_fd)) acked.insert(key);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 300));
    bool killed = testing::KillAndReap(child);
    reader.join();
    ASSERT_TRUE(killed) << "append_loop exited by itself in round " << round;

    auto store = Store::Open(store_dir, StoreOptions{});
    ASSERT_TRUE(store.ok()) << "round " << round << ": " << store.status().ToString();
    auto report = (*store)->VerifyChain();
    ASSERT_TRUE(report.ok()) << "round " << round << ": " << report.status().ToString();
    std::map<std::string, size_t> present;
    ASSERT_TRUE((*store)->ForEach(2, 0, [&](const Event& e, std::string_view) {
      ++present[e.envelope.idempotency_key];
      return Status::Ok();
    }).ok());
    for (const auto& [key, count] : present) {
      EXPECT_EQ(count, BatchSizeOf(key)) << "batch " << key << " is partly present";
    }
    for (const auto& key : acked) {
      EXPECT_TRUE(present.count(key)) << "acknowledged batch " << key << " is lost";
    }
  }
  EXPECT_GT(acked.size(), static_cast<size_t>(kKills)) << "too few batches to mean anything";
}

}  // namespace
}  // namespace huzhu
