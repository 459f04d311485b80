#include "ledger/keys.h"

#include "events/check.h"

namespace huzhu::keys {

uint64_t ReadBigEndian64(std::string_view bytes) {
  HUZHU_CHECK(bytes.size() >= 8);
  uint64_t value;
  std::memcpy(&value, bytes.data(), sizeof value);
  if constexpr (std::endian::native == std::endian::little) value = __builtin_bswap64(value);
  return value;
}

std::string EventKey(uint64_t seq) {
  std::string key;
  PutBigEndian64(&key, seq);
  return key;
}

uint64_t SeqOfEventKey(std::string_view key) {
  HUZHU_CHECK(key.size() == 8);
  return ReadBigEndian64(key);
}

std::string RecordedIndexKey(Timestamp recorded_at, uint64_t first_seq) {
  std::string key(1, kRecordedIndexPrefix);
  // Flipping the sign bit makes bytewise order match signed order.
  PutBigEndian64(&key, static_cast<uint64_t>(recorded_at.micros) ^ (uint64_t{1} << 63));
  PutBigEndian64(&key, first_seq);
  return key;
}

std::string CorrectionIndexPrefix(uint64_t target_seq) {
  std::string key(1, 'c');
  PutBigEndian64(&key, target_seq);
  return key;
}

std::string CorrectionIndexKey(uint64_t target_seq, uint64_t correcting_seq) {
  std::string key = CorrectionIndexPrefix(target_seq);
  PutBigEndian64(&key, correcting_seq);
  return key;
}

std::string EncodeIdempotency(const IdempotencyEntry& entry) {
  std::string out;
  PutBigEndian64(&out, entry.first_seq);
  PutBigEndian64(&out, entry.count);
  return out;
}

bool DecodeIdempotency(std::string_view bytes, IdempotencyEntry* entry) {
  if (bytes.size() != 16) return false;
  entry->first_seq = ReadBigEndian64(bytes);
  entry->count = static_cast<uint32_t>(ReadBigEndian64(bytes.substr(8)));
  return true;
}

}  // namespace huzhu::keys
