// SortedBatch reorders a batch's rows for the memtables' sake; what the batch leaves
// in the database must not change, whichever order the rows were staged in.
#include "ledger/sorted_batch.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "tests/testing/scratch_rocksdb.h"

namespace huzhu {
namespace {

class SortedBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rocksdb::ColumnFamilyHandle* handle = nullptr;
    ASSERT_TRUE(db_->CreateColumnFamily({}, "other", &handle).ok());
    other_.reset(handle);
    families_ = {db_->DefaultColumnFamily(), other_.get()};
  }
  // Every row of both families, as "family/key" -> value.
  std::map<std::string, std::string> Contents() {
    std::map<std::string, std::string> rows;
    for (auto* family : families_) {
      std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator({}, family));
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        rows[family->GetName() + "/" + it->key().ToString()] = it->value().ToString();
      }
    }
    return rows;
  }

  testing::ScratchRocksDb scratch_;
  rocksdb::DB* db_ = scratch_.db();
  struct HandleCloser {
    rocksdb::DB* db;
    void operator()(rocksdb::ColumnFamilyHandle* h) const { db->DestroyColumnFamilyHandle(h); }
  };
  std::unique_ptr<rocksdb::ColumnFamilyHandle, HandleCloser> other_{nullptr, HandleCloser{db_}};
  std::vector<rocksdb::ColumnFamilyHandle*> families_;
};

TEST_F(SortedBatchTest, LeavesWhatTheOriginalLeavesAndSortsEachFamily) {
  ASSERT_TRUE(db_->Put({}, "m", "committed").ok());
  rocksdb::WriteBatch batch;
  auto* other = other_.get();
  auto* main = db_->DefaultColumnFamily();
  ASSERT_TRUE(batch.Put(main, "z", "1").ok());
  ASSERT_TRUE(batch.Put(other, "b", "1").ok());
  ASSERT_TRUE(batch.Put(main, "a", "first").ok());
  ASSERT_TRUE(batch.Delete(main, "m").ok());
  ASSERT_TRUE(batch.Put(main, "a", "second").ok());  // the same key again: the last write wins
  ASSERT_TRUE(batch.Put(other, "a", "1").ok());
  ASSERT_TRUE(batch.Put(main, "m", "reborn").ok());   // deleted, then written again
  ASSERT_TRUE(batch.Put(main, "k", "x").ok());
  ASSERT_TRUE(batch.Delete(main, "k").ok());          // written, then deleted

  auto sorted = SortedBatch(batch, families_);
  ASSERT_TRUE(sorted.has_value());
  EXPECT_EQ(sorted->Count(), batch.Count());
  ASSERT_TRUE(db_->Write({}, &*sorted).ok());
  std::map<std::string, std::string> expected = {
      {"default/a", "second"}, {"default/m", "reborn"}, {"default/z", "1"}, {"other/a", "1"}, {"other/b", "1"}};
  EXPECT_EQ(Contents(), expected);

  // Rows come out family by family, each in key order, repeated keys in their order.
  struct Order : rocksdb::WriteBatch::Handler {
    std::vector<std::string> rows;
    rocksdb::Status PutCF(uint32_t cf, const rocksdb::Slice& k, const rocksdb::Slice& v) override {
      rows.push_back(std::to_string(cf) + ":" + k.ToString() + "=" + v.ToString());
      return rocksdb::Status::OK();
    }
    rocksdb::Status DeleteCF(uint32_t cf, const rocksdb::Slice& k) override {
      rows.push_back(std::to_string(cf) + ":" + k.ToString() + " deleted");
      return rocksdb::Status::OK();
    }
  } order;
  ASSERT_TRUE(sorted->Iterate(&order).ok());
  std::string o = std::to_string(other->GetID());
  EXPECT_EQ(order.rows, (std::vector<std::string>{"0:a=first", "0:a=second", "0:k=x", "0:k deleted", "0:m deleted",
                                                  "0:m=reborn", "0:z=1", o + ":a=1", o + ":b=1"}));
}

TEST_F(SortedBatchTest, DeclinesWhatItDoesNotReorder) {
  rocksdb::WriteBatch merged;
  ASSERT_TRUE(merged.Put("a", "1").ok());
  ASSERT_TRUE(merged.Merge("a", "2").ok());
  EXPECT_FALSE(SortedBatch(merged, families_).has_value());

  rocksdb::WriteBatch logged;
  ASSERT_TRUE(logged.Put("a", "1").ok());
  ASSERT_TRUE(logged.PutLogData("note").ok());
  EXPECT_FALSE(SortedBatch(logged, families_).has_value());

  rocksdb::WriteBatch unknown_family;
  ASSERT_TRUE(unknown_family.Put(other_.get(), "a", "1").ok());
  EXPECT_FALSE(SortedBatch(unknown_family, {db_->DefaultColumnFamily()}).has_value());
}

}  // namespace
}  // namespace huzhu
