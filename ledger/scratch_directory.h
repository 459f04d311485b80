// A directory an audit owns while it runs: its scratch store's.
#pragma once

#include <string>

#include "events/status.h"

namespace huzhu {

// Refused when the directory exists already (an audit never writes over what it did
// not make), removed when the owner goes, however it ends. Declare it before the
// store that lives in it, so that the store is closed first.
class ScratchDirectory {
 public:
  ScratchDirectory() = default;
  ~ScratchDirectory();
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  // Takes `dir` for this owner; AlreadyExists when it is there.
  Status Claim(const std::string& dir);

 private:
  std::string dir_;  // empty until claimed
};

}  // namespace huzhu
