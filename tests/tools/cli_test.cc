// The `huzhu` executable as a person uses it: exit codes, one-line reasons,
// masked output, and damage reported, never a crash.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "events/codec.h"
#include "ledger/keys.h"
#include "ledger/rules.h"
#include "ledger/store.h"
#include "projections/projection_set.h"
#include "tests/testing/run_command.h"
#include "tests/testing/temp_dir.h"

namespace huzhu {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::RunCommand;
using testing::ShellQuote;

class CliTest : public ::testing::Test {
 protected:
  CommandResult Huzhu(const std::string& args) {
    return RunCommand(std::string(HUZHU_PATH) + " --data " + ShellQuote(data_) + " " + args);
  }
  void InitWithSample() {
    CommandResult r = Huzhu("--as a1:admin init --fund CD --name 成都 --date 2016-01-01");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    AppendContributionsAroundTheState();
  }
  // Appends 200 contributions through the store alone: the chain holds them, the
  // write side's state (kept by the fund, not opened here) does not.
  void AppendContributionsAroundTheState() {
    auto store = Store::Open(data_, StoreOptions{});
    ASSERT_TRUE(store.ok());
    for (int i = 0; i < 200; ++i) {
      ChainHead head = (*store)->head();
      Event e;
      e.payload = ContributionReceived{"C" + std::to_string(i), "U1", "INPATIENT", 6000, "B"};
      e.envelope = Envelope{"CD", head.seq + 1, "id" + std::to_string(i), 1, Date{16900},
                            Timestamp{head.recorded_at.micros + 1}, Actor{"f1", Role::kFinance},
                            "k" + std::to_string(i), head.hash};
      ASSERT_TRUE((*store)->Append(AppendBatch{.records = {EncodeEvent(&e)}, .journal_position = {}, .sealed_events = {}}).ok());
    }
  }
  testing::TempDir dir_;
  std::string data_ = dir_.Sub("data");
};

TEST_F(CliTest, InitThenReadBack) {
  InitWithSample();
  CommandResult show = Huzhu("events show 1");
  EXPECT_EQ(show.exit_code, 0);
  EXPECT_NE(show.out.find("\"type\":\"fund_opened\""), std::string::npos) << show.out;
  CommandResult tail = Huzhu("events tail -n 3");
  EXPECT_EQ(std::count(tail.out.begin(), tail.out.end(), '\n'), 3);
  CommandResult verify = Huzhu("audit verify");
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_NE(verify.out.find("chain verified: 201 events"), std::string::npos) << verify.out;
  CommandResult exported = Huzhu("export --format jsonl");
  EXPECT_EQ(exported.exit_code, 0);
  EXPECT_EQ(std::count(exported.out.begin(), exported.out.end(), '\n'), 201);
}

TEST_F(CliTest, AuditStateReplaysTheEventsThroughTheRules) {
  CommandResult r = Huzhu("--as a1:admin init --fund CD --name 成都 --date 2016-01-01");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  CommandResult audit = Huzhu("audit state");
  EXPECT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_NE(audit.out.find("state verified: replayed 1 events through the rules"), std::string::npos) << audit.out;
  EXPECT_FALSE(fs::exists(data_ + ".audit-scratch"));

  fs::create_directories(data_ + ".audit-scratch");  // as an audit stopped midway leaves it
  audit = Huzhu("audit state");
  EXPECT_EQ(audit.exit_code, 1);
  EXPECT_NE(audit.err.find(".audit-scratch\" exists: an audit that was stopped leaves it behind; remove it, or "
                           "name another with --scratch"),
            std::string::npos)
      << audit.err;
  fs::remove_all(data_ + ".audit-scratch");

  // Events written around the fund, for a unit it never registered: the replay refuses them.
  AppendContributionsAroundTheState();
  audit = Huzhu("audit state");
  EXPECT_EQ(audit.exit_code, 3) << audit.err;
  EXPECT_NE(audit.err.find("the rules refuse a kept event on replay: not found: seq 2: contribution_received: "
                           "unit U1 does not exist"),
            std::string::npos)
      << audit.err;
  EXPECT_FALSE(fs::exists(data_ + ".audit-scratch"));
}

// While another process writes (here: this test holds the store open), the reading
// commands read a read-only view, as long as every projection is current.
TEST_F(CliTest, ReadingCommandsReadWhileAnotherProcessWrites) {
  CommandResult r = Huzhu("--as a1:admin init --fund CD --name 成都 --date 2016-01-01");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto writer = Store::Open(data_, StoreOptions{});
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  for (const char* command : {"balance", "report annual --year 2016", "report health --year 2016", "claims list"}) {
    CommandResult read = Huzhu(command);
    EXPECT_EQ(read.exit_code, 0) << command << ": " << read.err;
  }
  CommandResult balance = Huzhu("balance");
  EXPECT_NE(balance.out.find("Trial balance of fund CD, now (up to seq 1)"), std::string::npos) << balance.out;

  // A projection left under an older version needs the store for writing to catch up.
  Store& store = **writer;
  ASSERT_TRUE(store.db()->Put({}, store.cf("proj_balance"), kProjectionMetaKey, EncodeProjectionMeta({0, 1})).ok());
  balance = Huzhu("balance");
  EXPECT_EQ(balance.exit_code, 1);
  EXPECT_NE(balance.err.find("another huzhu process has this store open for writing"), std::string::npos) << balance.err;
  EXPECT_NE(balance.err.find("projection(s) balance must be brought up to date first"), std::string::npos)
      << balance.err;
  writer->reset();
  balance = Huzhu("balance");  // the writer is gone: caught up, then read
  EXPECT_EQ(balance.exit_code, 0) << balance.err;
}

TEST_F(CliTest, InitTwiceIsRefused) {
  InitWithSample();
  CommandResult again = Huzhu("--as a1:admin init --fund CD --name x --date 2016-01-01");
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already holds the ledger of fund \"CD\""), std::string::npos) << again.err;
}

TEST_F(CliTest, InitNeedsAnAdminAndAValidDate) {
  EXPECT_EQ(Huzhu("init --fund CD --name x --date 2016-01-01").exit_code, 1);
  CommandResult finance = Huzhu("--as f:finance init --fund CD --name x --date 2016-01-01");
  EXPECT_EQ(finance.exit_code, 1);
  EXPECT_NE(finance.err.find("permission denied"), std::string::npos);
  CommandResult bad_date = Huzhu("--as a:admin init --fund CD --name x --date 2016-02-30");
  EXPECT_EQ(bad_date.exit_code, 1);
  EXPECT_NE(bad_date.err.find("2016-02-30"), std::string::npos);
  EXPECT_FALSE(fs::exists(fs::path(data_) / "CURRENT")) << "a refused init created a store";
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Huzhu("events show").exit_code, 2);
  EXPECT_EQ(Huzhu("no-such-command").exit_code, 2);
  EXPECT_EQ(Huzhu("events show --help").exit_code, 0);
}

TEST_F(CliTest, CacheSizeIsTakenWithinItsRange) {
  InitWithSample();
  CommandResult verify = Huzhu("--cache-mib 64 audit verify");
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_NE(verify.out.find("chain verified: 201 events"), std::string::npos) << verify.out;
  CommandResult small = Huzhu("--cache-mib 8 audit verify");
  EXPECT_EQ(small.exit_code, 2);
  EXPECT_NE(small.err.find("--cache-mib: Value 8 not in range 16"), std::string::npos) << small.err;
}

TEST_F(CliTest, DemoRefusesADataDirectoryItWouldIgnore) {
  CommandResult r = Huzhu("demo --out " + ShellQuote(dir_.Sub("demo")));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("keeps its store in"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--out"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_.Sub("demo"))) << "a refused demo wrote its directory";
  EXPECT_FALSE(fs::exists(data_)) << "a refused demo wrote the data directory";
}

TEST_F(CliTest, MissingStoreSaysHowToCreateOne) {
  CommandResult r = Huzhu("audit verify");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("huzhu init"), std::string::npos);
}

TEST_F(CliTest, TamperedEventIsNamedByAuditVerify) {
  InitWithSample();
  {
    auto store = Store::Open(data_, StoreOptions{});
    ASSERT_TRUE(store.ok());
    std::string record = *(*store)->GetRecord(77);
    record[40] ^= 0x20;
    ASSERT_TRUE((*store)->db()->Put({}, (*store)->cf(keys::kEventsCf), keys::EventKey(77), record).ok());
  }
  CommandResult r = Huzhu("audit verify");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("event 77"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
}

void FlipByteIn(const fs::path& file, double where) {
  std::fstream io(file, std::ios::in | std::ios::out | std::ios::binary);
  auto offset = static_cast<std::streamoff>(static_cast<double>(fs::file_size(file)) * where);
  io.seekg(offset);
  char c = 0;
  io.get(c);
  io.seekp(offset);
  io.put(static_cast<char>(c ^ 0x5a));
}

const char* kEveryCommand[] = {"audit verify", "export", "events tail -n 500", "events show 100",
                               "--as a:admin init --fund CD --name x --date 2016-01-01"};

TEST_F(CliTest, CorruptWalMakesEveryCommandFailClearly) {
  InitWithSample();
  for (const auto& entry : fs::directory_iterator(data_)) {
    if (entry.path().extension() == ".log") FlipByteIn(entry.path(), 0.4);
  }
  for (const char* command : kEveryCommand) {
    CommandResult r = Huzhu(command);
    EXPECT_EQ(r.signal, 0) << command << " crashed";
    EXPECT_EQ(r.exit_code, 3) << command << ": " << r.err;
    EXPECT_NE(r.err.find("damaged"), std::string::npos) << command << ": " << r.err;
  }
}

TEST_F(CliTest, CorruptSstFailsEveryCommandThatReadsItClearly) {
  InitWithSample();
  {
    auto store = Store::Open(data_, StoreOptions{});
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Flush().ok());
  }
  fs::path largest;
  for (const auto& entry : fs::directory_iterator(data_)) {
    if (entry.path().extension() != ".sst") continue;
    if (largest.empty() || fs::file_size(entry.path()) > fs::file_size(largest)) largest = entry.path();
  }
  ASSERT_FALSE(largest.empty());
  FlipByteIn(largest, 0.3);
  for (const char* command : kEveryCommand) {
    CommandResult r = Huzhu(command);
    EXPECT_EQ(r.signal, 0) << command << " crashed";
    // init is refused before it reads anything: the store already holds a fund.
    bool refused_as_existing = r.err.find("already holds") != std::string::npos;
    if (r.exit_code != 0 && !refused_as_existing) {
      EXPECT_NE(r.err.find("damaged"), std::string::npos) << command << ": " << r.err;
    }
  }
  // Whole-store reads always touch the damage.
  for (const char* command : {"audit verify", "export"}) {
    CommandResult r = Huzhu(command);
    EXPECT_EQ(r.exit_code, 3) << command << ": " << r.err;
  }
}

TEST_F(CliTest, RulesDocExplainsEveryReasonCode) {
  std::ifstream doc(std::string(HUZHU_SOURCE_DIR) + "/docs/rules.md");
  std::string text((std::istreambuf_iterator<char>(doc)), std::istreambuf_iterator<char>());
  for (std::string_view code : AllReasonCodes()) {
    EXPECT_NE(text.find("| `" + std::string(code) + "` |"), std::string::npos) << code << " is not in docs/rules.md";
  }
}

TEST_F(CliTest, EventsDocListsEveryTypeAsTheCodeDefinesIt) {
  CommandResult types = Huzhu("events types");
  ASSERT_EQ(types.exit_code, 0);
  std::ifstream doc(std::string(HUZHU_SOURCE_DIR) + "/docs/events.md");
  std::string text((std::istreambuf_iterator<char>(doc)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find(types.out), std::string::npos)
      << "docs/events.md is out of date: regenerate its field tables with `huzhu events types`";
}

}  // namespace
}  // namespace huzhu
