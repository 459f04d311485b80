#include "tools/huzhu/progress.h"

#include <unistd.h>

#include <cstdio>

namespace huzhu::cli {

namespace {
constexpr auto kQuietStart = std::chrono::seconds(2);
constexpr auto kTtyInterval = std::chrono::milliseconds(200);
constexpr auto kPlainInterval = std::chrono::seconds(10);
constexpr int kBarWidth = 30;
constexpr double kRateWindowSeconds = 60;
}  // namespace

void RecentRate::Add(double seconds, uint64_t done) {
  samples_.emplace_back(seconds, done);
  // Keep one sample at or before the window's start, so the rate spans the whole window.
  while (samples_.size() > 2 && samples_[1].first <= seconds - window_) samples_.pop_front();
}

double RecentRate::PerSecond() const {
  if (samples_.size() < 2) return 0;
  double secs = samples_.back().first - samples_.front().first;
  if (secs <= 0 || samples_.back().second < samples_.front().second) return 0;
  return static_cast<double>(samples_.back().second - samples_.front().second) / secs;
}

std::string FormatSecondsLeft(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%lds", s);
  } else if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s % 3600) / 60);
  }
  return buf;
}

Progress::Progress(std::string what, uint64_t total)
    : what_(std::move(what)), total_(total), tty_(isatty(STDERR_FILENO) == 1),
      start_(Clock::now()), last_print_(start_), recent_(kRateWindowSeconds) {
  recent_.Add(0, 0);
}

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
  recent_.Add(secs, done);
  double rate = final ? (secs > 0 ? static_cast<double>(done) / secs : 0) : recent_.PerSecond();
  std::string eta;
  if (total_ > 0 && rate > 0 && done < total_) {
    eta = ", " + FormatSecondsLeft(static_cast<double>(total_ - done) / rate) + " left";
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
