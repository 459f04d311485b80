#include "ledger/state_overlay.h"

#include <algorithm>
#include <future>
#include <memory>

#include "ledger/store.h"

namespace huzhu {

Result<std::optional<std::string>> StateOverlay::Get(const std::string& key) const {
  auto it = pending_.find(key);
  if (it != pending_.end()) return it->second;
  auto cached = read_cache_.find(key);
  if (cached != read_cache_.end()) return cached->second;
  std::string value;
  rocksdb::Status s = db_->Get({}, cf_, key, &value);
  if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "reading the fund's state");
  std::optional<std::string> found = s.IsNotFound() ? std::nullopt : std::optional<std::string>(std::move(value));
  read_cache_.emplace(key, found);
  return found;
}

namespace {

// Below this many keys one thread reads them all: a second thread costs more than it saves.
constexpr size_t kParallelPrefetchKeys = 1024;

struct Fetched {
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

}  // namespace

Status StateOverlay::Prefetch(std::vector<std::string> keys) const {
  std::erase_if(keys, [&](const std::string& k) { return pending_.count(k) > 0 || read_cache_.count(k) > 0; });
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  if (keys.empty()) return Status::Ok();
  Fetched fetched{std::vector<rocksdb::PinnableSlice>(keys.size()), std::vector<char>(keys.size())};
  if (keys.size() < kParallelPrefetchKeys) {
    RETURN_IF_ERROR(MultiGetRange(db_, cf_, keys, 0, keys.size(), &fetched));
  } else {
    size_t half = keys.size() / 2;
    auto upper = std::async(std::launch::async, MultiGetRange, db_, cf_, std::cref(keys), half, keys.size(), &fetched);
    Status lower = MultiGetRange(db_, cf_, keys, 0, half, &fetched);
    Status rest = upper.get();
    RETURN_IF_ERROR(lower);
    RETURN_IF_ERROR(rest);
  }
  read_cache_.reserve(read_cache_.size() + keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    read_cache_.emplace(std::move(keys[i]), fetched.found[i] ? std::optional<std::string>(fetched.values[i].ToString())
                                                             : std::nullopt);
  }
  return Status::Ok();
}

void StateOverlay::Remember(const std::string& key) {
  if (!keep_undo_) return;
  auto it = pending_.find(key);
  undo_.emplace_back(key, it == pending_.end() ? std::nullopt
                                               : std::optional<std::optional<std::string>>(it->second));
}

void StateOverlay::RollbackTo(size_t savepoint) {
  while (undo_.size() > savepoint) {
    auto& [key, previous] = undo_.back();
    if (previous) pending_[key] = *previous;
    else pending_.erase(key);
    undo_.pop_back();
  }
}

void StateOverlay::Put(const std::string& key, std::string value) {
  Remember(key);
  pending_[key] = std::move(value);
  unflushed_.insert(key);
}

void StateOverlay::Delete(const std::string& key) {
  Remember(key);
  pending_[key] = std::nullopt;
  unflushed_.insert(key);
}

Result<std::vector<std::string>> StateOverlay::Keys(const std::string& prefix) const {
  std::set<std::string> keys;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator({}, cf_));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    keys.insert(it->key().ToString());
  }
  if (!it->status().ok()) return FromRocks(it->status(), "scanning the fund's state");
  for (auto p = pending_.lower_bound(prefix); p != pending_.end() && p->first.starts_with(prefix); ++p) {
    if (p->second) keys.insert(p->first);
    else keys.erase(p->first);
  }
  return std::vector<std::string>(keys.begin(), keys.end());
}

Status StateOverlay::FlushInto(rocksdb::WriteBatch* wb) {
  for (const auto& key : unflushed_) {
    auto found = pending_.find(key);
    if (found == pending_.end()) continue;  // written, then rolled back
    const auto& value = found->second;
    rocksdb::Status s = value ? wb->Put(cf_, key, *value) : wb->Delete(cf_, key);
    if (!s.ok()) return FromRocks(s, "staging the fund's state");
  }
  unflushed_.clear();
  return Status::Ok();
}

void StateOverlay::Clear() {
  pending_.clear();
  read_cache_.clear();
  unflushed_.clear();
  undo_.clear();
  keep_undo_ = false;
}

}  // namespace huzhu
