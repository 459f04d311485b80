// The 18-digit resident identity number (居民身份证号码, GB 11643-1999) and how to
// show it without disclosing it.
#pragma once

#include <string>
#include <string_view>

#include "events/event_type.h"
#include "events/status.h"
#include "events/time.h"

namespace huzhu {

struct IdNumberFacts {
  Date birth_date;
  Gender gender;
};

// Checks length, digits, birth date and the ISO 7064 MOD 11-2 check character.
Result<IdNumberFacts> ParseIdNumber(std::string_view id_number);
// The check character ('0'-'9' or 'X') for the first 17 digits.
char IdNumberCheckChar(std::string_view first17);

// Masking for anything a person other than the member may see (logs, reports,
// disclosures, exports): ID number keeps its first 6 and last 4, a bank account and a
// phone their last 4. Short values are masked whole.
std::string MaskIdNumber(std::string_view id_number);
std::string MaskBankAccount(std::string_view account);
std::string MaskPhone(std::string_view phone);

}  // namespace huzhu
