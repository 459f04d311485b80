#include "events/hash.h"

#include <openssl/evp.h>

#include <memory>

namespace huzhu {

namespace {

// OpenSSL 3 looks an algorithm up on every EVP_Digest call; fetching it once and
// keeping one context per thread halves the cost of hashing a typical event.
const EVP_MD* FetchedSha256() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  HUZHU_CHECK(md != nullptr);
  return md;
}

struct ContextDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

EVP_MD_CTX* ThreadContext() {
  thread_local std::unique_ptr<EVP_MD_CTX, ContextDeleter> ctx(EVP_MD_CTX_new());
  HUZHU_CHECK(ctx != nullptr);
  return ctx.get();
}

}  // namespace

Hash256 Sha256(std::string_view bytes) {
  Hash256 out{};
  unsigned int len = 0;
  EVP_MD_CTX* ctx = ThreadContext();
  // These cannot fail for SHA-256 with valid arguments; a failure is a broken library.
  HUZHU_CHECK(EVP_DigestInit_ex2(ctx, FetchedSha256(), nullptr) == 1);
  HUZHU_CHECK(EVP_DigestUpdate(ctx, bytes.data(), bytes.size()) == 1);
  HUZHU_CHECK(EVP_DigestFinal_ex(ctx, out.data(), &len) == 1 && len == out.size());
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
