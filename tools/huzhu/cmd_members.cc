// huzhu plan|unit|member|enrol|contribution: the fund's catalog and membership.
#include "tools/huzhu/fund_session.h"

namespace huzhu::cli {

namespace {


void AddPlan(CLI::App& app, Cli& cli) {
  CLI::App* plan = app.add_subcommand("plan", "the plan catalog");
  plan->require_subcommand(1);
  auto w = std::make_shared<WriteOptions>();
  auto catalog = std::make_shared<std::string>("catalog/plans.json");
  CLI::App* publish = plan->add_subcommand("publish", "publish the catalog's new plan versions (admin)");
  publish->add_option("--catalog", *catalog, "catalog file")->capture_default_str();
  AddWriteOptions(publish, w.get());
  OnRun(publish, cli, w, [catalog](Date date) -> Result<PublishPlans> {
    ASSIGN_OR_RETURN(auto plans, LoadCatalog(*catalog));
    return PublishPlans{plans, date};
  });
}

void AddUnit(CLI::App& app, Cli& cli) {
  CLI::App* unit = app.add_subcommand("unit", "base-level unions (基层单位)");
  unit->require_subcommand(1);
  auto w = std::make_shared<WriteOptions>();
  auto u = std::make_shared<UnitRegistered>();
  CLI::App* reg = unit->add_subcommand("register", "register a unit (admin)");
  reg->add_option("--id", u->unit_id, "unit id")->required();
  reg->add_option("--name", u->name, "the unit's name")->required();
  reg->add_option("--staff", u->staff_count, "staff count")->required();
  reg->add_option("--female-staff", u->female_staff_count, "female staff count")->required();
  AddWriteOptions(reg, w.get());
  OnRun(reg, cli, w, [u](Date date) -> Result<RegisterUnit> { return RegisterUnit{*u, date}; });
}

void AddMember(CLI::App& app, Cli& cli) {
  CLI::App* member = app.add_subcommand("member", "members (会员)");
  member->require_subcommand(1);
  auto w = std::make_shared<WriteOptions>();
  auto m = std::make_shared<MemberRegistered>();
  auto not_in_service = std::make_shared<bool>(false);
  CLI::App* reg = member->add_subcommand("register", "register a member of a unit (admin)");
  reg->add_option("--id", m->member_id, "member id")->required();
  reg->add_option("--unit", m->unit_id, "unit id")->required();
  reg->add_option("--name", m->name, "name")->required();
  reg->add_option("--id-number", m->id_number, "18-digit resident ID number")->required();
  reg->add_option("--bank-account", m->bank_account, "bank account for payouts")->required();
  reg->add_option("--phone", m->phone, "phone");
  reg->add_flag("--not-in-service", *not_in_service, "the member has left service");
  AddWriteOptions(reg, w.get());
  OnRun(reg, cli, w, [m, not_in_service](Date date) -> Result<RegisterMember> {
    MemberRegistered copy = *m;
    copy.in_service = !*not_in_service;
    return RegisterMember{copy, std::nullopt, std::nullopt, date};
  });
}

void AddEnrol(CLI::App& app, Cli& cli) {
  auto w = std::make_shared<WriteOptions>();
  auto e = std::make_shared<EnrolMembers>();
  auto start = std::make_shared<std::string>();
  CLI::App* enrol = app.add_subcommand("enrol", "enrol members of a unit in a plan, as one batch (admin)");
  enrol->add_option("--unit", e->unit_id, "unit id")->required();
  enrol->add_option("--plan", e->plan_code, "plan code, e.g. INPATIENT")->required();
  enrol->add_option("--shares", e->shares, "shares per member")->capture_default_str();
  enrol->add_option("--years", e->years, "term length in years (default: the plan's shortest)");
  enrol->add_option("--start", *start, "first day of cover YYYY-MM-DD")->required();
  enrol->add_option("MEMBER", e->member_ids, "member ids")->required();
  AddWriteOptions(enrol, w.get());
  OnRun(enrol, cli, w, [e, start](Date) -> Result<EnrolMembers> {
    EnrolMembers copy = *e;
    ASSIGN_OR_RETURN(copy.term_start, ParseDate(*start));
    return copy;
  });
}

void AddContribution(CLI::App& app, Cli& cli) {
  CLI::App* contribution = app.add_subcommand("contribution", "contributions (缴费)");
  contribution->require_subcommand(1);
  auto w = std::make_shared<WriteOptions>();
  auto c = std::make_shared<ContributionReceived>();
  auto amount = std::make_shared<std::string>();
  CLI::App* receive = contribution->add_subcommand("receive", "record money a unit paid in (finance)");
  receive->add_option("--id", c->contribution_id, "receipt number")->required();
  receive->add_option("--unit", c->unit_id, "unit id")->required();
  receive->add_option("--plan", c->plan_code, "plan code")->required();
  receive->add_option("--amount", *amount, "amount in yuan, e.g. 1800.00")->required();
  receive->add_option("--bank-ref", c->bank_reference, "bank transaction reference");
  AddWriteOptions(receive, w.get());
  OnRun(receive, cli, w, [c, amount](Date date) -> Result<ReceiveContribution> {
    ContributionReceived copy = *c;
    ASSIGN_OR_RETURN(copy.amount_fen, YuanArg(*amount, "--amount"));
    return ReceiveContribution{copy, date};
  });
}

}  // namespace

void AddMembershipCommands(CLI::App& app, Cli& cli) {
  AddPlan(app, cli);
  AddUnit(app, cli);
  AddMember(app, cli);
  AddEnrol(app, cli);
  AddContribution(app, cli);
}

}  // namespace huzhu::cli
