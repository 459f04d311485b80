// HUZHU_CHECK: assertions for programmer errors. They stay on in release builds,
// because a ledger that goes on after its invariants broke does more harm than one
// that stops. Operating errors never use this; they return a Status.
#pragma once

namespace huzhu::internal {
[[noreturn]] void CheckFailed(const char* expr, const char* file, int line);
}  // namespace huzhu::internal

#define HUZHU_CHECK(cond) \
  ((cond) ? (void)0 : ::huzhu::internal::CheckFailed(#cond, __FILE__, __LINE__))
