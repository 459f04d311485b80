// Progress on long work, on stderr: a bar with rate and time left on a terminal,
// a plain line every few seconds otherwise (logs, CI). Silent for work that ends
// within the first two seconds.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace huzhu::cli {

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
};

}  // namespace huzhu::cli
