// Test helper for the crash suite: appends batches of events to the store in argv[1]
// forever, printing "ack KEY" once each batch is acknowledged (synced). The crash
// test kills it with SIGKILL at random moments.
#include <cstdio>
#include <random>

#include "ledger/local_journal.h"
#include "ledger/store.h"
#include "ledger/writer.h"

using namespace huzhu;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: append_loop STORE_DIR\n");
    return 2;
  }
  StoreOptions options;
  options.create_if_missing = true;
  auto store = Store::Open(argv[1], options);
  if (!store.ok()) {
    std::fprintf(stderr, "append_loop: %s\n", store.status().ToString().c_str());
    return 1;
  }
  LocalJournal journal(store->get());
  SystemClock clock;
  Writer writer(store->get(), &journal, &clock, "CRASH");
  Actor actor{"loop", Role::kFinance};
  if ((*store)->head().seq == 0) {
    auto opened = writer.Submit({actor, "open"}, {{FundOpened{"crash", "X"}, Date{}}});
    if (!opened.ok()) return 1;
  }
  std::mt19937 rng(std::random_device{}());
  for (;;) {
    // The key names the batch size, so the test can tell a partial batch.
    uint64_t at = (*store)->head().seq;
    int size = 1 + static_cast<int>(rng() % 40);
    std::string key = "batch-" + std::to_string(at) + "-" + std::to_string(size);
    std::vector<EventDraft> drafts;
    for (int i = 0; i < size; ++i) {
      ContributionReceived c{key + "-" + std::to_string(i), "U1", "INPATIENT", 100 + i, "B"};
      drafts.push_back({c, Date{16800}});
    }
    auto outcome = writer.Submit({actor, key}, std::move(drafts));
    if (!outcome.ok()) {
      std::fprintf(stderr, "append_loop: %s\n", outcome.status().ToString().c_str());
      return 1;
    }
    std::printf("ack %s\n", key.c_str());
    std::fflush(stdout);
  }
}
