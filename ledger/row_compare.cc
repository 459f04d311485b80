#include "ledger/row_compare.h"

#include "events/hash.h"
#include "ledger/store.h"

namespace huzhu {

namespace {
std::string Hex(const rocksdb::Slice& s) { return ToHex(std::string_view(s.data(), s.size())); }
}  // namespace

Result<std::optional<RowDifference>> FirstDifference(rocksdb::Iterator* kept, rocksdb::Iterator* rebuilt,
                                                     uint64_t* rows, const KeptOnlyRowIsEquivalent& equivalent) {
  kept->SeekToFirst();
  rebuilt->SeekToFirst();
  while (kept->Valid() || rebuilt->Valid()) {
    ++*rows;
    int order = !kept->Valid() ? 1 : !rebuilt->Valid() ? -1 : kept->key().compare(rebuilt->key());
    if (order < 0 && equivalent && equivalent(kept->key(), kept->value())) {
      kept->Next();
      continue;
    }
    if (order != 0 || kept->value() != rebuilt->value()) {
      RowDifference d;
      d.key_hex = Hex(order <= 0 ? kept->key() : rebuilt->key());
      d.kept_hex = order <= 0 ? Hex(kept->value()) : "absent";
      d.rebuilt_hex = order >= 0 ? Hex(rebuilt->value()) : "absent";
      return std::optional<RowDifference>(d);
    }
    kept->Next();
    rebuilt->Next();
  }
  RETURN_IF_ERROR(FromRocks(kept->status(), "reading the kept rows"));
  RETURN_IF_ERROR(FromRocks(rebuilt->status(), "reading the rebuilt rows"));
  return std::optional<RowDifference>();
}

}  // namespace huzhu
