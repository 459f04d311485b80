// Where recorded times come from. The writer reads the clock; nothing that decides
// a business rule ever does (rules read only events), so replay is deterministic.
#pragma once

#include "events/time.h"

namespace huzhu {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() = 0;
};

class SystemClock : public Clock {
 public:
  Timestamp Now() override;
};

// A clock that moves only when told: demos with a seed and tests use it so that the
// same inputs give byte-identical events.
class ManualClock : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start) {}
  Timestamp Now() override { return now_; }
  void Set(Timestamp now) { now_ = now; }
  void AdvanceMicros(int64_t micros) { now_.micros += micros; }

 private:
  Timestamp now_;
};

}  // namespace huzhu
