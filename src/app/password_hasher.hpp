// Password hashing with argon2id (libsodium). Hashing is deliberately slow and memory-hard,
// so it runs on a small thread pool of its own and never on an io_context thread; the
// coroutine resumes on the caller's executor.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cstddef>
#include <mutex>
#include <string>

namespace kelisim::app {

struct HashCost {
  unsigned long long ops;        // argon2id passes
  std::size_t memory_bytes;      // memory per hash
  static HashCost interactive(); // libsodium's INTERACTIVE limits (production)
  static HashCost minimal();     // cheapest allowed: for tests only
};

class PasswordHasher {
public:
  PasswordHasher(HashCost cost, std::size_t threads);
  ~PasswordHasher();

  // The encoded argon2id string ($argon2id$v=19$m=…); empty if the hash could not be made.
  boost::asio::awaitable<std::string> hash(std::string password);
  // Compares in constant time; false for a malformed stored hash.
  boost::asio::awaitable<bool> verify(std::string encoded, std::string password);
  // A check against a hash no password matches, made at the same cost as every other: for
  // an e-mail nobody has, so that the answer takes as long as for one that exists. false.
  boost::asio::awaitable<bool> verifyDecoy(std::string password);
  // That decoy hash (made once, on first use).
  const std::string &decoy() const;

  std::string hashNow(const std::string &password) const; // blocking, for the CLI
  bool verifyNow(const std::string &encoded, const std::string &password) const;

private:
  HashCost cost_;
  mutable std::once_flag decoy_once_;
  mutable std::string decoy_;
  boost::asio::thread_pool pool_;
};

} // namespace kelisim::app
