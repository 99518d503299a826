#include "app/sodium_random.hpp"

#include <sodium.h>

#include <cstring>
#include <stdexcept>
#include <vector>

namespace kelisim::app {

SodiumRandom::SodiumRandom() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

namespace {
// Random bytes drawn from the kernel 4 KiB at a time (libsodium asks getrandom once a call,
// and a ticket wants six ids and tokens), per thread; what is handed out is wiped from it.
struct RandomPool {
  static constexpr std::size_t kSize = 4096;
  unsigned char bytes[kSize];
  std::size_t used = kSize;

  void take(unsigned char *out, std::size_t n) {
    if (n > kSize) {
      randombytes_buf(out, n);
      return;
    }
    if (kSize - used < n) {
      randombytes_buf(bytes, kSize);
      used = 0;
    }
    std::memcpy(out, bytes + used, n);
    sodium_memzero(bytes + used, n);
    used += n;
  }
};
thread_local RandomPool pool;
} // namespace

std::string SodiumRandom::hex(std::size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  pool.take(buf.data(), buf.size());
  std::string out(bytes * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), buf.data(), buf.size());
  sodium_memzero(buf.data(), buf.size());
  out.pop_back();
  return out;
}

std::string sha256Hex(std::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char *>(text.data()), text.size());
  char out[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(out, sizeof out, digest, sizeof digest);
  return out;
}

std::string tokenKey(std::string_view token) {
  return std::string(token.substr(0, 12)) + sha256Hex(token);
}

} // namespace kelisim::app
