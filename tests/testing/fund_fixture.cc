#include "tests/testing/fund_fixture.h"

#include <gtest/gtest.h>

#include "projections/audit.h"
#include "projections/projected_fund.h"
#include "tests/testing/catalog.h"
#include "tests/testing/sample_events.h"

namespace huzhu::testing {

Date D(const std::string& text) {
  auto d = ParseDate(text);
  HUZHU_CHECK(d.ok());
  return *d;
}

FundFixture::FundFixture(uint32_t staff, bool with_projections)
    : with_projections_(with_projections),
      clock_(std::make_shared<ManualClock>(*ParseTimestamp("2016-01-04T09:00:00Z"))) {
  Reopen();
  Must("admin1", Role::kAdmin, OpenFund{FundOpened{"测试基金", "T"}, D("2010-01-01")});
  auto plans = LoadCatalog(CatalogPath());
  HUZHU_CHECK(plans.ok());
  Must("admin1", Role::kAdmin, PublishPlans{*plans, D("2010-01-01")});
  Must("admin1", Role::kAdmin, RegisterUnit{UnitRegistered{"U1", "示范厂工会", staff, staff / 2}, D("2015-12-01")});
}

FundFixture::~FundFixture() {
  if (!projections_) return;
  TempDir scratch;
  auto audit = AuditProjections(fund_->store(), scratch.Sub("audit"), nullptr);
  EXPECT_TRUE(audit.ok()) << audit.status().ToString();
  if (audit.ok() && audit->difference) {
    ADD_FAILURE() << "projection " << audit->difference->projection << " differs from its rebuild at key "
                  << audit->difference->key_hex;
  }
}

void FundFixture::Reopen() {
  projections_.reset();
  fund_.reset();
  FundOptions options;
  options.data_dir = dir();
  options.create = true;
  options.fund_id = "F1";
  options.clock = clock_;
  if (!with_projections_) {
    auto fund = Fund::Open(options);
    HUZHU_CHECK(fund.ok());
    fund_ = std::move(fund).value();
    return;
  }
  auto opened = OpenProjectedFund(options);
  HUZHU_CHECK(opened.ok());
  fund_ = std::move(opened->fund);
  projections_ = std::move(opened->projections);
}

void FundFixture::Expect(const Status& s, const std::string& who) {
  EXPECT_TRUE(s.ok()) << who << ": " << s.ToString();
}

void FundFixture::AddMember(const std::string& member_id, Gender gender, const std::string& birth) {
  CivilDate c = CivilFromDate(D(birth));
  MemberRegistered m;
  m.member_id = member_id;
  m.unit_id = "U1";
  m.name = "会员" + member_id;
  m.id_number = FakeIdNumber(c.year, c.month, c.day, gender, static_cast<int>(keys_ % 100));
  m.phone = "13800001234";
  m.bank_account = "6222020200112233445";
  Must("admin1", Role::kAdmin, RegisterMember{m, std::nullopt, std::nullopt, D("2015-12-01")});
}

void FundFixture::Enrol(const std::vector<std::string>& members, const std::string& plan,
                        const std::string& start, uint32_t shares, uint32_t years) {
  Must("admin1", Role::kAdmin, EnrolMembers{"U1", plan, shares, years, D(start), members});
}

void FundFixture::Contribute(const std::string& id, Fen amount_fen, const std::string& date) {
  Must("fin1", Role::kFinance,
       ReceiveContribution{ContributionReceived{id, "U1", "INPATIENT", amount_fen, "BANK-" + id}, D(date)});
}

uint64_t FundFixture::FileInpatient(const std::string& claim_id, const std::string& member,
                                    const std::string& admitted, Fen self_pay_fen,
                                    const std::string& invoice) {
  ClaimFiled c;
  c.claim_id = claim_id;
  c.member_id = member;
  c.plan_code = "INPATIENT";
  c.benefit_kind = "inpatient";
  c.incident_date = D(admitted);
  c.invoice_number = invoice;
  c.hospital = "华西医院";
  c.disease_code = "K35";
  c.admission_date = D(admitted);
  c.discharge_date = AddDays(D(admitted), 7);
  c.self_pay_fen = self_pay_fen;
  return Must("clerk1", Role::kAdmin, FileClaim{c, AddDays(D(admitted), 10), false});
}

}  // namespace huzhu::testing
