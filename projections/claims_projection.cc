#include "projections/claims_projection.h"

#include <memory>

#include "ledger/record_codec.h"
#include "projections/balance_projection.h"

namespace huzhu {

namespace {

std::string ClaimKey(const std::string& id) { return "c" + id; }
std::string StatusKey(const std::string& status, const std::string& id) { return "s" + status + "/" + id; }

const char* kStatuses[] = {"filed", "returned", "approved", "scheduled", "paid", "voided", "rejected", "reopened"};

Result<ClaimView> Load(ProjectionSink& sink, const std::string& id) {
  ASSIGN_OR_RETURN(auto bytes, sink.Get(ClaimKey(id)));
  if (!bytes) return Status::Corruption("claim " + id + " was never filed");
  return DecodeRecord<ClaimView>(*bytes, "claim " + id);
}

// The view is read back by the next change; the status index never is, so it is
// appended and retracted (in a rebuild: bulk-loaded).
Status Save(ProjectionSink& sink, const ClaimView& view, const std::string& old_status) {
  if (!old_status.empty()) RETURN_IF_ERROR(sink.Retract(StatusKey(old_status, view.claim_id)));
  RETURN_IF_ERROR(sink.Append(StatusKey(view.status, view.claim_id), ""));
  sink.Set(ClaimKey(view.claim_id), EncodeRecord(view));
  return Status::Ok();
}

// Moves a claim to `status`, with `change` applied to its view.
template <class Change>
Status Move(ProjectionSink& sink, const std::string& claim_id, const char* status, Date on, Change change) {
  ASSIGN_OR_RETURN(ClaimView view, Load(sink, claim_id));
  std::string old = view.status;
  view.status = status;
  view.updated_on = on;
  change(view);
  return Save(sink, view, old);
}

}  // namespace

bool IsClaimStatus(std::string_view status) {
  for (const char* s : kStatuses) {
    if (status == s) return true;
  }
  return false;
}

Status ClaimsProjection::Apply(const Event& e, const Store& events, ProjectionSink& sink) {
  const Payload& p = e.payload;
  Date on = e.envelope.effective_date;
  auto none = [](ClaimView&) {};
  if (auto* c = std::get_if<ClaimFiled>(&p)) {
    ClaimView v{c->claim_id, c->member_id, c->plan_code, c->benefit_kind, "filed", c->incident_date, on, on, 0, "", ""};
    return Save(sink, v, "");
  }
  if (auto* a = std::get_if<ClaimApproved>(&p)) {
    return Move(sink, a->claim_id, "approved", on, [&](ClaimView& v) { v.approved_fen = a->approved_amount_fen; });
  }
  if (auto* r = std::get_if<ClaimRejected>(&p)) {
    return Move(sink, r->claim_id, "rejected", on, [&](ClaimView& v) { v.reason_code = r->reason_code; });
  }
  if (auto* r = std::get_if<ClaimReturned>(&p)) return Move(sink, r->claim_id, "returned", on, none);
  if (auto* r = std::get_if<ClaimReopened>(&p)) return Move(sink, r->claim_id, "reopened", on, none);
  if (auto* s = std::get_if<PayoutScheduled>(&p)) {
    return Move(sink, s->claim_id, "scheduled", on, [&](ClaimView& v) { v.payout_id = s->payout_id; });
  }
  if (auto* po = std::get_if<PayoutPosted>(&p)) return Move(sink, po->claim_id, "paid", on, none);
  if (auto* v = std::get_if<PayoutVoided>(&p)) return Move(sink, v->claim_id, "voided", on, none);
  if (std::holds_alternative<EventReversed>(p)) {
    ASSIGN_OR_RETURN(auto target, ReversedTarget(e, events));
    const PayoutPosted* po = target ? std::get_if<PayoutPosted>(&target->payload) : nullptr;
    if (po != nullptr) {
      return Move(sink, po->claim_id, "approved", on, [](ClaimView& v) { v.payout_id.clear(); });
    }
  }
  return Status::Ok();
}

Result<std::vector<ClaimView>> ListClaims(const Store& store, const std::string& status) {
  ClaimsProjection projection;
  auto* cf = store.cf(projection.column_family());
  std::unique_ptr<rocksdb::Iterator> it(store.db()->NewIterator({}, cf));
  std::vector<ClaimView> out;
  std::string prefix = status.empty() ? "c" : "s" + status + "/";
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    std::string id = it->key().ToString().substr(prefix.size());
    std::string bytes = it->value().ToString();
    if (!status.empty()) {
      rocksdb::Status s = store.db()->Get({}, cf, ClaimKey(id), &bytes);
      if (!s.ok()) return FromRocks(s, "reading claim " + id);
    }
    ASSIGN_OR_RETURN(ClaimView view, DecodeRecord<ClaimView>(bytes, "claim " + id));
    out.push_back(std::move(view));
  }
  if (!it->status().ok()) return FromRocks(it->status(), "listing claims");
  return out;
}

}  // namespace huzhu
