#include "events/hash.h"

// The low-level SHA-256 functions are deprecated in OpenSSL 3 in favour of EVP, but
// for inputs of an event's size (a few hundred bytes) EVP's per-call set-up costs as
// much as the hashing: each EVP_DigestInit_ex2 frees and allocates the provider's
// context. Measured here with OpenSSL 3.0.19 (SHA-NI): 257 ns against 153 ns for 150
// bytes, 344 against 228 ns for 300 bytes; the best EVP variant (EVP_MD_CTX_copy_ex
// from an initialised context) 245 and 299 ns. OpenSSL's maintainers confirm the
// overhead and do not expect it to go before 4.0 (openssl/openssl#19612, #25858).
// Every event is hashed when it is recorded and again on every replay, verification
// and rebuild, so the cheaper path is worth a deprecated call.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/crypto.h>
#include <openssl/sha.h>

#include "events/check.h"

namespace huzhu {

namespace {

// The low-level functions do not initialise the library themselves, and the CPU
// features they dispatch on (SHA-NI) are detected when it is initialised
// (openssl/openssl#29340: without it, a software SHA-256 runs three times slower).
bool InitialiseOpenSsl() { return OPENSSL_init_crypto(0, nullptr) == 1; }

}  // namespace

Hash256 Sha256(std::string_view bytes) {
  static const bool initialised = InitialiseOpenSsl();
  HUZHU_CHECK(initialised);
  Hash256 out{};
  SHA256_CTX ctx;
  // These cannot fail with valid arguments; a failure is a broken library.
  HUZHU_CHECK(SHA256_Init(&ctx) == 1);
  HUZHU_CHECK(SHA256_Update(&ctx, bytes.data(), bytes.size()) == 1);
  HUZHU_CHECK(SHA256_Final(out.data(), &ctx) == 1);
  return out;
}

std::string ToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0xf];
  }
  return out;
}

std::string ToHex(const Hash256& hash) {
  return ToHex(std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
}

Result<Hash256> Hash256FromHex(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() != 64) return Status::InvalidArgument("hash must be 64 hex digits");
  Hash256 out{};
  for (size_t i = 0; i < out.size(); ++i) {
    int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return Status::InvalidArgument("hash has a non-hex digit");
    out[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return out;
}

}  // namespace huzhu
