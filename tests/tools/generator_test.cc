// The demo generator: the same seed gives the same events, byte for byte, and the
// demo's figures are consistent with the events behind them.
#include "tools/generator/generator.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "events/json.h"
#include "projections/annual_report.h"
#include "projections/projected_fund.h"
#include "tests/testing/catalog.h"
#include "tests/testing/temp_dir.h"

namespace huzhu {
namespace {

struct Generated {
  std::string head_hex;
  std::string export_jsonl;
  AnnualReport report;
  std::map<std::string, int64_t> counts;
};

Generated GenerateFund(uint64_t seed) {
  testing::TempDir dir;
  FundOptions options;
  options.data_dir = dir.Sub("fund");
  options.create = true;
  options.fund_id = "DEMO";
  auto clock = std::make_shared<ManualClock>(*ParseTimestamp("2014-12-01T01:00:00Z"));
  options.clock = clock;
  auto opened = OpenProjectedFund(options);
  HUZHU_CHECK(opened.ok());
  Fund& fund = *opened->fund;
  gen::GeneratorOptions g;
  g.seed = seed;
  g.scale = *gen::ScaleNamed("small");
  auto stats = gen::Generate(fund, *clock, g, testing::CatalogPath(), nullptr);
  EXPECT_TRUE(stats.ok()) << stats.status().ToString();
  Generated out;
  const Store& store = fund.store();
  out.head_hex = ToHex(store.head().hash);
  EXPECT_TRUE(store.ForEach(1, 0, [&](const Event& e, std::string_view) {
    out.export_jsonl += EventToJson(e) + "\n";
    return Status::Ok();
  }).ok());
  out.report = *ComputeAnnualReport(store, 2016, std::nullopt);
  if (stats.ok()) out.counts = stats->counts;
  return out;
}

TEST(GeneratorTest, SameSeedSameBytesOtherSeedOtherFund) {
  Generated a = GenerateFund(7), b = GenerateFund(7), c = GenerateFund(8);
  EXPECT_EQ(a.head_hex, b.head_hex);
  EXPECT_TRUE(a.export_jsonl == b.export_jsonl) << "the export differs between two runs of one seed";
  EXPECT_NE(a.head_hex, c.head_hex);
}

TEST(GeneratorTest, EveryRejectionKindAndCorrectionAppears) {
  Generated g = GenerateFund(2016);
  for (const char* kind : {"rejected OBSERVATION_PERIOD", "rejected OUTSIDE_COVER", "rejected DUPLICATE_INVOICE",
                           "rejected LATE_FILING", "rejected EVIDENCE_INSUFFICIENT", "enrolments refused NOT_ELIGIBLE_AGE",
                           "payouts voided", "corrections: contribution reversed", "corrections: enrolment reversed",
                           "corrections: claim reopened", "relief grants"}) {
    EXPECT_GT(g.counts[kind], 0) << kind;
  }
}

TEST(GeneratorTest, ContributionsMatchEnrolmentsTimesPremiums) {
  Generated g = GenerateFund(2016);
  // Every term of the report year was paid for at its plan's premium x shares; the
  // reversed double entry nets out, and FEMALE (two-year terms) was paid in 2015.
  std::map<std::string, Fen> premium_due;
  std::map<std::string, uint32_t> shares;
  size_t pos = 0;
  while ((pos = g.export_jsonl.find("\"type\":\"member_enrolled\"", pos)) != std::string::npos) {
    size_t line_start = g.export_jsonl.rfind('\n', pos) + 1;
    size_t line_end = g.export_jsonl.find('\n', pos);
    auto j = nlohmann::json::parse(g.export_jsonl.substr(line_start, line_end - line_start));
    pos = line_end;
    if (j["term_start"] != "2016-01-01") continue;  // mid-year corrections are reversed
    Fen premium = j["plan_code"] == "INPATIENT" ? 6000 : j["plan_code"] == "ACCIDENT" ? 2000 : 1800;
    premium_due[j["plan_code"]] += premium * j["shares"].get<Fen>();
  }
  for (const auto& [plan, figures] : g.report.current.plans) {
    if (plan == "FEMALE") continue;
    EXPECT_EQ(figures.contributions_fen, premium_due[plan]) << plan;
  }
}

}  // namespace
}  // namespace huzhu
