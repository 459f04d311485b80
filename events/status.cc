#include "events/status.h"

#include <cstdio>
#include <cstdlib>

namespace huzhu {

namespace internal {
void CheckFailed(const char* expr, const char* file, int line) {
  std::fprintf(stderr, "huzhu: internal check failed: %s at %s:%d\n", expr, file, line);
  std::abort();
}
}  // namespace internal

std::string_view CodeName(Status::Code code) {
  switch (code) {
    case Status::Code::kOk: return "ok";
    case Status::Code::kInvalidArgument: return "invalid argument";
    case Status::Code::kNotFound: return "not found";
    case Status::Code::kAlreadyExists: return "already exists";
    case Status::Code::kRuleViolation: return "rule violation";
    case Status::Code::kPermissionDenied: return "permission denied";
    case Status::Code::kCorruption: return "corruption";
    case Status::Code::kUnavailable: return "unavailable";
    case Status::Code::kIOError: return "I/O error";
    case Status::Code::kFenced: return "fenced";
    case Status::Code::kUnsupported: return "unsupported";
    case Status::Code::kInternal: return "internal error";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(CodeName(code_));
  if (!rule_.empty()) out += " [" + rule_ + "]";
  out += ": ";
  out += message_;
  return out;
}

Status Status::WithContext(std::string_view where) const {
  if (ok()) return *this;
  Status s = *this;
  s.message_ = std::string(where) + ": " + message_;
  return s;
}

}  // namespace huzhu
