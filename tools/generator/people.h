// Synthetic people: Chinese names and resident ID numbers that are valid in form
// (checksum and birth date) and obviously fake (region codes 99xxxx do not exist).
#pragma once

#include <string>

#include "events/event_type.h"
#include "events/time.h"
#include "tools/generator/random.h"

namespace huzhu::gen {

std::string ChineseName(Random& rng, Gender gender);
std::string FakeIdNumber(Random& rng, Date birth, Gender gender);
std::string FakeBankAccount(Random& rng);
std::string FakePhone(Random& rng);

}  // namespace huzhu::gen
