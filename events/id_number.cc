#include "events/id_number.h"

namespace huzhu {

namespace {

std::string MaskAllBut(std::string_view value, size_t keep_front, size_t keep_back) {
  if (value.size() <= keep_front + keep_back) return std::string(value.size(), '*');
  return std::string(value.substr(0, keep_front)) +
         std::string(value.size() - keep_front - keep_back, '*') +
         std::string(value.substr(value.size() - keep_back));
}

Status BadId(std::string_view why) {
  return Status::InvalidArgument("ID number " + std::string(why));
}

}  // namespace

char IdNumberCheckChar(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

Result<IdNumberFacts> ParseIdNumber(std::string_view id) {
  // The message never repeats the number itself: it is personal data.
  if (id.size() != 18) return BadId("must have 18 characters, has " + std::to_string(id.size()));
  for (size_t i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') return BadId("has a non-digit in its first 17 characters");
  }
  char check = id[17] == 'x' ? 'X' : id[17];
  if (check != IdNumberCheckChar(id.substr(0, 17))) return BadId("fails its check character");
  auto digits = [&](size_t pos, size_t n) {
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (id[i] - '0');
    return v;
  };
  int year = digits(6, 4);
  unsigned month = static_cast<unsigned>(digits(10, 2)), day = static_cast<unsigned>(digits(12, 2));
  if (!IsValidCivil(year, month, day)) return BadId("holds no valid birth date");
  Gender gender = (id[16] - '0') % 2 == 1 ? Gender::kMale : Gender::kFemale;
  return IdNumberFacts{DateFromCivil(year, month, day), gender};
}

std::string MaskIdNumber(std::string_view id_number) { return MaskAllBut(id_number, 6, 4); }
std::string MaskBankAccount(std::string_view account) { return MaskAllBut(account, 0, 4); }
std::string MaskPhone(std::string_view phone) { return MaskAllBut(phone, 0, 4); }

}  // namespace huzhu
