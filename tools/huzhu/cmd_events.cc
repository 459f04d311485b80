// huzhu events show|tail: read single events, as JSON with personal data masked.
#include <algorithm>

#include "events/json.h"
#include "tools/huzhu/cli.h"

namespace huzhu::cli {

namespace {

Status RunShow(const GlobalOptions& global, uint64_t seq) {
  ASSIGN_OR_RETURN(auto store, OpenStore(global, /*read_only=*/true));
  ASSIGN_OR_RETURN(Event event, store->Get(seq));
  std::printf("%s\n", EventToJson(event).c_str());
  return Status::Ok();
}

Status RunTail(const GlobalOptions& global, uint64_t count) {
  ASSIGN_OR_RETURN(auto store, OpenStore(global, /*read_only=*/true));
  uint64_t head = store->head().seq;
  if (head == 0) return Status::Ok();
  uint64_t from = head > count ? head - count + 1 : 1;
  return store->ForEach(from, head, [](const Event& e, std::string_view) {
    std::printf("%s\n", EventToJson(e).c_str());
    return Status::Ok();
  });
}

}  // namespace

void AddEventsCommand(CLI::App& app, Cli& cli) {
  CLI::App* events = app.add_subcommand("events", "read events (personal data masked)");
  events->require_subcommand(1);
  auto seq = std::make_shared<uint64_t>(0);
  CLI::App* show = events->add_subcommand("show", "print one event as JSON");
  show->add_option("SEQ", *seq, "the event's sequence number")->required()->check(CLI::PositiveNumber);
  show->callback([&cli, seq] { cli.action = [&cli, seq] { return RunShow(cli.global, *seq); }; });
  auto count = std::make_shared<uint64_t>(10);
  CLI::App* tail = events->add_subcommand("tail", "print the last events as JSON lines");
  tail->add_option("-n,--count", *count, "how many")->capture_default_str()->check(CLI::PositiveNumber);
  tail->callback([&cli, count] { cli.action = [&cli, count] { return RunTail(cli.global, *count); }; });
}

}  // namespace huzhu::cli
