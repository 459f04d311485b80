// The bulk loader writes rows as sorted files instead of through the memtable: what a
// family holds afterwards must be exactly what the same rows written in order, one
// Put after another, would leave, however the rows fall into files.
#include "ledger/bulk_loader.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <rocksdb/table_properties.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <vector>

#include "tests/testing/scratch_rocksdb.h"

namespace huzhu {
namespace {

namespace fs = std::filesystem;

class BulkLoaderTest : public ::testing::Test {
 protected:
  std::map<std::string, std::string> Contents() {
    std::map<std::string, std::string> rows;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator({}));
    for (it->SeekToFirst(); it->Valid(); it->Next()) rows[it->key().ToString()] = it->value().ToString();
    EXPECT_TRUE(it->status().ok());
    return rows;
  }
  fs::path LoadDir() const { return fs::path(scratch_.path()) / "bulk-load-default"; }

  testing::ScratchRocksDb scratch_;
  rocksdb::DB* db_ = scratch_.db();
};

TEST_F(BulkLoaderTest, RowsSpreadOverManyFilesEqualThePutsAndDeletesInOrder) {
  // A buffer of 2 KiB: ~3,000 rows make dozens of files, each overlapping the others.
  BulkLoader loader(db_, db_->DefaultColumnFamily(), BulkLoadLimits{2048, 0});
  std::map<std::string, std::string> expected;
  for (int i = 0; i < 3000; ++i) {
    // Keys out of order and revisited: key k is written again 700 rows later.
    std::string key = "k" + std::to_string((i * 7919) % 2300);
    if (i % 5 == 4) {  // some rows are deleted again, in the same file or a later one
      ASSERT_TRUE(loader.Delete(key).ok());
      expected.erase(key);
      continue;
    }
    std::string value = "v" + std::to_string(i);
    ASSERT_TRUE(loader.Add(key, value).ok());
    expected[key] = value;
  }
  rocksdb::WriteBatch tail;
  ASSERT_TRUE(loader.Finish(&tail).ok());
  EXPECT_EQ(tail.Count(), 0u) << "a load that wrote files writes its tail as a file too";
  EXPECT_GT(loader.files_ingested(), 10u);
  EXPECT_EQ(Contents(), expected);
}

// A rebuild finishes its loaders together (BeginFinish on each, then EndFinish): each
// one's last file is written beside the file still in flight and must be ingested
// after it, or the earlier rows would win.
TEST_F(BulkLoaderTest, LoadersFinishedTogetherIngestTheirLastFileAfterTheOneInFlight) {
  // One loader per family, as a rebuild has (a loader's files live in a directory
  // named after its family); the second family's rows are compared as the first's.
  rocksdb::ColumnFamilyHandle* second = nullptr;
  ASSERT_TRUE(db_->CreateColumnFamily({}, "second", &second).ok());
  std::vector<std::unique_ptr<BulkLoader>> loaders;
  std::map<std::string, std::string> expected;
  for (const std::string prefix : {"a", "b"}) {
    auto* cf = prefix == "a" ? db_->DefaultColumnFamily() : second;
    loaders.push_back(std::make_unique<BulkLoader>(db_, cf, BulkLoadLimits{4096, 0}));
    BulkLoader& loader = *loaders.back();
    for (int round = 0; round < 3; ++round) {
      for (int k = 0; k < 40; ++k) {
        std::string key = prefix + std::to_string(k);
        std::string value = "round " + std::to_string(round) + std::string(40, '.');
        ASSERT_TRUE(loader.Add(key, value).ok());
        expected[key] = value;
      }
    }
    for (int k = 0; k < 10; ++k) {  // the last rows delete some keys again
      ASSERT_TRUE(loader.Delete(prefix + std::to_string(k)).ok());
      expected.erase(prefix + std::to_string(k));
    }
  }
  rocksdb::WriteBatch tail;
  for (auto& loader : loaders) ASSERT_TRUE(loader->BeginFinish(&tail).ok());
  for (auto& loader : loaders) ASSERT_TRUE(loader->EndFinish().ok());
  EXPECT_EQ(tail.Count(), 0u);
  for (auto& loader : loaders) EXPECT_EQ(loader->files_ingested(), 2u);  // a full buffer, then the last
  std::map<std::string, std::string> both = Contents();
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator({}, second));
  for (it->SeekToFirst(); it->Valid(); it->Next()) both[it->key().ToString()] = it->value().ToString();
  it.reset();
  ASSERT_TRUE(db_->DestroyColumnFamilyHandle(second).ok());
  EXPECT_EQ(both, expected);
}

TEST_F(BulkLoaderTest, ALaterRowAtTheSameKeyWinsInsideOneFile) {
  ASSERT_TRUE(db_->Put({}, "c", "stored before the load").ok());
  BulkLoader loader(db_, db_->DefaultColumnFamily(), BulkLoadLimits{1u << 20, 0});
  ASSERT_TRUE(loader.Add("b", "first").ok());
  ASSERT_TRUE(loader.Add("a", "only").ok());
  ASSERT_TRUE(loader.Add("b", "second").ok());
  ASSERT_TRUE(loader.Delete("c").ok());
  ASSERT_TRUE(loader.Add("d", "added").ok());
  ASSERT_TRUE(loader.Delete("d").ok());
  ASSERT_TRUE(loader.Add("b", "third").ok());
  rocksdb::WriteBatch tail;
  ASSERT_TRUE(loader.Finish(&tail).ok());
  EXPECT_EQ(loader.files_ingested(), 1u);
  EXPECT_EQ(Contents(), (std::map<std::string, std::string>{{"a", "only"}, {"b", "third"}}));
}

// Rows are grouped by the two bytes after the prefix every key shares, and a group
// already in order is not sorted again: keys that share long prefixes, differ only
// past the 20 bytes the sort compares as integers, or only by trailing zero bytes,
// in groups some in order and some not, still come out in key order, last row wins.
TEST_F(BulkLoaderTest, KeysSharingPrefixesOfEveryLengthComeOutInKeyOrder) {
  BulkLoader loader(db_, db_->DefaultColumnFamily(), BulkLoadLimits{1u << 20, 0});
  std::map<std::string, std::string> expected;
  auto add = [&](const std::string& key, const std::string& value) {
    ASSERT_TRUE(loader.Add(key, value).ok());
    expected[key] = value;
  };
  const std::string shared = "hM";
  for (int i = 0; i < 400; ++i) {
    std::string digits = std::to_string((i * 7919) % 397);  // out of order, some revisited
    add(shared + digits, "v" + std::to_string(i));
    add(shared + digits + std::string(1, '\0'), "zero" + std::to_string(i));
    add(shared + digits + std::string(24, 'x') + std::to_string(i % 7), "long" + std::to_string(i));
    add(shared + "~" + std::string(8, static_cast<char>(i >> 8)) + std::string(1, static_cast<char>(i)), "seq");
  }
  add(shared, "the shared prefix alone, no bytes to group by");
  rocksdb::WriteBatch tail;
  ASSERT_TRUE(loader.Finish(&tail).ok());
  EXPECT_EQ(loader.files_ingested(), 1u);
  EXPECT_EQ(Contents(), expected);
}

uint64_t DeletionsInFiles(rocksdb::DB* db) {
  rocksdb::TablePropertiesCollection tables;
  EXPECT_TRUE(db->GetPropertiesOfAllTables(&tables).ok());
  uint64_t deletions = 0;
  for (const auto& [file, properties] : tables) deletions += properties->num_deletions;
  return deletions;
}

// A rebuild loads into an empty family: its first file holds no tombstones (a row
// added and deleted again in it leaves nothing), later files keep theirs (the row
// they delete may sit in an earlier file).
TEST_F(BulkLoaderTest, ALoadIntoAnEmptyFamilyWritesNoDeletionIntoItsFirstFile) {
  BulkLoader loader(db_, db_->DefaultColumnFamily(), BulkLoadLimits{1u << 20, 0}, FamilyAtStart::kEmpty);
  ASSERT_TRUE(loader.Add("sfiled/CL1", "").ok());
  ASSERT_TRUE(loader.Add("sfiled/CL2", "").ok());
  ASSERT_TRUE(loader.Delete("sfiled/CL1").ok());
  ASSERT_TRUE(loader.Add("sapproved/CL1", "").ok());
  ASSERT_TRUE(loader.Delete("never/added").ok());
  ASSERT_TRUE(loader.Flush().ok());
  EXPECT_EQ(loader.files_ingested(), 1u);
  EXPECT_EQ(DeletionsInFiles(db_), 0u);
  ASSERT_TRUE(loader.Delete("sfiled/CL2").ok());  // in the second file, of a row in the first
  ASSERT_TRUE(loader.Add("spaid/CL2", "").ok());
  rocksdb::WriteBatch tail;
  ASSERT_TRUE(loader.Finish(&tail).ok());
  EXPECT_EQ(loader.files_ingested(), 2u);
  EXPECT_EQ(DeletionsInFiles(db_), 1u);
  EXPECT_EQ(Contents(), (std::map<std::string, std::string>{{"sapproved/CL1", ""}, {"spaid/CL2", ""}}));
}

TEST_F(BulkLoaderTest, AFirstFileOfDeletionsOfNothingIsNotWritten) {
  BulkLoader loader(db_, db_->DefaultColumnFamily(), BulkLoadLimits{1u << 20, 0}, FamilyAtStart::kEmpty);
  ASSERT_TRUE(loader.Add("a", "1").ok());
  ASSERT_TRUE(loader.Delete("a").ok());
  ASSERT_TRUE(loader.Flush().ok());
  EXPECT_EQ(loader.files_ingested(), 0u);
  EXPECT_TRUE(Contents().empty());
  EXPECT_FALSE(fs::exists(LoadDir() / "0.sst"));
}

TEST_F(BulkLoaderTest, ASmallTailGoesToTheCallersBatchInOrder) {
  BulkLoader loader(db_, db_->DefaultColumnFamily(), BulkLoadLimits{1u << 20, 100});
  ASSERT_TRUE(db_->Put({}, "gone", "before").ok());
  ASSERT_TRUE(loader.Add("x", "1").ok());
  ASSERT_TRUE(loader.Add("x", "2").ok());
  ASSERT_TRUE(loader.Delete("gone").ok());
  rocksdb::WriteBatch tail;
  ASSERT_TRUE(loader.Finish(&tail).ok());
  EXPECT_EQ(loader.files_ingested(), 0u);
  EXPECT_EQ(Contents(), (std::map<std::string, std::string>{{"gone", "before"}}))
      << "nothing is written until the caller writes the batch";
  ASSERT_TRUE(db_->Write({}, &tail).ok());
  EXPECT_EQ(Contents(), (std::map<std::string, std::string>{{"x", "2"}}));
}

TEST_F(BulkLoaderTest, LeftoversOfACrashedLoadAreRemovedAndNoneAreLeft) {
  fs::create_directories(LoadDir());
  std::ofstream(LoadDir() / "7.sst") << "half a file";
  {
    BulkLoader loader(db_, db_->DefaultColumnFamily(), BulkLoadLimits{64, 0});
    EXPECT_FALSE(fs::exists(LoadDir() / "7.sst"));
    for (int i = 0; i < 100; ++i) ASSERT_TRUE(loader.Add("k" + std::to_string(i), "v").ok());
    rocksdb::WriteBatch tail;
    ASSERT_TRUE(loader.Finish(&tail).ok());
  }
  EXPECT_FALSE(fs::exists(LoadDir()));
  EXPECT_EQ(Contents().size(), 100u);
}

}  // namespace
}  // namespace huzhu
