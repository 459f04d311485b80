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

// Keys a projection's overlay may hold during a rebuild or catch-up before what it
// wrote goes out: bounds the memory a rebuild holds, whatever the ledger's size (the
// rows projections read back: a claim's view and maps, running totals; history rows
// and facts go to bulk loaders as they come). Large, because a claim's view is
// rewritten by each of its events, weeks apart: while the overlay holds it, it is
// read from memory and written once. A city rebuild never reaches it.
constexpr size_t kRebuildOverlayKeysMax = size_t{1} << 18;
struct RebuildLimits {
  BulkLoadLimits bulk;
  size_t overlay_keys = kRebuildOverlayKeysMax;
};

// Events applied between two progress reports of a rebuild.
constexpr uint64_t kRebuildProgressEvents = 131072;

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

  // How rebuilds and catch-ups load rows (tests make the bounds small, so that a
  // small ledger spans several files and overlays).
  void set_rebuild_limits(const RebuildLimits& limits) { rebuild_limits_ = limits; }

  Result<ProjectionMeta> Meta(const std::string& name) const;
  std::vector<std::string> Names() const;
  bool Has(const std::string& name) const;

 private:
  struct Entry;
  Status Replay(std::vector<Entry*> entries, uint64_t from_seq, FamilyAtStart at_start, const ProgressFn& progress);
  std::vector<std::unique_ptr<Entry>> entries_;
  Store* store_;
  RebuildLimits rebuild_limits_;
};

// Replays the events of `events` into fresh projections written to `out` (a scratch
// database with a family per projection, by name): what `huzhu audit projections`
// compares with the kept ones. With `chain`, every event read is also passed to it
// (audit verify's checks, in the same pass); the caller checks its End.
Status RebuildInto(const Store& events, rocksdb::DB* out,
                   const std::vector<rocksdb::ColumnFamilyHandle*>& families,
                   const ProgressFn& progress, ChainCheck* chain = nullptr);

std::string EncodeProjectionMeta(const ProjectionMeta& meta);

// The projections CatchUp would touch: missing from `store`, kept under another
// version, or behind its head. Only reads: for a store opened read-only while
// another process writes.
Result<std::vector<std::string>> ProjectionsBehind(const Store& store);

}  // namespace huzhu
