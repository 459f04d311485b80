// Comparing two copies of a column family row by row: an audit's kept rows against
// the ones it rebuilt from the events.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <rocksdb/iterator.h>

#include "events/status.h"

namespace huzhu {

struct RowDifference {
  std::string key_hex;      // the first key that differs
  std::string kept_hex;     // its value in the kept family ("absent" when missing)
  std::string rebuilt_hex;  // and in the rebuilt one
};

// A row only the kept family holds that is nonetheless equivalent to the rebuild (a
// record an earlier version wrote that the current one no longer writes).
using KeptOnlyRowIsEquivalent = std::function<bool(const rocksdb::Slice& key, const rocksdb::Slice& value)>;

// Walks both iterators from the first key in key order; returns the first row whose
// key or value differs. `rows` counts the rows compared.
Result<std::optional<RowDifference>> FirstDifference(rocksdb::Iterator* kept, rocksdb::Iterator* rebuilt,
                                                     uint64_t* rows,
                                                     const KeptOnlyRowIsEquivalent& equivalent = nullptr);

}  // namespace huzhu
