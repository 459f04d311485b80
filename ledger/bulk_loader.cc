#include "ledger/bulk_loader.h"

#include <rocksdb/sst_file_writer.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "ledger/store.h"

namespace huzhu {

namespace fs = std::filesystem;

namespace {

// `width` bytes of `key` from `from` as a big-endian integer, zeros past its end.
uint64_t BigEndianAt(std::string_view key, size_t from, size_t width = 8) {
  if (width == 8 && key.size() >= from + 8) {  // the common case: one load
    uint64_t word;
    std::memcpy(&word, key.data() + from, 8);
    return __builtin_bswap64(word);
  }
  uint64_t word = 0;
  for (size_t i = from; i < from + width; ++i) word = word << 8 | (i < key.size() ? static_cast<uint8_t>(key[i]) : 0);
  return word;
}

}  // namespace

BulkLoader::BulkLoader(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, BulkLoadLimits limits,
                       FamilyAtStart at_start)
    : db_(db), cf_(cf), limits_(limits), at_start_(at_start) {
  // Inside the database's directory, so that ingesting moves a file by a hard link;
  // RocksDB leaves a subdirectory it did not make alone. A crashed load's leftovers
  // are removed here.
  dir_ = (fs::path(db->GetName()) / ("bulk-load-" + cf->GetName())).string();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

BulkLoader::~BulkLoader() {
  if (in_flight_.valid()) in_flight_.wait();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

Status BulkLoader::Add(std::string_view key, std::string_view value) { return Push(key, value, false); }

Status BulkLoader::Delete(std::string_view key) { return Push(key, {}, true); }

Status BulkLoader::Push(std::string_view key, std::string_view value, bool deleted) {
  // Room for a full buffer at once: no regrowth copies, and pages never touched are
  // never resident.
  if (filling_.rows.capacity() == 0) {
    filling_.bytes.reserve(limits_.buffer_bytes);
    filling_.rows.reserve(limits_.buffer_bytes / sizeof(Row));
  }
  Row row{filling_.bytes.size(), static_cast<uint32_t>(key.size()),
          deleted ? kDeleted : static_cast<uint32_t>(value.size())};
  filling_.bytes.append(key);
  filling_.bytes.append(value);
  filling_.rows.push_back(row);
  if (filling_.bytes.size() + filling_.rows.size() * sizeof(Row) < limits_.buffer_bytes) return Status::Ok();
  return Spill();
}

Status BulkLoader::Spill() {
  RETURN_IF_ERROR(WaitForSpill());
  if (filling_.rows.empty()) return Status::Ok();
  // The buffers swap roles, keeping their memory: no page faults or regrowth for
  // the next buffer.
  std::swap(filling_, writing_);
  filling_.bytes.clear();
  filling_.rows.clear();
  in_flight_ = std::async(std::launch::async, &BulkLoader::WriteAndIngest, this, std::cref(writing_), next_file_++);
  return Status::Ok();
}

Status BulkLoader::WaitForSpill() {
  if (!in_flight_.valid()) return Status::Ok();
  return in_flight_.get();
}

Status BulkLoader::Flush() {
  RETURN_IF_ERROR(Spill());
  return WaitForSpill();
}

Status BulkLoader::Finish(rocksdb::WriteBatch* tail) {
  RETURN_IF_ERROR(BeginFinish(tail));
  return EndFinish();
}

Status BulkLoader::BeginFinish(rocksdb::WriteBatch* tail) {
  if (next_file_ == 0 && filling_.rows.size() <= limits_.small_tail_rows) {
    // Rows in the order added: a later row at the same key overwrites an earlier one.
    for (const Row& r : filling_.rows) {
      rocksdb::Slice k(filling_.key(r).data(), r.key_size);
      std::string_view v = filling_.value(r);
      rocksdb::Status s = r.value_size == kDeleted ? tail->Delete(cf_, k)
                                                   : tail->Put(cf_, k, rocksdb::Slice(v.data(), v.size()));
      RETURN_IF_ERROR(FromRocks(s, "staging a loaded row"));
    }
    filling_ = Buffer{};
    return Status::Ok();
  }
  if (filling_.rows.empty()) return Status::Ok();
  // The last file is sorted and written beside the one in flight (a third buffer, for
  // the moment a load ends: nothing is applied meanwhile but these files) and ingested
  // after it, so that later rows still win.
  last_ = std::move(filling_);
  filling_ = Buffer{};
  std::shared_future<Status> before = in_flight_.valid() ? in_flight_.share() : std::shared_future<Status>();
  in_flight_ = std::async(std::launch::async, [this, before, number = next_file_++]() -> Status {
    Result<bool> written = WriteFile(last_, number);
    if (before.valid() && !before.get().ok()) return before.get();
    if (!written.ok()) return written.status();
    return *written ? Ingest(FilePath(number)) : Status::Ok();
  });
  return Status::Ok();
}

std::string BulkLoader::FilePath(uint64_t number) const {
  return (fs::path(dir_) / (std::to_string(number) + ".sst")).string();
}

size_t BulkLoader::SharedPrefixSize(const Buffer& buffer) {
  if (buffer.rows.empty()) return 0;
  std::string_view first = buffer.key(buffer.rows[0]);
  size_t shared = first.size();
  for (const auto& row : buffer.rows) {
    std::string_view key = buffer.key(row);
    size_t n = std::min(shared, key.size());
    size_t i = 0;
    while (i < n && key[i] == first[i]) ++i;
    shared = i;
    if (shared == 0) break;
  }
  return shared;
}

std::vector<BulkLoader::SortEntry> BulkLoader::GroupedByPrefix(const Buffer& buffer, std::vector<uint32_t>* starts) {
  size_t shared = SharedPrefixSize(buffer);
  std::vector<uint16_t> groups(buffer.rows.size());
  starts->assign(kSortGroups + 1, 0);
  for (uint32_t i = 0; i < groups.size(); ++i) {
    groups[i] = static_cast<uint16_t>(BigEndianAt(buffer.key(buffer.rows[i]), shared, 2));
    ++(*starts)[groups[i] + 1];
  }
  for (size_t g = 0; g < kSortGroups; ++g) (*starts)[g + 1] += (*starts)[g];
  std::vector<uint32_t> next(starts->begin(), starts->end() - 1);
  std::vector<SortEntry> entries(buffer.rows.size());
  for (uint32_t i = 0; i < groups.size(); ++i) {
    std::string_view key = buffer.key(buffer.rows[i]);
    entries[next[groups[i]]++] = {BigEndianAt(key, 0), BigEndianAt(key, 8),
                                  static_cast<uint32_t>(BigEndianAt(key, 16, 4)), i};
  }
  return entries;
}

std::vector<BulkLoader::SortEntry> BulkLoader::Sorted(const Buffer& buffer) {
  auto less = [&](const SortEntry& a, const SortEntry& b) {
    if (a.high != b.high) return a.high < b.high;
    if (a.middle != b.middle) return a.middle < b.middle;
    if (a.low != b.low) return a.low < b.low;
    int c = buffer.key(buffer.rows[a.index]).compare(buffer.key(buffer.rows[b.index]));
    return c != 0 ? c < 0 : a.index < b.index;
  };
  // A projection's kinds of row come interleaved, and several of them in key order
  // (facts and bank movements by seq, an account's balances): grouped, only the
  // others are sorted, and those in groups small enough to stay in the CPU's caches.
  std::vector<uint32_t> starts;
  std::vector<SortEntry> entries = GroupedByPrefix(buffer, &starts);
  for (size_t g = 0; g < kSortGroups; ++g) {
    auto begin = entries.begin() + starts[g];
    auto end = entries.begin() + starts[g + 1];
    if (end - begin > 1 && !std::is_sorted(begin, end, less)) std::sort(begin, end, less);
  }
  return entries;
}

Result<bool> BulkLoader::WriteFile(const Buffer& buffer, uint64_t number) const {
  std::string path = FilePath(number);
  bool nothing_to_delete = at_start_ == FamilyAtStart::kEmpty && number == 0;
  std::vector<SortEntry> sorted = Sorted(buffer);
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return Status::IOError("cannot create \"" + dir_ + "\": " + ec.message());
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), db_->GetOptions(cf_), cf_);
  RETURN_IF_ERROR(FromRocks(writer.Open(path), "opening a bulk-load file"));
  size_t written = 0;
  for (size_t i = 0; i < sorted.size(); ++i) {
    const Row& row = buffer.rows[sorted[i].index];
    std::string_view key = buffer.key(row);
    // Of rows at one key, the last added comes last, and is the one kept.
    if (i + 1 < sorted.size() && sorted[i + 1].SamePrefix(sorted[i]) &&
        buffer.key(buffer.rows[sorted[i + 1].index]) == key) {
      continue;
    }
    if (row.value_size == kDeleted && nothing_to_delete) continue;
    rocksdb::Slice k(key.data(), key.size());
    std::string_view value = buffer.value(row);
    rocksdb::Status s = row.value_size == kDeleted ? writer.Delete(k)
                                                   : writer.Put(k, rocksdb::Slice(value.data(), value.size()));
    RETURN_IF_ERROR(FromRocks(s, "writing a bulk-load file"));
    ++written;
  }
  if (written == 0) {  // every row was a deletion of nothing: no file
    std::error_code ignored;
    fs::remove(path, ignored);
    return false;
  }
  RETURN_IF_ERROR(FromRocks(writer.Finish(), "finishing a bulk-load file"));
  return true;
}

Status BulkLoader::Ingest(const std::string& path) {
  rocksdb::IngestExternalFileOptions ingest;
  ingest.move_files = true;
  ingest.write_global_seqno = false;
  ingest.allow_blocking_flush = true;
  RETURN_IF_ERROR(FromRocks(db_->IngestExternalFile(cf_, {path}, ingest), "ingesting a bulk-load file"));
  ++files_ingested_;
  return Status::Ok();
}

Status BulkLoader::WriteAndIngest(const Buffer& buffer, uint64_t number) {
  ASSIGN_OR_RETURN(bool written, WriteFile(buffer, number));
  return written ? Ingest(FilePath(number)) : Status::Ok();
}

}  // namespace huzhu
