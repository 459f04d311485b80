// huzhu: the command line of the Huzhu mutual-aid fund ledger.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>

#include "tools/huzhu/cli.h"

int main(int argc, char** argv) {
  using namespace huzhu::cli;
  CLI::App app{"huzhu: an event-sourced ledger for trade-union mutual-aid funds (职工互助保障)"};
  app.require_subcommand(1);
  Cli cli;
  app.add_option("--data", cli.global.data_dir, "ledger store directory")
      ->capture_default_str();
  app.add_option("--as", cli.global.actor, "who is acting, USER:ROLE (default: $HUZHU_AS)");
  app.add_flag("-v,--verbose", cli.global.verbose, "log what happens to stderr");
  app.add_option("--kafka", cli.global.kafka, "Kafka brokers: write through the Kafka journal (default: local)")
      ->envname("HUZHU_KAFKA");
  app.add_option("--kafka-config", cli.global.kafka_config, "librdkafka settings file (key=value), e.g. SASL/SSL");
  app.add_option("--kafka-replication", cli.global.kafka_replication,
                 "replication factor of a new fund topic (production: 3)")->capture_default_str();
  app.add_option("--kafka-min-insync", cli.global.kafka_min_insync,
                 "min.insync.replicas of a new fund topic (production: 2)")->capture_default_str();
  app.add_option("--cache-mib", cli.global.cache_mib,
                 "RocksDB block cache in MiB, memtables included: the store's memory for reads")
      ->check(CLI::Range(16, 1 << 20))
      ->capture_default_str();
  AddInitCommand(app, cli);
  AddMembershipCommands(app, cli);
  AddClaimCommands(app, cli);
  AddImportCommand(app, cli);
  AddReportCommands(app, cli);  // after the membership commands: adds `member history`
  AddFollowCommand(app, cli);
  AddEventsCommand(app, cli);
  AddExportCommand(app, cli);
  AddAuditCommand(app, cli);
  AddDemoCommand(app, cli);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  // Logs go to stderr: stdout carries the command's output (JSON lines, reports).
  spdlog::set_default_logger(spdlog::stderr_color_mt("huzhu"));
  spdlog::set_level(cli.global.verbose ? spdlog::level::info : spdlog::level::warn);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  huzhu::Status status = cli.action();
  if (!status.ok()) std::fprintf(stderr, "huzhu: %s\n", status.ToString().c_str());
  return ExitCodeFor(status);
}
