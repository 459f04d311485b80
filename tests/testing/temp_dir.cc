#include "tests/testing/temp_dir.h"

#include <cstdlib>

#include "events/check.h"

namespace huzhu::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "huzhu-test-XXXXXX").string();
  HUZHU_CHECK(mkdtemp(pattern.data()) != nullptr);
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace huzhu::testing
