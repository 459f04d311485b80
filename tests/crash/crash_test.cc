// Crash safety: a process appending batches is killed with SIGKILL at random
// moments. After each restart every acknowledged batch is present, no batch is
// partly present, and the chain verifies.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "ledger/store.h"
#include "tests/testing/temp_dir.h"

namespace huzhu {
namespace {

constexpr int kKills = 25;

struct Child {
  pid_t pid;
  int stdout_fd;
};

Child Spawn(const std::string& store_dir) {
  int fds[2];
  HUZHU_CHECK(pipe(fds) == 0);
  pid_t pid = fork();
  HUZHU_CHECK(pid >= 0);
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl(APPEND_LOOP_PATH, APPEND_LOOP_PATH, store_dir.c_str(), nullptr);
    _exit(127);
  }
  close(fds[1]);
  return {pid, fds[0]};
}

// Reads the child's "ack KEY" lines until it dies.
std::vector<std::string> ReadAcks(int fd) {
  std::string all;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) all.append(buf, static_cast<size_t>(n));
  close(fd);
  std::vector<std::string> keys;
  size_t pos = 0;
  while (true) {
    size_t end = all.find('\n', pos);
    if (end == std::string::npos) break;  // A torn last line was not a full ack.
    std::string line = all.substr(pos, end - pos);
    if (line.rfind("ack ", 0) == 0) keys.push_back(line.substr(4));
    pos = end + 1;
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
    Child child = Spawn(store_dir);
    std::thread reader([&] {
      for (auto& key : ReadAcks(child.stdout_fd)) acked.insert(key);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 300));
    kill(child.pid, SIGKILL);
    int wstatus = 0;
    waitpid(child.pid, &wstatus, 0);
    reader.join();
    ASSERT_TRUE(WIFSIGNALED(wstatus)) << "append_loop exited by itself in round " << round;

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
