#include "projections/balance_projection.h"
#include "projections/claims_projection.h"
#include "projections/member_history_projection.h"
#include "projections/projection_set.h"
#include "projections/report_projection.h"

namespace huzhu {

std::vector<std::unique_ptr<Projection>> AllProjections() {
  std::vector<std::unique_ptr<Projection>> all;
  all.push_back(std::make_unique<BalanceProjection>());
  all.push_back(std::make_unique<MemberHistoryProjection>());
  all.push_back(std::make_unique<ClaimsProjection>());
  all.push_back(std::make_unique<ReportProjection>());
  return all;
}

}  // namespace huzhu
