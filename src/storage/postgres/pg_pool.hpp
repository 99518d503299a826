// Up to `size` PgConnections shared by every thread of the io_context. acquire() lends an idle
// connection, opens a new one while under the limit, or suspends (no thread blocks, no polling)
// until one is given back. A Lease gives its connection back when destroyed; a connection that
// is no longer reusable is dropped instead and its slot reopened on demand. Thread-safe.
#pragma once

#include "core/error.hpp"
#include "storage/postgres/pg_connection.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kelisim::storage::postgres {

class PgPool {
public:
  class Lease {
  public:
    Lease(PgPool *pool, std::unique_ptr<PgConnection> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease &&other) noexcept = default;
    Lease &operator=(Lease &&) = delete;
    ~Lease();
    PgConnection &operator*() const { return *conn_; }
    PgConnection *operator->() const { return conn_.get(); }

  private:
    PgPool *pool_;
    std::unique_ptr<PgConnection> conn_;
  };

  PgPool(boost::asio::any_io_executor executor, std::string conninfo, int size);
  ~PgPool();
  PgPool(const PgPool &) = delete;
  PgPool &operator=(const PgPool &) = delete;

  // Past this many coroutines waiting for a connection, acquire() answers busy at once.
  static constexpr std::size_t kMaxWaiters = 4096;

  // unavailable when a new connection was needed and could not be opened; busy when
  // kMaxWaiters already wait.
  boost::asio::awaitable<core::Result<Lease>> acquire();

private:
  // Receives an idle connection, or null: "a slot is free, open one yourself".
  using Waiter = std::function<void(std::unique_ptr<PgConnection>)>;

  void giveBack(std::unique_ptr<PgConnection> conn);
  void handOut(Waiter waiter); // to the waiter now if possible, else queues it

  boost::asio::any_io_executor executor_;
  std::string conninfo_;
  int size_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int open_ = 0; // connections lent, idle or being opened
  std::deque<Waiter> waiters_;
};

} // namespace kelisim::storage::postgres
