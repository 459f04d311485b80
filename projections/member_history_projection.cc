#include "projections/member_history_projection.h"

#include <memory>

#include "projections/balance_projection.h"
#include "projections/codec_util.h"

namespace huzhu {

namespace {

std::string HistoryPrefix(const std::string& member) {
  std::string prefix;
  prefix.reserve(member.size() + 10);  // room for the seq a history row adds
  prefix.push_back('h');
  prefix += member;
  prefix.push_back('/');
  return prefix;
}
std::string ClaimKey(const std::string& claim) { return "C" + claim; }

Result<std::string> MemberOfClaim(ProjectionSink& sink, const std::string& claim_id) {
  ASSIGN_OR_RETURN(auto member, sink.Get(ClaimKey(claim_id)));
  if (!member) return Status::Corruption("claim " + claim_id + " was never filed");
  return *member;
}

// Which member an event concerns; empty for events of the fund or a unit.
Result<std::string> MemberOf(const Event& e, const Store& events, ProjectionSink& sink) {
  const Payload& p = e.payload;
  if (auto* m = std::get_if<MemberRegistered>(&p)) return m->member_id;
  if (auto* m = std::get_if<MemberEnrolled>(&p)) return m->member_id;
  if (auto* c = std::get_if<ClaimFiled>(&p)) {
    sink.Set(ClaimKey(c->claim_id), c->member_id);
    return c->member_id;
  }
  if (auto* c = std::get_if<ClaimApproved>(&p)) return MemberOfClaim(sink, c->claim_id);
  if (auto* c = std::get_if<ClaimRejected>(&p)) return MemberOfClaim(sink, c->claim_id);
  if (auto* c = std::get_if<ClaimReturned>(&p)) return MemberOfClaim(sink, c->claim_id);
  if (auto* c = std::get_if<ClaimReopened>(&p)) return MemberOfClaim(sink, c->claim_id);
  if (auto* s = std::get_if<PayoutScheduled>(&p)) return s->member_id;
  if (auto* po = std::get_if<PayoutPosted>(&p)) return MemberOfClaim(sink, po->claim_id);
  if (auto* v = std::get_if<PayoutVoided>(&p)) return MemberOfClaim(sink, v->claim_id);
  if (auto* r = std::get_if<ReliefGranted>(&p)) return r->member_id;
  if (std::holds_alternative<EventReversed>(p)) {
    ASSIGN_OR_RETURN(auto target, ReversedTarget(e, events));
    if (!target) return Status::Internal("a reversal without its target");
    return MemberOf(*target, events, sink);  // a contribution's reversal concerns no member
  }
  return std::string();
}

}  // namespace

Status MemberHistoryProjection::Apply(const Event& event, const Store& events, ProjectionSink& sink) {
  ASSIGN_OR_RETURN(std::string member, MemberOf(event, events, sink));
  if (member.empty()) return Status::Ok();
  std::string key = HistoryPrefix(member);
  keys::PutBigEndian64(&key, event.seq());
  return sink.Append(key, "");
}

Result<std::vector<uint64_t>> MemberHistory(const Store& store, const std::string& member_id) {
  MemberHistoryProjection projection;
  std::string prefix = HistoryPrefix(member_id);
  std::unique_ptr<rocksdb::Iterator> it(store.db()->NewIterator({}, store.cf(projection.column_family())));
  std::vector<uint64_t> seqs;
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    if (it->key().size() != prefix.size() + 8) continue;
    seqs.push_back(keys::ReadBigEndian64(std::string_view(it->key().data() + prefix.size(), 8)));
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading a member's history");
  return seqs;
}

}  // namespace huzhu
