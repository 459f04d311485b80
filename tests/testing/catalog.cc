#include "tests/testing/catalog.h"

#include "events/check.h"

namespace huzhu::testing {

std::string CatalogPath() { return std::string(HUZHU_SOURCE_DIR) + "/catalog/plans.json"; }

PlanRules CatalogPlan(const std::string& code) {
  auto plans = LoadCatalog(CatalogPath());
  HUZHU_CHECK(plans.ok());
  for (const auto& p : *plans) {
    if (p.code == code) return p;
  }
  HUZHU_CHECK(false);
}

}  // namespace huzhu::testing
