// Test helper for the crash suite: rebuilds every projection of the fund in argv[1]
// over and over, in small bulk-load files (many ingestions a rebuild), printing
// "rebuilt" after each. The rebuild crash test kills it with SIGKILL at random moments.
#include <cstdio>

#include "projections/projected_fund.h"

using namespace huzhu;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: rebuild_loop STORE_DIR\n");
    return 2;
  }
  FundOptions options;
  options.data_dir = argv[1];
  auto opened = OpenProjectedFund(options);
  if (!opened.ok()) {
    std::fprintf(stderr, "rebuild_loop: %s\n", opened.status().ToString().c_str());
    return 1;
  }
  opened->projections->set_rebuild_limits({BulkLoadLimits{1024, 0}});
  for (;;) {
    Status s = opened->projections->Rebuild("", nullptr);
    if (!s.ok()) {
      std::fprintf(stderr, "rebuild_loop: %s\n", s.ToString().c_str());
      return 1;
    }
    std::printf("rebuilt\n");
    std::fflush(stdout);
  }
}
