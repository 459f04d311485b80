// Auditing the write side: replay every event into a scratch store, where each is
// checked by the rules again as it is applied, and compare the state the replay
// ends in with the kept one (the `state` family), row by row. The read side has its
// own audit (projections/audit.h).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "ledger/row_compare.h"
#include "ledger/store.h"

namespace huzhu {

struct StateAudit {
  uint64_t events = 0;
  uint64_t rows_compared = 0;
  std::optional<RowDifference> difference;  // the first, if any
};

// Events appended to the scratch store per batch.
constexpr size_t kStateAuditBatchEvents = 4096;

// `scratch_dir` must not exist; it is removed afterwards. An event the rules refuse
// on replay is an error naming it. `progress` is called with the seq reached.
Result<StateAudit> AuditState(const Store& store, const std::string& scratch_dir,
                              const std::function<void(uint64_t seq)>& progress);

}  // namespace huzhu
