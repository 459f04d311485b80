// huzhu-bench: benchmarks that print ratios against bare RocksDB baselines measured
// in the same run. Not tests: absolute times on a shared machine mean little.
#include <CLI/CLI.hpp>

#include "tools/bench/fund_bench.h"
#include "tools/bench/import_bench.h"
#include "tools/bench/kafka_bench.h"
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
  huzhu::bench::FundBenchOptions fund;
  CLI::App* fsub = app.add_subcommand(
      "fund", "import through the commands, replay+verify, rebuild projections, report; vs a bare scan");
  fsub->add_option("--scale", fund.scale, "members (N members, no claims), small, city or national")->capture_default_str();
  fsub->add_option("-n,--members", fund.members, "members, with --scale members")->capture_default_str();
  fsub->add_option("--dir", fund.dir, "scratch directory (wiped)")->capture_default_str();
  fsub->add_option("--catalog", fund.catalog, "plan catalog")->capture_default_str();
  fsub->add_flag("--keep", fund.keep, "keep the scratch directory");
  huzhu::bench::KafkaBenchOptions kafka;
  CLI::App* ksub = app.add_subcommand("kafka", "bulk recording through the Kafka journal vs a bare transactional producer");
  ksub->add_option("--brokers", kafka.brokers, "a running broker (scripts/kafka.sh start)")->capture_default_str();
  ksub->add_option("-n,--events", kafka.events, "events")->capture_default_str();
  ksub->add_option("--batch", kafka.batch, "events per command and transaction")->capture_default_str();
  huzhu::bench::ImportBenchOptions import;
  CLI::App* isub = app.add_subcommand(
      "import", "peak RSS of `huzhu import` (units, members, enrolments CSV) and `huzhu rebuild` processes, by members");
  isub->add_option("-n,--members", import.members, "member counts to compare")->delimiter(',')->capture_default_str();
  isub->add_option("--dir", import.dir, "scratch directory (wiped)")->capture_default_str();
  isub->add_option("--huzhu", import.huzhu, "the huzhu program (default: the one built beside this)");
  isub->add_option("--catalog", import.catalog, "plan catalog")->capture_default_str();
  isub->add_flag("--keep", import.keep, "keep the scratch directories");
  CLI11_PARSE(app, argc, argv);
  if (isub->parsed()) return huzhu::bench::RunImportBench(import);
  if (ksub->parsed()) return huzhu::bench::RunKafkaBench(kafka);
  if (sub->parsed()) return huzhu::bench::RunLedgerBench(ledger);
  if (fsub->parsed()) return huzhu::bench::RunFundBench(fund);
  return 2;
}
