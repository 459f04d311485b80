#include "ledger/chunk_helper.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace huzhu {
namespace {

TEST(ChunkHelperTest, EveryChunkRunsExactlyOnce) {
  ChunkHelper helper;
  for (size_t chunks : {0u, 1u, 2u, 7u, 1000u}) {
    std::vector<std::atomic<int>> runs(chunks);
    ASSERT_TRUE(helper.Run(chunks, [&](size_t i) {
      runs[i].fetch_add(1);
      return Status::Ok();
    }).ok());
    for (size_t i = 0; i < chunks; ++i) EXPECT_EQ(runs[i].load(), 1) << "chunk " << i << " of " << chunks;
  }
}

TEST(ChunkHelperTest, AFailedChunkIsReportedAfterTheOthersFinish) {
  ChunkHelper helper;
  std::atomic<int> finished{0};
  Status s = helper.Run(64, [&](size_t i) {
    finished.fetch_add(1);
    return i == 17 ? Status::IOError("chunk 17 could not be read") : Status::Ok();
  });
  EXPECT_EQ(s.message(), "chunk 17 could not be read");
  EXPECT_EQ(finished.load(), 64);
}

TEST(ChunkHelperTest, TheHelperTakesChunksBesideTheCaller) {
  ChunkHelper helper;
  std::mutex mu;
  std::set<std::thread::id> threads;
  ASSERT_TRUE(helper.Run(100, [&](size_t) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::lock_guard lock(mu);
    threads.insert(std::this_thread::get_id());
    return Status::Ok();
  }).ok());
  EXPECT_EQ(threads.size(), 2u);
  EXPECT_TRUE(threads.count(std::this_thread::get_id()));
}

TEST(ChunkHelperTest, ManyShortJobsInARowEachFinishWhole) {
  // The helper often wakes for a job its caller has finished alone: it must find
  // nothing left and leave the caller's (destroyed) data alone.
  ChunkHelper helper;
  for (int job = 0; job < 2000; ++job) {
    std::vector<int> seen(3, 0);
    ASSERT_TRUE(helper.Run(seen.size(), [&](size_t i) {
      seen[i] += 1;
      return Status::Ok();
    }).ok());
    ASSERT_EQ(seen, std::vector<int>(3, 1)) << "job " << job;
  }
}

TEST(ChunkHelperTest, AStartedJobRunsOnTheHelperWhileTheCallerGoesOn) {
  ChunkHelper helper;
  std::atomic<int> on_helper{0};
  std::vector<std::atomic<int>> runs(8);
  auto caller = std::this_thread::get_id();
  ChunkHelper::Started started = helper.Start(runs.size(), [&](size_t i) {
    runs[i].fetch_add(1);
    if (std::this_thread::get_id() != caller) on_helper.fetch_add(1);
    return Status::Ok();
  });
  // The caller does other work; the helper takes chunks meanwhile.
  for (int waited = 0; waited < 2000 && on_helper.load() == 0; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_TRUE(helper.Finish(std::move(started)).ok());
  for (size_t i = 0; i < runs.size(); ++i) EXPECT_EQ(runs[i].load(), 1) << "chunk " << i;
  EXPECT_GT(on_helper.load(), 0);
}

TEST(ChunkHelperTest, FinishRunsWhatTheHelperHasNotBegun) {
  // The helper is kept busy by a job of its own, so the second job's chunks are all
  // left to Finish, on the caller's thread.
  ChunkHelper helper;
  std::atomic<bool> release{false};
  std::atomic<bool> blocking{false};
  ChunkHelper::Started busy = helper.Start(1, [&](size_t) {
    blocking.store(true);
    while (!release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return Status::Ok();
  });
  while (!blocking.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::set<std::thread::id> threads;
  ChunkHelper::Started second = helper.Start(5, [&](size_t) {
    threads.insert(std::this_thread::get_id());
    return Status::Ok();
  });
  ASSERT_TRUE(helper.Finish(std::move(second)).ok());
  EXPECT_EQ(threads, std::set<std::thread::id>{std::this_thread::get_id()});
  release.store(true);
  ASSERT_TRUE(helper.Finish(std::move(busy)).ok());
}

}  // namespace
}  // namespace huzhu
