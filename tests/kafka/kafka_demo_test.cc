// `huzhu --kafka BROKERS demo` against the real broker: the same seed and fund id
// give the same events, chain head and report as the embedded journal; the fund's
// topic outlives the demo's directory, so a second demo of the same fund id is
// refused, after catching the new store up from the topic.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/kafka/kafka_env.h"
#include "tests/testing/run_command.h"
#include "tests/testing/temp_dir.h"

namespace huzhu {
namespace {

using testing::CommandResult;
using testing::RunCommand;
using testing::ShellQuote;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The chain head's hash from the demo's "audit verify: chain of N events verified,
// head HASH" line.
std::string ChainHash(const std::string& out) {
  const std::string marker = "events verified, head ";
  size_t at = out.find(marker);
  return at == std::string::npos ? "" : out.substr(at + marker.size(), 64);
}

class KafkaDemoTest : public ::testing::Test {
 protected:
  CommandResult Demo(const std::string& global, const std::string& out) {
    return RunCommand(std::string(HUZHU_PATH) + " " + global + " demo --fund " + fund_ + " --out " +
                      ShellQuote(dir_.Sub(out)) + " --catalog " +
                      ShellQuote(std::string(HUZHU_SOURCE_DIR) + "/catalog/plans.json"));
  }
  std::string kafka_ = "--kafka " + ShellQuote(testing::TestKafka().brokers);
  std::string fund_ = testing::UniqueFund("DEMO");
  testing::TempDir dir_;
};

TEST_F(KafkaDemoTest, ThroughKafkaTheDemoRecordsWhatTheLocalJournalRecords) {
  CommandResult kafka = Demo(kafka_, "kafka");
  ASSERT_EQ(kafka.exit_code, 0) << kafka.err;
  EXPECT_NE(kafka.out.find("through the kafka journal"), std::string::npos) << kafka.out;
  CommandResult local = Demo("", "local");
  ASSERT_EQ(local.exit_code, 0) << local.err;
  EXPECT_NE(local.out.find("through the local journal"), std::string::npos) << local.out;

  EXPECT_EQ(ChainHash(kafka.out).size(), 64u) << kafka.out;
  EXPECT_EQ(ChainHash(kafka.out), ChainHash(local.out));
  std::string events = ReadFile(dir_.Sub("kafka/events.jsonl"));
  EXPECT_GT(std::count(events.begin(), events.end(), '\n'), 1000);
  EXPECT_TRUE(events == ReadFile(dir_.Sub("local/events.jsonl"))) << "the exported events differ";
  EXPECT_EQ(ReadFile(dir_.Sub("kafka/report-2016.json")), ReadFile(dir_.Sub("local/report-2016.json")));
}

TEST_F(KafkaDemoTest, ASecondDemoOfTheSameFundIsRefusedAfterCatchingUpFromTheTopic) {
  CommandResult first = Demo(kafka_, "first");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  CommandResult second = Demo(kafka_, "second");
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("fund \"" + fund_ + "\" already has"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("pass --fund with another id"), std::string::npos) << second.err;
  // The new store holds the whole topic, corrections applied beside what they correct.
  CommandResult verify = RunCommand(std::string(HUZHU_PATH) + " --data " + ShellQuote(dir_.Sub("second/store")) +
                                    " audit verify");
  ASSERT_EQ(verify.exit_code, 0) << verify.err;
  ASSERT_EQ(ChainHash(first.out).size(), 64u) << first.out;
  EXPECT_NE(verify.out.find("hash " + ChainHash(first.out)), std::string::npos)
      << "caught up: " << verify.out << "\nrecorded: " << first.out;
}

}  // namespace
}  // namespace huzhu
