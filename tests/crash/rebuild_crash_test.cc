// Crash safety of rebuilds: a process rebuilding every projection (dropping each
// family, replaying the events, ingesting sorted files) is killed with SIGKILL at
// random moments. Opening the fund afterwards must leave every projection at the
// chain head and equal, byte for byte, to a rebuild in a scratch store, with no
// bulk-load files left behind.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "projections/audit.h"
#include "projections/projected_fund.h"
#include "tests/testing/catalog.h"
#include "tests/testing/child_process.h"
#include "tests/testing/temp_dir.h"
#include "tools/generator/generator.h"

namespace huzhu {
namespace {

namespace fs = std::filesystem;

constexpr int kKills = 8;

FundOptions OptionsFor(const std::string& dir) {
  FundOptions options;
  options.data_dir = dir;
  options.clock = std::make_shared<ManualClock>(*ParseTimestamp("2014-12-01T01:00:00Z"));
  return options;
}

void GenerateSmallFund(const std::string& dir) {
  FundOptions options = OptionsFor(dir);
  options.create = true;
  options.fund_id = "DEMO";
  auto opened = OpenProjectedFund(options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  gen::GeneratorOptions g;
  g.scale = *gen::ScaleNamed("small");
  auto* clock = static_cast<ManualClock*>(options.clock.get());
  ASSERT_TRUE(gen::Generate(*opened->fund, *clock, g, testing::CatalogPath(), nullptr).ok());
}

std::vector<std::string> BulkLoadLeftovers(const std::string& dir) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().rfind("bulk-load-", 0) == 0) found.push_back(entry.path().string());
  }
  return found;
}

TEST(RebuildCrashTest, AKilledRebuildIsFinishedWhenTheFundOpensAndEqualsAFreshOne) {
  testing::TempDir dir;
  std::string store_dir = dir.Sub("store");
  GenerateSmallFund(store_dir);
  unsigned seed = std::random_device{}();
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  int rebuilds_seen = 0, repaired = 0;
  for (int round = 0; round < kKills; ++round) {
    testing::Child child = testing::SpawnReadingStdout(REBUILD_LOOP_PATH, {store_dir});
    std::thread reader([&] { rebuilds_seen += static_cast<int>(testing::ReadLines(child.stdout_fd).size()); });
    std::this_thread::sleep_for(std::chrono::milliseconds(50 + rng() % 400));
    bool killed = testing::KillAndReap(child);
    reader.join();
    ASSERT_TRUE(killed) << "rebuild_loop exited by itself in round " << round;

    auto opened = OpenProjectedFund(OptionsFor(store_dir));
    ASSERT_TRUE(opened.ok()) << "round " << round << ": " << opened.status().ToString();
    repaired += opened->projections_caught_up > 0;
    uint64_t head = opened->fund->store().head().seq;
    for (const auto& name : opened->projections->Names()) {
      auto meta = opened->projections->Meta(name);
      ASSERT_TRUE(meta.ok());
      EXPECT_EQ(meta->seq, head) << "round " << round << ": " << name;
      EXPECT_GT(meta->version, 0u) << "round " << round << ": " << name;
    }
    auto audit = AuditProjections(opened->fund->store(), dir.Sub("scratch-" + std::to_string(round)), nullptr);
    ASSERT_TRUE(audit.ok()) << audit.status().ToString();
    EXPECT_FALSE(audit->difference.has_value())
        << "round " << round << ": " << audit->difference->projection << " differs at " << audit->difference->key_hex;
    EXPECT_TRUE(BulkLoadLeftovers(store_dir).empty()) << "round " << round;
  }
  // Kills that land mid-rebuild are the point of the test.
  EXPECT_GT(repaired, 0) << "no kill interrupted a rebuild (" << rebuilds_seen << " rebuilds finished)";
}

}  // namespace
}  // namespace huzhu
