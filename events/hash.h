// SHA-256 for the hash chain, through OpenSSL (a well-kept,
// hardware-accelerated implementation; we do not write our own cryptography).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "events/status.h"

namespace huzhu {

using Hash256 = std::array<uint8_t, 32>;

// The prev hash of the first event of every fund.
constexpr Hash256 kGenesisHash{};

Hash256 Sha256(std::string_view bytes);
std::string ToHex(const Hash256& hash);
std::string ToHex(std::string_view bytes);
Result<Hash256> Hash256FromHex(std::string_view hex);

}  // namespace huzhu
