#include "ledger/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "events/codec.h"
#include "ledger/keys.h"
#include "ledger/store_stats.h"
#include "tests/testing/ledger_fixture.h"
#include "tests/testing/sample_events.h"

namespace huzhu {
namespace {

using testing::LedgerFixture;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    f_.Open();
    f_.OpenFund();
    f_.AppendContributions(3);
  }
  // Appending `records` must fail with `code` and a message containing `words`, and
  // leave the store exactly as it was.
  void ExpectRefused(std::vector<std::string> records, Status::Code code, const std::string& words) {
    ChainHead before = f_.store().head();
    auto result = f_.store().Append(AppendBatch{.records = std::move(records), .journal_position = {}, .sealed_events = {}});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), code) << result.status().ToString();
    EXPECT_NE(result.status().message().find(words), std::string::npos) << result.status().ToString();
    EXPECT_EQ(f_.store().head().seq, before.seq);
    EXPECT_EQ(f_.store().head().hash, before.hash);
    EXPECT_EQ(f_.store().Get(before.seq + 1).status().code(), Status::Code::kNotFound);
  }
  LedgerFixture f_;
};

TEST_F(StoreTest, AppendsAndReadsBack) {
  EXPECT_EQ(f_.store().head().seq, 4u);
  EXPECT_EQ(f_.store().fund_id(), "F1");
  auto e = f_.store().Get(3);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->type(), EventType::kContributionReceived);
  EXPECT_EQ(std::get<ContributionReceived>(e->payload).contribution_id, "C2");
}

TEST_F(StoreTest, HeadSurvivesReopen) {
  ChainHead head = f_.store().head();
  f_.Open();
  EXPECT_EQ(f_.store().head().seq, head.seq);
  EXPECT_EQ(f_.store().head().hash, head.hash);
  EXPECT_EQ(f_.store().fund_id(), "F1");
}

TEST_F(StoreTest, TheEventsFamilyFlushesItsOwnSmallerBuffer) {
  // Events leave room in the shared write-buffer cap for the families written at
  // random (ledger/store_options.h, events_write_buffer_bytes).
  StoreOptions defaults;
  rocksdb::DB* db = f_.store().db();
  EXPECT_EQ(db->GetOptions(f_.store().cf(keys::kEventsCf)).write_buffer_size, defaults.events_write_buffer_bytes);
  EXPECT_EQ(db->GetOptions(f_.store().cf(keys::kIdempotencyCf)).write_buffer_size, defaults.write_buffer_bytes);
  EXPECT_LT(defaults.events_write_buffer_bytes, defaults.write_buffer_bytes);
}

TEST_F(StoreTest, FamiliesGatherMoreLevelZeroFilesBeforeCompacting) {
  // Fewer, larger merges into level 1 (ledger/store_options.h,
  // level0_files_before_compaction), with writes slowed and stopped in proportion.
  StoreOptions defaults;
  rocksdb::DB* db = f_.store().db();
  for (const char* family : {keys::kEventsCf, keys::kIdempotencyCf, keys::kIndexesCf}) {
    SCOPED_TRACE(family);
    rocksdb::Options options = db->GetOptions(f_.store().cf(family));
    EXPECT_EQ(options.level0_file_num_compaction_trigger, defaults.level0_files_before_compaction);
    EXPECT_GT(options.level0_file_num_compaction_trigger, rocksdb::Options().level0_file_num_compaction_trigger);
    EXPECT_GT(options.level0_slowdown_writes_trigger, options.level0_file_num_compaction_trigger);
    EXPECT_GT(options.level0_stop_writes_trigger, options.level0_slowdown_writes_trigger);
  }
}

// The nice value of this process's thread named `name`, or nullopt when none runs.
std::optional<int> NiceOfThread(const std::string& name) {
  namespace fs = std::filesystem;
  for (const auto& task : fs::directory_iterator("/proc/self/task")) {
    std::ifstream comm(task.path() / "comm");
    std::string thread_name;
    std::getline(comm, thread_name);
    if (thread_name != name) continue;
    std::ifstream stat_file(task.path() / "stat");
    std::string stat((std::istreambuf_iterator<char>(stat_file)), std::istreambuf_iterator<char>());
    // Fields after the ")" closing the name: state is field 3, nice field 19.
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string field;
    for (int i = 3; i <= 19; ++i) fields >> field;
    return std::stoi(field);
  }
  return std::nullopt;
}

TEST_F(StoreTest, CompactionsRunAtTheLowestPriority) {
  // The writer is one thread; compactions take the cores it leaves idle
  // (StoreOptions::compaction_at_low_priority).
  ASSERT_TRUE(StoreOptions{}.compaction_at_low_priority);
  ASSERT_TRUE(f_.store().Flush().ok());
  rocksdb::CompactRangeOptions everything;
  ASSERT_TRUE(f_.store().db()->CompactRange(everything, f_.store().cf(keys::kEventsCf), nullptr, nullptr).ok());
  std::optional<int> nice = NiceOfThread("rocksdb:low");
  ASSERT_TRUE(nice.has_value()) << "no compaction thread found";
  EXPECT_EQ(*nice, 19);
}

TEST_F(StoreTest, WriteStatsNameTheFamiliesThatFlushed) {
  ASSERT_TRUE(f_.store().Flush().ok());
  auto stats = WriteStatsSinceOpen(f_.store());
  const FamilyWriteStats* events = nullptr;
  for (const auto& s : stats) {
    if (s.family == keys::kEventsCf) events = &s;
  }
  ASSERT_NE(events, nullptr) << DescribeWriteStats(stats);
  EXPECT_GE(events->flushes, 1);
  EXPECT_GT(events->written_gib, 0);
  std::string text = DescribeWriteStats(stats);
  EXPECT_NE(text.find("events: 1 flushes ("), std::string::npos) << text;
  EXPECT_EQ(DescribeWriteStats({}), "none");
}

TEST_F(StoreTest, VerifyChainWalksEveryEvent) {
  auto report = f_.store().VerifyChain();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->events, 4u);
  EXPECT_EQ(report->head.hash, f_.store().head().hash);
}

TEST_F(StoreTest, RefusesAValueThatDoesNotDecode) {
  ExpectRefused({"not an event at all, but long enough to hold a hash ......"},
                Status::Code::kCorruption, "event 1 of the batch");
}

TEST_F(StoreTest, RefusesAnUnknownEventType) {
  std::string record = f_.NextRecord(testing::SampleContribution(100, "X"));
  std::string body = record.substr(0, record.size() - kHashBytes);
  body[1 + 1 + 8 + 2 + 8 + 8 + 32] = 99;  // the type id's low byte (fund "F1", 32-char id)
  Hash256 h = Sha256(body);
  ExpectRefused({body + std::string(h.begin(), h.end())}, Status::Code::kUnsupported,
                "unknown event type id 99");
}

TEST_F(StoreTest, RefusesASchemaVersionNewerThanTheCode) {
  std::string record = f_.NextRecord(testing::SampleContribution(100, "X"));
  std::string body = record.substr(0, record.size() - kHashBytes);
  body[1 + 1 + 8 + 2 + 8 + 8 + 32 + 2] = 5;
  Hash256 h = Sha256(body);
  ExpectRefused({body + std::string(h.begin(), h.end())}, Status::Code::kUnsupported,
                "schema version 5 of contribution_received is newer");
}

TEST_F(StoreTest, RefusesASeqGap) {
  ChainHead head = f_.store().head();
  Event e = testing::MakeEvent(head.seq + 2, testing::SampleContribution(100, "X"), head.hash);
  e.envelope.recorded_at = f_.clock().Now();
  ExpectRefused({EncodeEvent(&e)}, Status::Code::kCorruption, "seq gap, expected seq 5");
}

TEST_F(StoreTest, RefusesAWrongPrevHash) {
  ChainHead head = f_.store().head();
  Event e = testing::MakeEvent(head.seq + 1, testing::SampleContribution(100, "X"), Sha256("x"));
  e.envelope.recorded_at = f_.clock().Now();
  ExpectRefused({EncodeEvent(&e)}, Status::Code::kCorruption, "prev_hash");
}

TEST_F(StoreTest, RefusesAnotherFundsEvent) {
  ChainHead head = f_.store().head();
  Event e = testing::MakeEvent(head.seq + 1, testing::SampleContribution(100, "X"), head.hash);
  e.envelope.fund_id = "F2";
  e.envelope.recorded_at = f_.clock().Now();
  ExpectRefused({EncodeEvent(&e)}, Status::Code::kInvalidArgument, "belongs to fund \"F2\"");
}

TEST_F(StoreTest, RefusesAnEventRecordedBeforeItsPredecessor) {
  ChainHead head = f_.store().head();
  Event e = testing::MakeEvent(head.seq + 1, testing::SampleContribution(100, "X"), head.hash);
  e.envelope.recorded_at = Timestamp{head.recorded_at.micros - 1};
  ExpectRefused({EncodeEvent(&e)}, Status::Code::kInvalidArgument, "before its predecessor");
}

TEST_F(StoreTest, RefusesASecondFundOpened) {
  ExpectRefused({f_.NextRecord(FundOpened{"again", "X"})}, Status::Code::kInvalidArgument,
                "fund_opened must be the first event");
}

TEST_F(StoreTest, ABadRecordLateInABatchWritesNothingOfIt) {
  ChainHead head = f_.store().head();
  Event good = testing::MakeEvent(head.seq + 1, testing::SampleContribution(100, "X"), head.hash);
  good.envelope.recorded_at = f_.clock().Now();
  std::string first = EncodeEvent(&good);
  Event bad = testing::MakeEvent(head.seq + 2, testing::SampleContribution(100, "Y"), Sha256("no"));
  bad.envelope.recorded_at = f_.clock().Now();
  ExpectRefused({first, EncodeEvent(&bad)}, Status::Code::kCorruption, "event 2 of the batch");
}

TEST_F(StoreTest, RefusesAnIdempotencyKeyUsedBefore) {
  ChainHead head = f_.store().head();
  Event e = testing::MakeEvent(head.seq + 1, testing::SampleContribution(100, "X"), head.hash);
  e.envelope.recorded_at = f_.clock().Now();
  e.envelope.idempotency_key = "contrib-C1";
  ExpectRefused({EncodeEvent(&e)}, Status::Code::kAlreadyExists, "already used at seq 2");
}

TEST_F(StoreTest, ForEachHonoursItsRange) {
  std::vector<uint64_t> seen;
  ASSERT_TRUE(f_.store().ForEach(2, 3, [&](const Event& e, std::string_view) {
    seen.push_back(e.seq());
    return Status::Ok();
  }).ok());
  EXPECT_EQ(seen, (std::vector<uint64_t>{2, 3}));
}

TEST(StoreOpenTest, MissingStoreIsNotCreatedUnlessAsked) {
  testing::TempDir dir;
  auto store = Store::Open(dir.Sub("nothing-here"), StoreOptions{});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Status::Code::kNotFound);
  EXPECT_NE(store.status().message().find("huzhu init"), std::string::npos);
}

TEST(StoreOpenTest, SecondWriterIsRefusedClearly) {
  LedgerFixture f;
  f.Open();
  StoreOptions options;
  auto second = Store::Open(f.dir(), options);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(second.status().message().find("another huzhu process"), std::string::npos);
  // What reading commands fall back on (a read-only view); a broker that is down is not it.
  EXPECT_TRUE(IsHeldByAnotherWriter(second.status()));
  EXPECT_FALSE(IsHeldByAnotherWriter(Status::Unavailable("Kafka brokers localhost:1 unreachable")));
}

TEST(StoreOpenTest, ARecreatedFamilyIsEmptyAndStaysSoAfterReopening) {
  testing::TempDir dir;
  StoreOptions options;
  options.create_if_missing = true;
  options.extra_column_families = {"proj_x"};
  auto store = Store::Open(dir.Sub("s"), options);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->db()->Put({}, (*store)->cf("proj_x"), "old", "1").ok());
  ASSERT_TRUE((*store)->Flush().ok());
  auto fresh = (*store)->RecreateColumnFamily("proj_x");
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_EQ((*store)->cf("proj_x"), *fresh);
  std::string value;
  EXPECT_TRUE((*store)->db()->Get({}, *fresh, "old", &value).IsNotFound());
  ASSERT_TRUE((*store)->db()->Put({}, *fresh, "new", "2").ok());
  store->reset();
  auto reopened = Store::Open(dir.Sub("s"), options);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_TRUE((*reopened)->db()->Get({}, (*reopened)->cf("proj_x"), "old", &value).IsNotFound());
  ASSERT_TRUE((*reopened)->db()->Get({}, (*reopened)->cf("proj_x"), "new", &value).ok());
  EXPECT_EQ(value, "2");
  EXPECT_EQ((*reopened)->RecreateColumnFamily("nope").status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace huzhu
