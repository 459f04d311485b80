// A random source whose sequence is the same on every machine and library: the
// standard fixes mt19937_64's output but not the distributions', so we map it
// to ranges ourselves.
#pragma once

#include <cstdint>
#include <random>

namespace huzhu::gen {

class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(engine_() % static_cast<uint64_t>(hi - lo + 1));
  }
  // True with probability per_mille / 1000.
  bool Chance(int per_mille) { return static_cast<int>(engine_() % 1000) < per_mille; }
  // A rough log-normal-like amount: most near `typical`, a long tail up to `max`.
  int64_t Skewed(int64_t min, int64_t typical, int64_t max) {
    int64_t a = Between(min, typical), b = Between(min, typical);
    int64_t v = a + b - min;
    if (Chance(40)) v = Between(typical, max);
    return v < min ? min : v > max ? max : v;
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace huzhu::gen
