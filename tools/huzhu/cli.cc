#include "tools/huzhu/cli.h"

#include <cstdlib>
#include <random>

namespace huzhu::cli {

int ExitCodeFor(const Status& status) {
  if (status.ok()) return kExitOk;
  if (status.code() == Status::Code::kCorruption) return kExitCorruption;
  return kExitFailed;
}

Result<std::unique_ptr<Store>> OpenStore(const GlobalOptions& global, bool read_only) {
  StoreOptions options;
  options.read_only = read_only;
  options.block_cache_bytes = global.cache_bytes();
  return Store::Open(global.data_dir, options);
}

std::string NewCommandKey() {
  std::random_device rd;
  std::uniform_int_distribution<uint64_t> dist;
  uint64_t a = dist(rd), b = dist(rd);
  char buf[40];
  std::snprintf(buf, sizeof buf, "cli-%016llx%016llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return buf;
}

Result<Actor> ParseActor(const GlobalOptions& global) {
  std::string text = global.actor;
  if (text.empty()) {
    const char* env = std::getenv("HUZHU_AS");
    if (env != nullptr) text = env;
  }
  if (text.empty()) {
    return Status::InvalidArgument(
        "say who you are with --as USER:ROLE (or HUZHU_AS); roles: admin, reviewer, finance, "
        "auditor");
  }
  size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0) {
    return Status::InvalidArgument("--as \"" + text + "\" is not USER:ROLE");
  }
  auto role = RoleFromName(text.substr(colon + 1));
  if (!role || *role == Role::kSystem) {
    return Status::InvalidArgument("unknown role \"" + text.substr(colon + 1) +
                                   "\" (admin, reviewer, finance, auditor)");
  }
  return Actor{text.substr(0, colon), *role};
}

}  // namespace huzhu::cli
