// Key formats of the store's column families (docs/storage.md explains them for
// auditors reading the store with RocksDB's ldb). Integers are big-endian so that
// RocksDB's bytewise order is numeric order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "events/event_type.h"

namespace huzhu::keys {

constexpr char kEventsCf[] = "events";            // seq -> event record
constexpr char kIdempotencyCf[] = "idempotency";  // command key -> first seq, count
constexpr char kIndexesCf[] = "indexes";          // secondary indexes -> ""
constexpr char kMetaCf[] = "meta";                // store-wide facts

constexpr char kMetaFundId[] = "fund_id";
constexpr char kMetaChainHead[] = "chain_head";
constexpr char kMetaStoreFormat[] = "store_format";
constexpr char kMetaJournalPosition[] = "journal_position";

void PutBigEndian64(std::string* out, uint64_t value);
uint64_t ReadBigEndian64(std::string_view bytes);

std::string EventKey(uint64_t seq);
// REQUIRES: key.size() == 8.
uint64_t SeqOfEventKey(std::string_view key);

// indexes: "t" + type id (u16 BE) + seq (u64 BE): all events of a type in order.
std::string TypeIndexKey(EventType type, uint64_t seq);
std::string TypeIndexPrefix(EventType type);

struct IdempotencyEntry {
  uint64_t first_seq = 0;
  uint32_t count = 0;
};
std::string EncodeIdempotency(const IdempotencyEntry& entry);
bool DecodeIdempotency(std::string_view bytes, IdempotencyEntry* entry);

}  // namespace huzhu::keys
