// Enrolment rules as a unit clerk meets them through the enrol command.
#include <gtest/gtest.h>

#include "tests/testing/fund_fixture.h"

namespace huzhu {
namespace {

using testing::D;
using testing::FundFixture;

std::string RuleOf(const Result<CommandOutcome>& out) { return out.ok() ? "ok" : out.status().rule(); }

TEST(EnrolmentTest, EveryMemberOfAUnitHoldsTheSameSharesInAPlan) {
  FundFixture f;
  f.AddMember("M1", Gender::kMale, "1980-01-01");
  f.AddMember("M2", Gender::kMale, "1981-01-01");
  f.Enrol({"M1"}, "ACCIDENT", "2016-01-01", 2);
  auto out = f.Run("admin1", Role::kAdmin, EnrolMembers{"U1", "ACCIDENT", 3, 1, D("2016-03-01"), {"M2"}});
  EXPECT_EQ(RuleOf(out), reason::kUnequalShares) << out.status().ToString();
  EXPECT_EQ(RuleOf(f.Run("admin1", Role::kAdmin, EnrolMembers{"U1", "ACCIDENT", 2, 1, D("2016-03-01"), {"M2"}})),
            "ok");
  // After the unit's terms ended, it may choose another number of shares.
  EXPECT_EQ(RuleOf(f.Run("admin1", Role::kAdmin, EnrolMembers{"U1", "ACCIDENT", 3, 1, D("2017-03-01"), {"M1"}})),
            "ok");
}

TEST(EnrolmentTest, TermsOfOnePlanNeverOverlapAndRenewalsWaiveObservation) {
  FundFixture f;
  f.AddMember("M1", Gender::kMale, "1980-01-01");
  f.Enrol({"M1"}, "INPATIENT", "2016-01-01");
  auto overlap = f.Run("admin1", Role::kAdmin, EnrolMembers{"U1", "INPATIENT", 1, 1, D("2016-12-31"), {"M1"}});
  EXPECT_EQ(RuleOf(overlap), reason::kOverlappingTerm);
  // Ended 2016-12-31; day 30 after is 2017-01-30.
  auto renewal = f.Run("admin1", Role::kAdmin, EnrolMembers{"U1", "INPATIENT", 1, 1, D("2017-01-30"), {"M1"}});
  ASSERT_TRUE(renewal.ok()) << renewal.status().ToString();
  EXPECT_TRUE(std::get<MemberEnrolled>(renewal->events[0].payload).continuity_waiver);
  f.AddMember("M2", Gender::kMale, "1980-01-01");
  f.Enrol({"M2"}, "INPATIENT", "2016-01-01");
  auto late = f.Run("admin1", Role::kAdmin, EnrolMembers{"U1", "INPATIENT", 1, 1, D("2017-01-31"), {"M2"}});
  ASSERT_TRUE(late.ok());
  EXPECT_FALSE(std::get<MemberEnrolled>(late->events[0].payload).continuity_waiver);
}

TEST(EnrolmentTest, SmallUnitsEnrolEveryEligibleWoman) {
  FundFixture f(/*staff=*/50);
  f.AddMember("W1", Gender::kFemale, "1980-01-01");
  f.AddMember("W2", Gender::kFemale, "1981-01-01");
  f.AddMember("W3", Gender::kFemale, "1982-01-01");
  f.AddMember("M1", Gender::kMale, "1982-01-01");
  uint64_t head = f.fund().store().head().seq;
  auto partial = f.Run("admin1", Role::kAdmin, EnrolMembers{"U1", "FEMALE", 1, 2, D("2016-01-01"), {"W1", "W2"}});
  EXPECT_EQ(RuleOf(partial), reason::kMinParticipation) << partial.status().ToString();
  EXPECT_EQ(f.fund().store().head().seq, head) << "the refused batch wrote nothing";
  auto all = f.Run("admin1", Role::kAdmin, EnrolMembers{"U1", "FEMALE", 1, 2, D("2016-01-01"), {"W1", "W2", "W3"}});
  EXPECT_TRUE(all.ok()) << all.status().ToString();
  auto man = f.Run("admin1", Role::kAdmin, EnrolMembers{"U1", "FEMALE", 1, 2, D("2016-01-01"), {"M1"}});
  EXPECT_EQ(RuleOf(man), reason::kNotEligibleGender);
}

TEST(EnrolmentTest, PlanMustBeInForceAndTheMemberKnown) {
  FundFixture f;
  f.AddMember("M1", Gender::kMale, "1980-01-01");
  auto early = f.Run("admin1", Role::kAdmin, EnrolMembers{"U1", "INPATIENT", 1, 1, D("2009-01-01"), {"M1"}});
  EXPECT_EQ(RuleOf(early), reason::kPlanNotInForce);
  auto unknown = f.Run("admin1", Role::kAdmin, EnrolMembers{"U1", "INPATIENT", 1, 1, D("2016-01-01"), {"M404"}});
  EXPECT_EQ(unknown.status().code(), Status::Code::kNotFound);
  EXPECT_NE(unknown.status().message().find("member M404"), std::string::npos);
  auto old = f.Run("admin1", Role::kAdmin, EnrolMembers{"U1", "INPATIENT", 1, 1, D("2040-01-01"), {"M1"}});
  EXPECT_EQ(RuleOf(old), reason::kNotEligibleAge);
}

TEST(EnrolmentTest, MemberDataIsCheckedAgainstTheIdNumber) {
  FundFixture f;
  MemberRegistered m;
  m.member_id = "M1";
  m.unit_id = "U1";
  m.name = "张三";
  m.id_number = "11010519491231002X";
  m.bank_account = "6222000011112222";
  auto wrong_gender = f.Run("admin1", Role::kAdmin, RegisterMember{m, Gender::kMale, std::nullopt, D("2016-01-01")});
  EXPECT_EQ(wrong_gender.status().code(), Status::Code::kInvalidArgument);
  m.id_number = "110105194912310021";
  auto bad_check = f.Run("admin1", Role::kAdmin, RegisterMember{m, std::nullopt, std::nullopt, D("2016-01-01")});
  EXPECT_NE(bad_check.status().message().find("check character"), std::string::npos);
  EXPECT_EQ(bad_check.status().message().find("110105194912310021"), std::string::npos) << "PII in error";
  m.id_number = "11010519491231002X";
  m.unit_id = "U404";
  auto no_unit = f.Run("admin1", Role::kAdmin, RegisterMember{m, std::nullopt, std::nullopt, D("2016-01-01")});
  EXPECT_EQ(no_unit.status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace huzhu
