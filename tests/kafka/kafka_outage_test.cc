// A broker stopped while the fund is writing: commands fail with a clear error
// within a bounded time and nothing is half applied; once the broker is back,
// writing goes on. Runs its own broker (another port), which it stops and starts.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>

#include "ledger/fund.h"
#include "ledger/kafka_journal.h"
#include "tests/kafka/kafka_env.h"
#include "tests/testing/temp_dir.h"

namespace huzhu {
namespace {

constexpr char kPort[] = "19492";

int Broker(const std::string& verb) {
  std::string cmd = std::string("HUZHU_KAFKA_PORT=") + kPort + " bash " + HUZHU_SOURCE_DIR + "/scripts/kafka.sh " +
                    verb + " >/dev/null 2>&1";
  return std::system(cmd.c_str());
}

struct BrokerGuard {
  ~BrokerGuard() { Broker("stop"); }
};

TEST(KafkaOutageTest, StoppedBrokerFailsCommandsCleanlyAndWritingResumesAfter) {
  BrokerGuard guard;
  ASSERT_EQ(Broker("start"), 0) << "could not start the outage test's own broker";
  KafkaOptions kafka;
  kafka.brokers = std::string("127.0.0.1:") + kPort;
  kafka.timeout_ms = 5'000;
  std::string fund_id = testing::UniqueFund("O");
  testing::TempDir dir;
  FundOptions o;
  o.data_dir = dir.Sub("store");
  o.create = true;
  o.fund_id = fund_id;
  o.make_journal = [&](Store* s) -> Result<std::unique_ptr<Journal>> {
    ASSIGN_OR_RETURN(auto j, KafkaJournal::Open(s, fund_id, kafka));
    return std::unique_ptr<Journal>(std::move(j));
  };
  auto fund = Fund::Open(o);
  ASSERT_TRUE(fund.ok()) << fund.status().ToString();
  Fund& f = **fund;
  Date day = *ParseDate("2016-01-01");
  ASSERT_TRUE(f.Execute({Actor{"adm1", Role::kAdmin}, "open"}, OpenFund{FundOpened{"基金", "K"}, day}).ok());

  ASSERT_EQ(Broker("stop"), 0);
  auto start = std::chrono::steady_clock::now();
  auto refused = f.Execute({Actor{"adm1", Role::kAdmin}, "unit-1"}, RegisterUnit{UnitRegistered{"U1", "u", 10, 5}, day});
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kUnavailable) << refused.status().ToString();
  EXPECT_NE(refused.status().message().find("nothing was applied"), std::string::npos) << refused.status().ToString();
  EXPECT_LT(secs, 60.0) << "the failure took too long";
  EXPECT_EQ(f.store().head().seq, 1u) << "a refused command left events behind";

  ASSERT_EQ(Broker("start"), 0);
  Result<CommandOutcome> resumed = Status::Unavailable("not tried");
  for (int attempt = 0; attempt < 6 && !resumed.ok(); ++attempt) {
    resumed = f.Execute({Actor{"adm1", Role::kAdmin}, "unit-2"}, RegisterUnit{UnitRegistered{"U1", "u", 10, 5}, day});
  }
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  EXPECT_EQ(f.store().head().seq, 2u);
  // The topic holds exactly what the store holds.
  testing::TempDir follower_dir;
  StoreOptions so;
  so.create_if_missing = true;
  auto follower = Store::Open(follower_dir.Sub("f"), so);
  ASSERT_TRUE(follower.ok());
  auto applied = FollowTopic(follower->get(), fund_id, kafka);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ((*follower)->head().hash, f.store().head().hash);
}

}  // namespace
}  // namespace huzhu
