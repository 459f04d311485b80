// A bare RocksDB database (default options, the default family only) in a fresh
// directory, for tests of the parts that work on any RocksDB database.
#pragma once

#include <rocksdb/db.h>

#include <memory>
#include <string>

#include "tests/testing/temp_dir.h"

namespace huzhu::testing {

class ScratchRocksDb {
 public:
  ScratchRocksDb();
  rocksdb::DB* db() const { return db_.get(); }
  std::string path() const { return dir_.Sub("db"); }

 private:
  TempDir dir_;
  std::unique_ptr<rocksdb::DB> db_;
};

}  // namespace huzhu::testing
