// The read-ahead (StateOverlay::Prefetch) is only an optimisation: whatever was
// prefetched, every Get answers exactly what it answers without it, pending writes
// and deletions of the batch included.
#include "ledger/state_overlay.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <chrono>
#include <map>
#include <memory>
#include <random>
#include <thread>

#include "tests/testing/scratch_rocksdb.h"

namespace huzhu {
namespace {

class StateOverlayTest : public ::testing::Test {
 protected:
  void Commit(const std::string& key, const std::string& value) {
    ASSERT_TRUE(db_->Put({}, key, value).ok());
  }
  std::optional<std::string> Read(const StateOverlay& kv, const std::string& key) {
    auto got = kv.Get(key);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() ? *got : std::nullopt;
  }

  testing::ScratchRocksDb scratch_;
  rocksdb::DB* db_ = scratch_.db();
};

TEST_F(StateOverlayTest, PrefetchedReadsEqualPlainReadsWithPendingWritesOnTop) {
  // Enough keys that the read-ahead splits them over two threads.
  constexpr int kKeys = 10'000;
  for (int i = 0; i < kKeys; i += 2) Commit("K/" + std::to_string(i), "v" + std::to_string(i));
  StateOverlay plain(db_, db_->DefaultColumnFamily());
  StateOverlay ahead(db_, db_->DefaultColumnFamily());
  for (StateOverlay* kv : {&plain, &ahead}) {
    kv->Put("K/4", "pending");  // overwrites a committed row
    kv->Delete("K/6");          // deletes one
    kv->Put("K/7", "new");      // adds one that RocksDB lacks
  }
  std::vector<std::string> keys;
  for (int i = kKeys - 1; i >= 0; --i) keys.push_back("K/" + std::to_string(i));  // unsorted, on purpose
  keys.push_back("K/8");  // twice
  ASSERT_TRUE(ahead.Prefetch(keys).ok());
  for (int i = 0; i < kKeys + 10; ++i) {
    std::string key = "K/" + std::to_string(i);
    ASSERT_EQ(Read(ahead, key), Read(plain, key)) << key;
  }
  EXPECT_EQ(Read(ahead, "K/4"), "pending");
  EXPECT_EQ(Read(ahead, "K/6"), std::nullopt);
  EXPECT_EQ(Read(ahead, "K/7"), "new");
  EXPECT_EQ(Read(ahead, "K/2"), "v2");
  EXPECT_EQ(Read(ahead, "K/3"), std::nullopt);
}

TEST_F(StateOverlayTest, ClearForgetsWhatWasReadAhead) {
  Commit("K/1", "old");
  StateOverlay kv(db_, db_->DefaultColumnFamily());
  ASSERT_TRUE(kv.Prefetch({"K/1", "K/2"}).ok());
  kv.Clear();  // a commit: what was read may be stale now
  Commit("K/1", "new");
  Commit("K/2", "born");
  EXPECT_EQ(Read(kv, "K/1"), "new");
  EXPECT_EQ(Read(kv, "K/2"), "born");
}

// An import drops a bad row's writes with RollbackTo and goes on: reads, key listings
// and what is staged for RocksDB must then be as if those writes never happened.
TEST_F(StateOverlayTest, RollbackUndoesWritesForReadsListingsAndTheBatch) {
  Commit("V/u1/a", "committed");
  Commit("V/u1/b", "committed");
  StateOverlay kv(db_, db_->DefaultColumnFamily());
  EXPECT_EQ(Read(kv, "V/u1/a"), "committed");  // read, so cached, before being written
  kv.Put("V/u1/c", "kept");
  size_t savepoint = kv.Savepoint();
  kv.Put("V/u1/a", "dropped");
  kv.Delete("V/u1/b");
  kv.Put("V/u1/d", "dropped");
  kv.Put("V/u1/c", "dropped");
  EXPECT_EQ(Read(kv, "V/u1/a"), "dropped");
  EXPECT_EQ(*kv.Keys("V/u1/"), (std::vector<std::string>{"V/u1/a", "V/u1/c", "V/u1/d"}));

  kv.RollbackTo(savepoint);
  EXPECT_EQ(Read(kv, "V/u1/a"), "committed");
  EXPECT_EQ(Read(kv, "V/u1/b"), "committed");
  EXPECT_EQ(Read(kv, "V/u1/c"), "kept");
  EXPECT_EQ(Read(kv, "V/u1/d"), std::nullopt);
  EXPECT_EQ(*kv.Keys("V/u1/"), (std::vector<std::string>{"V/u1/a", "V/u1/b", "V/u1/c"}));
  kv.Delete("V/u1/a");  // a write after the rollback still counts
  EXPECT_EQ(*kv.Keys("V/u1/"), (std::vector<std::string>{"V/u1/b", "V/u1/c"}));

  rocksdb::WriteBatch batch;
  ASSERT_TRUE(kv.FlushInto(&batch).ok());
  EXPECT_EQ(batch.Count(), 2u);  // the deletion of a and the put of c, nothing rolled back
  ASSERT_TRUE(db_->Write({}, &batch).ok());
  kv.Clear();
  EXPECT_EQ(Read(kv, "V/u1/a"), std::nullopt);
  EXPECT_EQ(Read(kv, "V/u1/b"), "committed");
  EXPECT_EQ(Read(kv, "V/u1/c"), "kept");
  EXPECT_EQ(Read(kv, "V/u1/d"), std::nullopt);
}

// A key written twice between flushes is staged once, with its last value; one
// written again after a flush is staged again.
TEST_F(StateOverlayTest, FlushStagesEachWrittenKeyOnceWithItsLastValue) {
  StateOverlay kv(db_, db_->DefaultColumnFamily());
  kv.Put("K/1", "first");
  kv.Put("K/1", "second");
  kv.Put("K/2", "x");
  rocksdb::WriteBatch batch;
  ASSERT_TRUE(kv.FlushInto(&batch).ok());
  EXPECT_EQ(batch.Count(), 2u);
  kv.Put("K/1", "third");
  ASSERT_TRUE(kv.FlushInto(&batch).ok());
  EXPECT_EQ(batch.Count(), 3u);
  ASSERT_TRUE(db_->Write({}, &batch).ok());
  std::string value;
  ASSERT_TRUE(db_->Get({}, "K/1", &value).ok());
  EXPECT_EQ(value, "third");
}

// A bulk job reads its next command's keys in the background while the current one
// is written: whatever the helper read before or after that write, a key written in
// the meantime must read its new value, and the others what RocksDB holds.
TEST_F(StateOverlayTest, BackgroundReadsNeverHideAWriteMadeMeanwhile) {
  constexpr int kKeys = 3000;  // several chunks
  std::map<std::string, std::string> committed;
  for (int i = 0; i < kKeys; i += 3) {
    Commit("K/" + std::to_string(i), "v0");
    committed["K/" + std::to_string(i)] = "v0";
  }
  StateOverlay kv(db_, db_->DefaultColumnFamily());
  std::mt19937 rng(7);
  for (int round = 1; round <= 60; ++round) {
    auto key = [&] { return "K/" + std::to_string(rng() % kKeys); };
    std::vector<std::string> later;
    for (int i = 0; i < 1500; ++i) later.push_back(key());
    // Writes made before the read starts count too: one already staged in the batch
    // and one not yet staged; both land in RocksDB after the helper may have read.
    rocksdb::WriteBatch batch;
    std::string staged = key();
    kv.Put(staged, "staged" + std::to_string(round));
    committed[staged] = "staged" + std::to_string(round);
    ASSERT_TRUE(kv.FlushInto(&batch).ok());
    std::string pending = key();
    kv.Put(pending, "pending" + std::to_string(round));
    committed[pending] = "pending" + std::to_string(round);
    later.push_back(staged);
    later.push_back(pending);
    kv.PrefetchInBackground(later);
    // Every other round the helper is given time to read everything first, so that
    // what it read is stale for the keys written below.
    if (round % 2 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    for (int i = 0; i < 200; ++i) {
      std::string k = key();
      if (rng() % 4 == 0) {
        kv.Delete(k);
        committed.erase(k);
      } else {
        kv.Put(k, "v" + std::to_string(round));
        committed[k] = "v" + std::to_string(round);
      }
    }
    ASSERT_TRUE(kv.FlushInto(&batch).ok());
    ASSERT_TRUE(db_->Write({}, &batch).ok());
    kv.Clear();
    ASSERT_TRUE(kv.Prefetch({key()}).ok());  // takes what was read in the background
    for (const std::string& k : later) {
      auto it = committed.find(k);
      ASSERT_EQ(Read(kv, k), it == committed.end() ? std::nullopt : std::optional<std::string>(it->second))
          << k << " in round " << round;
    }
    kv.Clear();
  }
}

TEST_F(StateOverlayTest, AnOverlayGoesAwayWithABackgroundReadInFlight) {
  for (int i = 0; i < 2000; ++i) Commit("K/" + std::to_string(i), "v");
  std::vector<std::string> keys;
  for (int i = 0; i < 2000; ++i) keys.push_back("K/" + std::to_string(i));
  for (int round = 0; round < 20; ++round) {
    StateOverlay kv(db_, db_->DefaultColumnFamily());
    kv.PrefetchInBackground(keys);
  }  // each waits for its helper's reads before its members go
  StateOverlay kv(db_, db_->DefaultColumnFamily());
  kv.PrefetchInBackground(keys);
  kv.PrefetchInBackground({"K/1"});  // one at a time: ignored while the first is in flight
  ASSERT_TRUE(kv.Prefetch({}).ok());
  EXPECT_EQ(Read(kv, "K/1999"), "v");
}

}  // namespace
}  // namespace huzhu
