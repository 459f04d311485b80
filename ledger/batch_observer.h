// The hook through which the read side (projections) and the business state keep
// up with the ledger in the same atomic write as the events themselves.
#pragma once

#include <rocksdb/write_batch.h>

#include "events/event.h"
#include "events/status.h"

namespace huzhu {

class BatchObserver {
 public:
  virtual ~BatchObserver() = default;
  // Called for each event of a batch, in seq order, after the event was validated and
  // before anything is written. Adds the observer's own writes to `batch`. An error
  // refuses the whole batch: nothing of it is written.
  virtual Status OnEvent(const Event& event, rocksdb::WriteBatch* batch) = 0;
  // Called once after the last OnEvent of a batch, before the write: for writes that
  // are needed once per batch (a projection's position).
  virtual Status OnBatchEnd(uint64_t /*last_seq*/, rocksdb::WriteBatch* /*batch*/) { return Status::Ok(); }
  // Called when a batch that OnEvent saw was not written after all (another observer
  // refused it, or the write failed): forget any in-memory effect of it.
  virtual void OnAbort() = 0;
  // Called once the batch is durable.
  virtual void OnCommit() {}
};

}  // namespace huzhu
