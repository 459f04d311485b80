// SpanInputArchive reads what cereal's own portable binary input archive reads, in
// both byte orders cereal's output archive writes, and fails as it does on a short
// record.
#include "events/span_input_archive.h"

#include <gtest/gtest.h>

#include <array>
#include <cereal/types/array.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <optional>
#include <sstream>
#include <string>

#include "events/cereal_types.h"

namespace huzhu {
namespace {

struct Sample {
  uint8_t small = 0;
  uint16_t id = 0;
  int32_t count = 0;
  int64_t fen = 0;
  uint64_t seq = 0;
  bool flag = false;
  std::string name;
  std::optional<Date> discharged;
  std::optional<std::string> absent;
  std::array<uint8_t, 32> hash{};

  template <class Archive>
  void serialize(Archive& ar) {
    ar(small, id, count, fen, seq, flag, name, discharged, absent, hash);
  }
  bool operator==(const Sample&) const = default;
};

Sample Filled() {
  Sample s;
  s.small = 0xfe;
  s.id = 0x1234;
  s.count = -70000;
  s.fen = -123'456'789'012;
  s.seq = 0x0102030405060708;
  s.flag = true;
  s.name = "四川大学华西医院";
  s.discharged = Date{16'961};
  for (size_t i = 0; i < s.hash.size(); ++i) s.hash[i] = static_cast<uint8_t>(i * 7);
  return s;
}

std::string Written(const Sample& s, cereal::PortableBinaryOutputArchive::Options order) {
  std::ostringstream out;
  {
    cereal::PortableBinaryOutputArchive ar(out, order);
    Sample copy = s;
    ar(copy);
  }
  return out.str();
}

Sample ReadByCereal(const std::string& bytes) {
  std::istringstream in(bytes);
  cereal::PortableBinaryInputArchive ar(in);
  Sample s;
  ar(s);
  return s;
}

// Reads past the byte-order byte, as portable::BeginRead does.
Sample ReadBySpan(const std::string& bytes, size_t* left) {
  SpanInputArchive ar;
  bool little_here = cereal::portable_binary_detail::is_little_endian();
  ar.Reset(std::string_view(bytes).substr(1), (bytes[0] == 1) != little_here);
  Sample s;
  ar(s);
  *left = ar.remaining();
  return s;
}

TEST(SpanInputArchiveTest, ReadsWhatCerealsArchiveReadsInEitherByteOrder) {
  using Options = cereal::PortableBinaryOutputArchive::Options;
  for (Options order : {Options::LittleEndian(), Options::BigEndian()}) {
    std::string bytes = Written(Filled(), order);
    size_t left = 99;
    Sample by_span = ReadBySpan(bytes, &left);
    EXPECT_EQ(by_span, Filled());
    EXPECT_EQ(by_span, ReadByCereal(bytes));
    EXPECT_EQ(left, 0u);
  }
  // The two orders really differ: the big-endian record is not the little one.
  EXPECT_NE(Written(Filled(), Options::LittleEndian()), Written(Filled(), Options::BigEndian()));
}

TEST(SpanInputArchiveTest, AShortRecordThrowsAsCerealsArchiveDoes) {
  std::string bytes = Written(Filled(), cereal::PortableBinaryOutputArchive::Options::Default());
  bytes.resize(bytes.size() - 5);  // the hash's last bytes are missing
  size_t left = 0;
  EXPECT_THROW(ReadBySpan(bytes, &left), cereal::Exception);
  EXPECT_THROW(ReadByCereal(bytes), cereal::Exception);
}

}  // namespace
}  // namespace huzhu
