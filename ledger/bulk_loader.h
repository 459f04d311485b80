// BulkLoader: writes many rows into one column family without the memtable, the way
// RocksDB recommends for a bulk load: rows are gathered in memory up to a bound,
// sorted, written as an SST file and ingested. A rebuild of a projection writes
// millions of rows at keys spread over the whole family (one per member and
// event); through the memtable each costs a skip-list insert, a flush and repeated
// compactions, and that was most of a rebuild's time.
//
// Rules for the caller:
// - rows added later win over rows added earlier at the same key;
// - the keys it loads are never also written through WriteBatches while it loads
//   (an ingested file takes a sequence number when it is ingested, not when its
//   rows were added);
// - rows become visible a file at a time, in the order added, and all of them once
//   Finish() returns: a caller marks its family finished only after Finish().
//
// Thread safety: one thread adds rows; the sorting and writing of a full buffer
// happens on a helper thread while the next buffer fills (at most one in flight, and
// two once BeginFinish starts the last file).
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <atomic>
#include <cstdint>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "events/status.h"

namespace huzhu {

struct BulkLoadLimits {
  // Rows (with 16 bytes of bookkeeping each) gathered before they are sorted and
  // written as one file. Two buffers may be alive at once (one filling, one being
  // written, with a 24-byte sort entry per row), three as the load ends (the last
  // one written beside the one in flight); that is a load's memory, however many
  // rows it loads in all.
  size_t buffer_bytes = 32u << 20;
  // Finish() hands a tail of at most this many rows to a WriteBatch instead of
  // writing a file, when no file was written: catching up a few events should not
  // leave tiny files behind.
  size_t small_tail_rows = 65536;
};

// What the family holds when a load starts. A load into an empty family (a rebuild)
// writes no deletion into its first file: the rows it deletes there were added in
// the same file, or never were (a claim's status index row added and retracted
// before the file was written leaves nothing behind, not a tombstone).
enum class FamilyAtStart { kMayHoldRows, kEmpty };

class BulkLoader {
 public:
  // REQUIRES: db and cf outlive the loader.
  BulkLoader(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, BulkLoadLimits limits = {},
             FamilyAtStart at_start = FamilyAtStart::kMayHoldRows);
  ~BulkLoader();
  BulkLoader(const BulkLoader&) = delete;
  BulkLoader& operator=(const BulkLoader&) = delete;

  Status Add(std::string_view key, std::string_view value);
  // Deletes `key` (a row added earlier, in this load or before it).
  Status Delete(std::string_view key);
  // Writes and ingests the rows added so far, and waits until they are readable.
  Status Flush();
  // Writes and ingests what is left; a small tail goes into `tail` instead (the
  // caller writes it). After Finish the loader takes no more rows.
  Status Finish(rocksdb::WriteBatch* tail);
  // Finish in two steps, so that several loaders write their last files at once (the
  // last file of each is a rebuild's tail, after every event is applied):
  // BeginFinish stages the small tail or starts the last file, EndFinish waits for it.
  Status BeginFinish(rocksdb::WriteBatch* tail);
  Status EndFinish() { return WaitForSpill(); }

  uint64_t files_ingested() const { return files_ingested_.load(); }

 private:
  static constexpr uint32_t kDeleted = UINT32_MAX;  // a Row's value_size for a deletion
  struct Row {
    uint64_t offset;  // into Buffer::bytes: key, then value
    uint32_t key_size;
    uint32_t value_size;
  };
  struct Buffer {
    std::string bytes;
    std::vector<Row> rows;
    std::string_view key(const Row& r) const { return {bytes.data() + r.offset, r.key_size}; }
    std::string_view value(const Row& r) const {
      return {bytes.data() + r.offset + r.key_size, r.value_size == kDeleted ? 0 : r.value_size};
    }
  };

  Status Push(std::string_view key, std::string_view value, bool deleted);
  Status Spill();
  Status WaitForSpill();
  // A row's place in the sorted order: the first 20 bytes of its key as big-endian
  // integers (a member's history key is 18 or 19) decide most comparisons, and most
  // equality tests between neighbours, without touching the key bytes, which lie at
  // random in the buffer.
  struct SortEntry {
    uint64_t high;
    uint64_t middle;
    uint32_t low;
    uint32_t index;  // into Buffer::rows, the order added: ties at one key keep it
    bool SamePrefix(const SortEntry& o) const { return high == o.high && middle == o.middle && low == o.low; }
  };
  static std::vector<SortEntry> Sorted(const Buffer& buffer);
  // The rows grouped by the two bytes after the prefix all their keys share, each
  // group in the order added (a counting sort); group g is [starts[g], starts[g+1]).
  static constexpr size_t kSortGroups = size_t{1} << 16;
  static std::vector<SortEntry> GroupedByPrefix(const Buffer& buffer, std::vector<uint32_t>* starts);
  // How many leading bytes every key in `buffer` shares.
  static size_t SharedPrefixSize(const Buffer& buffer);
  // `number` is the file's place in the load (0: the first). False when no row was
  // left to write (and no file was made).
  Result<bool> WriteFile(const Buffer& buffer, uint64_t number) const;
  Status Ingest(const std::string& path);
  Status WriteAndIngest(const Buffer& buffer, uint64_t number);
  std::string FilePath(uint64_t number) const;

  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
  BulkLoadLimits limits_;
  FamilyAtStart at_start_;
  std::string dir_;
  Buffer filling_;
  Buffer writing_;  // the helper thread's, while in_flight_ runs
  Buffer last_;     // the last file's rows (BeginFinish), written beside writing_
  std::future<Status> in_flight_;
  std::atomic<uint64_t> files_ingested_{0};  // counted on the helper thread
  uint64_t next_file_ = 0;
};

}  // namespace huzhu
