// Commands: what people ask the fund to do. Each is turned into event drafts by
// checking its input against the fund's current state; Fund::Execute then dry-runs
// the drafts through FundState::Apply (the rules every event must satisfy) before
// appending them. Nothing is written unless the whole command passes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "events/event.h"
#include "ledger/fund_state.h"
#include "ledger/plan.h"
#include "ledger/writer.h"

namespace huzhu {

struct OpenFund {
  FundOpened fund;
  Date date;
};

struct PublishPlans {
  std::vector<PlanRules> plans;  // versions already published with the same rules are skipped
  Date date;
};

struct RegisterUnit {
  UnitRegistered unit;
  Date date;
};

// Gender and birth date come from the ID number; when given they must agree with it.
struct RegisterMember {
  MemberRegistered member;
  std::optional<Gender> gender;
  std::optional<Date> birth_date;
  Date date;
};

// Enrols members of one unit in one plan, as a batch.
struct EnrolMembers {
  std::string unit_id;
  std::string plan_code;
  uint32_t shares = 1;
  uint32_t years = 0;  // 0: the plan's shortest term
  Date term_start;
  std::vector<std::string> member_ids;
};

struct ReceiveContribution {
  ContributionReceived contribution;
  Date date;
};

struct FileClaim {
  ClaimFiled claim;   // enrolment_id may be empty: the term covering the incident is found
  Date filed_on;
  // Record the claim even though the rules already refuse it, so that a reviewer
  // issues a formal rejection the member can appeal. Default: refuse at filing.
  bool for_review = false;
};

struct ApproveClaim {
  std::string claim_id;
  std::optional<Fen> amount_fen;  // default: the rule's amount; never above it
  std::string reduction_reason;
  std::string second_approver;
  Date date;
};

struct RejectClaim {
  std::string claim_id;
  std::string reason_code;
  std::string reason;
  Date date;
};

struct ReturnClaim {
  std::string claim_id;
  std::string missing_evidence;
  Date date;
};

struct SchedulePayout {
  std::string claim_id;
  Date date;
};

struct PostPayout {
  std::string payout_id;
  std::string bank_reference;
  Date date;
};

struct VoidPayout {
  std::string payout_id;
  std::string reason;
  Date date;
};

struct GrantRelief {
  ReliefGranted relief;
  Date date;
};

// Reverses a contribution, an enrolment, a posted payout or a relief grant.
struct ReverseEvent {
  uint64_t target_seq = 0;
  std::string reason;
  std::string approver;
};

struct ReopenClaim {
  std::string claim_id;
  std::string reason;
  std::string approver;
};

// The drafts each command becomes, or why it cannot be done.
Result<std::vector<EventDraft>> Draft(const FundState& state, const OpenFund& c);
Result<std::vector<EventDraft>> Draft(const FundState& state, const PublishPlans& c);
Result<std::vector<EventDraft>> Draft(const FundState& state, const RegisterUnit& c);
Result<std::vector<EventDraft>> Draft(const FundState& state, const RegisterMember& c);
Result<std::vector<EventDraft>> Draft(const FundState& state, const EnrolMembers& c);
Result<std::vector<EventDraft>> Draft(const FundState& state, const ReceiveContribution& c);
Result<std::vector<EventDraft>> Draft(const FundState& state, const FileClaim& c);
Result<std::vector<EventDraft>> Draft(const FundState& state, const ApproveClaim& c);
Result<std::vector<EventDraft>> Draft(const FundState& state, const RejectClaim& c);
Result<std::vector<EventDraft>> Draft(const FundState& state, const ReturnClaim& c);
Result<std::vector<EventDraft>> Draft(const FundState& state, const SchedulePayout& c);
Result<std::vector<EventDraft>> Draft(const FundState& state, const PostPayout& c);
Result<std::vector<EventDraft>> Draft(const FundState& state, const VoidPayout& c);
Result<std::vector<EventDraft>> Draft(const FundState& state, const GrantRelief& c);
Result<std::vector<EventDraft>> Draft(const FundState& state, const ReverseEvent& c);
Result<std::vector<EventDraft>> Draft(const FundState& state, const ReopenClaim& c);

// Checks that hold for a command's events together, after they were dry-run.
Status CheckAfterDryRun(const FundState& state, const EnrolMembers& c);
template <class Command>
Status CheckAfterDryRun(const FundState&, const Command&) {
  return Status::Ok();
}

// Several commands of one kind as one batch (one atomic write): what bulk work and
// the generator use. Each item is drafted against the state before the batch; the
// dry run then applies them in order, so conflicts between items are still caught.
template <class Command>
struct Several {
  std::vector<Command> items;
};

template <class Command>
Result<std::vector<EventDraft>> Draft(const FundState& state, const Several<Command>& c) {
  std::vector<EventDraft> drafts;
  for (const Command& item : c.items) {
    ASSIGN_OR_RETURN(std::vector<EventDraft> more, Draft(state, item));
    drafts.insert(drafts.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  return drafts;
}

template <class Command>
Status CheckAfterDryRun(const FundState& state, const Several<Command>& c) {
  for (const Command& item : c.items) RETURN_IF_ERROR(CheckAfterDryRun(state, item));
  return Status::Ok();
}

// Ids name records in keys and files: 1 to 64 of A-Z a-z 0-9 . _ -
Status CheckId(std::string_view what, const std::string& id);
// The enrolment id of a member's term: "<member>-<plan>-<YYYYMMDD>".
std::string EnrolmentId(const std::string& member_id, const std::string& plan, Date start);
// The id the claim's next scheduled payout gets: "<claim>-P<n>", n counting from 1.
std::string NextPayoutId(const std::string& claim_id, const ClaimRec& claim);

}  // namespace huzhu
