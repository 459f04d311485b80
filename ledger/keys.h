// Key formats of the store's column families (docs/storage.md explains them for
// auditors reading the store with RocksDB's ldb). Integers are big-endian so that
// RocksDB's bytewise order is numeric order.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "events/event_type.h"
#include "events/time.h"

namespace huzhu::keys {

constexpr char kEventsCf[] = "events";            // seq -> event record
constexpr char kIdempotencyCf[] = "idempotency";  // command key -> first seq, count
constexpr char kIndexesCf[] = "indexes";          // secondary indexes -> ""
constexpr char kMetaCf[] = "meta";                // store-wide facts

constexpr char kMetaFundId[] = "fund_id";
constexpr char kMetaChainHead[] = "chain_head";
constexpr char kMetaStoreFormat[] = "store_format";
constexpr char kMetaJournalPosition[] = "journal_position";

// Big-endian, so that bytewise key order is numeric order. Inline, one byte swap
// and one copy: every event key and most projection keys pass through here (the
// byte-at-a-time loop they replace was 2.4% of a projection rebuild's samples).
inline void PutBigEndian64(std::string* out, uint64_t value) {
  if constexpr (std::endian::native == std::endian::little) value = __builtin_bswap64(value);
  char bytes[8];
  std::memcpy(bytes, &value, sizeof bytes);
  out->append(bytes, sizeof bytes);
}
// REQUIRES: bytes.size() >= 8.
uint64_t ReadBigEndian64(std::string_view bytes);

std::string EventKey(uint64_t seq);
// REQUIRES: key.size() == 8.
uint64_t SeqOfEventKey(std::string_view key);

// indexes, "r" + recorded_at (i64 us, BE, sign bit flipped) + first seq (u64 BE): one
// entry per appended batch, so an as-of read finds the last seq recorded by a time.
std::string RecordedIndexKey(Timestamp recorded_at, uint64_t first_seq);
constexpr char kRecordedIndexPrefix = 'r';
// indexes, "c" + target seq (u64 BE) + correcting seq (u64 BE): the corrections
// (reversals, reopenings) that name an event.
std::string CorrectionIndexKey(uint64_t target_seq, uint64_t correcting_seq);
std::string CorrectionIndexPrefix(uint64_t target_seq);

struct IdempotencyEntry {
  uint64_t first_seq = 0;
  uint32_t count = 0;
};
std::string EncodeIdempotency(const IdempotencyEntry& entry);
bool DecodeIdempotency(std::string_view bytes, IdempotencyEntry* entry);

}  // namespace huzhu::keys
