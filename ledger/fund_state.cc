#include "ledger/fund_state.h"

#include "ledger/keys.h"
#include "ledger/record_codec.h"

namespace huzhu {

namespace state_keys {

namespace {
std::string BigEndian(uint64_t v) {
  std::string out;
  keys::PutBigEndian64(&out, v);
  return out;
}
}  // namespace

// Ids are checked by the commands to hold no '/', so '/' separates key parts.
std::string Unit(const std::string& id) { return "U/" + id; }
std::string Member(const std::string& id) { return "M/" + id; }
std::string UnitMember(const std::string& unit_id, const std::string& member_id) {
  return "V/" + unit_id + "/" + member_id;
}
std::string Enrolment(const std::string& id) { return "E/" + id; }
std::string MemberTerms(const std::string& member_id, const std::string& plan) {
  return "T/" + member_id + "/" + plan;
}
std::string EnrolmentClaim(const std::string& enrolment_id, const std::string& claim_id) {
  return "W/" + enrolment_id + "/" + claim_id;
}
std::string UnitShares(const std::string& unit_id, const std::string& plan) {
  return "H/" + unit_id + "/" + plan;
}
std::string Claim(const std::string& id) { return "C/" + id; }
std::string Invoice(const std::string& plan, const std::string& invoice) {
  return "I/" + plan + "/" + invoice;
}
std::string Payout(const std::string& id) { return "P/" + id; }
std::string Correctable(uint64_t seq) { return "Q/" + BigEndian(seq); }
std::string Account(huzhu::Account account) { return "A/" + std::string(AccountName(account)); }
std::string Plan(const std::string& code, uint32_t version) { return "L/" + code + "/" + BigEndian(version); }
std::string Used(char kind, const std::string& id) { return std::string(1, kind) + "/" + id; }

}  // namespace state_keys

FundState::FundState(Store* store) : store_(store), kv_(store->db(), store->cf(kStateCf)) {}

Result<std::optional<UnitRec>> FundState::Unit(const std::string& id) const {
  return Read<UnitRec>(state_keys::Unit(id), "unit " + id);
}
Result<std::optional<MemberRec>> FundState::Member(const std::string& id) const {
  return Read<MemberRec>(state_keys::Member(id), "member " + id);
}
Result<std::optional<EnrolmentRec>> FundState::Enrolment(const std::string& id) const {
  return Read<EnrolmentRec>(state_keys::Enrolment(id), "enrolment " + id);
}
Result<std::optional<ClaimRec>> FundState::Claim(const std::string& id) const {
  return Read<ClaimRec>(state_keys::Claim(id), "claim " + id);
}
Result<std::optional<PayoutRec>> FundState::Payout(const std::string& id) const {
  return Read<PayoutRec>(state_keys::Payout(id), "payout " + id);
}

Result<Balances> FundState::GetBalances() const {
  Balances balances{};
  for (size_t i = 0; i < kAccountCount; ++i) {
    ASSIGN_OR_RETURN(auto bytes, kv_.Get(state_keys::Account(static_cast<Account>(i))));
    if (bytes && bytes->size() == 8) balances[i] = static_cast<Fen>(keys::ReadBigEndian64(*bytes));
  }
  return balances;
}

Result<const PlanRules*> FundState::Plan(const std::string& code, uint32_t version) const {
  ASSIGN_OR_RETURN(auto json, kv_.Get(state_keys::Plan(code, version)));
  if (!json) return nullptr;
  // Parsed once per distinct definition (keyed by it, so a definition a dry run wrote
  // and dropped is never mistaken for the one stored): every claim approval and every
  // enrolment needs its plan.
  auto cached = plan_cache_.find(*json);
  if (cached == plan_cache_.end()) {
    ASSIGN_OR_RETURN(PlanRules plan, PlanFromJson(*json));
    cached = plan_cache_.emplace(*json, std::move(plan)).first;
  }
  return &cached->second;
}

Result<const PlanRules*> FundState::PlanInForce(const std::string& code, Date on) const {
  auto cached = plan_versions_.find(code);
  if (cached == plan_versions_.end()) {
    ASSIGN_OR_RETURN(auto keys, kv_.Keys("L/" + code + "/"));
    std::vector<uint32_t> versions;
    for (const auto& key : keys) versions.push_back(static_cast<uint32_t>(keys::ReadBigEndian64(key.substr(key.size() - 8))));
    cached = plan_versions_.emplace(code, std::move(versions)).first;
  }
  // Newest version first: the first in force on `on` wins.
  for (auto it = cached->second.rbegin(); it != cached->second.rend(); ++it) {
    ASSIGN_OR_RETURN(const PlanRules* plan, Plan(code, *it));
    if (plan && plan->effective_from <= on) return plan;
  }
  return nullptr;
}

Result<bool> FundState::PlanPublishedAs(const PlanRules& plan) const {
  ASSIGN_OR_RETURN(auto json, kv_.Get(state_keys::Plan(plan.code, plan.version)));
  if (!json) return false;
  if (*json != PlanToJson(plan)) {
    return Status::AlreadyExists("plan " + plan.code + " version " + std::to_string(plan.version) +
                                 " is already published with different rules; give the changed "
                                 "rules a new version");
  }
  return true;
}

Result<std::vector<std::string>> FundState::MemberTerms(const std::string& member_id,
                                                        const std::string& plan_code) const {
  ASSIGN_OR_RETURN(auto rec, Read<MemberTermsRec>(state_keys::MemberTerms(member_id, plan_code), "terms"));
  std::vector<std::string> ids;
  if (rec) {
    for (const auto& [start, id] : rec->terms) ids.push_back(id);
  }
  return ids;
}

Status FundState::AddMemberTerm(const std::string& member_id, const std::string& plan, Date start,
                                const std::string& id) {
  std::string key = state_keys::MemberTerms(member_id, plan);
  ASSIGN_OR_RETURN(auto rec, Read<MemberTermsRec>(key, "terms"));
  MemberTermsRec terms = rec.value_or(MemberTermsRec{});
  terms.terms.emplace_back(start, id);
  std::sort(terms.terms.begin(), terms.terms.end());
  Write(key, terms);
  return Status::Ok();
}

Status FundState::RemoveMemberTerm(const std::string& member_id, const std::string& plan, const std::string& id) {
  std::string key = state_keys::MemberTerms(member_id, plan);
  ASSIGN_OR_RETURN(MemberTermsRec terms, Existing(Read<MemberTermsRec>(key, "terms"), "terms of member " + member_id));
  std::erase_if(terms.terms, [&](const auto& t) { return t.second == id; });
  Write(key, terms);
  return Status::Ok();
}

Result<std::vector<std::string>> FundState::UnitMembers(const std::string& unit_id) const {
  std::string prefix = "V/" + unit_id + "/";
  ASSIGN_OR_RETURN(auto keys, kv_.Keys(prefix));
  for (auto& key : keys) key = key.substr(prefix.size());
  return keys;
}

Result<std::optional<std::string>> FundState::InvoiceClaim(const std::string& plan_code,
                                                           const std::string& invoice) const {
  return kv_.Get(state_keys::Invoice(plan_code, invoice));
}

Result<bool> FundState::IdUsed(char kind, const std::string& id) const {
  ASSIGN_OR_RETURN(auto v, kv_.Get(state_keys::Used(kind, id)));
  return v.has_value();
}

Result<Assessment> FundState::AssessStoredClaim(const std::string& claim_id, const ClaimRec& c) const {
  if (!c.invoice_number.empty()) {
    ASSIGN_OR_RETURN(auto owner, InvoiceClaim(c.plan_code, c.invoice_number));
    if (owner && *owner != claim_id) {
      return Status::RuleViolation(reason::kDuplicateInvoice, "invoice " + c.invoice_number +
                                                                  " already backs claim " + *owner +
                                                                  " in plan " + c.plan_code);
    }
  }
  ASSIGN_OR_RETURN(auto enrolment, Enrolment(c.enrolment_id));
  ASSIGN_OR_RETURN(auto member, Member(c.member_id));
  if (!enrolment || !member) return Status::Internal("claim refers to missing records");
  if (enrolment->reversed) {
    return Status::RuleViolation(reason::kOutsideCover, "enrolment " + c.enrolment_id +
                                                            " was reversed: the member had no cover");
  }
  ASSIGN_OR_RETURN(auto plan, Plan(enrolment->plan_code, enrolment->plan_version));
  if (!plan) return Status::Internal("enrolment refers to an unpublished plan version");
  CoverFacts cover{enrolment->term_start, enrolment->term_end, enrolment->shares,
                   enrolment->continuity_waiver};
  TermUsage used{enrolment->inpatient_fen, enrolment->lump_sum_used,
                 enrolment->accident_death_disability_fen, enrolment->accident_medical_fen};
  ClaimFacts facts{c.benefit_kind, c.incident_date, c.filed_on, member->gender, c.disease_code,
                   c.disease_tier, c.self_pay_fen, c.disability_grade};
  return AssessClaim(*plan, cover, used, facts);
}

// Who may issue which event (docs/rules.md, "Roles").
Status FundState::CheckRole(const Event& event) const {
  Role role = event.envelope.actor.role;
  bool allowed = false;
  switch (event.type()) {
    case EventType::kFundOpened:
    case EventType::kPlanPublished:
    case EventType::kUnitRegistered:
    case EventType::kMemberRegistered:
    case EventType::kMemberEnrolled:
    case EventType::kEventReversed:
    case EventType::kClaimReopened: allowed = role == Role::kAdmin; break;
    case EventType::kClaimFiled: allowed = role == Role::kAdmin || role == Role::kReviewer; break;
    case EventType::kClaimApproved:
    case EventType::kClaimRejected:
    case EventType::kClaimReturned: allowed = role == Role::kReviewer; break;
    case EventType::kContributionReceived:
    case EventType::kPayoutScheduled:
    case EventType::kPayoutPosted:
    case EventType::kPayoutVoided:
    case EventType::kReliefGranted: allowed = role == Role::kFinance; break;
  }
  if (allowed) return Status::Ok();
  return Status::PermissionDenied("the " + std::string(RoleName(role)) + " role may not record " +
                                  std::string(EventTypeName(event.type())) + " (user " +
                                  event.envelope.actor.user + ")");
}

Status FundState::Post(const std::vector<Posting>& postings, const Event& event) {
  if (postings.empty()) return Status::Ok();
  if (SumOf(postings) != 0) {
    return Status::Internal("postings of seq " + std::to_string(event.seq()) + " do not balance");
  }
  ASSIGN_OR_RETURN(Balances balances, GetBalances());
  for (const auto& p : postings) balances[static_cast<size_t>(p.account)] += p.amount_fen;
  Fen bank = balances[static_cast<size_t>(Account::kBank)];
  if (bank < 0) {
    return Status::RuleViolation(
        reason::kInsufficientFunds,
        "the fund's bank account cannot cover this: it would go " + FormatYuanGrouped(-bank) +
            " yuan below zero");
  }
  Fen total = 0;
  for (size_t i = 0; i < kAccountCount; ++i) {
    total += balances[i];
    std::string value;
    keys::PutBigEndian64(&value, static_cast<uint64_t>(balances[i]));
    kv_.Put(state_keys::Account(static_cast<Account>(i)), value);
  }
  HUZHU_CHECK(total == 0);  // debits equal credits over all accounts, always
  return Status::Ok();
}

Status FundState::Apply(const Event& event) {
  RETURN_IF_ERROR(CheckRole(event));
  // The type, not the seq: in a dry run the event has no seq yet (the store names
  // the seq when an append is refused).
  return ApplyPayload(event).WithContext(EventTypeName(event.type()));
}

void FundState::Discard() {
  kv_.Clear();
  plan_versions_.clear();
  prepared_ = {1, 0};
}

Status FundState::OnEvent(const Event& event, rocksdb::WriteBatch*) {
  bool prepared = prepared_.first <= event.seq() && event.seq() <= prepared_.second;
  if (!prepared) return Apply(event);
  return Status::Ok();
}

// Once per batch, as the records stand after its last event (as the projections do):
// a replayed or caught-up batch would otherwise stage a unit's shares or an account
// once per event that rewrites it.
Status FundState::OnBatchEnd(uint64_t, rocksdb::WriteBatch* batch) { return kv_.FlushInto(batch); }

void FundState::OnCommit() {
  kv_.Clear();
  prepared_ = {1, 0};
}

}  // namespace huzhu
