// SHA-256 against the known answers of FIPS 180-2 (appendix B): the chain's hashes
// must be SHA-256's, whichever OpenSSL interface computes them, on every machine.
#include "events/hash.h"

#include <gtest/gtest.h>

#include <string>

namespace huzhu {
namespace {

TEST(HashTest, MatchesTheStandardsKnownAnswers) {
  EXPECT_EQ(ToHex(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ToHex(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // Two blocks: the padding does not fit after 56 bytes.
  EXPECT_EQ(ToHex(Sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(ToHex(Sha256(std::string(1'000'000, 'a'))),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(HashTest, HexRoundTrips) {
  Hash256 h = Sha256("huzhu");
  auto back = Hash256FromHex(ToHex(h));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, h);
  EXPECT_FALSE(Hash256FromHex("12").ok());
}

}  // namespace
}  // namespace huzhu
