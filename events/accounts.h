// Double entry: the fund's accounts and the balanced postings each money event makes.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "events/event.h"

namespace huzhu {

enum class Account : uint8_t {
  kBank = 0,             // asset: the fund's dedicated bank account (专户)
  kContributions,        // income: contributions received
  kBenefitsPayable,      // liability: approved, not yet paid
  kBenefitsExpense,      // expense: benefits approved (paid or payable)
  kRelief,               // expense: relief grants
  kAdministration,       // expense: administration
};
constexpr size_t kAccountCount = 6;

std::string_view AccountName(Account account);
std::string_view AccountNameZh(Account account);

// A posting's amount is signed: debits positive, credits negative. The postings of
// one event sum to zero.
struct Posting {
  Account account;
  Fen amount_fen;
};

using Balances = std::array<Fen, kAccountCount>;

// The postings a reversal of `original_postings` makes: the same with signs flipped.
std::vector<Posting> Reverse(const std::vector<Posting>& original_postings);
Fen SumOf(const std::vector<Posting>& postings);

// The postings an event makes, from the event alone; an event_reversed needs the
// event it reverses as `target`. Events that move no money make none.
//   contribution_received  Dr bank               Cr contributions
//   claim_approved         Dr benefits_expense   Cr benefits_payable
//   payout_posted          Dr benefits_payable   Cr bank
//   relief_granted         Dr relief             Cr bank
//   event_reversed         the target's postings with signs flipped
std::vector<Posting> PostingsOf(const Event& event, const Event* target);

}  // namespace huzhu
