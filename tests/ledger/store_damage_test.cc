// Damage done to the store behind its back: tampered events, missing events,
// corrupt WAL and SST files. Each must be named, never crash, never pass.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "events/codec.h"
#include "ledger/keys.h"
#include "ledger/store.h"
#include "tests/testing/ledger_fixture.h"

namespace huzhu {
namespace {

namespace fs = std::filesystem;
using testing::LedgerFixture;

std::vector<fs::path> FilesEndingIn(const std::string& dir, const std::string& suffix) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().string().ends_with(suffix)) out.push_back(entry.path());
  }
  return out;
}

void FlipByte(const fs::path& file, uintmax_t offset) {
  std::fstream io(file, std::ios::in | std::ios::out | std::ios::binary);
  io.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  io.get(c);
  io.seekp(static_cast<std::streamoff>(offset));
  io.put(static_cast<char>(c ^ 0x5a));
}

TEST(StoreDamageTest, ChangedByteInOneEventIsNamedByVerify) {
  LedgerFixture f;
  f.Open();
  f.OpenFund();
  f.AppendContributions(9);
  std::string record = *f.store().GetRecord(6);
  record[record.size() / 2] ^= 0x01;  // A valid RocksDB write with wrong content.
  ASSERT_TRUE(f.store().db()->Put({}, f.store().cf(keys::kEventsCf), keys::EventKey(6), record).ok());
  auto report = f.store().VerifyChain();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), Status::Code::kCorruption);
  EXPECT_NE(report.status().message().find("event 6"), std::string::npos)
      << report.status().ToString();
}

TEST(StoreDamageTest, ResealedEventBreaksTheChainAtTheNextSeq) {
  LedgerFixture f;
  f.Open();
  f.OpenFund();
  f.AppendContributions(5);
  // Someone rewrites event 3 with a fresh, self-consistent hash: the chain catches it
  // at event 4, whose prev_hash still names the original.
  auto original = *f.store().Get(3);
  Event forged = original;
  std::get<ContributionReceived>(forged.payload).amount_fen = 1;
  std::string record = EncodeEvent(&forged);
  ASSERT_TRUE(f.store().db()->Put({}, f.store().cf(keys::kEventsCf), keys::EventKey(3), record).ok());
  auto report = f.store().VerifyChain();
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("chain breaks at seq 4"), std::string::npos)
      << report.status().ToString();
}

TEST(StoreDamageTest, DeletedEventIsNamed) {
  LedgerFixture f;
  f.Open();
  f.OpenFund();
  f.AppendContributions(5);
  ASSERT_TRUE(f.store().db()->Delete({}, f.store().cf(keys::kEventsCf), keys::EventKey(4)).ok());
  auto report = f.store().VerifyChain();
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("seq 4: that event is missing"), std::string::npos);
}

TEST(StoreDamageTest, TamperedHeadEventStopsTheStoreFromOpening) {
  LedgerFixture f;
  f.Open();
  f.OpenFund();
  f.AppendContributions(3);
  std::string record = *f.store().GetRecord(4);
  record[10] ^= 0x01;
  ASSERT_TRUE(f.store().db()->Put({}, f.store().cf(keys::kEventsCf), keys::EventKey(4), record).ok());
  f.Close();
  auto store = Store::Open(f.dir(), StoreOptions{});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Status::Code::kCorruption);
  EXPECT_NE(store.status().message().find("event 4"), std::string::npos);
}

TEST(StoreDamageTest, CorruptWalFailsTheOpenClearly) {
  LedgerFixture f;
  f.Open();
  f.OpenFund();
  f.AppendContributions(200);
  f.Close();  // The events are only in the WAL: nothing was flushed.
  auto logs = FilesEndingIn(f.dir(), ".log");
  ASSERT_EQ(logs.size(), 1u);
  ASSERT_GT(fs::file_size(logs[0]), 4096u);
  FlipByte(logs[0], fs::file_size(logs[0]) / 3);
  auto store = Store::Open(f.dir(), StoreOptions{});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Status::Code::kCorruption) << store.status().ToString();
  EXPECT_NE(store.status().message().find("damaged"), std::string::npos);
}

TEST(StoreDamageTest, CorruptSstFailsReadsClearly) {
  LedgerFixture f;
  f.Open();
  f.OpenFund();
  f.AppendContributions(300);
  ASSERT_TRUE(f.store().Flush().ok());
  f.Close();
  // The events family's table is the largest one.
  fs::path sst;
  for (const auto& p : FilesEndingIn(f.dir(), ".sst")) {
    if (sst.empty() || fs::file_size(p) > fs::file_size(sst)) sst = p;
  }
  ASSERT_FALSE(sst.empty());
  FlipByte(sst, fs::file_size(sst) / 4);
  auto store = Store::Open(f.dir(), StoreOptions{});
  Status status = store.ok() ? store.value()->VerifyChain().status() : store.status();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), Status::Code::kCorruption) << status.ToString();
}

}  // namespace
}  // namespace huzhu
