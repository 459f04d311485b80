#include "projections/projected_fund.h"

namespace huzhu {

Result<ProjectedFund> OpenProjectedFund(FundOptions options, const CatchUpProgress& progress) {
  auto families = ProjectionColumnFamilies();
  options.extra_column_families.insert(options.extra_column_families.end(), families.begin(), families.end());
  ProjectedFund opened;
  ASSIGN_OR_RETURN(opened.fund, Fund::Open(options));
  opened.projections = std::make_unique<ProjectionSet>(&opened.fund->store());
  opened.fund->AddObserver(opened.projections.get());
  ProgressFn report = progress ? progress(opened.fund->store().head().seq) : nullptr;
  ASSIGN_OR_RETURN(opened.projections_caught_up, opened.projections->CatchUp(report));
  return opened;
}

}  // namespace huzhu
