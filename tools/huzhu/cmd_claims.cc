// huzhu claim|payout|relief|correct: claims and their review, payouts, relief and
// corrections.
#include "tools/huzhu/fund_session.h"

namespace huzhu::cli {

namespace {


Result<std::optional<Date>> OptionalDateArg(const std::string& text) {
  if (text.empty()) return std::optional<Date>();
  ASSIGN_OR_RETURN(Date d, ParseDate(text));
  return std::optional<Date>(d);
}

struct ClaimArgs {
  ClaimFiled claim;
  std::string incident, admitted, discharged, self_pay;
  unsigned tier = 0, grade = 0;
  bool for_review = false;
};

void AddFile(CLI::App* claim, Cli& cli) {
  auto w = std::make_shared<WriteOptions>();
  auto a = std::make_shared<ClaimArgs>();
  CLI::App* file = claim->add_subcommand("file", "file a claim with its evidence (admin or reviewer)");
  file->add_option("--id", a->claim.claim_id, "claim number")->required();
  file->add_option("--member", a->claim.member_id, "member id")->required();
  file->add_option("--plan", a->claim.plan_code, "plan code")->required();
  file->add_option("--kind", a->claim.benefit_kind,
                   "inpatient, critical, female, death, disability or medical")->required();
  file->add_option("--incident", a->incident, "incident date (inpatient: the admission)")->required();
  file->add_option("--invoice", a->claim.invoice_number, "invoice number");
  file->add_option("--hospital", a->claim.hospital, "hospital");
  file->add_option("--disease", a->claim.disease_code, "disease code (ICD-10)");
  file->add_option("--tier", a->tier, "FEMALE disease tier 1-4");
  file->add_option("--admitted", a->admitted, "admission date");
  file->add_option("--discharged", a->discharged, "discharge date");
  file->add_option("--self-pay", a->self_pay, "self-paid amount within insurance scope, yuan");
  file->add_option("--grade", a->grade, "disability grade 1-10");
  file->add_flag("--for-review", a->for_review,
                 "record it even if the rules refuse it, for a formal rejection by a reviewer");
  AddWriteOptions(file, w.get());
  OnRun(file, cli, w, [a](Date date) -> Result<FileClaim> {
    FileClaim f{a->claim, date, a->for_review};
    ASSIGN_OR_RETURN(f.claim.incident_date, ParseDate(a->incident));
    ASSIGN_OR_RETURN(f.claim.admission_date, OptionalDateArg(a->admitted));
    ASSIGN_OR_RETURN(f.claim.discharge_date, OptionalDateArg(a->discharged));
    if (!a->self_pay.empty()) {
      ASSIGN_OR_RETURN(f.claim.self_pay_fen, YuanArg(a->self_pay, "--self-pay"));
    }
    f.claim.disease_tier = static_cast<uint8_t>(a->tier);
    f.claim.disability_grade = static_cast<uint8_t>(a->grade);
    return f;
  });
}

Status RunAssess(const GlobalOptions& global, const std::string& claim_id) {
  ASSIGN_OR_RETURN(Ledger ledger, OpenLedger(global));
  Fund* fund = ledger.fund.get();
  ASSIGN_OR_RETURN(auto claim, fund->state().Claim(claim_id));
  if (!claim) return Status::NotFound("claim " + claim_id + " does not exist");
  std::printf("claim %s: %s, plan %s (%s)\n", claim_id.c_str(), std::string(ClaimStatusName(claim->status)).c_str(),
              claim->plan_code.c_str(), claim->benefit_kind.c_str());
  auto assessed = fund->state().AssessStoredClaim(claim_id, *claim);
  if (!assessed.ok()) {
    std::printf("the rules refuse it: %s\n  %s\n", assessed.status().rule().c_str(),
                assessed.status().message().c_str());
    return Status::Ok();
  }
  std::printf("the rule pays %s yuan\n  %s\n", FormatYuanGrouped(assessed->amount_fen).c_str(),
              assessed->explanation.c_str());
  return Status::Ok();
}

void AddReview(CLI::App* claim, Cli& cli) {
  auto id = std::make_shared<std::string>();
  CLI::App* assess = claim->add_subcommand("assess", "show what the plan rule says of a claim");
  assess->add_option("CLAIM", *id, "claim number")->required();
  assess->callback([&cli, id] { cli.action = [&cli, id] { return RunAssess(cli.global, *id); }; });

  auto w = std::make_shared<WriteOptions>();
  auto approve = std::make_shared<ApproveClaim>();
  auto amount = std::make_shared<std::string>();
  CLI::App* ap = claim->add_subcommand("approve", "approve at the rule's amount or less (reviewer)");
  ap->add_option("CLAIM", approve->claim_id, "claim number")->required();
  ap->add_option("--amount", *amount, "a lower amount in yuan (needs --reason)");
  ap->add_option("--reason", approve->reduction_reason, "why the amount is lower than the rule's");
  ap->add_option("--second-approver", approve->second_approver, "second approver, above the four-eyes threshold");
  AddWriteOptions(ap, w.get());
  OnRun(ap, cli, w, [approve, amount](Date date) -> Result<ApproveClaim> {
    ApproveClaim c = *approve;
    c.date = date;
    if (!amount->empty()) {
      ASSIGN_OR_RETURN(c.amount_fen, YuanArg(*amount, "--amount"));
    }
    return c;
  });

  auto wr = std::make_shared<WriteOptions>();
  auto reject = std::make_shared<RejectClaim>();
  CLI::App* rj = claim->add_subcommand("reject", "reject with a reason code (reviewer)");
  rj->add_option("CLAIM", reject->claim_id, "claim number")->required();
  rj->add_option("--code", reject->reason_code, "reason code (docs/rules.md)")->required();
  rj->add_option("--reason", reject->reason, "explanation for the member")->required();
  AddWriteOptions(rj, wr.get());
  OnRun(rj, cli, wr, [reject](Date date) -> Result<RejectClaim> {
    RejectClaim c = *reject;
    c.date = date;
    return c;
  });

  auto wt = std::make_shared<WriteOptions>();
  auto ret = std::make_shared<ReturnClaim>();
  CLI::App* rt = claim->add_subcommand("return", "return for more evidence (reviewer)");
  rt->add_option("CLAIM", ret->claim_id, "claim number")->required();
  rt->add_option("--missing", ret->missing_evidence, "what is missing")->required();
  AddWriteOptions(rt, wt.get());
  OnRun(rt, cli, wt, [ret](Date date) -> Result<ReturnClaim> {
    ReturnClaim c = *ret;
    c.date = date;
    return c;
  });
}

void AddPayout(CLI::App& app, Cli& cli) {
  CLI::App* payout = app.add_subcommand("payout", "payouts (finance)");
  payout->require_subcommand(1);
  auto ws = std::make_shared<WriteOptions>();
  auto claim_id = std::make_shared<std::string>();
  CLI::App* schedule = payout->add_subcommand("schedule", "schedule payment of an approved claim");
  schedule->add_option("CLAIM", *claim_id, "claim number")->required();
  AddWriteOptions(schedule, ws.get());
  OnRun(schedule, cli, ws, [claim_id](Date date) -> Result<SchedulePayout> { return SchedulePayout{*claim_id, date}; });

  auto wp = std::make_shared<WriteOptions>();
  auto post = std::make_shared<PostPayout>();
  CLI::App* ps = payout->add_subcommand("post", "record that the bank paid a payout");
  ps->add_option("PAYOUT", post->payout_id, "payout id (CLAIM-P1, ...)")->required();
  ps->add_option("--bank-ref", post->bank_reference, "bank transaction reference")->required();
  AddWriteOptions(ps, wp.get());
  OnRun(ps, cli, wp, [post](Date date) -> Result<PostPayout> {
    PostPayout c = *post;
    c.date = date;
    return c;
  });

  auto wv = std::make_shared<WriteOptions>();
  auto vd = std::make_shared<VoidPayout>();
  CLI::App* vo = payout->add_subcommand("void", "record that the bank returned a scheduled payout");
  vo->add_option("PAYOUT", vd->payout_id, "payout id")->required();
  vo->add_option("--reason", vd->reason, "why the bank returned it")->required();
  AddWriteOptions(vo, wv.get());
  OnRun(vo, cli, wv, [vd](Date date) -> Result<VoidPayout> {
    VoidPayout c = *vd;
    c.date = date;
    return c;
  });
}

void AddRelief(CLI::App& app, Cli& cli) {
  CLI::App* relief = app.add_subcommand("relief", "relief grants (救助金)");
  relief->require_subcommand(1);
  auto w = std::make_shared<WriteOptions>();
  auto r = std::make_shared<ReliefGranted>();
  auto amount = std::make_shared<std::string>();
  CLI::App* grant = relief->add_subcommand("grant", "grant and pay relief, approved by two people (finance)");
  grant->add_option("--id", r->relief_id, "relief id")->required();
  grant->add_option("--member", r->member_id, "member id")->required();
  grant->add_option("--recipient", r->recipient, "self, spouse or child")->required();
  grant->add_option("--amount", *amount, "amount in yuan")->required();
  grant->add_option("--reason", r->reason, "hardship")->required();
  grant->add_option("--approver", r->first_approver, "first approver")->required();
  grant->add_option("--second-approver", r->second_approver, "second approver")->required();
  AddWriteOptions(grant, w.get());
  OnRun(grant, cli, w, [r, amount](Date date) -> Result<GrantRelief> {
    ReliefGranted copy = *r;
    ASSIGN_OR_RETURN(copy.amount_fen, YuanArg(*amount, "--amount"));
    return GrantRelief{copy, date};
  });
}

void AddCorrect(CLI::App& app, Cli& cli) {
  CLI::App* correct = app.add_subcommand("correct", "corrections: new events, never edits (admin)");
  correct->require_subcommand(1);
  auto w = std::make_shared<WriteOptions>();
  auto rev = std::make_shared<ReverseEvent>();
  CLI::App* reverse = correct->add_subcommand(
      "reverse", "reverse a contribution, enrolment, posted payout or relief grant");
  reverse->add_option("SEQ", rev->target_seq, "seq of the event to reverse")->required();
  reverse->add_option("--reason", rev->reason, "why")->required();
  reverse->add_option("--approver", rev->approver, "who approved the correction")->required();
  AddWriteOptions(reverse, w.get());
  OnRun(reverse, cli, w, [rev](Date) -> Result<ReverseEvent> { return *rev; });

  auto wo = std::make_shared<WriteOptions>();
  auto reo = std::make_shared<ReopenClaim>();
  CLI::App* reopen = correct->add_subcommand("reopen", "reopen a wrongly rejected claim");
  reopen->add_option("CLAIM", reo->claim_id, "claim number")->required();
  reopen->add_option("--reason", reo->reason, "why")->required();
  reopen->add_option("--approver", reo->approver, "who approved the correction")->required();
  AddWriteOptions(reopen, wo.get());
  OnRun(reopen, cli, wo, [reo](Date) -> Result<ReopenClaim> { return *reo; });
}

}  // namespace

void AddClaimCommands(CLI::App& app, Cli& cli) {
  CLI::App* claim = app.add_subcommand("claim", "claims (申请) and their review");
  claim->require_subcommand(1);
  AddFile(claim, cli);
  AddReview(claim, cli);
  AddPayout(app, cli);
  AddRelief(app, cli);
  AddCorrect(app, cli);
}

}  // namespace huzhu::cli
