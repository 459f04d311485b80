// The claim queue: each claim's status and amounts, for reviewers and finance, and
// an index by status.
#pragma once

#include <vector>

#include "projections/projection.h"

namespace huzhu {

struct ClaimView {
  std::string claim_id;
  std::string member_id;
  std::string plan_code;
  std::string benefit_kind;
  std::string status;  // filed, returned, approved, scheduled, paid, voided, rejected, reopened
  Date incident_date;
  Date filed_on;
  Date updated_on;
  Fen approved_fen = 0;
  std::string payout_id;
  std::string reason_code;  // of the last rejection
  template <class A> void serialize(A& ar) {
    ar(claim_id, member_id, plan_code, benefit_kind, status, incident_date, filed_on, updated_on,
       approved_fen, payout_id, reason_code);
  }
};

class ClaimsProjection : public Projection {
 public:
  std::string_view name() const override { return "claims"; }
  uint32_t version() const override { return 1; }
  Status Apply(const Event& event, const Store& events, ProjectionSink& sink) override;
};

// Claims with `status` (empty: all), ordered by claim id.
Result<std::vector<ClaimView>> ListClaims(const Store& store, const std::string& status);
bool IsClaimStatus(std::string_view status);

}  // namespace huzhu
