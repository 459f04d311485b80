// Store: the ledger's RocksDB database. It holds the events by seq, the chain head,
// the idempotency keys and secondary indexes, and the projections' column families,
// and appends batches of events atomically.
//
// Thread safety: reads may run from any thread; Append* must come from one thread at
// a time (the fund's single writer).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <rocksdb/db.h>

#include "events/event.h"
#include "events/status.h"
#include "ledger/batch_observer.h"
#include "ledger/keys.h"
#include "ledger/store_options.h"

namespace huzhu {

struct ChainHead {
  uint64_t seq = 0;            // 0 for an empty store
  Hash256 hash = kGenesisHash;
  Timestamp recorded_at;
};

// A batch to append: records as produced by EncodeEvent, in seq order, plus an
// optional journal position to store in the same write (the Kafka offset).
struct AppendBatch {
  std::vector<std::string> records;
  std::optional<std::string> journal_position;
  // The events the records were just encoded from, when this process sealed them
  // (the local journal): the store then checks the chain on these instead of
  // decoding and re-hashing its own fresh output. Records that arrive from
  // elsewhere (Kafka, a follower) leave this empty and are decoded in full.
  std::vector<Event> sealed_events;
};

struct VerifyReport {
  uint64_t events = 0;
  ChainHead head;
};

// The checks of `huzhu audit verify` on events read in order from seq 1, for any
// pass over the events (Store::VerifyChain, or a rebuild that verifies as it reads):
// seq continuity and each prev_hash against the hash before it. Each event's own
// hash is checked where it is decoded (Store::ForEach).
class ChainCheck {
 public:
  Status Next(const Event& e);
  // After the last event: the chain must end at the stored chain head.
  Status End(const ChainHead& stored_head) const;
  const VerifyReport& report() const { return report_; }

 private:
  VerifyReport report_;
};

class Store {
 public:
  static Result<std::unique_ptr<Store>> Open(const std::string& path, const StoreOptions& options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return path_; }
  // Empty until the first event (fund_opened) is appended.
  std::string fund_id() const;
  ChainHead head() const;

  // Observers see every appended event inside the append's WriteBatch. The store does
  // not own them. REQUIRES: called before the first append, from the writer thread.
  void AddObserver(BatchObserver* observer) { observers_.push_back(observer); }

  // Validates and appends `batch` in one synced WriteBatch. Each record must decode,
  // belong to this store's fund, carry seq = head + 1 and prev_hash = the head's hash,
  // and not be recorded earlier than the head; the first event of a store must be
  // fund_opened. On any error nothing is written and the error names the record.
  // Returns the decoded events.
  Result<std::vector<Event>> Append(AppendBatch batch);

  // Reads one event; kNotFound past the head, kCorruption when it does not verify.
  // Called by an observer while Append runs it, the events of the batch being
  // appended are found too: a batch applied from Kafka may hold a correction and the
  // event it corrects. Other threads see only what was written.
  Result<Event> Get(uint64_t seq) const;
  Result<std::string> GetRecord(uint64_t seq) const;

  // Calls fn for each event with from <= seq <= to (to = 0: up to the head), decoded
  // and checked against its own hash. Stops at the first error, or when fn fails.
  Status ForEach(uint64_t from, uint64_t to,
                 const std::function<Status(const Event&, std::string_view record)>& fn) const;

  // Recomputes the whole chain: each record's hash, seq continuity, each prev_hash,
  // and the stored chain head. The error names the first seq that does not match.
  // `on_progress`, when given, is called with the seq reached every few thousand events.
  Result<VerifyReport> VerifyChain(
      const std::function<void(uint64_t seq)>& on_progress = nullptr) const;
  // Reads every block of every file (events, state, indexes, projections) and checks
  // RocksDB's checksums: what the chain walk does not read.
  Status VerifyFileChecksums() const;

  // The events of a command that was already applied, or nullopt.
  Result<std::optional<keys::IdempotencyEntry>> FindIdempotencyKey(const std::string& key) const;
  std::optional<std::string> JournalPosition() const;

  // The last seq recorded at or before `as_of` (0 when none was): what the ledger
  // knew then. Recorded times never decrease along the chain.
  Result<uint64_t> SeqAsOf(Timestamp as_of) const;

  // Escape hatches for the read side and for tests: the raw database and its families.
  rocksdb::DB* db() const { return db_.get(); }
  rocksdb::ColumnFamilyHandle* cf(const std::string& name) const;
  // The names of the store's column families, in order.
  std::vector<std::string> family_names() const;

  // Throws a family and everything in it away and creates it again, empty (a
  // projection about to be rebuilt): no compaction has to wade through the old rows.
  // A crash in between leaves the family missing, and it is created empty when the
  // store opens. Handles to the old family are invalid afterwards.
  // REQUIRES: nothing else uses the family meanwhile.
  Result<rocksdb::ColumnFamilyHandle*> RecreateColumnFamily(const std::string& name);

  // Writes memtables to SST files (tests, and before taking a backup).
  Status Flush();

 private:
  Store() = default;
  Status LoadMeta();
  Status ValidateNext(const Event& event, const ChainHead& head, size_t index,
                      std::string* fund) const;
  Status StageEvent(const Event& event, std::string_view record, rocksdb::WriteBatch* wb,
                    std::map<std::string, keys::IdempotencyEntry>* new_keys) const;
  void AbortObservers();
  Status RunObservers(const std::vector<Event>& events, uint64_t last_seq, rocksdb::WriteBatch* wb);

  std::string path_;
  StoreOptions options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::map<std::string, rocksdb::ColumnFamilyHandle*> cfs_;
  rocksdb::ColumnFamilyOptions cf_options_;  // for families created after opening
  // cf_options_, with a memtable bloom filter for the families that want one.
  rocksdb::ColumnFamilyOptions OptionsFor(const std::string& name) const;
  std::vector<BatchObserver*> observers_;

  mutable std::mutex mu_;  // guards head_, fund_id_ and applying_
  ChainHead head_;
  std::string fund_id_;
  const std::vector<Event>* applying_ = nullptr;  // the batch whose observers run
  std::thread::id applying_thread_;                // and the thread running them
};

// Turns a RocksDB status into ours, with advice a person can act on.
Status FromRocks(const rocksdb::Status& s, std::string_view doing);
// True for FromRocks's error when another process holds the store open for writing
// (not for other unavailable things, such as a Kafka broker).
bool IsHeldByAnotherWriter(const Status& status);

}  // namespace huzhu
