#include "projections/projection.h"

namespace huzhu {

Status ProjectionSink::Append(const std::string& key, std::string_view value) {
  if (loader_ != nullptr) return loader_->Add(key, value);
  return FromRocks(batch_->Put(cf_, key, rocksdb::Slice(value.data(), value.size())),
                   "staging a projection row");
}

}  // namespace huzhu
