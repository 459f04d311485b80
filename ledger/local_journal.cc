#include "ledger/local_journal.h"

namespace huzhu {

Result<std::vector<Event>> LocalJournal::Append(SealedBatch sealed) {
  AppendBatch batch;
  batch.records = std::move(sealed.records);
  batch.sealed_events = std::move(sealed.events);
  return store_->Append(std::move(batch));
}

}  // namespace huzhu
