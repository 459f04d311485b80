#include "ledger/clock.h"

#include <chrono>

namespace huzhu {

Timestamp SystemClock::Now() {
  auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp{std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count()};
}

}  // namespace huzhu
