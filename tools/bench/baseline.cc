#include "tools/bench/baseline.h"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>
#include <sys/resource.h>

#include <chrono>
#include <memory>

#include "events/check.h"
#include "ledger/keys.h"

namespace huzhu::bench {

namespace {
double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

Rate BarePutLoop(const std::string& dir, const std::vector<std::string>& values, size_t batch_size,
                 bool sync) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.write_buffer_size = 32u << 20;
  rocksdb::DB* raw = nullptr;
  HUZHU_CHECK(rocksdb::DB::Open(options, dir, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::WriteOptions write_options;
  write_options.sync = sync;
  auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < values.size(); i += batch_size) {
    rocksdb::WriteBatch batch;
    for (size_t j = i; j < std::min(values.size(), i + batch_size); ++j) {
      batch.Put(keys::EventKey(j + 1), values[j]);
    }
    HUZHU_CHECK(db->Write(write_options, &batch).ok());
  }
  double secs = SecondsSince(start);
  return Rate{secs, static_cast<double>(values.size()) / secs};
}

void CompactBare(const std::string& dir) {
  rocksdb::Options options;
  rocksdb::DB* raw = nullptr;
  HUZHU_CHECK(rocksdb::DB::Open(options, dir, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  HUZHU_CHECK(db->Flush(rocksdb::FlushOptions()).ok());
  HUZHU_CHECK(db->CompactRange({}, nullptr, nullptr).ok());
}

Rate BareScan(const std::string& dir, size_t expected) {
  rocksdb::Options options;
  rocksdb::DB* raw = nullptr;
  HUZHU_CHECK(rocksdb::DB::OpenForReadOnly(options, dir, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::ReadOptions read_options;
  read_options.fill_cache = false;
  read_options.readahead_size = 2u << 20;
  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(read_options));
  size_t count = 0, bytes = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++count;
    bytes += it->value().size();
  }
  HUZHU_CHECK(it->status().ok() && count == expected && bytes > 0);
  double secs = SecondsSince(start);
  return Rate{secs, static_cast<double>(count) / secs};
}

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

}  // namespace huzhu::bench
