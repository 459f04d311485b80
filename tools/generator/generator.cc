#include "tools/generator/generator.h"

#include <algorithm>
#include <deque>
#include <set>

#include "ledger/rules.h"
#include "tools/generator/people.h"
#include "tools/generator/random.h"

namespace huzhu::gen {

Result<Scale> ScaleNamed(const std::string& name) {
  // Rates are tuned so that the city scale lands near Chengdu's published figures
  // (about 1,000 yuan per head) with a loss ratio inside the healthy band.
  if (name == "small") return Scale{"small", 20, 20, 80, 50, 70, 35};
  // Chengdu 2016: 6,517 units, about 656,000 enrolment terms, about 34,000 payouts.
  if (name == "city") return Scale{"city", 6517, 20, 114, 50, 70, 35};
  // China 2016: about 13.45 million enrolment terms, 360,000 payouts.
  if (name == "national") return Scale{"national", 133'600, 20, 114, 50, 35, 12};
  return Status::InvalidArgument("unknown scale \"" + name + "\" (small, city, national)");
}

namespace {

// Kept for every member of the fund while it runs (about 9 million at national
// scale), so it is small: the id is "M" + number, made when needed.
struct Member {
  uint32_t number = 0;
  Date birth;
  int16_t joined = 0;       // the year of the member's first term
  Gender gender = Gender::kMale;
  bool left = false;        // not renewed after the first year
  bool ineligible = false;  // refused at enrolment: never covered
  std::string id() const { return "M" + std::to_string(number); }
};

// A member by position: (unit index, member index within the unit).
using MemberRef = std::pair<uint32_t, uint32_t>;

struct Unit {
  std::string id;
  std::vector<Member> members;
  uint32_t inpatient_shares = 1;
  bool accident = false;
  uint32_t accident_shares = 1;
};

struct PendingClaim {
  std::string id;
  std::string member;
  Date filed_on;
  bool for_review = false;
  std::string discretionary;  // a reviewer's own reason to reject, if any
};

class Run {
 public:
  Run(Fund& fund, ManualClock& clock, const GeneratorOptions& o, const GeneratorProgress& progress)
      : fund_(fund), clock_(clock), o_(o), rng_(o.seed), progress_(progress) {}

  Status All(const std::vector<PlanRules>& plans);
  GeneratorStats stats() const { return stats_; }

 private:
  // Moves the clock to `day` (never back) and runs one command.
  template <class C>
  Status Exec(const char* user, Role role, const C& command, Date day) {
    Timestamp at = TimestampFromDate(day);
    at.micros += 9 * 3600 * 1'000'000LL;
    if (clock_.Now() < at) clock_.Set(at);
    clock_.AdvanceMicros(1'000'000);
    auto out = fund_.Execute(CommandContext{Actor{user, role}, "gen-" + std::to_string(o_.seed) + "-" +
                                                                   std::to_string(++commands_)},
                             command);
    if (!out.ok()) return out.status();
    if (progress_) progress_(fund_.store().head().seq);
    return Status::Ok();
  }
  // Runs items as batches of at most batch_events events (estimated `per_item` each),
  // each batch's reads done ahead while the one before it is written.
  template <class C>
  Status ExecMany(const char* user, Role role, std::vector<C> items, Date day, size_t per_item = 1) {
    size_t chunk = std::max<size_t>(1, o_.batch_events / per_item);
    auto batch_at = [&](size_t i) {
      Several<C> batch;
      batch.items.assign(std::make_move_iterator(items.begin() + i),
                         std::make_move_iterator(items.begin() + std::min(items.size(), i + chunk)));
      return batch;
    };
    if (items.empty()) return Status::Ok();
    Several<C> batch = batch_at(0);
    for (size_t i = 0; i < items.size(); i += chunk) {
      Several<C> next;
      if (i + chunk < items.size()) {
        next = batch_at(i + chunk);
        fund_.ReadAheadFor(next);
      }
      RETURN_IF_ERROR(Exec(user, role, batch, day));
      batch = std::move(next);
    }
    return Status::Ok();
  }
  void Count(const std::string& what, int64_t n = 1) { stats_.counts[what] += n; }

  Status Setup(const std::vector<PlanRules>& plans);
  Member NewMember(int year);
  Status RegisterMembers(const std::vector<MemberRef>& members, Date day);
  Status EnrolYear(int year);
  Status Contributions(int year);
  void DrawClaims(int year);
  Status Weeks(int year);
  Status FileWeek(Date from, Date to);
  Status ReviewWeek(Date day);
  Status PayWeek(Date day);
  Status Corrections(int year);
  Status LateClaim(Date filed);
  Status RefusedEnrolment();
  ClaimFiled MakeClaim(const PendingClaim& p, const std::string& plan, const std::string& kind, Date incident);

  Fund& fund_;
  ManualClock& clock_;
  GeneratorOptions o_;
  Random rng_;
  GeneratorProgress progress_;
  GeneratorStats stats_;
  int commands_ = 0;
  int next_member_ = 0;
  int next_claim_ = 0;
  std::vector<Unit> units_;
  std::deque<std::pair<PendingClaim, ClaimFiled>> to_file_;           // by filing date
  std::vector<PendingClaim> to_review_;
  std::vector<std::string> to_schedule_;
  std::vector<std::string> to_post_;  // payout ids
  std::vector<std::string> rejected_for_reopening_;
  bool wrongly_rejected_drawn_ = false;
  bool left_claim_drawn_ = false;
  bool twin_drawn_ = false;
};

Date Day(int year, unsigned month, unsigned day) { return DateFromCivil(year, month, day); }

Member Run::NewMember(int year) {
  Member m;
  m.number = static_cast<uint32_t>(++next_member_);
  m.gender = rng_.Chance(450) ? Gender::kFemale : Gender::kMale;
  m.joined = static_cast<int16_t>(year);
  int max_age = m.gender == Gender::kFemale ? 53 : 58;
  m.birth = AddDays(Day(year - static_cast<int>(rng_.Between(20, max_age)), 1, 1), static_cast<int32_t>(rng_.Between(0, 364)));
  return m;
}

Status Run::RegisterMembers(const std::vector<MemberRef>& members, Date day) {
  // Commands are built and run a batch at a time: the generator's memory must not
  // grow with the fund either.
  std::vector<RegisterMember> items;
  Count("members registered", static_cast<int64_t>(members.size()));
  for (const auto& [u, i] : members) {
    const std::string& unit = units_[u].id;
    const Member& m = units_[u].members[i];
    if (items.size() == o_.batch_events) {
      RETURN_IF_ERROR(ExecMany("admin1", Role::kAdmin, std::move(items), day));
      items.clear();
    }
    MemberRegistered r;
    r.member_id = m.id();
    r.unit_id = unit;
    r.name = ChineseName(rng_, m.gender);
    r.id_number = FakeIdNumber(rng_, m.birth, m.gender);
    r.phone = FakePhone(rng_);
    r.bank_account = FakeBankAccount(rng_);
    items.push_back(RegisterMember{r, std::nullopt, std::nullopt, day});
  }
  return ExecMany("admin1", Role::kAdmin, std::move(items), day);
}

Status Run::Setup(const std::vector<PlanRules>& plans) {
  Date opened = Day(o_.first_year - 1, 12, 1);
  RETURN_IF_ERROR(Exec("admin1", Role::kAdmin, OpenFund{FundOpened{"中国职工保险互助会示范市办事处", "DEMO"}, opened}, opened));
  RETURN_IF_ERROR(Exec("admin1", Role::kAdmin, PublishPlans{plans, opened}, opened));
  std::vector<RegisterUnit> units;
  std::vector<MemberRef> members;
  for (int u = 0; u < o_.scale.units; ++u) {
    Unit unit;
    unit.id = "U" + std::to_string(100000 + u);
    int n = static_cast<int>(rng_.Between(o_.scale.members_min, o_.scale.members_max));
    for (int i = 0; i < n; ++i) unit.members.push_back(NewMember(o_.first_year));
    unit.inpatient_shares = static_cast<uint32_t>(rng_.Chance(600) ? 1 : rng_.Chance(700) ? 2 : 3);
    unit.accident = rng_.Chance(o_.scale.accident_pct * 10);
    unit.accident_shares = static_cast<uint32_t>(rng_.Between(1, 3));
    uint32_t females = 0;
    for (const auto& m : unit.members) females += m.gender == Gender::kFemale;
    units.push_back(RegisterUnit{UnitRegistered{unit.id, "示范单位" + std::to_string(u + 1) + "工会",
                                                static_cast<uint32_t>(n), females},
                                 opened});
    for (uint32_t i = 0; i < unit.members.size(); ++i) members.emplace_back(static_cast<uint32_t>(u), i);
    units_.push_back(std::move(unit));
  }
  Count("units", o_.scale.units);
  // The city union's own account seeds the fund with a reserve, so that early
  // benefits are paid before the year's contributions have built up.
  units.push_back(RegisterUnit{UnitRegistered{"U000000", "市总工会", 1, 0}, opened});
  RETURN_IF_ERROR(ExecMany("admin1", Role::kAdmin, std::move(units), opened));
  Fen reserve = static_cast<Fen>(members.size()) * 4000;
  RETURN_IF_ERROR(Exec("fin1", Role::kFinance,
                       ReceiveContribution{ContributionReceived{"RESERVE", "U000000", "INPATIENT", reserve, "RESERVE"}, opened},
                       opened));
  return RegisterMembers(members, opened);
}

Status Run::EnrolYear(int year) {
  Date start = Day(year, 1, 1);
  std::vector<EnrolMembers> batches;
  std::vector<MemberRef> joiners;
  for (uint32_t u = 0; u < units_.size(); ++u) {
    Unit& unit = units_[u];
    if (year > o_.first_year) {
      // Some leave, some join; the rest renew within the grace period (waiver).
      for (Member& m : unit.members) m.left = m.left || rng_.Chance(30);
      int joining = static_cast<int>(rng_.Between(0, static_cast<int64_t>(unit.members.size()) / 15));
      for (int i = 0; i < joining; ++i) {
        unit.members.push_back(NewMember(year));
        joiners.emplace_back(u, static_cast<uint32_t>(unit.members.size() - 1));
      }
    }
    std::vector<std::string> active, women;
    for (const Member& m : unit.members) {
      if (m.left) continue;
      active.push_back(m.id());
      if (m.gender == Gender::kFemale) women.push_back(m.id());
    }
    if (active.empty()) continue;
    batches.push_back(EnrolMembers{unit.id, "INPATIENT", unit.inpatient_shares, 1, start, active});
    if (unit.accident) batches.push_back(EnrolMembers{unit.id, "ACCIDENT", unit.accident_shares, 1, start, active});
    // FEMALE runs two years; units enrol all their women (small units must).
    if (year == o_.first_year && !women.empty() && unit.id.back() % 3 == 0) {
      batches.push_back(EnrolMembers{unit.id, "FEMALE", 1, 2, start, women});
    }
  }
  if (!joiners.empty()) RETURN_IF_ERROR(RegisterMembers(joiners, AddDays(start, -10)));
  int64_t terms = 0;
  for (const auto& b : batches) terms += static_cast<int64_t>(b.member_ids.size());
  Count("enrolment terms " + std::to_string(year), terms);
  return ExecMany("admin1", Role::kAdmin, std::move(batches), start, 60);
}

Status Run::Contributions(int year) {
  Date paid = Day(year, 1, 10);
  std::vector<ReceiveContribution> items;
  for (const Unit& unit : units_) {
    Fen active = 0, women = 0;
    for (const Member& m : unit.members) {
      active += !m.left;
      women += !m.left && m.gender == Gender::kFemale;
    }
    if (active == 0) continue;
    std::string y = std::to_string(year);
    items.push_back({ContributionReceived{"C" + y + unit.id + "I", unit.id, "INPATIENT", 6000 * unit.inpatient_shares * active, "B" + y}, paid});
    if (unit.accident) {
      items.push_back({ContributionReceived{"C" + y + unit.id + "A", unit.id, "ACCIDENT", 2000 * unit.accident_shares * active, "B" + y}, paid});
    }
    if (year == o_.first_year && women > 0 && unit.id.back() % 3 == 0) {
      items.push_back({ContributionReceived{"C" + y + unit.id + "F", unit.id, "FEMALE", 1800 * 2 * women, "B" + y}, paid});
    }
  }
  Count("contributions", static_cast<int64_t>(items.size()));
  return ExecMany("fin1", Role::kFinance, std::move(items), paid);
}

ClaimFiled Run::MakeClaim(const PendingClaim& p, const std::string& plan, const std::string& kind, Date incident) {
  ClaimFiled c;
  c.claim_id = p.id;
  c.member_id = p.member;
  c.plan_code = plan;
  c.benefit_kind = kind;
  c.incident_date = incident;
  c.invoice_number = "INV" + p.id;
  c.hospital = "示范市第" + std::to_string(rng_.Between(1, 9)) + "人民医院";
  if (kind == "inpatient") {
    c.admission_date = incident;
    c.discharge_date = AddDays(incident, static_cast<int32_t>(rng_.Between(2, 15)));
    c.disease_code = "K35";
    c.self_pay_fen = rng_.Skewed(60'000, 150'000, 1'500'000);
  } else if (kind == "medical") {
    c.self_pay_fen = rng_.Skewed(20'000, 90'000, 400'000);
  } else if (kind == "disability") {
    c.disability_grade = static_cast<uint8_t>(rng_.Between(5, 10));
  }
  return c;
}

void Run::DrawClaims(int year) {
  std::vector<std::pair<PendingClaim, ClaimFiled>> drawn;
  Date last_day = Day(o_.first_year + o_.years - 1, 12, 31);
  for (const Unit& unit : units_) {
    for (const Member& m : unit.members) {
      if (m.ineligible) continue;
      bool covered = !m.left || year == o_.first_year;
      int per_mille = o_.scale.inpatient_claims_per_mille;
      bool inpatient = rng_.Chance(per_mille);
      bool forced = !covered && !left_claim_drawn_;
      if (forced) inpatient = left_claim_drawn_ = true;
      bool accident = unit.accident && rng_.Chance(o_.scale.accident_claims_per_mille);
      // Members who left still fall ill; their claims are refused as outside cover.
      if (!covered && !(inpatient && (forced || rng_.Chance(100)))) continue;
      for (int k = 0; k < 2; ++k) {
        if (k == 0 ? !inpatient : !accident) continue;
        Date incident = AddDays(Day(year, 1, 1), static_cast<int32_t>(rng_.Between(0, 364)));
        PendingClaim p{"CL" + std::to_string(++next_claim_), m.id(), AddDays(incident, static_cast<int32_t>(rng_.Between(10, 40))), false, ""};
        if (p.filed_on > last_day) continue;
        std::string kind = k == 0 ? "inpatient" : rng_.Chance(30) ? "disability" : "medical";
        // One of each showcase case, whatever the scale: a claim wrongly rejected
        // (reopened in June), and one from a member who had left (outside cover).
        ClaimFiled c = MakeClaim(p, k == 0 ? "INPATIENT" : "ACCIDENT", kind, incident);
        // New members in their observation period, and those who left, are refused
        // by the rules: file them for a formal rejection.
        bool observation = k == 0 && year == m.joined && DaysBetween(Day(year, 1, 1), incident) < 90;
        p.for_review = observation || !covered;
        bool showcase = !p.for_review && year > o_.first_year && !wrongly_rejected_drawn_ &&
                        p.filed_on < Day(year, 5, 1);
        if (showcase || (!p.for_review && rng_.Chance(5))) p.discretionary = reason::kEvidenceInsufficient;
        wrongly_rejected_drawn_ = wrongly_rejected_drawn_ || showcase;
        drawn.emplace_back(p, c);
        bool send_twice = !p.for_review && p.discretionary.empty() && (!twin_drawn_ || rng_.Chance(3));
        twin_drawn_ = twin_drawn_ || send_twice;
        if (send_twice) {  // the same invoice sent again
          PendingClaim twin{"CL" + std::to_string(++next_claim_), m.id(), AddDays(p.filed_on, 3), true, ""};
          if (twin.filed_on > last_day) continue;
          ClaimFiled again = c;
          again.claim_id = twin.id;
          drawn.emplace_back(twin, again);
        }
      }
    }
  }
  std::stable_sort(drawn.begin(), drawn.end(), [](const auto& a, const auto& b) { return a.first.filed_on < b.first.filed_on; });
  for (auto& d : drawn) to_file_.push_back(std::move(d));
}

Status Run::FileWeek(Date from, Date to) {
  std::vector<FileClaim> items;
  while (!to_file_.empty() && to_file_.front().first.filed_on < to) {
    auto [p, c] = std::move(to_file_.front());
    to_file_.pop_front();
    items.push_back(FileClaim{c, std::max(p.filed_on, from), p.for_review});
    to_review_.push_back(p);
  }
  Count("claims filed", static_cast<int64_t>(items.size()));
  return ExecMany("clerk1", Role::kAdmin, std::move(items), from);
}

Status Run::ReviewWeek(Date day) {
  std::vector<ApproveClaim> approve;
  std::vector<RejectClaim> reject;
  std::vector<PendingClaim> later;
  std::set<std::string> members_in_batch;
  // The reviewer reads the week's claims and what they rest on together, as a
  // reviewing tool would (ledger/read_ahead.h).
  Several<ApproveClaim> week;
  for (const PendingClaim& p : to_review_) week.items.push_back(ApproveClaim{p.id, std::nullopt, "", "", day});
  RETURN_IF_ERROR(ReadAhead(fund_.state(), week));
  for (const PendingClaim& p : to_review_) {
    // One claim per member per batch: approvals of one term build on each other.
    if (!members_in_batch.insert(p.member).second) {
      later.push_back(p);
      continue;
    }
    ASSIGN_OR_RETURN(ClaimRec claim, Existing(fund_.state().Claim(p.id), "claim " + p.id));
    auto assessed = fund_.state().AssessStoredClaim(p.id, claim);
    if (!assessed.ok()) {
      reject.push_back(RejectClaim{p.id, assessed.status().rule(), assessed.status().message(), day});
      Count("rejected " + assessed.status().rule());
    } else if (!p.discretionary.empty()) {
      reject.push_back(RejectClaim{p.id, p.discretionary, "the invoice copy is missing", day});
      Count("rejected " + p.discretionary);
      if (rejected_for_reopening_.size() < 3) rejected_for_reopening_.push_back(p.id);
    } else {
      ApproveClaim a{p.id, std::nullopt, "", "", day};
      if (assessed->amount_fen > 5'000'000) a.second_approver = "rev2";
      approve.push_back(a);
      to_schedule_.push_back(p.id);
    }
  }
  to_review_ = std::move(later);
  Count("approved", static_cast<int64_t>(approve.size()));
  RETURN_IF_ERROR(ExecMany("rev1", Role::kReviewer, std::move(reject), day));
  return ExecMany("rev1", Role::kReviewer, std::move(approve), day);
}

Status Run::PayWeek(Date day) {
  // Last week's scheduled payouts are posted (a few come back from the bank), then
  // this week's approvals are scheduled.
  std::vector<PostPayout> post;
  std::vector<VoidPayout> voided;
  for (const std::string& payout : to_post_) {
    if (rng_.Chance(10)) {
      voided.push_back(VoidPayout{payout, "the bank returned it: account closed", day});
      to_schedule_.push_back(payout.substr(0, payout.rfind('-')));
    } else {
      post.push_back(PostPayout{payout, "BANK" + payout, day});
    }
  }
  to_post_.clear();
  Count("payouts posted", static_cast<int64_t>(post.size()));
  Count("payouts voided", static_cast<int64_t>(voided.size()));
  RETURN_IF_ERROR(ExecMany("fin1", Role::kFinance, std::move(voided), day));
  RETURN_IF_ERROR(ExecMany("fin1", Role::kFinance, std::move(post), day));
  std::vector<SchedulePayout> schedule;
  Several<SchedulePayout> ahead;
  for (const std::string& claim : to_schedule_) ahead.items.push_back(SchedulePayout{claim, day});
  RETURN_IF_ERROR(ReadAhead(fund_.state(), ahead));
  for (const std::string& claim : to_schedule_) {
    schedule.push_back(SchedulePayout{claim, day});
    ASSIGN_OR_RETURN(ClaimRec rec, Existing(fund_.state().Claim(claim), "claim " + claim));
    to_post_.push_back(NextPayoutId(claim, rec));
  }
  to_schedule_.clear();
  return ExecMany("fin1", Role::kFinance, std::move(schedule), day);
}

Status Run::Corrections(int year) {
  Date day = Day(year, 6, 15);
  // A contribution entered twice, and reversed.
  const Unit& unit = units_.front();
  ContributionReceived twice{"C" + std::to_string(year) + unit.id + "I-DUP", unit.id, "INPATIENT", 6000, "B-DUP"};
  RETURN_IF_ERROR(Exec("fin1", Role::kFinance, ReceiveContribution{twice, day}, day));
  uint64_t duplicate = fund_.store().head().seq;
  RETURN_IF_ERROR(Exec("admin1", Role::kAdmin, ReverseEvent{duplicate, "the same bank slip entered twice", "dir1"}, AddDays(day, 3)));
  Count("corrections: contribution reversed");
  // Relief grants.
  for (int i = 0; i < std::max(2, o_.scale.units / 500); ++i) {
    const Unit& u = units_[static_cast<size_t>(rng_.Between(0, static_cast<int64_t>(units_.size()) - 1))];
    const Member& m = u.members.front();
    ReliefGranted r{"R" + std::to_string(year) + "-" + std::to_string(i), m.id(), rng_.Chance(500) ? "self" : "child",
                    rng_.Between(1000, 5000) * 100, "家庭困难", "fin2", "dir1"};
    RETURN_IF_ERROR(Exec("fin1", Role::kFinance, GrantRelief{r, day}, day));
    Count("relief grants");
  }
  if (year == o_.first_year) return Status::Ok();
  // An enrolment made for a member who had left, reversed.
  for (Unit& u : units_) {
    auto left = std::find_if(u.members.begin(), u.members.end(), [](const Member& m) { return m.left && !m.ineligible; });
    if (left == u.members.end()) continue;
    RETURN_IF_ERROR(Exec("admin1", Role::kAdmin, EnrolMembers{u.id, "INPATIENT", u.inpatient_shares, 1, Day(year, 2, 1), {left->id()}}, day));
    uint64_t wrong = fund_.store().head().seq;
    RETURN_IF_ERROR(Exec("admin1", Role::kAdmin, ReverseEvent{wrong, "the member had left; enrolled by mistake", "dir1"}, day));
    Count("corrections: enrolment reversed");
    break;
  }
  // Wrongly rejected claims reopened; they are reviewed again with the next batch.
  for (const std::string& claim : rejected_for_reopening_) {
    RETURN_IF_ERROR(Exec("admin1", Role::kAdmin, ReopenClaim{claim, "the invoice copy was in the file", "dir1"}, day));
    ASSIGN_OR_RETURN(ClaimRec rec, Existing(fund_.state().Claim(claim), "claim " + claim));
    to_review_.push_back(PendingClaim{claim, rec.member_id, day, false, ""});
    Count("corrections: claim reopened");
  }
  rejected_for_reopening_.clear();
  return Status::Ok();
}

Status Run::LateClaim(Date filed) {
  auto unit = std::find_if(units_.begin(), units_.end(), [](const Unit& u) { return u.accident; });
  if (unit == units_.end()) return Status::Ok();
  PendingClaim p{"CL" + std::to_string(++next_claim_), unit->members.front().id(), filed, true, ""};
  ClaimFiled c = MakeClaim(p, "ACCIDENT", "medical", Day(o_.first_year, 1, 2));
  to_review_.push_back(p);
  Count("claims filed");
  return Exec("clerk1", Role::kAdmin, FileClaim{c, filed, true}, filed);
}

Status Run::RefusedEnrolment() {
  // A member past retirement age, registered but refused at enrolment.
  Unit& unit = units_.front();
  Member old;
  old.number = static_cast<uint32_t>(++next_member_);
  old.gender = Gender::kMale;
  old.birth = Day(o_.first_year - 62, 3, 1);
  old.left = true;  // never covered
  old.ineligible = true;
  unit.members.push_back(old);
  RETURN_IF_ERROR(RegisterMembers({{0, static_cast<uint32_t>(unit.members.size() - 1)}}, Day(o_.first_year, 1, 1)));
  Status refused = Exec("admin1", Role::kAdmin,
                        EnrolMembers{unit.id, "INPATIENT", unit.inpatient_shares, 1, Day(o_.first_year, 1, 1), {old.id()}},
                        Day(o_.first_year, 1, 1));
  if (refused.ok()) return Status::Internal("an over-age enrolment was accepted");
  Count("enrolments refused " + refused.rule());
  return Status::Ok();
}

Status Run::Weeks(int year) {
  for (Date week = Day(year, 1, 1); week <= Day(year, 12, 31); week = AddDays(week, 7)) {
    Date next = AddDays(week, 7);
    RETURN_IF_ERROR(FileWeek(week, next));
    RETURN_IF_ERROR(ReviewWeek(AddDays(week, 2)));
    RETURN_IF_ERROR(PayWeek(AddDays(week, 4)));
    if (CivilFromDate(week).month == 6 && CivilFromDate(next).month == 7) RETURN_IF_ERROR(Corrections(year));
  }
  return Status::Ok();
}

Status Run::All(const std::vector<PlanRules>& plans) {
  RETURN_IF_ERROR(Setup(plans));
  RETURN_IF_ERROR(RefusedEnrolment());
  for (int year = o_.first_year; year < o_.first_year + o_.years; ++year) {
    RETURN_IF_ERROR(EnrolYear(year));
    RETURN_IF_ERROR(Contributions(year));
    DrawClaims(year);
    RETURN_IF_ERROR(Weeks(year));
  }
  // Stragglers: what is left in the queues is settled on the first days of the next year,
  // with a claim sent in too late (filed more than two years after the incident).
  Date after = Day(o_.first_year + o_.years, 1, 5);
  RETURN_IF_ERROR(LateClaim(after));
  RETURN_IF_ERROR(ReviewWeek(after));
  RETURN_IF_ERROR(PayWeek(AddDays(after, 1)));
  return PayWeek(AddDays(after, 2));
}

}  // namespace

Result<GeneratorStats> Generate(Fund& fund, ManualClock& clock, const GeneratorOptions& options,
                                const std::string& catalog_path, const GeneratorProgress& progress) {
  if (fund.store().head().seq != 0) return Status::AlreadyExists("the generator needs a new, empty fund");
  ASSIGN_OR_RETURN(auto plans, LoadCatalog(catalog_path));
  Run run(fund, clock, options, progress);
  Status s = run.All(plans);
  if (!s.ok()) return s.WithContext("generating the demo fund");
  return run.stats();
}

}  // namespace huzhu::gen
