// Small big-endian encodings for projection keys and values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/keys.h"

namespace huzhu::proj {

inline std::string Be64(uint64_t v) {
  std::string out;
  keys::PutBigEndian64(&out, v);
  return out;
}
inline std::string SignedBe64(int64_t v) { return Be64(static_cast<uint64_t>(v)); }
inline int64_t ReadSigned64(std::string_view bytes) { return static_cast<int64_t>(keys::ReadBigEndian64(bytes)); }
inline void PutBe16(std::string* out, uint16_t v) {
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v & 0xff));
}
inline std::string Be16(uint16_t v) {
  std::string out;
  PutBe16(&out, v);
  return out;
}
inline uint16_t Read16(std::string_view b) {
  return static_cast<uint16_t>(static_cast<uint8_t>(b[0]) << 8 | static_cast<uint8_t>(b[1]));
}

}  // namespace huzhu::proj
