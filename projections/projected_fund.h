// A fund opened for writing with its read side attached: the projections' column
// families opened with the store, the projection set observing every append, and
// brought up to the chain head first (after an upgrade, or after a journal caught up
// from Kafka while the fund opened, they may lag or need a rebuild).
#pragma once

#include <functional>
#include <memory>

#include "ledger/fund.h"
#include "projections/projection_set.h"

namespace huzhu {

struct ProjectedFund {
  std::unique_ptr<Fund> fund;
  // Declared after the fund: destroyed first, while the store it observes is open.
  std::unique_ptr<ProjectionSet> projections;
  int projections_caught_up = 0;  // projections brought up to date while opening
};

// Made once the store is open, with its head, for progress with a total; may be null.
using CatchUpProgress = std::function<ProgressFn(uint64_t head)>;

Result<ProjectedFund> OpenProjectedFund(FundOptions options, const CatchUpProgress& progress = nullptr);

}  // namespace huzhu
