// Auditing the read side: rebuild every projection from the events into a scratch
// database and compare it with the kept one, byte for byte.
#pragma once

#include <optional>
#include <string>

#include "ledger/row_compare.h"
#include "ledger/store.h"
#include "projections/projection_set.h"

namespace huzhu {

struct ProjectionDifference : RowDifference {
  std::string projection;
};

struct ProjectionAudit {
  uint64_t events = 0;
  uint64_t rows_compared = 0;
  std::optional<ProjectionDifference> difference;  // the first, if any
};

// `scratch_dir` must not exist; it is removed afterwards. With `chain`, the rebuild's
// pass over the events also does audit verify's checks (ChainCheck), End included: one
// read and decode of the events for both audits.
Result<ProjectionAudit> AuditProjections(const Store& store, const std::string& scratch_dir,
                                         const ProgressFn& progress, ChainCheck* chain = nullptr);

}  // namespace huzhu
