// Read-ahead: the state records a command is about to read, fetched together
// before it is drafted. One sorted MultiGet of a batch's keys (split over two
// threads when large) costs far less than the same point reads one at a time, and
// a bulk command (a unit's enrolments, a week's claims) reads thousands.
//
// Only an optimisation: FundState reads anything not fetched ahead when it is asked
// for, so a hint that misses a key costs speed, never correctness.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ledger/commands.h"

namespace huzhu {

using StateKeys = std::vector<std::string>;

// What a command names itself (its members, claims, payouts).
template <class C>
void FirstReads(const C&, StateKeys*) {}
// What those records lead to (a member's terms, a claim's enrolment), read from the
// first round's results.
template <class C>
void SecondReads(const FundState&, const C&, StateKeys*) {}

void FirstReads(const RegisterUnit& c, StateKeys* keys);
void FirstReads(const RegisterMember& c, StateKeys* keys);
void FirstReads(const ReceiveContribution& c, StateKeys* keys);
void FirstReads(const EnrolMembers& c, StateKeys* keys);
void SecondReads(const FundState& state, const EnrolMembers& c, StateKeys* keys);
void FirstReads(const FileClaim& c, StateKeys* keys);
void SecondReads(const FundState& state, const FileClaim& c, StateKeys* keys);
void FirstReads(const ApproveClaim& c, StateKeys* keys);
void SecondReads(const FundState& state, const ApproveClaim& c, StateKeys* keys);
void FirstReads(const RejectClaim& c, StateKeys* keys);
void FirstReads(const SchedulePayout& c, StateKeys* keys);
void SecondReads(const FundState& state, const SchedulePayout& c, StateKeys* keys);
void FirstReads(const PostPayout& c, StateKeys* keys);
void SecondReads(const FundState& state, const PostPayout& c, StateKeys* keys);
void FirstReads(const VoidPayout& c, StateKeys* keys);
void SecondReads(const FundState& state, const VoidPayout& c, StateKeys* keys);

template <class C>
void FirstReads(const Several<C>& c, StateKeys* keys) {
  for (const C& item : c.items) FirstReads(item, keys);
}
template <class C>
void SecondReads(const FundState& state, const Several<C>& c, StateKeys* keys) {
  for (const C& item : c.items) SecondReads(state, item, keys);
}

using KeyLister = std::function<void(StateKeys*)>;
// Fetches what `first` lists, then what `second` lists from those records.
Status ReadAheadRounds(const FundState& state, const KeyLister& first, const KeyLister& second);

template <class C>
Status ReadAhead(const FundState& state, const C& command) {
  return ReadAheadRounds(
      state, [&](StateKeys* keys) { FirstReads(command, keys); },
      [&](StateKeys* keys) { SecondReads(state, command, keys); });
}

}  // namespace huzhu
