// The plan rules at their boundaries, one table per rule, on the shipped catalog.
#include "ledger/rules.h"

#include <gtest/gtest.h>

#include "tests/testing/catalog.h"

namespace huzhu {
namespace {

using testing::CatalogPlan;

Date D(const char* text) { return *ParseDate(text); }
Fen Yuan(double yuan) { return static_cast<Fen>(yuan * 100 + 0.5); }

// What a claim assessment should come to: an amount, or a refusal with its code.
struct Expect {
  Fen amount_fen = 0;
  const char* code = nullptr;
};

void Check(const Result<Assessment>& got, const Expect& want, const std::string& label) {
  if (want.code == nullptr) {
    ASSERT_TRUE(got.ok()) << label << ": " << got.status().ToString();
    EXPECT_EQ(got->amount_fen, want.amount_fen) << label << ": " << got->explanation;
  } else {
    ASSERT_FALSE(got.ok()) << label << ": paid " << got->amount_fen;
    EXPECT_EQ(got.status().code(), Status::Code::kRuleViolation) << label;
    EXPECT_EQ(got.status().rule(), want.code) << label << ": " << got.status().ToString();
    EXPECT_FALSE(got.status().message().empty());
  }
}

CoverFacts Cover(const char* start, uint32_t years = 1, uint32_t shares = 1, bool waiver = false) {
  return CoverFacts{D(start), TermEnd(D(start), years), shares, waiver};
}

ClaimFacts Inpatient(const char* incident, Fen self_pay_fen) {
  ClaimFacts c;
  c.benefit_kind = "inpatient";
  c.incident_date = D(incident);
  c.filed_on = D(incident);
  c.self_pay_fen = self_pay_fen;
  return c;
}

TEST(RulesTest, InpatientObservationPeriodEndsAfterDay89) {
  PlanRules plan = CatalogPlan("INPATIENT");
  struct Row { const char* incident; Expect want; } rows[] = {
      {"2016-01-01", {0, reason::kObservationPeriod}},   // day 0
      {"2016-03-30", {0, reason::kObservationPeriod}},   // day 89
      {"2016-03-31", {Yuan(250), nullptr}},              // day 90
      {"2016-04-01", {Yuan(250), nullptr}},              // day 91
  };
  for (const auto& r : rows) {
    Check(AssessClaim(plan, Cover("2016-01-01"), {}, Inpatient(r.incident, Yuan(1000))), r.want, r.incident);
  }
}

TEST(RulesTest, CriticalObservationExcludesThenHalves) {
  PlanRules plan = CatalogPlan("CRITICAL");
  struct Row { int day; Expect want; } rows[] = {
      {0, {0, reason::kObservationPeriod}},  {30, {0, reason::kObservationPeriod}},
      {31, {Yuan(5000), nullptr}},           {90, {Yuan(5000), nullptr}},
      {91, {Yuan(10000), nullptr}},          {364, {Yuan(10000), nullptr}},
  };
  for (const auto& r : rows) {
    ClaimFacts c;
    c.benefit_kind = "critical";
    c.disease_code = "C34.9";
    c.incident_date = AddDays(D("2016-01-01"), r.day);
    c.filed_on = c.incident_date;
    Check(AssessClaim(plan, Cover("2016-01-01"), {}, c), r.want, "day " + std::to_string(r.day));
  }
}

TEST(RulesTest, FemaleObservationIsNinetyOneDays) {
  PlanRules plan = CatalogPlan("FEMALE");
  struct Row { int day; Expect want; } rows[] = {
      {90, {0, reason::kObservationPeriod}}, {91, {Yuan(6000), nullptr}}};
  for (const auto& r : rows) {
    ClaimFacts c;
    c.benefit_kind = "female";
    c.gender = Gender::kFemale;
    c.disease_code = "C50.9";
    c.disease_tier = 1;
    c.incident_date = AddDays(D("2016-01-01"), r.day);
    c.filed_on = c.incident_date;
    Check(AssessClaim(plan, Cover("2016-01-01", 2), {}, c), r.want, "day " + std::to_string(r.day));
  }
}

TEST(RulesTest, RenewalWaiverKeepsCoverFromDayZero) {
  PlanRules plan = CatalogPlan("INPATIENT");
  Check(AssessClaim(plan, Cover("2016-01-01", 1, 1, /*waiver=*/true), {},
                    Inpatient("2016-01-01", Yuan(1000))),
        {Yuan(250), nullptr}, "waiver");
}

TEST(RulesTest, RenewalOnDay30KeepsTheWaiverDay31LosesIt) {
  PlanRules plan = CatalogPlan("INPATIENT");
  Date ended = D("2016-12-31");
  EXPECT_TRUE(ContinuityWaiver(plan, ended, AddDays(ended, 1)));
  EXPECT_TRUE(ContinuityWaiver(plan, ended, AddDays(ended, 30)));
  EXPECT_FALSE(ContinuityWaiver(plan, ended, AddDays(ended, 31)));
  EXPECT_FALSE(ContinuityWaiver(plan, std::nullopt, AddDays(ended, 1)));
}

TEST(RulesTest, InpatientDeductibleAndCaps) {
  PlanRules plan = CatalogPlan("INPATIENT");
  struct Row { const char* label; Fen self_pay; uint32_t shares; Fen used; Expect want; } rows[] = {
      {"at the deductible", Yuan(500), 1, 0, {0, reason::kNothingPayable}},
      {"a fen over pays nothing after halving", Yuan(500.01), 1, 0, {0, reason::kNothingPayable}},
      {"two fen over", Yuan(500.02), 1, 0, {1, nullptr}},
      {"odd fen round down", Yuan(1000.01), 1, 0, {Yuan(250), nullptr}},
      {"exactly the admission cap", Yuan(10500), 1, 0, {Yuan(5000), nullptr}},
      {"over the admission cap", Yuan(10500.02), 1, 0, {Yuan(5000), nullptr}},
      {"three shares", Yuan(10500), 3, 0, {Yuan(15000), nullptr}},
      {"term cap leaves part", Yuan(10500), 1, Yuan(8000), {Yuan(2000), nullptr}},
      {"term cap reached", Yuan(10500), 1, Yuan(10000), {0, reason::kTermCapReached}},
      {"term cap with shares", Yuan(10500), 2, Yuan(18000), {Yuan(2000), nullptr}},
  };
  for (const auto& r : rows) {
    TermUsage used;
    used.inpatient_fen = r.used;
    Check(AssessClaim(plan, Cover("2016-01-01", 1, r.shares), used, Inpatient("2016-06-01", r.self_pay)),
          r.want, r.label);
  }
}

TEST(RulesTest, CoverAndFilingDeadline) {
  PlanRules plan = CatalogPlan("INPATIENT");
  CoverFacts cover = Cover("2015-01-01");  // term ends 2015-12-31
  struct Row { const char* label; const char* incident; int filed_after; Expect want; } rows[] = {
      {"last day of cover", "2015-12-31", 0, {Yuan(250), nullptr}},
      {"day after the term", "2016-01-01", 0, {0, reason::kOutsideCover}},
      {"day before the term", "2014-12-31", 0, {0, reason::kOutsideCover}},
      {"filed on the last allowed day", "2015-06-01", 730, {Yuan(250), nullptr}},
      {"filed the day after", "2015-06-01", 731, {0, reason::kLateFiling}},
  };
  for (const auto& r : rows) {
    ClaimFacts c = Inpatient(r.incident, Yuan(1000));
    c.filed_on = AddDays(c.incident_date, r.filed_after);
    Check(AssessClaim(plan, cover, {}, c), r.want, r.label);
  }
}

TEST(RulesTest, AccidentDisabilityGradesAndCombinedCap) {
  PlanRules plan = CatalogPlan("ACCIDENT");
  struct Row { const char* label; const char* kind; uint32_t grade; Fen used; Expect want; } rows[] = {
      {"grade 1", "disability", 1, 0, {Yuan(20000), nullptr}},
      {"grade 10", "disability", 10, 0, {Yuan(2000), nullptr}},
      {"grade 0", "disability", 0, 0, {0, reason::kEvidenceMissing}},
      {"grade 11", "disability", 11, 0, {0, reason::kEvidenceMissing}},
      {"death after a grade 5", "death", 0, Yuan(12000), {Yuan(8000), nullptr}},
      {"death cap used", "death", 0, Yuan(20000), {0, reason::kTermCapReached}},
  };
  for (const auto& r : rows) {
    ClaimFacts c;
    c.benefit_kind = r.kind;
    c.disability_grade = r.grade;
    c.incident_date = D("2016-01-01");  // accident cover has no observation period
    c.filed_on = c.incident_date;
    TermUsage used;
    used.accident_death_disability_fen = r.used;
    Check(AssessClaim(plan, Cover("2016-01-01"), used, c), r.want, r.label);
  }
}

TEST(RulesTest, AccidentMedicalCapPerTermTimesShares) {
  PlanRules plan = CatalogPlan("ACCIDENT");
  ClaimFacts c;
  c.benefit_kind = "medical";
  c.self_pay_fen = Yuan(3000);
  c.incident_date = D("2016-02-01");
  c.filed_on = c.incident_date;
  Check(AssessClaim(plan, Cover("2016-01-01"), {}, c), {Yuan(2000), nullptr}, "one share");
  Check(AssessClaim(plan, Cover("2016-01-01", 1, 2), {}, c), {Yuan(3000), nullptr}, "two shares");
  TermUsage used;
  used.accident_medical_fen = Yuan(1500);
  Check(AssessClaim(plan, Cover("2016-01-01"), used, c), {Yuan(500), nullptr}, "part used");
}

TEST(RulesTest, LumpSumsOncePerTermAndListedDiseasesOnly) {
  PlanRules critical = CatalogPlan("CRITICAL");
  ClaimFacts c;
  c.benefit_kind = "critical";
  c.disease_code = "J18.9";  // pneumonia: not a listed critical illness
  c.incident_date = D("2016-06-01");
  c.filed_on = c.incident_date;
  Check(AssessClaim(critical, Cover("2016-01-01"), {}, c), {0, reason::kNotListedDisease}, "unlisted");
  c.disease_code = "I21.0";
  TermUsage used;
  used.lump_sum_used = true;
  Check(AssessClaim(critical, Cover("2016-01-01"), used, c), {0, reason::kOncePerTerm}, "second");
  Check(AssessClaim(critical, Cover("2016-01-01", 1, 3), {}, c), {Yuan(30000), nullptr}, "3 shares");
}

TEST(RulesTest, FemalePlanTiersAndGender) {
  PlanRules plan = CatalogPlan("FEMALE");
  struct Row { uint32_t tier; const char* code; Gender gender; Expect want; } rows[] = {
      {1, "C50.1", Gender::kFemale, {Yuan(6000), nullptr}},
      {2, "C56", Gender::kFemale, {Yuan(3000), nullptr}},
      {3, "D06.9", Gender::kFemale, {Yuan(2000), nullptr}},
      {4, "D25.9", Gender::kFemale, {Yuan(1000), nullptr}},
      {1, "D25.9", Gender::kFemale, {0, reason::kNotListedDisease}},
      {1, "C50.1", Gender::kMale, {0, reason::kNotEligibleGender}},
  };
  for (const auto& r : rows) {
    ClaimFacts c;
    c.benefit_kind = "female";
    c.gender = r.gender;
    c.disease_tier = r.tier;
    c.disease_code = r.code;
    c.incident_date = D("2016-06-01");
    c.filed_on = c.incident_date;
    Check(AssessClaim(plan, Cover("2016-01-01", 2), {}, c), r.want, r.code);
  }
}

TEST(RulesTest, PlansPayOnlyTheirOwnBenefitKinds) {
  ClaimFacts c = Inpatient("2016-06-01", Yuan(1000));
  Check(AssessClaim(CatalogPlan("ACCIDENT"), Cover("2016-01-01"), {}, c),
        {0, reason::kWrongBenefitKind}, "inpatient claim on ACCIDENT");
}

TEST(RulesTest, EnrolmentEligibility) {
  PlanRules inpatient = CatalogPlan("INPATIENT");
  PlanRules female = CatalogPlan("FEMALE");
  Date start = D("2016-01-01");
  auto born = [&](int years_before, int days_shift) {
    return AddDays(AddYears(start, -years_before), days_shift);
  };
  struct Row { const char* label; const PlanRules* plan; MemberFacts m; uint32_t shares; uint32_t years; const char* code; } rows[] = {
      {"16 today", &inpatient, {Gender::kMale, born(16, 0), true}, 1, 1, nullptr},
      {"16 tomorrow", &inpatient, {Gender::kMale, born(16, 1), true}, 1, 1, reason::kNotEligibleAge},
      {"man of 59", &inpatient, {Gender::kMale, born(59, 0), true}, 1, 1, nullptr},
      {"man of 60", &inpatient, {Gender::kMale, born(60, 0), true}, 1, 1, reason::kNotEligibleAge},
      {"woman of 54", &inpatient, {Gender::kFemale, born(54, 0), true}, 1, 1, nullptr},
      {"woman of 55", &inpatient, {Gender::kFemale, born(55, 0), true}, 1, 1, reason::kNotEligibleAge},
      {"left service", &inpatient, {Gender::kMale, born(30, 0), false}, 1, 1, reason::kNotInService},
      {"man in FEMALE", &female, {Gender::kMale, born(30, 0), true}, 1, 2, reason::kNotEligibleGender},
      {"0 shares", &inpatient, {Gender::kMale, born(30, 0), true}, 0, 1, reason::kShares},
      {"3 shares", &inpatient, {Gender::kMale, born(30, 0), true}, 3, 1, nullptr},
      {"4 shares", &inpatient, {Gender::kMale, born(30, 0), true}, 4, 1, reason::kShares},
      {"2 years", &inpatient, {Gender::kMale, born(30, 0), true}, 1, 2, reason::kTermLength},
  };
  for (const auto& r : rows) {
    Status s = CheckEnrolment(*r.plan, r.m, r.shares, r.years, start);
    if (r.code == nullptr) {
      EXPECT_TRUE(s.ok()) << r.label << ": " << s.ToString();
    } else {
      EXPECT_EQ(s.rule(), r.code) << r.label << ": " << s.ToString();
    }
  }
}

TEST(RulesTest, MinimumParticipation) {
  PlanRules female = CatalogPlan("FEMALE");
  struct Row { uint32_t staff, eligible, enrolled; const char* code; } rows[] = {
      {500, 10, 8, nullptr}, {500, 10, 7, reason::kMinParticipation},
      {99, 10, 9, reason::kMinParticipation}, {99, 10, 10, nullptr}, {100, 10, 8, nullptr},
  };
  for (const auto& r : rows) {
    Status s = CheckParticipation(female, "U1", r.staff, r.eligible, r.enrolled);
    if (r.code == nullptr) EXPECT_TRUE(s.ok()) << s.ToString();
    else EXPECT_EQ(s.rule(), r.code) << r.staff << "/" << r.enrolled;
  }
  EXPECT_TRUE(CheckParticipation(CatalogPlan("INPATIENT"), "U1", 50, 10, 1).ok());
}

TEST(RulesTest, TermEndIsTheDayBeforeTheAnniversary) {
  EXPECT_EQ(FormatDate(TermEnd(D("2016-03-01"), 1)), "2017-02-28");
  EXPECT_EQ(FormatDate(TermEnd(D("2016-01-01"), 2)), "2017-12-31");
  EXPECT_EQ(AgeOn(D("1980-02-29"), D("2016-02-28")), 35);
  EXPECT_EQ(AgeOn(D("1980-02-29"), D("2016-02-29")), 36);
}

}  // namespace
}  // namespace huzhu
