// A fund with the shipped plan catalog published, one unit, and helpers to run
// commands as a given user and role.
#pragma once

#include <memory>
#include <string>

#include "ledger/fund.h"
#include "projections/projection_set.h"
#include "tests/testing/temp_dir.h"

namespace huzhu::testing {

class FundFixture {
 public:
  // Opens a fund "F1" in a fresh directory, publishes the catalog (as of 2010) and
  // registers unit U1 with `staff` staff.
  // With projections (the default), the destructor checks that the kept projections
  // equal a rebuild from the events: every scenario ends with `audit projections`.
  explicit FundFixture(uint32_t staff = 200, bool with_projections = true);
  ~FundFixture();

  template <class Command>
  Result<CommandOutcome> Run(const std::string& user, Role role, const Command& command) {
    clock_->AdvanceMicros(1'000'000);
    return fund_->Execute(CommandContext{Actor{user, role}, "k" + std::to_string(++keys_)}, command);
  }
  // Runs and expects success; returns the first event's seq.
  template <class Command>
  uint64_t Must(const std::string& user, Role role, const Command& command) {
    auto out = Run(user, role, command);
    Expect(out.status(), user);
    return out.ok() ? out->events.front().seq() : 0;
  }

  // Registers a member of U1 born on `birth` ("YYYY-MM-DD").
  void AddMember(const std::string& member_id, Gender gender, const std::string& birth);
  // Enrols members of U1 in a plan.
  void Enrol(const std::vector<std::string>& members, const std::string& plan, const std::string& start,
             uint32_t shares = 1, uint32_t years = 1);
  void Contribute(const std::string& id, Fen amount_fen, const std::string& date = "2016-01-05");
  // Files an inpatient claim admitted on `admitted` for `self_pay_fen`.
  uint64_t FileInpatient(const std::string& claim_id, const std::string& member, const std::string& admitted,
                         Fen self_pay_fen, const std::string& invoice);

  Fund& fund() { return *fund_; }
  Balances balances() { return *fund_->state().GetBalances(); }
  Fen bank() { return balances()[static_cast<size_t>(Account::kBank)]; }
  ManualClock& clock() { return *clock_; }
  std::string dir() const { return temp_.Sub("fund"); }
  void Reopen();
  // Reopens the fund with its projections kept, building them from the events.
  void EnableProjections() {
    with_projections_ = true;
    Reopen();
  }
  ProjectionSet* projections() { return projections_.get(); }

 private:
  bool with_projections_ = false;
  std::unique_ptr<ProjectionSet> projections_;
  void Expect(const Status& s, const std::string& who);
  TempDir temp_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Fund> fund_;
  int keys_ = 0;
};

Date D(const std::string& text);

}  // namespace huzhu::testing
