#include "projections/projection.h"

namespace huzhu {

Status ProjectionSink::Append(const std::string& key, std::string_view value) {
  if (loader_ != nullptr) return loader_->Add(key, value);
  return FromRocks(batch_->Put(cf_, key, rocksdb::Slice(value.data(), value.size())),
                   "staging a projection row");
}

Status ProjectionSink::Retract(const std::string& key) {
  if (loader_ != nullptr) return loader_->Delete(key);
  return FromRocks(batch_->Delete(cf_, key), "staging a projection row's removal");
}

}  // namespace huzhu
