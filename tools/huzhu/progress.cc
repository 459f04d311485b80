#include "tools/huzhu/progress.h"

#include <unistd.h>

#include <cstdio>

namespace huzhu::cli {

namespace {
constexpr auto kQuietStart = std::chrono::seconds(2);
constexpr auto kTtyInterval = std::chrono::milliseconds(200);
constexpr auto kPlainInterval = std::chrono::seconds(10);
constexpr int kBarWidth = 30;
}  // namespace

Progress::Progress(std::string what, uint64_t total)
    : what_(std::move(what)), total_(total), tty_(isatty(STDERR_FILENO) == 1),
      start_(Clock::now()), last_print_(start_) {}

Progress::~Progress() { Finish(); }

void Progress::Update(uint64_t done) {
  done_ = done;
  auto now = Clock::now();
  if (now - start_ < kQuietStart) return;
  if (now - last_print_ < (tty_ ? kTtyInterval : kPlainInterval) && printed_) return;
  last_print_ = now;
  Print(done, false);
}

void Progress::Finish() {
  if (finished_) return;
  finished_ = true;
  if (printed_) Print(done_, true);
}

void Progress::Print(uint64_t done, bool final) {
  printed_ = true;
  double secs = std::chrono::duration<double>(Clock::now() - start_).count();
  double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
  std::string eta;
  if (total_ > 0 && rate > 0 && done < total_) {
    eta = ", " + std::to_string(static_cast<long>(static_cast<double>(total_ - done) / rate)) +
          "s left";
  }
  std::string bar;
  if (tty_ && total_ > 0) {
    int filled = static_cast<int>(kBarWidth * static_cast<double>(done) / static_cast<double>(total_));
    bar = "[" + std::string(filled, '#') + std::string(kBarWidth - filled, '.') + "] ";
  }
  std::string of_total = total_ > 0 ? "/" + std::to_string(total_) : "";
  std::fprintf(stderr, "%s%s: %s%llu%s, %.0f/s%s%s", tty_ ? "\r" : "", what_.c_str(), bar.c_str(),
               static_cast<unsigned long long>(done), of_total.c_str(), rate, eta.c_str(),
               tty_ && !final ? "" : "\n");
  std::fflush(stderr);
}

}  // namespace huzhu::cli
