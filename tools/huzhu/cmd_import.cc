// huzhu import KIND FILE: bulk input from units' CSV files.
#include "ledger/importer.h"
#include "tools/huzhu/fund_session.h"

namespace huzhu::cli {

namespace {

struct ImportArgs {
  std::string kind;
  std::string file;
  bool skip_invalid = false;
  std::string rejects;
};

Status RunImport(const GlobalOptions& global, const WriteOptions& w, const ImportArgs& a) {
  ASSIGN_OR_RETURN(ImportKind kind, ImportKindFromName(a.kind));
  ASSIGN_OR_RETURN(Actor actor, ParseActor(global));
  ASSIGN_OR_RETURN(Ledger ledger, OpenLedger(global));
  Fund* fund = ledger.fund.get();
  ImportOptions options;
  options.skip_invalid = a.skip_invalid;
  options.rejects_path = a.rejects;
  ASSIGN_OR_RETURN(options.date, DateOrToday(w.date));
  std::string key = w.key.empty() ? NewCommandKey() : w.key;
  ASSIGN_OR_RETURN(ImportReport report, ImportCsv(*fund, CommandContext{actor, key}, kind, a.file, options));
  std::printf("%s: %zu of %zu rows imported", a.file.c_str(), report.imported, report.rows);
  if (report.outcome && !report.outcome->events.empty()) {
    std::printf(" (seq %llu to %llu)", static_cast<unsigned long long>(report.outcome->events.front().seq()),
                static_cast<unsigned long long>(report.outcome->events.back().seq()));
  }
  std::printf("\n");
  if (!report.errors.empty()) {
    std::printf("%zu rows skipped, with their reasons in %s\n", report.errors.size(), report.rejects_path.c_str());
  }
  return Status::Ok();
}

}  // namespace

void AddImportCommand(CLI::App& app, Cli& cli) {
  auto w = std::make_shared<WriteOptions>();
  auto a = std::make_shared<ImportArgs>();
  CLI::App* sub = app.add_subcommand(
      "import", "import a CSV file: units, members, enrolments, contributions or claims (all rows or none)");
  sub->add_option("KIND", a->kind, "units, members, enrolments, contributions or claims")->required();
  sub->add_option("FILE", a->file, "UTF-8 CSV file with a header line (English or Chinese column names)")
      ->required();
  sub->add_flag("--skip-invalid", a->skip_invalid, "import the good rows; write bad ones to the rejects file");
  sub->add_option("--rejects", a->rejects, "rejects file (default: FILE.rejects.csv)");
  AddWriteOptions(sub, w.get());
  sub->callback([&cli, w, a] { cli.action = [&cli, w, a] { return RunImport(cli.global, *w, *a); }; });
}

}  // namespace huzhu::cli
