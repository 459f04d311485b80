// Corrections are new events naming what they correct; they restore the books
// exactly and cannot be corrected themselves.
#include <gtest/gtest.h>

#include <rocksdb/db.h>

#include "ledger/record_codec.h"
#include "tests/testing/fund_fixture.h"

namespace huzhu {
namespace {

using testing::D;
using testing::FundFixture;

Fen Yuan(Fen yuan) { return yuan * 100; }

class CorrectionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    f_.AddMember("M1", Gender::kMale, "1980-05-17");
    f_.AddMember("M2", Gender::kFemale, "1985-03-02");
    f_.Enrol({"M1", "M2"}, "INPATIENT", "2016-01-01");
    f_.Contribute("C1", Yuan(100'000));
  }
  Status Reverse(uint64_t seq, const std::string& approver = "dir1") {
    return f_.Run("admin1", Role::kAdmin, ReverseEvent{seq, "entered twice", approver}).status();
  }
  FundFixture f_;
};

TEST_F(CorrectionsTest, ReversingADoubleContributionRestoresTheBalancesExactly) {
  Balances before = f_.balances();
  uint64_t seq = f_.Must("fin1", Role::kFinance,
                         ReceiveContribution{ContributionReceived{"C2", "U1", "INPATIENT", Yuan(777), "B2"},
                                             D("2016-02-01")});
  EXPECT_NE(f_.balances(), before);
  auto out = f_.Run("admin1", Role::kAdmin, ReverseEvent{seq, "entered twice", "dir1"});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(f_.balances(), before);
  // The reversal takes effect on the date of what it reverses.
  EXPECT_EQ(out->events[0].envelope.effective_date, D("2016-02-01"));
}

TEST_F(CorrectionsTest, AReversalCannotBeReversedNorRepeated) {
  uint64_t seq = f_.Must("fin1", Role::kFinance,
                         ReceiveContribution{ContributionReceived{"C2", "U1", "INPATIENT", Yuan(10), "B2"},
                                             D("2016-02-01")});
  uint64_t reversal = f_.Must("admin1", Role::kAdmin, ReverseEvent{seq, "twice", "dir1"});
  EXPECT_EQ(Reverse(seq).rule(), reason::kAlreadyReversed);
  EXPECT_EQ(Reverse(reversal).rule(), reason::kReversalOfReversal);
}

TEST_F(CorrectionsTest, CorrectingWhatDoesNotExistOrCannotBeCorrectedIsRefused) {
  uint64_t head = f_.fund().store().head().seq;
  EXPECT_EQ(Reverse(head + 50).code(), Status::Code::kNotFound);
  EXPECT_EQ(Reverse(3).rule(), reason::kNotCorrectable);  // a unit registration
  EXPECT_EQ(f_.fund().store().head().seq, head);
}

// Stores written before 2026-12 hold a Q/<seq> record for every correctable event
// when it is recorded; later ones write it when the event is reversed. A reversal
// must read both the same.
TEST_F(CorrectionsTest, ARecordWrittenWhenTheEventWasRecordedIsStillHonoured) {
  auto contribute = [&](const std::string& id) {
    return f_.Must("fin1", Role::kFinance,
                   ReceiveContribution{ContributionReceived{id, "U1", "INPATIENT", Yuan(10), "B2"},
                                       D("2016-02-01")});
  };
  uint64_t in_force = contribute("C2");
  uint64_t reversed = contribute("C3");
  Store& store = f_.fund().store();
  auto legacy = [&](uint64_t seq, uint64_t reversed_by) {
    CorrectableRec rec{EventType::kContributionReceived, "C" + std::to_string(seq), Yuan(10), D("2016-02-01"),
                       reversed_by};
    ASSERT_TRUE(store.db()
                    ->Put(rocksdb::WriteOptions(), store.cf("state"), state_keys::Correctable(seq),
                          EncodeRecord(rec))
                    .ok());
  };
  legacy(in_force, 0);
  legacy(reversed, in_force);  // as if reversed by some event before
  f_.Reopen();
  Fen bank = f_.bank();
  EXPECT_EQ(Reverse(reversed).rule(), reason::kAlreadyReversed);
  ASSERT_TRUE(Reverse(in_force).ok());
  EXPECT_EQ(f_.bank(), bank - Yuan(10));
  EXPECT_EQ(Reverse(in_force).rule(), reason::kAlreadyReversed);
}

TEST_F(CorrectionsTest, TheCorrectorNeedsAnotherApprover) {
  uint64_t seq = f_.Must("fin1", Role::kFinance,
                         ReceiveContribution{ContributionReceived{"C2", "U1", "INPATIENT", Yuan(10), "B2"},
                                             D("2016-02-01")});
  EXPECT_EQ(Reverse(seq, "admin1").rule(), reason::kFourEyes);
  EXPECT_EQ(Reverse(seq, "").rule(), reason::kFourEyes);
}

TEST_F(CorrectionsTest, ReversingAContributionMayNotOverdrawTheBank) {
  f_.Must("fin1", Role::kFinance,
          GrantRelief{ReliefGranted{"R1", "M1", "self", Yuan(99'999), "fire", "a", "b"}, D("2016-03-01")});
  auto contribution_seq = f_.fund().store().head().seq - 1;  // C1 was before the relief
  (void)contribution_seq;
  // C1 is the fixture's first contribution: find it by scanning.
  uint64_t c1 = 0;
  ASSERT_TRUE(f_.fund().store().ForEach(1, 0, [&](const Event& e, std::string_view) {
    if (std::holds_alternative<ContributionReceived>(e.payload)) c1 = e.seq();
    return Status::Ok();
  }).ok());
  EXPECT_EQ(Reverse(c1).rule(), reason::kInsufficientFunds);
}

TEST_F(CorrectionsTest, EnrolmentForTheWrongMemberIsReversedAndRedone) {
  f_.AddMember("M3", Gender::kMale, "1990-01-01");
  uint64_t wrong = f_.Must("admin1", Role::kAdmin, EnrolMembers{"U1", "ACCIDENT", 1, 1, D("2016-01-01"), {"M3"}});
  ASSERT_TRUE(Reverse(wrong).ok());
  EXPECT_TRUE(f_.fund().state().Enrolment("M3-ACCIDENT-20160101")->value().reversed);
  // The member has no cover any more...
  ClaimFiled c;
  c.claim_id = "CL3";
  c.member_id = "M3";
  c.plan_code = "ACCIDENT";
  c.benefit_kind = "death";
  c.incident_date = D("2016-03-01");
  auto filed = f_.Run("clerk1", Role::kAdmin, FileClaim{c, D("2016-03-02"), false});
  EXPECT_EQ(filed.status().rule(), reason::kOutsideCover) << filed.status().ToString();
  // ...and can be enrolled again from the same date (the reversed term no longer counts).
  auto again = f_.Run("admin1", Role::kAdmin, EnrolMembers{"U1", "ACCIDENT", 1, 1, D("2016-02-01"), {"M3"}});
  EXPECT_TRUE(again.ok()) << again.status().ToString();
}

TEST_F(CorrectionsTest, EnrolmentBackingALiveClaimCannotBeReversed) {
  uint64_t enrol = 0;
  ASSERT_TRUE(f_.fund().store().ForEach(1, 0, [&](const Event& e, std::string_view) {
    if (auto* m = std::get_if<MemberEnrolled>(&e.payload); m && m->member_id == "M1") enrol = e.seq();
    return Status::Ok();
  }).ok());
  f_.FileInpatient("CL1", "M1", "2016-05-01", Yuan(3000), "INV-1");
  EXPECT_EQ(Reverse(enrol).rule(), reason::kCorrectionInUse);
}

TEST_F(CorrectionsTest, WronglyRejectedClaimIsReopenedAndPaid) {
  f_.FileInpatient("CL1", "M1", "2016-05-01", Yuan(3000), "INV-1");
  f_.Must("rev1", Role::kReviewer, RejectClaim{"CL1", reason::kEvidenceInsufficient, "no invoice copy", D("2016-05-20")});
  auto bad = f_.Run("admin1", Role::kAdmin, ReopenClaim{"CL1", "", "dir1"});
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
  auto reopened = f_.Run("admin1", Role::kAdmin, ReopenClaim{"CL1", "invoice copy was in the file", "dir1"});
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ(reopened->events[0].envelope.effective_date, D("2016-05-20"));
  f_.Must("rev2", Role::kReviewer, ApproveClaim{"CL1", std::nullopt, "", "", D("2016-06-01")});
  f_.Must("fin1", Role::kFinance, SchedulePayout{"CL1", D("2016-06-02")});
  f_.Must("fin1", Role::kFinance, PostPayout{"CL1-P1", "B", D("2016-06-03")});
  EXPECT_EQ(f_.fund().state().Claim("CL1")->value().status, ClaimStatus::kPaid);
  auto twice = f_.Run("admin1", Role::kAdmin, ReopenClaim{"CL1", "again", "dir1"});
  EXPECT_EQ(twice.status().rule(), reason::kClaimState);
}

TEST_F(CorrectionsTest, ReversedPayoutRestoresTheBooksAndTheClaimCanBePaidAgain) {
  f_.FileInpatient("CL1", "M1", "2016-05-01", Yuan(3000), "INV-1");
  f_.Must("rev1", Role::kReviewer, ApproveClaim{"CL1", std::nullopt, "", "", D("2016-05-20")});
  f_.Must("fin1", Role::kFinance, SchedulePayout{"CL1", D("2016-05-21")});
  Balances before_posting = f_.balances();
  uint64_t posted = f_.Must("fin1", Role::kFinance, PostPayout{"CL1-P1", "B", D("2016-05-22")});
  ASSERT_TRUE(Reverse(posted).ok());
  EXPECT_EQ(f_.balances(), before_posting);
  EXPECT_EQ(f_.fund().state().Claim("CL1")->value().status, ClaimStatus::kApproved);
  f_.Must("fin1", Role::kFinance, SchedulePayout{"CL1", D("2016-06-01")});
  f_.Must("fin1", Role::kFinance, PostPayout{"CL1-P2", "B", D("2016-06-02")});
}

}  // namespace
}  // namespace huzhu
