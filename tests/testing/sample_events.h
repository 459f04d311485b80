// Small builders of well-formed events for tests.
#pragma once

#include <string>

#include "events/event.h"

namespace huzhu::testing {

// A valid, made-up resident ID number (region 999999 does not exist) with the
// given birth date and gender and a correct check character.
std::string FakeIdNumber(int year, unsigned month, unsigned day, Gender gender, int serial = 1);

// An event with a filled envelope (seq, fund "F1", recorded at a fixed time
// plus seq seconds) around `payload`.
Event MakeEvent(uint64_t seq, Payload payload, const Hash256& prev_hash = kGenesisHash);

ContributionReceived SampleContribution(Fen amount_fen, std::string id = "C1");
MemberRegistered SampleMember(std::string member_id = "M1");
ClaimFiled SampleClaim();

}  // namespace huzhu::testing
