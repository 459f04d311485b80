#include "ledger/state_overlay.h"

#include <algorithm>
#include <memory>
#include <set>
#include <utility>

#include "ledger/bulk_loader.h"
#include "ledger/chunk_helper.h"
#include "ledger/store.h"

namespace huzhu {

Result<std::optional<std::string>> StateOverlay::Get(const std::string& key) const {
  auto it = slots_.find(key);
  if (it != slots_.end() && it->second.known != Known::kNothing) return it->second.value;
  std::string value;
  rocksdb::Status s = db_->Get({}, cf_, key, &value);
  if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "reading the fund's state");
  std::optional<std::string> found = s.IsNotFound() ? std::nullopt : std::optional<std::string>(std::move(value));
  Slot& slot = it != slots_.end() ? it->second : slots_[key];
  slot.value = found;
  slot.known = Known::kRead;
  return found;
}

namespace {

// Below this many keys one thread reads them all: a second thread costs more than it saves.
constexpr size_t kParallelPrefetchKeys = 1024;
// Larger sets are read in chunks this big, by whichever of the two threads is free
// (ledger/chunk_helper.h); each chunk is one sorted MultiGet.
constexpr size_t kPrefetchChunkKeys = 256;

struct Fetched {
  explicit Fetched(size_t keys) : values(keys), found(keys) {}
  std::optional<std::string> Value(size_t i) const {
    return found[i] ? std::optional<std::string>(values[i].ToString()) : std::nullopt;
  }
  std::vector<rocksdb::PinnableSlice> values;
  std::vector<char> found;  // char, not bool: two threads write neighbouring entries
};

// Reads sorted keys [begin, end) into `out` at the same positions.
Status MultiGetRange(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, const std::vector<std::string>& keys,
                     size_t begin, size_t end, Fetched* out) {
  std::vector<rocksdb::Slice> slices(keys.begin() + static_cast<std::ptrdiff_t>(begin),
                                     keys.begin() + static_cast<std::ptrdiff_t>(end));
  std::vector<rocksdb::Status> statuses(slices.size());
  db->MultiGet({}, cf, slices.size(), slices.data(), out->values.data() + begin, statuses.data(),
               /*sorted_input=*/true);
  for (size_t i = 0; i < statuses.size(); ++i) {
    if (!statuses[i].ok() && !statuses[i].IsNotFound()) return FromRocks(statuses[i], "reading the fund's state");
    out->found[begin + i] = statuses[i].ok();
  }
  return Status::Ok();
}

void SortUnique(std::vector<std::string>* keys) {
  std::sort(keys->begin(), keys->end());
  keys->erase(std::unique(keys->begin(), keys->end()), keys->end());
}

size_t ChunkCount(size_t keys) { return (keys + kPrefetchChunkKeys - 1) / kPrefetchChunkKeys; }

// Reads chunk number `chunk` of sorted `keys` (kPrefetchChunkKeys each) into `out`.
Status MultiGetChunk(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, const std::vector<std::string>& keys,
                     size_t chunk, Fetched* out) {
  size_t begin = chunk * kPrefetchChunkKeys;
  return MultiGetRange(db, cf, keys, begin, std::min(keys.size(), begin + kPrefetchChunkKeys), out);
}

}  // namespace

// The keys and what the helper read of them. No snapshot is needed: a key written
// after the read began was staged through FlushInto after it began, and is dropped.
struct StateOverlay::Background {
  explicit Background(std::vector<std::string> sorted_keys) : keys(std::move(sorted_keys)), fetched(keys.size()) {}
  std::vector<std::string> keys;  // sorted, unique
  Fetched fetched;
  ChunkHelper::Started started;
};

StateOverlay::StateOverlay(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) : db_(db), cf_(cf) {}

StateOverlay::~StateOverlay() {
  if (background_) (void)prefetch_helper_->Finish(std::move(background_->started));
}

void StateOverlay::PrefetchInBackground(std::vector<std::string> keys) const {
  if (background_) return;
  SortUnique(&keys);
  if (keys.empty()) return;
  auto bg = std::make_unique<Background>(std::move(keys));
  Background* b = bg.get();
  bg->started = Helper().Start(ChunkCount(b->keys.size()), [db = db_, cf = cf_, b](size_t chunk) {
    return MultiGetChunk(db, cf, b->keys, chunk, &b->fetched);
  });
  // Writes made before this call may be staged but not yet in RocksDB when the helper
  // reads: they count as staged after it.
  staged_since_background_.clear();
  for (const Entry* entry : written_) staged_since_background_.insert(entry->first);
  background_ = std::move(bg);
}

void StateOverlay::TakeBackgroundReads() const {
  if (!background_) return;
  std::unique_ptr<Background> bg = std::move(background_);
  // The chunks the helper has not begun are read here. A failed read is dropped: the
  // key is read again when asked for, and its error reported then.
  std::unordered_set<std::string> staged = std::exchange(staged_since_background_, {});
  if (!prefetch_helper_->Finish(std::move(bg->started)).ok()) return;
  slots_.reserve(slots_.size() + bg->keys.size());
  for (size_t i = 0; i < bg->keys.size(); ++i) {
    if (staged.count(bg->keys[i]) != 0) continue;
    Slot& slot = slots_[std::move(bg->keys[i])];
    if (slot.known != Known::kNothing) continue;  // this batch's own write, or read already
    slot.value = bg->fetched.Value(i);
    slot.known = Known::kRead;
  }
}

Status StateOverlay::Prefetch(std::vector<std::string> keys) const {
  TakeBackgroundReads();
  std::erase_if(keys, [&](const std::string& k) {
    auto it = slots_.find(k);
    return it != slots_.end() && it->second.known != Known::kNothing;
  });
  SortUnique(&keys);
  if (keys.empty()) return Status::Ok();
  Fetched fetched(keys.size());
  if (keys.size() < kParallelPrefetchKeys) {
    RETURN_IF_ERROR(MultiGetRange(db_, cf_, keys, 0, keys.size(), &fetched));
  } else {
    RETURN_IF_ERROR(Helper().Run(ChunkCount(keys.size()), [&](size_t chunk) {
      return MultiGetChunk(db_, cf_, keys, chunk, &fetched);
    }));
  }
  slots_.reserve(slots_.size() + keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    Slot& slot = slots_[std::move(keys[i])];
    slot.value = fetched.Value(i);
    slot.known = Known::kRead;
  }
  return Status::Ok();
}

ChunkHelper& StateOverlay::Helper() const {
  if (!prefetch_helper_) prefetch_helper_ = std::make_unique<ChunkHelper>();
  return *prefetch_helper_;
}

StateOverlay::Slot& StateOverlay::Write(const std::string& key) {
  Entry* entry = &*slots_.try_emplace(key).first;
  Slot& slot = entry->second;
  if (keep_undo_) undo_.emplace_back(entry, slot);
  if (!slot.unflushed) {
    slot.unflushed = true;
    unflushed_.push_back(entry);
  }
  if (!slot.listed) {
    slot.listed = true;
    written_.push_back(entry);
  }
  slot.known = Known::kWritten;
  return slot;
}

void StateOverlay::RollbackTo(size_t savepoint) {
  while (undo_.size() > savepoint) {
    auto& [entry, previous] = undo_.back();
    Slot& slot = entry->second;
    // Only what it holds goes back: it stays listed, and is skipped where it no longer counts as written.
    slot.value = std::move(previous.value);
    slot.known = previous.known;
    undo_.pop_back();
  }
}

void StateOverlay::Put(const std::string& key, std::string value) { Write(key).value = std::move(value); }

void StateOverlay::Delete(const std::string& key) { Write(key).value = std::nullopt; }

Result<std::vector<std::string>> StateOverlay::Keys(const std::string& prefix) const {
  std::set<std::string> keys;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator({}, cf_));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    keys.insert(it->key().ToString());
  }
  if (!it->status().ok()) return FromRocks(it->status(), "scanning the fund's state");
  // Keys are asked for after a batch's writes (a unit's members, once its enrolments
  // are dry-run): sorting what was written since the last call keeps each call to a
  // binary search, however many keys the batch wrote.
  auto by_key = [](const Entry* a, const Entry* b) { return a->first < b->first; };
  if (written_sorted_ < written_.size()) {
    auto middle = written_.begin() + static_cast<std::ptrdiff_t>(written_sorted_);
    std::sort(middle, written_.end(), by_key);
    std::inplace_merge(written_.begin(), middle, written_.end(), by_key);
    written_sorted_ = written_.size();
  }
  auto first = std::lower_bound(written_.begin(), written_.end(), prefix,
                                [](const Entry* e, const std::string& p) { return e->first < p; });
  for (auto w = first; w != written_.end() && (*w)->first.starts_with(prefix); ++w) {
    const auto& [key, slot] = **w;
    if (slot.known != Known::kWritten) continue;  // rolled back
    if (slot.value) keys.insert(key);
    else keys.erase(key);
  }
  return std::vector<std::string>(keys.begin(), keys.end());
}

// In the order first written: the batch's contents do not depend on it (a key is
// staged once, with its last value).
template <class Sink>
Status StateOverlay::FlushUnflushed(Sink&& write) {
  for (Entry* entry : unflushed_) {
    auto& [key, slot] = *entry;
    slot.unflushed = false;
    if (slot.known != Known::kWritten) continue;  // written, then rolled back
    if (background_) staged_since_background_.insert(key);
    RETURN_IF_ERROR(write(key, slot.value));
  }
  unflushed_.clear();
  return Status::Ok();
}

Status StateOverlay::FlushInto(rocksdb::WriteBatch* wb) {
  return FlushUnflushed([&](const std::string& key, const std::optional<std::string>& value) {
    return FromRocks(value ? wb->Put(cf_, key, *value) : wb->Delete(cf_, key), "staging the fund's state");
  });
}

Status StateOverlay::FlushInto(BulkLoader* loader) {
  return FlushUnflushed([&](const std::string& key, const std::optional<std::string>& value) {
    return value ? loader->Add(key, *value) : loader->Delete(key);
  });
}

void StateOverlay::Clear() {
  slots_.clear();
  unflushed_.clear();
  written_.clear();
  written_sorted_ = 0;
  undo_.clear();
  keep_undo_ = false;
}

}  // namespace huzhu
