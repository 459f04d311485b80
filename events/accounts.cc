#include "events/accounts.h"

namespace huzhu {

std::string_view AccountName(Account account) {
  switch (account) {
    case Account::kBank: return "bank";
    case Account::kContributions: return "contributions";
    case Account::kBenefitsPayable: return "benefits_payable";
    case Account::kBenefitsExpense: return "benefits_expense";
    case Account::kRelief: return "relief";
    case Account::kAdministration: return "administration";
  }
  return "unknown";
}

std::string_view AccountNameZh(Account account) {
  switch (account) {
    case Account::kBank: return "银行存款(专户)";
    case Account::kContributions: return "互助金收入";
    case Account::kBenefitsPayable: return "应付互助金";
    case Account::kBenefitsExpense: return "互助金支出";
    case Account::kRelief: return "救助金支出";
    case Account::kAdministration: return "管理费用";
  }
  return "unknown";
}

std::vector<Posting> Reverse(const std::vector<Posting>& original) {
  std::vector<Posting> out;
  for (const auto& p : original) out.push_back({p.account, -p.amount_fen});
  return out;
}

Fen SumOf(const std::vector<Posting>& postings) {
  Fen sum = 0;
  for (const auto& p : postings) sum += p.amount_fen;
  return sum;
}

std::vector<Posting> PostingsOf(const Event& event, const Event* target) {
  const Payload& p = event.payload;
  if (const auto* c = std::get_if<ContributionReceived>(&p)) {
    return {{Account::kBank, c->amount_fen}, {Account::kContributions, -c->amount_fen}};
  }
  if (const auto* a = std::get_if<ClaimApproved>(&p)) {
    return {{Account::kBenefitsExpense, a->approved_amount_fen},
            {Account::kBenefitsPayable, -a->approved_amount_fen}};
  }
  if (const auto* po = std::get_if<PayoutPosted>(&p)) {
    return {{Account::kBenefitsPayable, po->amount_fen}, {Account::kBank, -po->amount_fen}};
  }
  if (const auto* r = std::get_if<ReliefGranted>(&p)) {
    return {{Account::kRelief, r->amount_fen}, {Account::kBank, -r->amount_fen}};
  }
  if (std::holds_alternative<EventReversed>(p)) {
    HUZHU_CHECK(target != nullptr);
    return Reverse(PostingsOf(*target, nullptr));
  }
  return {};
}

}  // namespace huzhu
