// huzhu export: the events as JSON lines, for auditors and other tools.
#include <cstdio>
#include <memory>

#include "events/json.h"
#include "tools/huzhu/cli.h"
#include "tools/huzhu/progress.h"

namespace huzhu::cli {

namespace {

struct ExportOptions {
  std::string format = "jsonl";
  std::string out;  // empty: stdout
  uint64_t from = 1;
  uint64_t to = 0;
};

}  // namespace

Result<uint64_t> WriteEventsJsonl(const Store& store, std::FILE* file, uint64_t from, uint64_t to) {
  uint64_t last = to == 0 ? store.head().seq : to;
  Progress progress("exporting events", last >= from ? last - from + 1 : 0);
  uint64_t written = 0;
  RETURN_IF_ERROR(store.ForEach(from, to, [&](const Event& e, std::string_view) {
    std::string line = EventToJson(e);
    line += '\n';
    if (std::fwrite(line.data(), 1, line.size(), file) != line.size()) {
      return Status::IOError("writing the export failed (disk full?)");
    }
    progress.Update(++written);
    return Status::Ok();
  }));
  progress.Finish();
  if (std::fflush(file) != 0) return Status::IOError("writing the export failed");
  return written;
}

namespace {

Status RunExport(const GlobalOptions& global, const ExportOptions& o) {
  if (o.format != "jsonl") return Status::InvalidArgument("unknown format \"" + o.format + "\"");
  ASSIGN_OR_RETURN(auto store, OpenStore(global, /*read_only=*/true));
  std::FILE* file = stdout;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> owned(nullptr, &std::fclose);
  if (!o.out.empty()) {
    owned.reset(std::fopen(o.out.c_str(), "wb"));
    if (!owned) return Status::IOError("cannot write \"" + o.out + "\"");
    file = owned.get();
  }
  ASSIGN_OR_RETURN(uint64_t written, WriteEventsJsonl(*store, file, o.from, o.to));
  if (!o.out.empty()) {
    std::fprintf(stderr, "exported %llu events to %s\n", static_cast<unsigned long long>(written),
                 o.out.c_str());
  }
  return Status::Ok();
}

}  // namespace

void AddExportCommand(CLI::App& app, Cli& cli) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* sub = app.add_subcommand(
      "export", "write the events as JSON lines (one per event, personal data masked)");
  sub->add_option("--format", o->format, "output format (jsonl)")->capture_default_str();
  sub->add_option("-o,--out", o->out, "output file (default: standard output)");
  sub->add_option("--from", o->from, "first seq")->capture_default_str();
  sub->add_option("--to", o->to, "last seq (default: the chain head)");
  sub->callback([&cli, o] { cli.action = [&cli, o] { return RunExport(cli.global, *o); }; });
}

}  // namespace huzhu::cli
