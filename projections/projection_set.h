// ProjectionSet: the read side kept up to date with the ledger. As a BatchObserver
// it applies every appended event to every projection in the store's WriteBatch;
// it also catches projections up after an upgrade and rebuilds them from the events.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ledger/batch_observer.h"
#include "ledger/bulk_loader.h"
#include "ledger/state_overlay.h"
#include "ledger/store.h"
#include "projections/projection.h"

namespace huzhu {

// Events applied between two writes during a rebuild or catch-up: bounds the memory
// a rebuild holds, whatever the ledger's size (the rows projections read back, a few
// per event; history rows and facts go to bulk loaders). Large, because a claim's
// view and maps are rewritten by each of its events, weeks apart: in one chunk they
// are read from memory and written once (city rebuild 1.8-1.9 s at 131,072 against
// 2.0-2.1 s at 8,192; peak RSS 20 MiB more).
constexpr uint64_t kRebuildChunkEvents = 131072;

using ProgressFn = std::function<void(uint64_t seq)>;

struct ProjectionMeta {
  uint32_t version = 0;  // 0: never built, or a rebuild did not finish
  uint64_t seq = 0;      // last event applied
};

// Every projection of this build, in the order they apply events.
std::vector<std::unique_ptr<Projection>> AllProjections();
// Their column families, for opening a store.
std::vector<std::string> ProjectionColumnFamilies();

class ProjectionSet : public BatchObserver {
 public:
  // REQUIRES: the store was opened with ProjectionColumnFamilies() and outlives this.
  explicit ProjectionSet(Store* store);
  ~ProjectionSet() override;

  Status OnEvent(const Event& event, rocksdb::WriteBatch* batch) override;
  Status OnBatchEnd(uint64_t last_seq, rocksdb::WriteBatch* batch) override;
  void OnAbort() override;
  void OnCommit() override;

  // Brings every projection to the chain head: rebuilds those kept under another
  // version (or never finished), applies the missing events to those behind.
  // Returns how many projections it touched.
  Result<int> CatchUp(const ProgressFn& progress);
  // Throws `name` (empty: all) away and rebuilds it from the events.
  Status Rebuild(const std::string& name, const ProgressFn& progress);

  // How rebuilds and catch-ups load appended rows (tests make the buffers small, so
  // that a small ledger spans several files).
  void set_bulk_load_limits(const BulkLoadLimits& limits) { bulk_load_limits_ = limits; }

  Result<ProjectionMeta> Meta(const std::string& name) const;
  std::vector<std::string> Names() const;
  bool Has(const std::string& name) const;

 private:
  struct Entry;
  Status Replay(std::vector<Entry*> entries, uint64_t from_seq, const ProgressFn& progress);
  std::vector<std::unique_ptr<Entry>> entries_;
  Store* store_;
  BulkLoadLimits bulk_load_limits_;
};

// Replays the events of `events` into fresh projections written to `out` (a scratch
// database with a family per projection, by name): what `huzhu audit projections`
// compares with the kept ones. With `chain`, every event read is also passed to it
// (audit verify's checks, in the same pass); the caller checks its End.
Status RebuildInto(const Store& events, rocksdb::DB* out,
                   const std::vector<rocksdb::ColumnFamilyHandle*>& families,
                   const ProgressFn& progress, ChainCheck* chain = nullptr);

std::string EncodeProjectionMeta(const ProjectionMeta& meta);

}  // namespace huzhu
