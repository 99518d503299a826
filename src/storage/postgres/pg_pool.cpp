#include "storage/postgres/pg_pool.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

namespace kelisim::storage::postgres {

namespace asio = boost::asio;
using asio::awaitable;
using core::Result;

PgPool::Lease::~Lease() {
  if (pool_ && conn_) pool_->giveBack(std::move(conn_));
}

PgPool::PgPool(asio::any_io_executor executor, std::string conninfo, int size)
    : executor_(std::move(executor)), conninfo_(std::move(conninfo)), size_(std::max(size, 1)) {}

PgPool::~PgPool() = default;

awaitable<Result<PgPool::Lease>> PgPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (waiters_.size() >= kMaxWaiters) // overloaded: refused at once, nothing written
      co_return core::Error::make(core::ErrorCode::busy, "postgres pool: too many waiting");
  }
  // Every acquisition goes through handOut under the mutex, so a connection given back
  // between "none idle" and "wait" cannot be missed. The handler resumes this coroutine on
  // its own executor.
  std::unique_ptr<PgConnection> conn =
      co_await asio::async_initiate<const asio::use_awaitable_t<> &,
                                    void(std::unique_ptr<PgConnection>)>(
          [this](auto handler) {
            auto ex = asio::get_associated_executor(handler, executor_);
            auto shared = std::make_shared<decltype(handler)>(std::move(handler));
            handOut([ex, shared](std::unique_ptr<PgConnection> c) {
              asio::post(
                  ex, [shared, c = std::move(c)]() mutable { std::move (*shared)(std::move(c)); });
            });
          },
          asio::use_awaitable);
  if (conn && !conn->stillAlive()) conn.reset(); // its slot is ours: open a fresh one
  if (!conn) {
    auto opened = co_await PgConnection::connect(executor_, conninfo_);
    if (!opened) {
      giveBack(nullptr); // frees the slot (or lets the next waiter try)
      co_return opened.error();
    }
    conn = std::move(opened).value();
    // Kelisim's statements are short: PostgreSQL's JIT compiler, which starts above a cost a
    // report's query over a few days of a large table reaches, spent 62 of its 174 ms
    // compiling. Turned off for this session only.
    auto set = co_await conn->query("SET jit = off");
    if (!set) {
      giveBack(nullptr);
      co_return set.error();
    }
  }
  co_return Lease(this, std::move(conn));
}

void PgPool::handOut(Waiter waiter) {
  std::unique_ptr<PgConnection> conn;
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      conn = std::move(idle_.back());
      idle_.pop_back();
    } else if (open_ < size_) {
      ++open_; // the waiter opens it
    } else {
      waiters_.push_back(std::move(waiter));
      return;
    }
  }
  waiter(std::move(conn));
}

void PgPool::giveBack(std::unique_ptr<PgConnection> conn) {
  if (conn && !conn->reusable()) conn.reset(); // a fresh one will take its slot
  Waiter next;
  {
    std::lock_guard lock(mutex_);
    if (!waiters_.empty()) {
      next = std::move(waiters_.front());
      waiters_.pop_front();
    } else if (conn) {
      idle_.push_back(std::move(conn));
      return;
    } else {
      --open_;
      return;
    }
  }
  next(std::move(conn));
}

} // namespace kelisim::storage::postgres
