#include "ledger/sorted_batch.h"

#include <algorithm>
#include <unordered_map>

namespace huzhu {

namespace {

struct Row {
  uint32_t family;
  bool deletion;
  rocksdb::Slice key;
  rocksdb::Slice value;
};

// Collects the batch's rows; the slices point into the batch. Any other operation is
// noted as unsupported (the base class would drop some of them silently), and the
// caller also checks that every counted row was collected.
class RowCollector : public rocksdb::WriteBatch::Handler {
 public:
  std::vector<Row> rows;

  rocksdb::Status PutCF(uint32_t family, const rocksdb::Slice& key, const rocksdb::Slice& value) override {
    rows.push_back({family, false, key, value});
    return rocksdb::Status::OK();
  }
  rocksdb::Status DeleteCF(uint32_t family, const rocksdb::Slice& key) override {
    rows.push_back({family, true, key, {}});
    return rocksdb::Status::OK();
  }
  rocksdb::Status SingleDeleteCF(uint32_t, const rocksdb::Slice&) override { return Unsupported(); }
  rocksdb::Status DeleteRangeCF(uint32_t, const rocksdb::Slice&, const rocksdb::Slice&) override {
    return Unsupported();
  }
  rocksdb::Status MergeCF(uint32_t, const rocksdb::Slice&, const rocksdb::Slice&) override { return Unsupported(); }
  void LogData(const rocksdb::Slice&) override { unsupported = true; }
  bool unsupported = false;

 private:
  rocksdb::Status Unsupported() {
    unsupported = true;
    return rocksdb::Status::NotSupported("SortedBatch reorders puts and deletes only");
  }
};

}  // namespace

std::optional<rocksdb::WriteBatch> SortedBatch(const rocksdb::WriteBatch& batch,
                                               const std::vector<rocksdb::ColumnFamilyHandle*>& families) {
  RowCollector collector;
  collector.rows.reserve(batch.Count());
  if (!batch.Iterate(&collector).ok() || collector.unsupported || collector.rows.size() != batch.Count()) {
    return std::nullopt;
  }
  std::unordered_map<uint32_t, rocksdb::ColumnFamilyHandle*> by_id;
  for (auto* family : families) by_id[family->GetID()] = family;
  std::stable_sort(collector.rows.begin(), collector.rows.end(), [](const Row& a, const Row& b) {
    if (a.family != b.family) return a.family < b.family;
    return a.key.compare(b.key) < 0;
  });
  std::optional<rocksdb::WriteBatch> sorted(std::in_place, batch.GetDataSize());
  for (const Row& row : collector.rows) {
    auto family = by_id.find(row.family);
    if (family == by_id.end()) return std::nullopt;
    rocksdb::Status s = row.deletion ? sorted->Delete(family->second, row.key)
                                     : sorted->Put(family->second, row.key, row.value);
    if (!s.ok()) return std::nullopt;
  }
  return sorted;
}

}  // namespace huzhu
