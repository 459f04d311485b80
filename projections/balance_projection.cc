#include "projections/balance_projection.h"

#include <memory>

#include "projections/codec_util.h"

namespace huzhu {

namespace {

// "a" + account: the balance now. "h" + account + seq: the balance after that seq.
std::string NowKey(Account a) { return std::string{'a', static_cast<char>(a)}; }
std::string HistoryKey(Account a, uint64_t seq) {
  std::string key{'h', static_cast<char>(a)};
  keys::PutBigEndian64(&key, seq);
  return key;
}

}  // namespace

Result<std::optional<Event>> ReversedTarget(const Event& event, const Store& events) {
  const auto* reversal = std::get_if<EventReversed>(&event.payload);
  if (reversal == nullptr) return std::optional<Event>();
  ASSIGN_OR_RETURN(Event target, events.Get(reversal->target_seq));
  return std::optional<Event>(std::move(target));
}

Status BalanceProjection::Apply(const Event& event, const Store& events, ProjectionSink& sink) {
  ASSIGN_OR_RETURN(auto target, ReversedTarget(event, events));
  std::vector<Posting> postings = PostingsOf(event, target ? &*target : nullptr);
  for (const Posting& p : postings) {
    ASSIGN_OR_RETURN(auto now, sink.Get(NowKey(p.account)));
    Fen balance = (now ? proj::ReadSigned64(*now) : 0) + p.amount_fen;
    sink.Set(NowKey(p.account), proj::SignedBe64(balance));
    RETURN_IF_ERROR(sink.Append(HistoryKey(p.account, event.seq()), proj::SignedBe64(balance)));
  }
  return Status::Ok();
}

Result<Balances> BalancesAfter(const Store& store, uint64_t seq) {
  BalanceProjection projection;
  auto* cf = store.cf(projection.column_family());
  Balances balances{};
  std::unique_ptr<rocksdb::Iterator> it(store.db()->NewIterator({}, cf));
  for (size_t i = 0; i < kAccountCount; ++i) {
    Account a = static_cast<Account>(i);
    // The last history row of this account at or before `seq`.
    it->SeekForPrev(HistoryKey(a, seq));
    if (it->Valid() && it->key().size() == 10 && it->key()[0] == 'h' && it->key()[1] == static_cast<char>(a)) {
      balances[i] = proj::ReadSigned64(std::string_view(it->value().data(), it->value().size()));
    }
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading balances");
  return balances;
}

}  // namespace huzhu
