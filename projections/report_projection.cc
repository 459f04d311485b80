#include "projections/report_projection.h"

#include <memory>

#include "events/accounts.h"
#include "projections/balance_projection.h"
#include "projections/codec_util.h"

namespace huzhu {

namespace {

// "f" + year (u16) + seq (u64) + index (u8) -> fact
// "b" + year (u16) + seq (u64) -> the bank account's movement
// "p" + claim id -> plan (to put payouts under their plan). Its own range, after the
//   appended rows: a rebuild's bulk-loaded files then never overlap these rows in
//   the memtable, and are ingested without flushing it first.
// kind + year + seq, built in place (a rebuild makes one per fact), with room for
// a fact's index.
std::string YearSeqKey(char kind, int year, uint64_t seq) {
  std::string key(1, kind);
  key.reserve(12);
  proj::PutBe16(&key, static_cast<uint16_t>(year));
  keys::PutBigEndian64(&key, seq);
  return key;
}
std::string FactKey(int year, uint64_t seq, uint8_t index) {
  std::string key = YearSeqKey('f', year, seq);
  key.push_back(static_cast<char>(index));
  return key;
}
std::string BankKey(int year, uint64_t seq) { return YearSeqKey('b', year, seq); }
std::string ClaimPlanKey(const std::string& claim) { return "p" + claim; }

// Built in place, in one allocation: a rebuild encodes one per fact.
std::string EncodeFact(const Fact& f) {
  std::string out;
  out.reserve(18 + f.plan_code.size() + f.unit_id.size());
  out.push_back(static_cast<char>(f.kind));
  keys::PutBigEndian64(&out, static_cast<uint64_t>(static_cast<int64_t>(f.count)));
  keys::PutBigEndian64(&out, static_cast<uint64_t>(f.amount_fen));
  out += static_cast<char>(f.plan_code.size());
  out += f.plan_code;
  out += f.unit_id;
  return out;
}

bool DecodeFact(std::string_view b, Fact* f) {
  if (b.size() < 18) return false;
  f->kind = static_cast<FactKind>(b[0]);
  f->count = static_cast<int32_t>(proj::ReadSigned64(b.substr(1)));
  f->amount_fen = proj::ReadSigned64(b.substr(9));
  size_t plan_len = static_cast<uint8_t>(b[17]);
  if (b.size() < 18 + plan_len) return false;
  f->plan_code = std::string(b.substr(18, plan_len));
  f->unit_id = std::string(b.substr(18 + plan_len));
  return true;
}

// The facts an event adds, before any reversal flips their sign.
Result<std::vector<Fact>> FactsOf(const Event& e, ProjectionSink& sink) {
  const Payload& p = e.payload;
  if (auto* m = std::get_if<MemberEnrolled>(&p)) {
    return std::vector<Fact>{{FactKind::kEnrolment, 1, 0, m->plan_code, m->unit_id}};
  }
  if (auto* c = std::get_if<ContributionReceived>(&p)) {
    return std::vector<Fact>{{FactKind::kContribution, 1, c->amount_fen, c->plan_code, c->unit_id}};
  }
  if (auto* po = std::get_if<PayoutPosted>(&p)) {
    ASSIGN_OR_RETURN(auto plan, sink.Get(ClaimPlanKey(po->claim_id)));
    if (!plan) return Status::Corruption("payout of claim " + po->claim_id + " that was never filed");
    return std::vector<Fact>{{FactKind::kPayout, 1, po->amount_fen, *plan, ""}};
  }
  if (auto* r = std::get_if<ReliefGranted>(&p)) {
    return std::vector<Fact>{{FactKind::kRelief, 1, r->amount_fen, "", ""}};
  }
  return std::vector<Fact>{};
}

}  // namespace

Status ReportProjection::Apply(const Event& e, const Store& events, ProjectionSink& sink) {
  if (auto* c = std::get_if<ClaimFiled>(&e.payload)) {
    sink.Set(ClaimPlanKey(c->claim_id), c->plan_code);
    return Status::Ok();
  }
  if (auto* plan = std::get_if<PlanPublished>(&e.payload)) {
    return sink.Append("n" + plan->plan_code, plan->name);  // the latest version's name wins
  }
  ASSIGN_OR_RETURN(auto target, ReversedTarget(e, events));
  std::vector<Fact> facts;
  if (target) {
    ASSIGN_OR_RETURN(facts, FactsOf(*target, sink));
    for (Fact& f : facts) {
      f.count = -f.count;
      f.amount_fen = -f.amount_fen;
    }
  } else {
    ASSIGN_OR_RETURN(facts, FactsOf(e, sink));
  }
  // A correction's effective date is that of what it corrects: the same year.
  int year = CivilFromDate(e.envelope.effective_date).year;
  for (size_t i = 0; i < facts.size(); ++i) {
    RETURN_IF_ERROR(sink.Append(FactKey(year, e.seq(), static_cast<uint8_t>(i)), EncodeFact(facts[i])));
  }
  Fen bank = 0;
  for (const Posting& posting : PostingsOf(e, target ? &*target : nullptr)) {
    if (posting.account == Account::kBank) bank += posting.amount_fen;
  }
  if (bank != 0) RETURN_IF_ERROR(sink.Append(BankKey(year, e.seq()), proj::SignedBe64(bank)));
  return Status::Ok();
}

Status ForEachFact(const Store& store, int year, uint64_t max_seq, const std::function<void(const Fact&)>& fn) {
  ReportProjection projection;
  std::string prefix = "f" + proj::Be16(static_cast<uint16_t>(year));
  std::unique_ptr<rocksdb::Iterator> it(store.db()->NewIterator({}, store.cf(projection.column_family())));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    uint64_t seq = keys::ReadBigEndian64(std::string_view(it->key().data() + 3, 8));
    if (seq > max_seq) continue;
    Fact fact;
    if (!DecodeFact(std::string_view(it->value().data(), it->value().size()), &fact)) {
      return Status::Corruption("a report fact of seq " + std::to_string(seq) + " is malformed");
    }
    fn(fact);
  }
  return FromRocks(it->status(), "reading report facts");
}

Result<std::map<std::string, std::string>> PlanNames(const Store& store) {
  ReportProjection projection;
  std::unique_ptr<rocksdb::Iterator> it(store.db()->NewIterator({}, store.cf(projection.column_family())));
  std::map<std::string, std::string> names;
  for (it->Seek("n"); it->Valid() && it->key().starts_with("n"); it->Next()) {
    names[it->key().ToString().substr(1)] = it->value().ToString();
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading plan names");
  return names;
}

Status ForEachBankMovement(const Store& store, uint64_t max_seq, const std::function<void(int, Fen)>& fn) {
  ReportProjection projection;
  std::unique_ptr<rocksdb::Iterator> it(store.db()->NewIterator({}, store.cf(projection.column_family())));
  for (it->Seek("b"); it->Valid() && it->key().starts_with("b"); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (keys::ReadBigEndian64(key.substr(3)) > max_seq) continue;
    fn(proj::Read16(key.substr(1)), proj::ReadSigned64(std::string_view(it->value().data(), 8)));
  }
  return FromRocks(it->status(), "reading bank movements");
}

}  // namespace huzhu
