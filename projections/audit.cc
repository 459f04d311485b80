#include "projections/audit.h"

#include <future>
#include <memory>

#include "ledger/scratch_directory.h"

namespace huzhu {

namespace {

// Opens a scratch database with one family per projection, closed and removed on scope exit.
class ScratchDb {
 public:
  ~ScratchDb() {
    if (db_) {
      for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
      db_->Close();
      db_.reset();
    }
  }
  Status Open(const std::string& dir) {
    RETURN_IF_ERROR(dir_.Claim(dir));
    rocksdb::DBOptions options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyDescriptor> families = {{rocksdb::kDefaultColumnFamilyName, {}}};
    for (const auto& name : ProjectionColumnFamilies()) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    RETURN_IF_ERROR(FromRocks(rocksdb::DB::Open(options, dir, families, &handles, &raw), "opening the scratch store"));
    db_.reset(raw);
    handles_ = handles;
    return Status::Ok();
  }
  rocksdb::DB* db() const { return db_.get(); }
  // The projection families, in AllProjections() order (the default family first).
  std::vector<rocksdb::ColumnFamilyHandle*> projection_families() const {
    return std::vector<rocksdb::ColumnFamilyHandle*>(handles_.begin() + 1, handles_.end());
  }

 private:
  ScratchDirectory dir_;  // first: removed after the database is closed
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

// The first difference between the kept and the rebuilt family of one projection.
Result<std::optional<ProjectionDifference>> Compare(const std::string& name, rocksdb::Iterator* kept,
                                                    rocksdb::Iterator* rebuilt, uint64_t* rows) {
  ASSIGN_OR_RETURN(std::optional<RowDifference> row, FirstDifference(kept, rebuilt, rows));
  if (!row) return std::optional<ProjectionDifference>();
  ProjectionDifference d;
  static_cast<RowDifference&>(d) = std::move(*row);
  d.projection = name;
  return std::optional<ProjectionDifference>(std::move(d));
}

}  // namespace

Result<ProjectionAudit> AuditProjections(const Store& store, const std::string& scratch_dir,
                                         const ProgressFn& progress, ChainCheck* chain) {
  ChainHead stored_head = store.head();
  ScratchDb scratch;
  RETURN_IF_ERROR(scratch.Open(scratch_dir));
  auto families = scratch.projection_families();
  RETURN_IF_ERROR(RebuildInto(store, scratch.db(), families, progress, chain));
  if (chain != nullptr) RETURN_IF_ERROR(chain->End(stored_head));
  ProjectionAudit audit;
  audit.events = stored_head.seq;
  auto projections = AllProjections();
  // Each family is compared on its own; the largest (by RocksDB's estimate) on a
  // second thread, beside the others. The first difference in projection order wins.
  struct Outcome {
    uint64_t rows = 0;
    Result<std::optional<ProjectionDifference>> difference = std::optional<ProjectionDifference>();
  };
  std::vector<Outcome> outcomes(projections.size());
  auto compare = [&](size_t i) {
    std::unique_ptr<rocksdb::Iterator> kept(store.db()->NewIterator({}, store.cf(projections[i]->column_family())));
    std::unique_ptr<rocksdb::Iterator> rebuilt(scratch.db()->NewIterator({}, families[i]));
    outcomes[i].difference = Compare(std::string(projections[i]->name()), kept.get(), rebuilt.get(), &outcomes[i].rows);
  };
  size_t largest = 0;
  uint64_t most_rows = 0;
  for (size_t i = 0; i < projections.size(); ++i) {
    uint64_t rows = 0;  // an estimate: only decides which family goes to the second thread
    store.db()->GetIntProperty(store.cf(projections[i]->column_family()), "rocksdb.estimate-num-keys", &rows);
    if (rows > most_rows) {
      most_rows = rows;
      largest = i;
    }
  }
  auto beside = std::async(std::launch::async, compare, largest);
  for (size_t i = 0; i < projections.size(); ++i) {
    if (i != largest) compare(i);
  }
  beside.get();
  for (Outcome& outcome : outcomes) {
    RETURN_IF_ERROR(outcome.difference.status());
    audit.rows_compared += outcome.rows;
    audit.difference = *outcome.difference;
    if (audit.difference) break;
  }
  return audit;
}

}  // namespace huzhu
