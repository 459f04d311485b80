// The fund's books: each account's balance, and its balance after every event that
// moved it (for "as of" reads). A trial balance always sums to zero.
#pragma once

#include "events/accounts.h"
#include "projections/projection.h"

namespace huzhu {

class BalanceProjection : public Projection {
 public:
  std::string_view name() const override { return "balance"; }
  uint32_t version() const override { return 1; }
  Status Apply(const Event& event, const Store& events, ProjectionSink& sink) override;
};

// The balances after event `seq` (the head: as restated now).
Result<Balances> BalancesAfter(const Store& store, uint64_t seq);

// The event a correction reverses, for projections that need its content.
Result<std::optional<Event>> ReversedTarget(const Event& event, const Store& events);

}  // namespace huzhu
