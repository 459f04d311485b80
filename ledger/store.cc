#include "ledger/store.h"

#include <algorithm>
#include <filesystem>

#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/options_util.h>
#include <rocksdb/write_buffer_manager.h>
#include <spdlog/spdlog.h>

#include "events/codec.h"
#include "ledger/decode_pipeline.h"
#include "ledger/sorted_batch.h"

namespace huzhu {

namespace {

constexpr char kStoreFormat[] = "1";

std::string EncodeHead(const ChainHead& head) {
  std::string out;
  keys::PutBigEndian64(&out, head.seq);
  out.append(reinterpret_cast<const char*>(head.hash.data()), head.hash.size());
  keys::PutBigEndian64(&out, static_cast<uint64_t>(head.recorded_at.micros));
  return out;
}

bool DecodeHead(std::string_view bytes, ChainHead* head) {
  if (bytes.size() != 8 + 32 + 8) return false;
  head->seq = keys::ReadBigEndian64(bytes);
  std::copy(bytes.begin() + 8, bytes.begin() + 40, head->hash.begin());
  head->recorded_at.micros = static_cast<int64_t>(keys::ReadBigEndian64(bytes.substr(40)));
  return true;
}

std::string Short(const Hash256& hash) { return ToHex(hash).substr(0, 16); }

uint64_t CorrectionTarget(const Event& event) {
  if (const auto* r = std::get_if<EventReversed>(&event.payload)) return r->target_seq;
  return std::get<ClaimReopened>(event.payload).target_seq;
}

rocksdb::Options MakeDbOptions(const StoreOptions& o) {
  rocksdb::Options options;
  options.create_if_missing = o.create_if_missing;
  options.create_missing_column_families = !o.read_only;
  options.paranoid_checks = true;
  // A batch is acknowledged only after its WAL record is synced, so only an
  // unacknowledged, incomplete tail record can be damaged by a crash. Anything else
  // damaged in the WAL is corruption and must stop the store from opening, rather
  // than be dropped silently as point-in-time recovery would.
  options.wal_recovery_mode = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
  options.max_background_jobs = 2;
  options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  options.keep_log_file_num = 3;
  return options;
}

rocksdb::ColumnFamilyOptions MakeCfOptions(const StoreOptions& o,
                                           const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions cf;
  cf.write_buffer_size = o.write_buffer_bytes;
  // LZ4 decompresses about twice as fast as RocksDB's default Snappy at a similar
  // ratio: replay, verification and rebuilds read every block.
  cf.compression = rocksdb::kLZ4Compression;
  cf.level0_file_num_compaction_trigger = o.level0_files_before_compaction;
  cf.level0_slowdown_writes_trigger = o.level0_files_before_compaction * 5 / 2;
  cf.level0_stop_writes_trigger = o.level0_files_before_compaction * 4;
  // Memtable bloom filters: only for point_read_families (Store::OptionsFor).
  cf.memtable_whole_key_filtering = true;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  // Index and filter blocks live in the block cache, so memory stays within the
  // configured cache whatever the ledger's size; they are partitioned so that a point
  // read loads a few KB of them, not a whole file's megabytes, and the top levels
  // (and those of L0 files, read by every lookup) stay pinned.
  table.cache_index_and_filter_blocks = true;
  table.index_type = rocksdb::BlockBasedTableOptions::IndexType::kTwoLevelIndexSearch;
  table.partition_filters = true;
  table.metadata_block_size = 4096;
  table.pin_top_level_index_and_filter = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return cf;
}

std::vector<std::string> ColumnFamilyNames(const std::string& path, const StoreOptions& o) {
  std::vector<std::string> names = {rocksdb::kDefaultColumnFamilyName, keys::kEventsCf,
                                    keys::kIdempotencyCf, keys::kIndexesCf, keys::kMetaCf};
  std::vector<std::string> existing;
  // Column families created by newer code (or other projections) must be opened too.
  if (rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &existing).ok()) {
    names.insert(names.end(), existing.begin(), existing.end());
  }
  names.insert(names.end(), o.extra_column_families.begin(), o.extra_column_families.end());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace

namespace {
constexpr std::string_view kHeldByAnotherWriter = "another huzhu process has this store open for writing";
}  // namespace

bool IsHeldByAnotherWriter(const Status& status) {
  return status.code() == Status::Code::kUnavailable && status.message().starts_with(kHeldByAnotherWriter);
}

Status FromRocks(const rocksdb::Status& s, std::string_view doing) {
  if (s.ok()) return Status::Ok();  // before any string is built: called for every row
  std::string what = std::string(doing) + ": " + s.ToString();
  if (s.IsCorruption()) {
    return Status::Corruption(
        "the store's files are damaged (" + what +
        "). Nothing was changed. Restore the data directory from a backup, or rebuild it "
        "from the fund's Kafka topic with `huzhu follow`.");
  }
  if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) {
    return Status::Unavailable(std::string(kHeldByAnotherWriter) + " (" + what + ")");
  }
  if (s.IsNoSpace()) return Status::IOError("the disk is full (" + what + ")");
  if (s.IsIOError()) return Status::IOError(what);
  if (s.IsNotFound()) return Status::NotFound(what);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(what);
  return Status::IOError(what);
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& o) {
  namespace fs = std::filesystem;
  if (!o.create_if_missing && !fs::exists(fs::path(path) / "CURRENT")) {
    return Status::NotFound("no ledger store in \"" + path + "\" (run `huzhu init` first)");
  }
  if (o.create_if_missing) {
    std::error_code ec;
    fs::create_directories(path, ec);
    if (ec) return Status::IOError("cannot create \"" + path + "\": " + ec.message());
  }
  std::unique_ptr<Store> store(new Store());
  store->path_ = path;
  store->options_ = o;
  auto cache = rocksdb::NewLRUCache(o.block_cache_bytes);
  // Memtables of every family together stay within half the cache's size and are
  // charged to it: the store's memory is bounded by the configured cache, however
  // many families (projections) it has and however large the ledger grows. Half, not
  // a quarter: fewer, larger flushes leave compaction less to do (national demo
  // 568.7 s against 626.7 s, 18% less CPU; city recording 2-3% faster), for less room
  // for cached blocks.
  auto write_buffers = std::make_shared<rocksdb::WriteBufferManager>(o.block_cache_bytes / 2, cache);
  store->cf_options_ = MakeCfOptions(o, cache);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& name : ColumnFamilyNames(path, o)) descriptors.emplace_back(name, store->OptionsFor(name));
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::DBOptions db_options(MakeDbOptions(o));
  db_options.write_buffer_manager = write_buffers;
  if (o.compaction_at_low_priority && !o.read_only) {
    // Process-wide (RocksDB's default Env): every store's compactions run at the
    // lowest CPU priority, so they take the cores the writer leaves idle instead
    // of taking turns with it. Flushes keep their priority: a memtable that is not
    // flushed in time stops the writes.
    rocksdb::Env::Default()->LowerThreadPoolCPUPriority(rocksdb::Env::LOW, rocksdb::CpuPriority::kLow);
  }
  rocksdb::Status s = o.read_only
                          ? rocksdb::DB::OpenForReadOnly(db_options, path, descriptors, &handles, &raw)
                          : rocksdb::DB::Open(db_options, path, descriptors, &handles, &raw);
  if (!s.ok()) return FromRocks(s, "opening store \"" + path + "\"");
  store->db_.reset(raw);
  for (auto* h : handles) store->cfs_[h->GetName()] = h;
  RETURN_IF_ERROR(store->LoadMeta());
  return store;
}

Store::~Store() {
  if (!db_) return;
  for (auto& [name, handle] : cfs_) db_->DestroyColumnFamilyHandle(handle);
  db_->Close();
}

rocksdb::ColumnFamilyHandle* Store::cf(const std::string& name) const {
  auto it = cfs_.find(name);
  HUZHU_CHECK(it != cfs_.end());
  return it->second;
}

std::vector<std::string> Store::family_names() const {
  std::vector<std::string> names;
  for (const auto& [name, handle] : cfs_) names.push_back(name);
  return names;
}

Result<rocksdb::ColumnFamilyHandle*> Store::RecreateColumnFamily(const std::string& name) {
  auto it = cfs_.find(name);
  if (it == cfs_.end()) return Status::NotFound("no column family \"" + name + "\"");
  RETURN_IF_ERROR(FromRocks(db_->DropColumnFamily(it->second), "dropping column family " + name));
  RETURN_IF_ERROR(FromRocks(db_->DestroyColumnFamilyHandle(it->second), "closing column family " + name));
  cfs_.erase(it);
  rocksdb::ColumnFamilyHandle* fresh = nullptr;
  RETURN_IF_ERROR(FromRocks(db_->CreateColumnFamily(OptionsFor(name), name, &fresh), "creating column family " + name));
  cfs_[name] = fresh;
  return fresh;
}

rocksdb::ColumnFamilyOptions Store::OptionsFor(const std::string& name) const {
  rocksdb::ColumnFamilyOptions options = cf_options_;
  const auto& filtered = options_.point_read_families;
  if (name == keys::kIdempotencyCf || std::find(filtered.begin(), filtered.end(), name) != filtered.end()) {
    options.memtable_prefix_bloom_size_ratio = 0.05;
  }
  if (name == keys::kEventsCf) options.write_buffer_size = options_.events_write_buffer_bytes;
  return options;
}

std::string Store::fund_id() const {
  std::lock_guard lock(mu_);
  return fund_id_;
}

ChainHead Store::head() const {
  std::lock_guard lock(mu_);
  return head_;
}

Status Store::LoadMeta() {
  std::string value;
  auto* meta = cf(keys::kMetaCf);
  rocksdb::Status s = db_->Get({}, meta, keys::kMetaStoreFormat, &value);
  if (s.IsNotFound() && !options_.read_only) {
    RETURN_IF_ERROR(FromRocks(db_->Put({}, meta, keys::kMetaStoreFormat, kStoreFormat),
                              "writing the store format"));
  } else if (!s.ok()) {
    return FromRocks(s, "reading the store format");
  } else if (value != kStoreFormat) {
    return Status::Unsupported("store format " + value + " is not known to this huzhu");
  }
  s = db_->Get({}, meta, keys::kMetaFundId, &fund_id_);
  if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "reading the fund id");
  s = db_->Get({}, meta, keys::kMetaChainHead, &value);
  if (s.IsNotFound()) return Status::Ok();
  if (!s.ok()) return FromRocks(s, "reading the chain head");
  if (!DecodeHead(value, &head_)) return Status::Corruption("the stored chain head is malformed");
  // A cheap check on every open: the head event is there and is the one the chain
  // head names. The full chain is checked by `huzhu audit verify`.
  auto last = Get(head_.seq);
  if (!last.ok()) return last.status().WithContext("checking the chain head");
  if (last->hash != head_.hash) {
    return Status::Corruption("event " + std::to_string(head_.seq) +
                              " does not match the stored chain head");
  }
  return Status::Ok();
}

// `fund` is the store's fund id; the first event of a store sets it.
Status Store::ValidateNext(const Event& event, const ChainHead& head, size_t index,
                           std::string* fund) const {
  const Envelope& env = event.envelope;
  // Built only on the error path: this runs for every appended event.
  auto where = [&] {
    return "event " + std::to_string(index + 1) + " of the batch (seq " + std::to_string(env.seq) +
           ", " + std::string(EventTypeName(event.type())) + ")";
  };
  if (env.seq != head.seq + 1) {
    return Status::Corruption(where() + ": seq gap, expected seq " + std::to_string(head.seq + 1));
  }
  if (env.prev_hash != head.hash) {
    return Status::Corruption(where() + ": prev_hash " + Short(env.prev_hash) +
                              "... does not match the hash of seq " + std::to_string(head.seq) +
                              " (" + Short(head.hash) + "...)");
  }
  bool opening = event.type() == EventType::kFundOpened;
  if (opening != (env.seq == 1)) {
    return Status::InvalidArgument(where() + ": fund_opened must be the first event and only that");
  }
  if (env.seq == 1) *fund = env.fund_id;
  if (env.fund_id != *fund || env.fund_id.empty()) {
    return Status::InvalidArgument(where() + ": belongs to fund \"" + env.fund_id +
                                   "\", this store holds fund \"" + *fund + "\"");
  }
  if (env.recorded_at < head.recorded_at) {
    return Status::InvalidArgument(where() + ": recorded at " + FormatTimestamp(env.recorded_at) +
                                   ", before its predecessor");
  }
  return Status::Ok();
}

Status Store::StageEvent(const Event& event, std::string_view record, rocksdb::WriteBatch* wb,
                         std::map<std::string, keys::IdempotencyEntry>* new_keys) const {
  const Envelope& env = event.envelope;
  RETURN_IF_ERROR(FromRocks(wb->Put(cf(keys::kEventsCf), keys::EventKey(env.seq), record),
                            "staging an event"));
  if (event.type() == EventType::kEventReversed || event.type() == EventType::kClaimReopened) {
    RETURN_IF_ERROR(FromRocks(
        wb->Put(cf(keys::kIndexesCf), keys::CorrectionIndexKey(CorrectionTarget(event), env.seq), ""),
        "staging a correction index entry"));
  }
  if (env.idempotency_key.empty()) return Status::Ok();
  auto it = new_keys->find(env.idempotency_key);
  if (it != new_keys->end()) {
    if (it->second.first_seq + it->second.count != env.seq) {
      return Status::InvalidArgument("seq " + std::to_string(env.seq) + ": idempotency key \"" +
                                     env.idempotency_key + "\" is used by two commands");
    }
    ++it->second.count;
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(auto existing, FindIdempotencyKey(env.idempotency_key));
  if (existing && existing->first_seq + existing->count == env.seq) {
    // The rest of a command whose first events came in an earlier batch (a follower or
    // the Kafka catch-up may see one transaction across several polls).
    (*new_keys)[env.idempotency_key] = keys::IdempotencyEntry{existing->first_seq, existing->count + 1};
    return Status::Ok();
  }
  if (existing) {
    return Status::AlreadyExists("seq " + std::to_string(env.seq) + ": idempotency key \"" +
                                 env.idempotency_key + "\" was already used at seq " +
                                 std::to_string(existing->first_seq));
  }
  (*new_keys)[env.idempotency_key] = keys::IdempotencyEntry{env.seq, 1};
  return Status::Ok();
}

void Store::AbortObservers() {
  for (auto* o : observers_) o->OnAbort();
}

Status Store::RunObservers(const std::vector<Event>& events, uint64_t last_seq, rocksdb::WriteBatch* wb) {
  {
    std::lock_guard lock(mu_);
    applying_ = &events;
    applying_thread_ = std::this_thread::get_id();
  }
  Status s = [&]() -> Status {
    for (auto* observer : observers_) {
      for (const Event& e : events) {
        Status applied = observer->OnEvent(e, wb);
        if (!applied.ok()) return applied.WithContext("seq " + std::to_string(e.seq()));
      }
    }
    for (auto* observer : observers_) RETURN_IF_ERROR(observer->OnBatchEnd(last_seq, wb));
    return Status::Ok();
  }();
  std::lock_guard lock(mu_);
  applying_ = nullptr;
  return s;
}

Result<std::vector<Event>> Store::Append(AppendBatch batch) {
  HUZHU_CHECK(!options_.read_only);
  if (batch.records.empty()) return std::vector<Event>{};
  ChainHead head = this->head();
  std::string fund = fund_id();
  rocksdb::WriteBatch wb;
  std::map<std::string, keys::IdempotencyEntry> new_keys;
  std::vector<Event> events;
  events.reserve(batch.records.size());
  const bool sealed_here = batch.sealed_events.size() == batch.records.size();
  for (size_t i = 0; i < batch.records.size(); ++i) {
    const std::string& record = batch.records[i];
    if (sealed_here) {
      events.push_back(std::move(batch.sealed_events[i]));
    } else {
      auto event = DecodeEvent(record);
      if (!event.ok()) {
        return event.status().WithContext("event " + std::to_string(i + 1) + " of the batch");
      }
      events.push_back(std::move(event).value());
    }
    const Event& event = events.back();
    RETURN_IF_ERROR(ValidateNext(event, head, i, &fund));
    RETURN_IF_ERROR(StageEvent(event, record, &wb, &new_keys));
    head = ChainHead{event.seq(), event.hash, event.envelope.recorded_at};
  }
  for (const auto& [key, entry] : new_keys) {
    RETURN_IF_ERROR(FromRocks(wb.Put(cf(keys::kIdempotencyCf), key, keys::EncodeIdempotency(entry)),
                              "staging an idempotency key"));
  }
  // One entry per batch: what was recorded when, for as-of reads.
  RETURN_IF_ERROR(FromRocks(
      wb.Put(cf(keys::kIndexesCf), keys::RecordedIndexKey(head.recorded_at, events.front().seq()), ""),
      "staging the recorded-time index"));
  auto* meta = cf(keys::kMetaCf);
  RETURN_IF_ERROR(FromRocks(wb.Put(meta, keys::kMetaChainHead, EncodeHead(head)), "staging head"));
  if (events.front().seq() == 1) {
    RETURN_IF_ERROR(FromRocks(wb.Put(meta, keys::kMetaFundId, events.front().envelope.fund_id),
                              "staging the fund id"));
  }
  if (batch.journal_position) {
    RETURN_IF_ERROR(FromRocks(wb.Put(meta, keys::kMetaJournalPosition, *batch.journal_position),
                              "staging the journal position"));
  }
  Status observed = RunObservers(events, head.seq, &wb);
  if (!observed.ok()) {
    AbortObservers();
    return observed;
  }
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync;
  std::vector<rocksdb::ColumnFamilyHandle*> families;
  for (const auto& [name, handle] : cfs_) families.push_back(handle);
  std::optional<rocksdb::WriteBatch> sorted = SortedBatch(wb, families);
  Status written = FromRocks(db_->Write(write_options, sorted ? &*sorted : &wb), "appending a batch of events");
  if (!written.ok()) {
    AbortObservers();
    return written;
  }
  {
    std::lock_guard lock(mu_);
    head_ = head;
    if (events.front().seq() == 1) fund_id_ = events.front().envelope.fund_id;
  }
  for (auto* observer : observers_) observer->OnCommit();
  return events;
}

Result<std::string> Store::GetRecord(uint64_t seq) const {
  std::string record;
  rocksdb::Status s = db_->Get({}, cf(keys::kEventsCf), keys::EventKey(seq), &record);
  if (s.IsNotFound()) {
    return Status::NotFound("no event with seq " + std::to_string(seq) + " (the chain head is " +
                            std::to_string(head().seq) + ")");
  }
  if (!s.ok()) return FromRocks(s, "reading event " + std::to_string(seq));
  return record;
}

Result<Event> Store::Get(uint64_t seq) const {
  {
    std::lock_guard lock(mu_);
    if (applying_ != nullptr && applying_thread_ == std::this_thread::get_id() &&
        applying_->front().seq() <= seq && seq <= applying_->back().seq()) {
      return (*applying_)[seq - applying_->front().seq()];
    }
  }
  ASSIGN_OR_RETURN(std::string record, GetRecord(seq));
  auto event = DecodeEvent(record);
  if (!event.ok()) return event.status().WithContext("event " + std::to_string(seq));
  if (event->seq() != seq) {
    return Status::Corruption("event " + std::to_string(seq) + ": its bytes say seq " +
                              std::to_string(event->seq()));
  }
  return event;
}

Status Store::ForEach(uint64_t from, uint64_t to,
                      const std::function<Status(const Event&, std::string_view)>& fn) const {
  std::string lower = keys::EventKey(from);
  std::string upper = keys::EventKey(to == 0 ? UINT64_MAX : to + 1);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions read_options;
  read_options.iterate_upper_bound = to == 0 ? nullptr : &upper_slice;
  read_options.fill_cache = false;  // A scan must not evict what point reads need.
  read_options.readahead_size = 2u << 20;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read_options, cf(keys::kEventsCf)));
  it->Seek(lower);
  uint64_t last = to == 0 ? head().seq : to;
  DecodePipeline pipeline(DecodePipeline::WorkersFor(last >= from ? last - from + 1 : 0));
  Status s = pipeline.Run(it.get(), fn);
  if (!it->status().ok()) return FromRocks(it->status(), "scanning events");
  return s;
}

Status ChainCheck::Next(const Event& e) {
  const uint64_t seq = e.seq();
  if (seq != report_.head.seq + 1) {
    return Status::Corruption("chain breaks at seq " + std::to_string(report_.head.seq + 1) +
                              ": that event is missing");
  }
  if (e.envelope.prev_hash != report_.head.hash) {
    return Status::Corruption("chain breaks at seq " + std::to_string(seq) +
                              ": its prev_hash does not match the hash of seq " + std::to_string(seq - 1));
  }
  report_.head = ChainHead{seq, e.hash, e.envelope.recorded_at};
  ++report_.events;
  return Status::Ok();
}

Status ChainCheck::End(const ChainHead& stored_head) const {
  if (report_.head.seq != stored_head.seq || report_.head.hash != stored_head.hash) {
    return Status::Corruption("the chain ends at seq " + std::to_string(report_.head.seq) +
                              " but the stored chain head says seq " + std::to_string(stored_head.seq));
  }
  return Status::Ok();
}

Result<VerifyReport> Store::VerifyChain(const std::function<void(uint64_t)>& on_progress) const {
  ChainHead expected_head = head();
  ChainCheck chain;
  Status scanned = ForEach(1, 0, [&](const Event& e, std::string_view) -> Status {
    RETURN_IF_ERROR(chain.Next(e));
    if (on_progress && e.seq() % 4096 == 0) on_progress(e.seq());
    return Status::Ok();
  });
  RETURN_IF_ERROR(scanned);
  RETURN_IF_ERROR(chain.End(expected_head));
  return chain.report();
}

Status Store::VerifyFileChecksums() const {
  return FromRocks(db_->VerifyChecksum(), "checking the store's file checksums");
}

Result<std::optional<keys::IdempotencyEntry>> Store::FindIdempotencyKey(
    const std::string& key) const {
  std::string value;
  rocksdb::Status s = db_->Get({}, cf(keys::kIdempotencyCf), key, &value);
  if (s.IsNotFound()) return std::optional<keys::IdempotencyEntry>();
  if (!s.ok()) return FromRocks(s, "reading an idempotency key");
  keys::IdempotencyEntry entry;
  if (!keys::DecodeIdempotency(value, &entry)) {
    return Status::Corruption("idempotency entry for \"" + key + "\" is malformed");
  }
  return std::optional<keys::IdempotencyEntry>(entry);
}

Result<uint64_t> Store::SeqAsOf(Timestamp as_of) const {
  // The first batch recorded after `as_of` begins one past the answer.
  std::string after = keys::RecordedIndexKey(Timestamp{as_of.micros + 1}, 0);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator({}, cf(keys::kIndexesCf)));
  it->Seek(after);
  if (!it->status().ok()) return FromRocks(it->status(), "reading the recorded-time index");
  if (it->Valid() && it->key().size() == 17 && it->key()[0] == keys::kRecordedIndexPrefix) {
    return keys::ReadBigEndian64(std::string_view(it->key().data() + 9, 8)) - 1;
  }
  return head().seq;
}

std::optional<std::string> Store::JournalPosition() const {
  std::string value;
  if (!db_->Get({}, cf(keys::kMetaCf), keys::kMetaJournalPosition, &value).ok()) {
    return std::nullopt;
  }
  return value;
}

Status Store::Flush() {
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  for (auto& [name, handle] : cfs_) handles.push_back(handle);
  return FromRocks(db_->Flush(rocksdb::FlushOptions(), handles), "flushing the store");
}

}  // namespace huzhu
