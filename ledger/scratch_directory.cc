#include "ledger/scratch_directory.h"

#include <filesystem>

namespace huzhu {

ScratchDirectory::~ScratchDirectory() {
  std::error_code ignored;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
}

Status ScratchDirectory::Claim(const std::string& dir) {
  if (std::filesystem::exists(dir)) return Status::AlreadyExists("scratch directory \"" + dir + "\" exists");
  dir_ = dir;
  return Status::Ok();
}

}  // namespace huzhu
