// Per-member history: every event concerning a member (registration, enrolments,
// claims and their review, payouts, relief, corrections of these), in order. Rows
// hold only the seq; reading renders the events with personal data masked.
#pragma once

#include <vector>

#include "projections/projection.h"

namespace huzhu {

class MemberHistoryProjection : public Projection {
 public:
  std::string_view name() const override { return "members"; }
  uint32_t version() const override { return 1; }
  Status Apply(const Event& event, const Store& events, ProjectionSink& sink) override;
};

// The seqs of the events concerning `member_id`, in order.
Result<std::vector<uint64_t>> MemberHistory(const Store& store, const std::string& member_id);

}  // namespace huzhu
