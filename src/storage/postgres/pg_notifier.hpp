// Events between server instances that share one PostgreSQL: LISTEN/NOTIFY on one channel.
// send() queues a payload (at most kMaxPayload bytes) and returns at once; a sender
// coroutine delivers the queue in batches (one `SELECT pg_notify(...) FROM unnest(...)` per
// batch) on its own connection. A listener coroutine on another connection LISTENs and hands
// every payload that arrives to `on_payload`, one at a time, in order. Both reconnect after a
// lost connection (events sent while down are lost: the database stays the truth, and the
// next event about the same object brings its readers up to date). Thread-safe.
#pragma once

#include "core/error.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <deque>
#include <functional>
#include <mutex>
#include <string>

namespace kelisim::storage::postgres {

class PgNotifier {
public:
  static constexpr std::size_t kMaxPayload = 7900; // PostgreSQL's limit is 8000 bytes
  using Handler = std::function<boost::asio::awaitable<void>(std::string payload)>;

  PgNotifier(boost::asio::any_io_executor executor, std::string conninfo, std::string channel,
             Handler on_payload);

  // Starts the listener and the sender.
  void start();
  void stop();
  // false when the payload is too large (it is dropped).
  bool send(std::string payload);

private:
  boost::asio::awaitable<void> listen();
  boost::asio::awaitable<void> deliver();

  boost::asio::any_io_executor executor_; // a strand: the sender and send()'s wake-ups
  std::string conninfo_;
  std::string channel_;
  Handler on_payload_;
  std::mutex mutex_;
  std::deque<std::string> outbox_;
  boost::asio::steady_timer wake_; // the sender sleeps on it while the outbox is empty
  std::atomic<bool> stopping_{false};
};

} // namespace kelisim::storage::postgres
