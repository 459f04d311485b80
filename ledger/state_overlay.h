// StateOverlay: the "state" column family as the writer sees it: what is committed
// in RocksDB, with the writes of the batch being checked or applied on top.
//
// A command is first checked by applying its events here (a dry run, then
// Discard), and applied again, for real, when the store appends it: the same code
// decides both times, and replay uses it too.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <map>
#include <unordered_map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "events/status.h"

namespace huzhu {

class StateOverlay {
 public:
  // REQUIRES: db and cf outlive the overlay.
  StateOverlay(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) : db_(db), cf_(cf) {}

  Result<std::optional<std::string>> Get(const std::string& key) const;
  // Reads `keys` from RocksDB together (sorted, with MultiGet, large sets split over
  // two threads) into the read cache, so that the Gets that follow are answered from
  // memory. Keys already pending or cached are skipped. Only an optimisation: a key
  // not prefetched is read when asked for.
  Status Prefetch(std::vector<std::string> keys) const;
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
  // Forgets every pending write (after a dry run, a refused batch, or a commit).
  void Clear();
  bool empty() const { return pending_.empty(); }

 private:
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
  std::map<std::string, std::optional<std::string>> pending_;  // nullopt: deleted
  // What was read from RocksDB since the last Clear(): a batch reads the same unit,
  // plan or member many times, and nothing else writes while it is checked.
  mutable std::unordered_map<std::string, std::optional<std::string>> read_cache_;
  std::set<std::string> unflushed_;
  // (key, what pending_ held for it before: absent, or a value / deletion)
  std::vector<std::pair<std::string, std::optional<std::optional<std::string>>>> undo_;
  bool keep_undo_ = false;
  void Remember(const std::string& key);
};

}  // namespace huzhu
