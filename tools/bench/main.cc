// huzhu-bench: benchmarks that print ratios against bare RocksDB baselines measured
// in the same run. Not tests: absolute times on a shared machine mean little.
#include <CLI/CLI.hpp>

#include "tools/bench/ledger_bench.h"

int main(int argc, char** argv) {
  CLI::App app{"huzhu-bench: Huzhu against bare RocksDB, measured in the same run"};
  app.require_subcommand(1);
  huzhu::bench::LedgerBenchOptions ledger;
  CLI::App* sub = app.add_subcommand("ledger", "append and replay+verify vs bare put and scan");
  sub->add_option("-n,--events", ledger.events, "events to append")->capture_default_str();
  sub->add_option("--batch", ledger.batch, "events per command")->capture_default_str();
  sub->add_option("--dir", ledger.dir, "scratch directory (wiped)")->capture_default_str();
  sub->add_flag("--keep", ledger.keep, "keep the scratch directory");
  CLI11_PARSE(app, argc, argv);
  if (sub->parsed()) return huzhu::bench::RunLedgerBench(ledger);
  return 2;
}
