#include "app/password_hasher.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <sodium.h>

#include <stdexcept>

namespace kelisim::app {

namespace asio = boost::asio;

HashCost HashCost::interactive() {
  return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}
HashCost HashCost::minimal() {
  return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

PasswordHasher::PasswordHasher(HashCost cost, std::size_t threads, std::size_t max_waiting)
    : cost_(cost), max_waiting_(max_waiting), pool_(threads) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

PasswordHasher::~PasswordHasher() {
  pool_.join();
}

std::string PasswordHasher::hashNow(const std::string &password) const {
  char out[crypto_pwhash_argon2id_STRBYTES];
  if (crypto_pwhash_argon2id_str(out, password.data(), password.size(), cost_.ops,
                                 cost_.memory_bytes) != 0)
    return {};
  return out;
}

bool PasswordHasher::verifyNow(const std::string &encoded, const std::string &password) const {
  if (encoded.empty() || encoded.size() >= crypto_pwhash_argon2id_STRBYTES) return false;
  return crypto_pwhash_argon2id_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

asio::awaitable<std::string> PasswordHasher::hash(std::string password) {
  auto home = co_await asio::this_coro::executor;
  co_await asio::post(pool_, asio::use_awaitable);
  std::string result = hashNow(password);
  co_await asio::post(home, asio::use_awaitable);
  co_return result;
}

std::optional<PasswordHasher::Slot> PasswordHasher::reserve() {
  if (waiting_.fetch_add(1) >= max_waiting_) {
    waiting_.fetch_sub(1);
    return std::nullopt;
  }
  return Slot(&waiting_);
}

const std::string &PasswordHasher::decoy() const {
  std::call_once(decoy_once_, [this] {
    char secret[32];
    randombytes_buf(secret, sizeof secret);
    decoy_ = hashNow(std::string(secret, sizeof secret));
    sodium_memzero(secret, sizeof secret);
  });
  return decoy_;
}

asio::awaitable<bool> PasswordHasher::verifyDecoy(std::string password) {
  auto home = co_await asio::this_coro::executor;
  co_await asio::post(pool_, asio::use_awaitable);
  verifyNow(decoy(), password);
  co_await asio::post(home, asio::use_awaitable);
  co_return false;
}

asio::awaitable<bool> PasswordHasher::verify(std::string encoded, std::string password) {
  auto home = co_await asio::this_coro::executor;
  co_await asio::post(pool_, asio::use_awaitable);
  bool ok = verifyNow(encoded, password);
  co_await asio::post(home, asio::use_awaitable);
  co_return ok;
}

} // namespace kelisim::app
