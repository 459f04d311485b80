// The embedded journal: the RocksDB store itself. Used when no brokers are configured.
#pragma once

#include "ledger/journal.h"
#include "ledger/store.h"

namespace huzhu {

class LocalJournal : public Journal {
 public:
  // REQUIRES: store outlives the journal.
  explicit LocalJournal(Store* store) : store_(store) {}
  Result<std::vector<Event>> Append(SealedBatch batch) override;
  std::string_view name() const override { return "local"; }

 private:
  Store* store_;
};

}  // namespace huzhu
