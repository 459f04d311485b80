// The plan catalog shipped in the repository (catalog/plans.json), for tests.
#pragma once

#include <string>

#include "ledger/plan.h"

namespace huzhu::testing {

std::string CatalogPath();
// The catalog's plan with this code. Aborts the test binary when it is missing.
PlanRules CatalogPlan(const std::string& code);

}  // namespace huzhu::testing
