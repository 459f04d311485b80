// huzhu events show|tail: read single events, as JSON with personal data masked.
#include <algorithm>

#include "events/json.h"
#include "events/schema.h"
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

std::string_view PiiNote(Pii pii) {
  switch (pii) {
    case Pii::kIdNumber: return "personal: masked to first 6 and last 4";
    case Pii::kPhone: return "personal: masked to last 4";
    case Pii::kBankAccount: return "personal: masked to last 4";
    case Pii::kNone: break;
  }
  return "";
}

// Markdown, the source of the field tables in docs/events.md.
Status RunTypes() {
  for (EventType type : AllEventTypes()) {
    std::printf("### `%s` (id %u, schema version %u)\n\n| field | JSON type | note |\n|---|---|---|\n",
                std::string(EventTypeName(type)).c_str(), static_cast<unsigned>(type),
                static_cast<unsigned>(CurrentSchemaVersion(type)));
    for (const FieldInfo& f : PayloadFields(type)) {
      std::printf("| `%s` | %s | %s |\n", f.name.c_str(), f.json_type.c_str(),
                  std::string(PiiNote(f.pii)).c_str());
    }
    std::printf("\n");
  }
  return Status::Ok();
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
  CLI::App* types = events->add_subcommand("types", "list every event type and its fields (Markdown)");
  types->callback([&cli] { cli.action = [] { return RunTypes(); }; });
}

}  // namespace huzhu::cli
