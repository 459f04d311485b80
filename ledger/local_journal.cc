#include "ledger/local_journal.h"

namespace huzhu {

Result<std::vector<Event>> LocalJournal::Append(std::vector<std::string> records) {
  AppendBatch batch;
  batch.records = std::move(records);
  return store_->Append(batch);
}

}  // namespace huzhu
