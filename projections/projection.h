// Projection: one read-side view of the ledger, kept in its own column family and
// written in the same RocksDB WriteBatch as the events it follows. Every projection
// can be thrown away and rebuilt from the events alone, and the rebuilt one equals
// the kept one byte for byte (`huzhu audit projections`).
#pragma once

#include <rocksdb/write_batch.h>

#include <string>
#include <string_view>

#include "events/event.h"
#include "events/status.h"
#include "ledger/bulk_loader.h"
#include "ledger/state_overlay.h"
#include "ledger/store.h"

namespace huzhu {

// Where a projection writes while applying an event.
class ProjectionSink {
 public:
  // Appended rows go into the batch of the events being appended.
  ProjectionSink(StateOverlay* kv, rocksdb::WriteBatch* batch, rocksdb::ColumnFamilyHandle* cf)
      : kv_(kv), batch_(batch), cf_(cf) {}
  // Appended rows go to a bulk loader (rebuilds).
  ProjectionSink(StateOverlay* kv, BulkLoader* loader) : kv_(kv), loader_(loader) {}

  // Keys the projection reads back (running totals, id maps): read your own writes.
  Result<std::optional<std::string>> Get(const std::string& key) const { return kv_->Get(key); }
  void Set(const std::string& key, std::string value) { kv_->Put(key, std::move(value)); }
  void Erase(const std::string& key) { kv_->Delete(key); }
  // Keys written once and never read back while applying (history rows, facts), and
  // never written with Set or Erase: straight into the batch, or during a rebuild
  // into sorted files that skip the memtable. A later Append at a key wins.
  Status Append(const std::string& key, std::string_view value);
  // Deletes a key written with Append (an index entry that no longer holds).
  Status Retract(const std::string& key);

 private:
  StateOverlay* kv_;
  rocksdb::WriteBatch* batch_ = nullptr;
  rocksdb::ColumnFamilyHandle* cf_ = nullptr;
  BulkLoader* loader_ = nullptr;
};

class Projection {
 public:
  virtual ~Projection() = default;
  // A short name for the CLI ("balance", "members", "claims", "report").
  virtual std::string_view name() const = 0;
  // Bumped whenever what the projection stores changes; a store whose projection was
  // kept under another version is rebuilt.
  virtual uint32_t version() const = 0;
  // Applies one event. `events` holds every earlier event (for what a correction
  // corrects).
  virtual Status Apply(const Event& event, const Store& events, ProjectionSink& sink) = 0;

  std::string column_family() const { return "proj_" + std::string(name()); }
};

// The key, in each projection's family, holding its version and last applied seq.
// "\xff" sorts after every key a projection writes.
constexpr char kProjectionMetaKey[] = "\xff" "meta";

}  // namespace huzhu
