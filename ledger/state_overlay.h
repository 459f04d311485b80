// StateOverlay: the "state" column family as the writer sees it: what is committed
// in RocksDB, with the writes of the batch being checked or applied on top.
//
// A command is first checked by applying its events here (a dry run, then
// Discard), and applied again, for real, when the store appends it: the same code
// decides both times, and replay uses it too.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <string>
#include <vector>

#include "events/status.h"
#include "ledger/chunk_helper.h"

namespace huzhu {

class BulkLoader;

class StateOverlay {
 public:
  // REQUIRES: db and cf outlive the overlay.
  StateOverlay(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf);
  ~StateOverlay();  // waits for a background read-ahead still running
  StateOverlay(const StateOverlay&) = delete;
  StateOverlay& operator=(const StateOverlay&) = delete;

  Result<std::optional<std::string>> Get(const std::string& key) const;
  // Reads `keys` from RocksDB together (sorted, with MultiGet, large sets in chunks
  // shared with a second thread) into the read cache, so that the Gets that follow
  // are answered from memory. Keys already pending or cached are skipped. Only an
  // optimisation: a key not prefetched is read when asked for.
  Status Prefetch(std::vector<std::string> keys) const;
  // Starts reading `keys` on the second thread while the caller goes on (a bulk job's
  // next command's keys, read while this one is checked and written). The next
  // Prefetch takes what was read, except keys staged for writing since this call,
  // whose values may have changed; those are read again when asked for. One at a
  // time: a call while one is in flight does nothing.
  void PrefetchInBackground(std::vector<std::string> keys) const;
  void Put(const std::string& key, std::string value);
  void Delete(const std::string& key);
  // Keys that start with `prefix`, committed and pending merged, in order.
  Result<std::vector<std::string>> Keys(const std::string& prefix) const;

  // Savepoints: RollbackTo(Savepoint()) undoes the writes made after the savepoint
  // (an import drops a bad row's effects and goes on with the next).
  // Undo is recorded only once a savepoint has been taken (until Clear()): commands
  // that never roll back pay nothing for it.
  size_t Savepoint() {
    keep_undo_ = true;
    return undo_.size();
  }
  void RollbackTo(size_t savepoint);

  // Adds the writes made since the last call to `wb`.
  Status FlushInto(rocksdb::WriteBatch* wb);
  // Adds them to `loader` instead (a rebuild: they become readable in RocksDB once
  // the loader ingests them).
  Status FlushInto(BulkLoader* loader);
  // Keys the overlay holds, read or written: its memory, until Clear().
  size_t size() const { return slots_.size(); }
  // Forgets every pending write (after a dry run, a refused batch, or a commit).
  void Clear();

 private:
  // What the overlay knows of one key. One hash map answers every Get, whether the
  // key was written by this batch or read from RocksDB: a lookup is one hash probe
  // (the ordered maps this replaced cost a string compare per tree level, and the
  // writer looks keys up millions of times a minute).
  enum class Known : uint8_t {
    kNothing,  // written and rolled back: ask RocksDB again
    kRead,     // `value` is what RocksDB holds (nullopt: absent)
    kWritten,  // `value` is this batch's write (nullopt: deleted)
  };
  struct Slot {
    std::optional<std::string> value;
    Known known = Known::kNothing;
    bool unflushed = false;  // listed in unflushed_
    bool listed = false;     // listed in written_
  };
  using Slots = std::unordered_map<std::string, Slot>;
  using Entry = Slots::value_type;  // a node of slots_: stays put until Clear()

  Slot& Write(const std::string& key);
  // The thread that shares large reads and does background ones.
  ChunkHelper& Helper() const;
  // Adds the background read-ahead's values (those still current) to the read cache.
  void TakeBackgroundReads() const;
  // Hands each write made since the last flush to `write(key, value)` (value
  // nullopt: a deletion). A template, not a std::function: the writer flushes once
  // per command, a call per row.
  template <class Sink>
  Status FlushUnflushed(Sink&& write);

  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
  mutable std::unique_ptr<ChunkHelper> prefetch_helper_;  // made when first needed: Helper()
  struct Background;
  mutable std::unique_ptr<Background> background_;  // a read-ahead in flight, if any
  // Keys staged for writing (FlushInto) since background_ began: what it read of
  // them may be stale.
  mutable std::unordered_set<std::string> staged_since_background_;
  mutable Slots slots_;  // cleared by Clear(); a batch reads the same unit, plan or member many times
  // Keys written since the last FlushInto, and since the last Clear (for Keys()), in
  // the order first written.
  std::vector<Entry*> unflushed_;
  // written_[0, written_sorted_) is in key order; Keys() sorts the rest in when asked.
  mutable std::vector<Entry*> written_;
  mutable size_t written_sorted_ = 0;
  // (key, its slot before a write), recorded once a savepoint is taken
  std::vector<std::pair<Entry*, Slot>> undo_;
  bool keep_undo_ = false;
};

}  // namespace huzhu
