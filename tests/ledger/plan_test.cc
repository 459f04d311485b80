#include "ledger/plan.h"

#include <gtest/gtest.h>

#include "tests/testing/catalog.h"

namespace huzhu {
namespace {

TEST(PlanTest, ShippedCatalogHasTheFourPlansOfTheDomain) {
  auto plans = LoadCatalog(testing::CatalogPath());
  ASSERT_TRUE(plans.ok()) << plans.status().ToString();
  ASSERT_EQ(plans->size(), 4u);
  EXPECT_EQ((*plans)[0].code, "INPATIENT");
  EXPECT_EQ((*plans)[0].premium_per_share_fen, 6000);
  EXPECT_EQ((*plans)[2].only_gender, Gender::kFemale);
  EXPECT_EQ((*plans)[3].max_shares, 5u);
}

TEST(PlanTest, CanonicalJsonRoundTrips) {
  for (const char* code : {"INPATIENT", "CRITICAL", "FEMALE", "ACCIDENT"}) {
    PlanRules plan = testing::CatalogPlan(code);
    std::string json = PlanToJson(plan);
    auto again = PlanFromJson(json);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(PlanToJson(*again), json) << code;
  }
}

TEST(PlanTest, BadPlansAreNamedWithTheirField) {
  std::string good = PlanToJson(testing::CatalogPlan("INPATIENT"));
  auto missing = PlanFromJson(R"({"code": "X", "version": 1})");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("plan X is missing \"name\""), std::string::npos)
      << missing.status().ToString();
  std::string bad_kind = good;
  bad_kind.replace(bad_kind.find("\"inpatient\""), 11, "\"dental\"");
  EXPECT_NE(PlanFromJson(bad_kind).status().message().find("unknown benefit kind"), std::string::npos);
  EXPECT_EQ(PlanFromJson("not json").status().code(), Status::Code::kInvalidArgument);
}

TEST(PlanTest, MissingCatalogFileIsNamed) {
  auto plans = LoadCatalog("/nonexistent/plans.json");
  EXPECT_EQ(plans.status().code(), Status::Code::kNotFound);
  EXPECT_NE(plans.status().message().find("/nonexistent/plans.json"), std::string::npos);
}

}  // namespace
}  // namespace huzhu
