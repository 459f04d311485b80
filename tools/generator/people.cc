#include "tools/generator/people.h"

#include <cstdio>
#include <iterator>

#include "events/id_number.h"

namespace huzhu::gen {

namespace {
const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
                           "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋"};
const char* kMaleGiven[] = {"伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华"};
const char* kFemaleGiven[] = {"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀英", "玲", "婷", "燕", "红", "慧", "琳"};

template <size_t N>
const char* Pick(Random& rng, const char* (&list)[N]) {
  return list[rng.Between(0, N - 1)];
}
}  // namespace

std::string ChineseName(Random& rng, Gender gender) {
  std::string name = Pick(rng, kSurnames);
  name += gender == Gender::kFemale ? Pick(rng, kFemaleGiven) : Pick(rng, kMaleGiven);
  if (rng.Chance(400)) name += gender == Gender::kFemale ? Pick(rng, kFemaleGiven) : Pick(rng, kMaleGiven);
  return name;
}

std::string FakeIdNumber(Random& rng, Date birth, Gender gender) {
  CivilDate c = CivilFromDate(birth);
  int sequence = static_cast<int>(rng.Between(0, 499)) * 2 + (gender == Gender::kMale ? 1 : 0);
  char first17[32];
  std::snprintf(first17, sizeof first17, "99%04d%04d%02u%02u%03d", static_cast<int>(rng.Between(0, 9999)), c.year,
                c.month, c.day, sequence % 1000);
  std::string id(first17, 17);
  return id + IdNumberCheckChar(id);
}

std::string FakeBankAccount(Random& rng) {
  return "6222" + std::to_string(rng.Between(100000000000000LL, 999999999999999LL));
}

std::string FakePhone(Random& rng) { return "1" + std::to_string(rng.Between(3000000000LL, 8999999999LL)); }

}  // namespace huzhu::gen
