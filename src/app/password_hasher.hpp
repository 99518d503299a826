// Password hashing with argon2id (libsodium). Hashing is deliberately slow and memory-hard,
// so it runs on a small thread pool of its own and never on an io_context thread; the
// coroutine resumes on the caller's executor.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace kelisim::app {

struct HashCost {
  unsigned long long ops;        // argon2id passes
  std::size_t memory_bytes;      // memory per hash
  static HashCost interactive(); // libsodium's INTERACTIVE limits (production)
  static HashCost minimal();     // cheapest allowed: for tests only
};

class PasswordHasher {
public:
  // At most `max_waiting` sign-ins and sign-ups hold a place in the queue (see reserve).
  PasswordHasher(HashCost cost, std::size_t threads, std::size_t max_waiting = 32);
  ~PasswordHasher();

  // A place in the hashing queue, given back when destroyed. Move-only.
  class Slot {
  public:
    explicit Slot(std::atomic<std::size_t> *waiting) : waiting_(waiting) {}
    Slot(Slot &&other) noexcept : waiting_(std::exchange(other.waiting_, nullptr)) {}
    Slot &operator=(Slot &&) = delete;
    Slot(const Slot &) = delete;
    ~Slot() {
      if (waiting_) waiting_->fetch_sub(1);
    }

  private:
    std::atomic<std::size_t> *waiting_;
  };
  // A place for one sign-in or sign-up, or nullopt when `max_waiting` already wait: the
  // caller answers "busy, retry" at once instead of queueing behind them for seconds (a
  // flood of sign-ins cannot hold the hashing threads, or the memory each hash takes).
  std::optional<Slot> reserve();

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
  std::size_t max_waiting_;
  std::atomic<std::size_t> waiting_{0};
  mutable std::once_flag decoy_once_;
  mutable std::string decoy_;
  boost::asio::thread_pool pool_;
};

} // namespace kelisim::app
