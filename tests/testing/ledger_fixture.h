// A fresh store with a local journal and a writer on a manual clock.
#pragma once

#include <memory>

#include "ledger/local_journal.h"
#include "ledger/store.h"
#include "ledger/writer.h"
#include "tests/testing/temp_dir.h"

namespace huzhu::testing {

class LedgerFixture {
 public:
  LedgerFixture();
  // Opens (or re-opens) the store in dir().
  void Open(StoreOptions options = {});
  void Close();

  // Appends fund_opened as seq 1.
  void OpenFund();
  // Appends `count` contribution events, one command each; returns the last outcome.
  CommandOutcome AppendContributions(int count, Fen amount_fen = 6000);

  // Encodes an event that would come next (seq head+1, prev = head hash).
  std::string NextRecord(Payload payload);

  Store& store() { return *store_; }
  Writer& writer() { return *writer_; }
  ManualClock& clock() { return clock_; }
  const std::string dir() const { return temp_.Sub("store"); }

 private:
  TempDir temp_;
  ManualClock clock_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<LocalJournal> journal_;
  std::unique_ptr<Writer> writer_;
  int commands_ = 0;
};

}  // namespace huzhu::testing
