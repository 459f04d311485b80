// A claim's life through the fund's commands: the books, the rules between the
// steps, four eyes, roles, and that a refused command writes nothing.
#include <gtest/gtest.h>

#include "tests/testing/fund_fixture.h"

namespace huzhu {
namespace {

using testing::D;
using testing::FundFixture;

Fen Yuan(Fen yuan) { return yuan * 100; }
Fen At(const Balances& b, Account a) { return b[static_cast<size_t>(a)]; }

// Runs `command` expecting it refused with `code` (a rule) and nothing written.
template <class Command>
void ExpectRefused(FundFixture& f, const std::string& user, Role role, const Command& command,
                   const std::string& code) {
  uint64_t head = f.fund().store().head().seq;
  auto out = f.Run(user, role, command);
  ASSERT_FALSE(out.ok()) << "expected " << code;
  if (code == "PERMISSION") {
    EXPECT_EQ(out.status().code(), Status::Code::kPermissionDenied) << out.status().ToString();
  } else {
    EXPECT_EQ(out.status().rule(), code) << out.status().ToString();
  }
  EXPECT_FALSE(out.status().message().empty());
  EXPECT_EQ(f.fund().store().head().seq, head) << "a refused command wrote events";
}

class LifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    f_.AddMember("M1", Gender::kMale, "1980-05-17");
    f_.AddMember("M2", Gender::kFemale, "1985-03-02");
    f_.Enrol({"M1", "M2"}, "INPATIENT", "2016-01-01");
    f_.Contribute("C1", Yuan(100'000));
  }
  FundFixture f_;
};

TEST_F(LifecycleTest, ClaimIsApprovedScheduledAndPaidWithBalancedBooks) {
  f_.FileInpatient("CL1", "M1", "2016-05-01", Yuan(3000), "INV-1");
  f_.Must("rev1", Role::kReviewer, ApproveClaim{"CL1", std::nullopt, "", "", D("2016-05-20")});
  Balances approved = f_.balances();
  EXPECT_EQ(At(approved, Account::kBenefitsPayable), -Yuan(1250));  // (3000 - 500) x 50%
  EXPECT_EQ(At(approved, Account::kBenefitsExpense), Yuan(1250));
  f_.Must("fin1", Role::kFinance, SchedulePayout{"CL1", D("2016-05-21")});
  f_.Must("fin1", Role::kFinance, PostPayout{"CL1-P1", "BANKREF-1", D("2016-05-22")});
  Balances paid = f_.balances();
  EXPECT_EQ(At(paid, Account::kBank), Yuan(100'000) - Yuan(1250));
  EXPECT_EQ(At(paid, Account::kBenefitsPayable), 0);
  EXPECT_EQ(At(paid, Account::kContributions), -Yuan(100'000));
  Fen total = 0;
  for (Fen b : paid) total += b;
  EXPECT_EQ(total, 0) << "debits must equal credits";
  EXPECT_EQ(f_.fund().state().Claim("CL1")->value().status, ClaimStatus::kPaid);
}

TEST_F(LifecycleTest, FilerMayNotApprove) {
  f_.FileInpatient("CL1", "M1", "2016-05-01", Yuan(3000), "INV-1");
  ExpectRefused(f_, "clerk1", Role::kReviewer, ApproveClaim{"CL1", std::nullopt, "", "", D("2016-05-20")},
                reason::kFourEyes);
}

TEST_F(LifecycleTest, ReviewerMayLowerWithAReasonNeverRaise) {
  f_.FileInpatient("CL1", "M1", "2016-05-01", Yuan(3000), "INV-1");
  ExpectRefused(f_, "rev1", Role::kReviewer, ApproveClaim{"CL1", Yuan(1251), "", "", D("2016-05-20")},
                reason::kAboveRule);
  auto no_reason = f_.Run("rev1", Role::kReviewer, ApproveClaim{"CL1", Yuan(1000), "", "", D("2016-05-20")});
  EXPECT_EQ(no_reason.status().code(), Status::Code::kInvalidArgument);
  f_.Must("rev1", Role::kReviewer, ApproveClaim{"CL1", Yuan(1000), "invoice partly outside scope", "", D("2016-05-20")});
  EXPECT_EQ(f_.fund().state().Claim("CL1")->value().approved_fen, Yuan(1000));
}

TEST_F(LifecycleTest, LargePayoutNeedsASecondDifferentApprover) {
  f_.Enrol({"M1", "M2"}, "ACCIDENT", "2016-01-01", 5);
  ClaimFiled death;
  death.claim_id = "CL9";
  death.member_id = "M1";
  death.plan_code = "ACCIDENT";
  death.benefit_kind = "death";
  death.incident_date = D("2016-03-01");
  f_.Must("clerk1", Role::kAdmin, FileClaim{death, D("2016-03-10"), false});
  ExpectRefused(f_, "rev1", Role::kReviewer, ApproveClaim{"CL9", std::nullopt, "", "", D("2016-03-20")},
                reason::kSecondApprover);
  ExpectRefused(f_, "rev1", Role::kReviewer, ApproveClaim{"CL9", std::nullopt, "", "rev1", D("2016-03-20")},
                reason::kSecondApprover);
  ExpectRefused(f_, "rev1", Role::kReviewer, ApproveClaim{"CL9", std::nullopt, "", "clerk1", D("2016-03-20")},
                reason::kSecondApprover);
  f_.Must("rev1", Role::kReviewer, ApproveClaim{"CL9", std::nullopt, "", "rev2", D("2016-03-20")});
  EXPECT_EQ(f_.fund().state().Claim("CL9")->value().approved_fen, Yuan(100'000));
}

TEST_F(LifecycleTest, PayoutTheFundCannotCoverIsRefused) {
  f_.Enrol({"M1", "M2"}, "ACCIDENT", "2016-01-01", 5);
  ClaimFiled death;
  death.claim_id = "CL9";
  death.member_id = "M2";
  death.plan_code = "ACCIDENT";
  death.benefit_kind = "death";
  death.incident_date = D("2016-03-01");
  f_.Must("clerk1", Role::kAdmin, FileClaim{death, D("2016-03-10"), false});
  f_.Must("rev1", Role::kReviewer, ApproveClaim{"CL9", std::nullopt, "", "rev2", D("2016-03-20")});
  f_.Must("fin1", Role::kFinance, SchedulePayout{"CL9", D("2016-03-21")});
  // 100,000 yuan in the bank, less a 500 yuan relief grant: 99,500 for a 100,000 payout.
  f_.Must("fin1", Role::kFinance,
          GrantRelief{ReliefGranted{"R1", "M1", "spouse", Yuan(500), "hardship", "a", "b"}, D("2016-03-21")});
  ExpectRefused(f_, "fin1", Role::kFinance, PostPayout{"CL9-P1", "B", D("2016-03-22")},
                reason::kInsufficientFunds);
  f_.Contribute("C2", Yuan(1000));
  f_.Must("fin1", Role::kFinance, PostPayout{"CL9-P1", "B", D("2016-03-22")});
  EXPECT_EQ(f_.bank(), Yuan(500));
}

TEST_F(LifecycleTest, VoidedPayoutReturnsTheClaimToApprovedUnpaid) {
  f_.FileInpatient("CL1", "M1", "2016-05-01", Yuan(3000), "INV-1");
  f_.Must("rev1", Role::kReviewer, ApproveClaim{"CL1", std::nullopt, "", "", D("2016-05-20")});
  f_.Must("fin1", Role::kFinance, SchedulePayout{"CL1", D("2016-05-21")});
  f_.Must("fin1", Role::kFinance, VoidPayout{"CL1-P1", "account closed", D("2016-05-25")});
  EXPECT_EQ(f_.fund().state().Claim("CL1")->value().status, ClaimStatus::kApproved);
  ExpectRefused(f_, "fin1", Role::kFinance, PostPayout{"CL1-P1", "B", D("2016-05-26")}, reason::kPayoutState);
  f_.Must("fin1", Role::kFinance, SchedulePayout{"CL1", D("2016-06-01")});
  f_.Must("fin1", Role::kFinance, PostPayout{"CL1-P2", "B", D("2016-06-02")});
  EXPECT_EQ(f_.bank(), Yuan(100'000) - Yuan(1250));
}

TEST_F(LifecycleTest, EachRoleMayIssueOnlyItsCommands) {
  ExpectRefused(f_, "fin1", Role::kFinance, EnrolMembers{"U1", "ACCIDENT", 1, 1, D("2016-01-01"), {"M1"}},
                "PERMISSION");
  ExpectRefused(f_, "rev1", Role::kReviewer,
                ReceiveContribution{ContributionReceived{"C9", "U1", "INPATIENT", 100, "B"}, D("2016-01-01")},
                "PERMISSION");
  ExpectRefused(f_, "aud1", Role::kAuditor,
                RegisterUnit{UnitRegistered{"U9", "x", 10, 5}, D("2016-01-01")}, "PERMISSION");
  f_.FileInpatient("CL1", "M1", "2016-05-01", Yuan(3000), "INV-1");
  ExpectRefused(f_, "adm2", Role::kAdmin, ApproveClaim{"CL1", std::nullopt, "", "", D("2016-05-20")},
                "PERMISSION");
}

TEST_F(LifecycleTest, ResendingACommandWritesNothingNew) {
  CommandContext ctx{Actor{"fin1", Role::kFinance}, "bank-slip-77"};
  ReceiveContribution c{ContributionReceived{"C77", "U1", "INPATIENT", Yuan(60), "B77"}, D("2016-02-01")};
  auto first = f_.fund().Execute(ctx, c);
  ASSERT_TRUE(first.ok());
  auto again = f_.fund().Execute(ctx, c);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->events.front().hash, first->events.front().hash);
  EXPECT_EQ(f_.bank(), Yuan(100'000) + Yuan(60));
}

TEST_F(LifecycleTest, ClaimsTheRulesRefuseAreRefusedAtFilingWithTheReason) {
  ClaimFiled c;
  c.claim_id = "CL5";
  c.member_id = "M1";
  c.plan_code = "INPATIENT";
  c.benefit_kind = "inpatient";
  c.incident_date = D("2016-02-01");  // day 31: observation period
  c.invoice_number = "INV-5";
  c.hospital = "h";
  c.admission_date = c.incident_date;
  c.discharge_date = D("2016-02-03");
  c.self_pay_fen = Yuan(3000);
  ExpectRefused(f_, "clerk1", Role::kAdmin, FileClaim{c, D("2016-02-10"), false}, reason::kObservationPeriod);
  c.admission_date = D("2015-06-01");
  c.incident_date = D("2015-06-01");
  c.discharge_date = D("2015-06-03");
  ExpectRefused(f_, "clerk1", Role::kAdmin, FileClaim{c, D("2016-02-10"), false}, reason::kOutsideCover);
  c.admission_date = D("2016-06-01");
  c.incident_date = D("2016-06-01");
  c.discharge_date = D("2016-06-03");
  ExpectRefused(f_, "clerk1", Role::kAdmin, FileClaim{c, D("2018-06-02"), false}, reason::kLateFiling);
  c.hospital.clear();
  ExpectRefused(f_, "clerk1", Role::kAdmin, FileClaim{c, D("2016-06-10"), false}, reason::kEvidenceMissing);
  f_.FileInpatient("CL6", "M1", "2016-06-01", Yuan(3000), "INV-6");
  ExpectRefused(f_, "clerk1", Role::kAdmin,
                FileClaim{[&] { ClaimFiled d = c; d.hospital = "h"; d.invoice_number = "INV-6"; return d; }(),
                          D("2016-06-10"), false},
                reason::kDuplicateInvoice);
}

TEST_F(LifecycleTest, ClaimFiledForReviewCanOnlyBeRejectedWithItsReason) {
  ClaimFiled c;
  c.claim_id = "CL5";
  c.member_id = "M1";
  c.plan_code = "INPATIENT";
  c.benefit_kind = "inpatient";
  c.admission_date = D("2016-02-01");
  c.incident_date = D("2016-02-01");
  c.discharge_date = D("2016-02-03");
  c.invoice_number = "INV-5";
  c.hospital = "h";
  c.self_pay_fen = Yuan(3000);
  f_.Must("clerk1", Role::kAdmin, FileClaim{c, D("2016-02-10"), true});
  ExpectRefused(f_, "rev1", Role::kReviewer, ApproveClaim{"CL5", std::nullopt, "", "", D("2016-02-20")},
                reason::kObservationPeriod);
  f_.Must("rev1", Role::kReviewer, RejectClaim{"CL5", reason::kObservationPeriod, "day 31", D("2016-02-20")});
  ExpectRefused(f_, "rev1", Role::kReviewer, RejectClaim{"CL5", reason::kOther, "again", D("2016-02-21")},
                reason::kClaimState);
  EXPECT_EQ(f_.fund().state().Claim("CL5")->value().status, ClaimStatus::kRejected);
}

TEST_F(LifecycleTest, PlansNeverOffsetEachOther) {
  f_.Enrol({"M1"}, "ACCIDENT", "2016-01-01", 1);
  f_.FileInpatient("CL1", "M1", "2016-05-01", Yuan(30'000), "INV-1");
  f_.Must("rev1", Role::kReviewer, ApproveClaim{"CL1", std::nullopt, "", "", D("2016-05-20")});
  ClaimFiled med;
  med.claim_id = "CL2";
  med.member_id = "M1";
  med.plan_code = "ACCIDENT";
  med.benefit_kind = "medical";
  med.incident_date = D("2016-05-01");
  med.invoice_number = "INV-1";  // the same invoice may back one claim per plan
  med.self_pay_fen = Yuan(30'000);
  f_.Must("clerk1", Role::kAdmin, FileClaim{med, D("2016-05-10"), false});
  f_.Must("rev1", Role::kReviewer, ApproveClaim{"CL2", std::nullopt, "", "", D("2016-05-20")});
  EXPECT_EQ(f_.fund().state().Claim("CL1")->value().approved_fen, Yuan(5000));
  EXPECT_EQ(f_.fund().state().Claim("CL2")->value().approved_fen, Yuan(2000));
}

TEST_F(LifecycleTest, ReliefNeedsTwoDifferentApprovers) {
  ReliefGranted r{"R1", "M2", "child", Yuan(2000), "hardship", "fin2", "fin2"};
  ExpectRefused(f_, "fin1", Role::kFinance, GrantRelief{r, D("2016-07-01")}, reason::kTwoApprovers);
  r.second_approver = "dir1";
  f_.Must("fin1", Role::kFinance, GrantRelief{r, D("2016-07-01")});
  EXPECT_EQ(At(f_.balances(), Account::kRelief), Yuan(2000));
  EXPECT_EQ(f_.bank(), Yuan(98'000));
}

}  // namespace
}  // namespace huzhu
