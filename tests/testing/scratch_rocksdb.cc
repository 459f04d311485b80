#include "tests/testing/scratch_rocksdb.h"

#include "events/check.h"

namespace huzhu::testing {

ScratchRocksDb::ScratchRocksDb() {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  HUZHU_CHECK(rocksdb::DB::Open(options, path(), &raw).ok());
  db_.reset(raw);
}

}  // namespace huzhu::testing
