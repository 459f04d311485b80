// Progress on long work, on stderr: a bar with rate and time left on a terminal,
// a plain line every few seconds otherwise (logs, CI). Silent for work that ends
// within the first two seconds. The rate and time left are the last minute's; the
// final line gives the average.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>

namespace huzhu::cli {

// The rate over the last `window_seconds`: a long job slows as its store outgrows the
// cache, and time left from the average since the start promised 7 minutes to a
// national audit that took 16 more.
class RecentRate {
 public:
  explicit RecentRate(double window_seconds) : window_(window_seconds) {}
  // `seconds` since the work began, never decreasing; `done` units by then.
  void Add(double seconds, uint64_t done);
  // Units a second over the window; 0 until two samples.
  double PerSecond() const;

 private:
  double window_;
  std::deque<std::pair<double, uint64_t>> samples_;
};

// "42s", "13m05s", "2h07m".
std::string FormatSecondsLeft(double seconds);

class Progress {
 public:
  // `total` 0 means unknown (no bar, no time left).
  Progress(std::string what, uint64_t total);
  ~Progress();
  void Update(uint64_t done);
  void Finish();

 private:
  using Clock = std::chrono::steady_clock;
  void Print(uint64_t done, bool final);

  std::string what_;
  uint64_t total_;
  uint64_t done_ = 0;
  bool tty_;
  bool printed_ = false;
  bool finished_ = false;
  Clock::time_point start_;
  Clock::time_point last_print_;
  RecentRate recent_;
};

}  // namespace huzhu::cli
