#include "storage/postgres/pg_group_commit.hpp"

#include "storage/postgres/postgres_store_impl.hpp"
#include "storage/sql/changes.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <memory>
#include <optional>

namespace kelisim::storage::postgres {

namespace asio = boost::asio;
using core::Error;
using core::ErrorCode;
using core::Result;

namespace {
constexpr const char *kBegin = "BEGIN";
constexpr const char *kCommit = "COMMIT";
constexpr const char *kRollback = "ROLLBACK";
} // namespace

core::Task<core::Unit> PgGroupCommit::commit(std::vector<sql::Statement> statements) {
  auto result = std::make_shared<std::optional<Result<core::Unit>>>();
  auto owned = std::make_shared<std::vector<sql::Statement>>(std::move(statements));
  auto initiate = [this, owned, result](auto handler) {
    auto ex = asio::get_associated_executor(handler, executor_);
    auto shared_handler = std::make_shared<decltype(handler)>(std::move(handler));
    submit(Unit{std::move(*owned), [result, ex, shared_handler](Result<core::Unit> r) {
                  result->emplace(std::move(r));
                  asio::post(ex, [shared_handler] { std::move (*shared_handler)(); });
                }});
  };
  co_await asio::async_initiate<const asio::use_awaitable_t<> &, void()>(initiate,
                                                                         asio::use_awaitable);
  co_return std::move(**result);
}

void PgGroupCommit::submit(Unit unit) {
  bool start = false;
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= kMaxQueued) {
      unit.done(Error::make(ErrorCode::busy, "postgres: too many commits waiting"));
      return;
    }
    queue_.push_back(std::move(unit));
    if (flushing_ < kFlushers) {
      ++flushing_;
      start = true;
    }
  }
  if (start) asio::co_spawn(executor_, flush(), asio::detached);
}

asio::awaitable<void> PgGroupCommit::flush() {
  std::optional<PgPool::Lease> lease; // kept from one group to the next
  for (;;) {
    std::vector<Unit> group;
    {
      std::lock_guard lock(mutex_);
      if (queue_.empty()) {
        --flushing_;
        co_return;
      }
      while (!queue_.empty() && group.size() < kMaxGroup) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    if (!lease) {
      auto acquired = co_await pool_.acquire();
      if (!acquired) {
        for (auto &u : group) u.done(acquired.error());
        continue;
      }
      lease.emplace(std::move(acquired).value());
    }
    PgConnection &conn = **lease;
    auto together = co_await transaction(conn, group, 0, group.size());
    const bool server_refused = !together && conn.reusable() &&
                                together.error().code != ErrorCode::unavailable &&
                                together.error().code != ErrorCode::busy;
    if (together || group.size() == 1 || !server_refused) {
      for (auto &u : group) u.done(together);
    } else {
      // Nothing of the group was kept: each unit again, alone, for its own answer.
      for (std::size_t i = 0; i < group.size(); ++i) {
        auto alone = co_await transaction(conn, group, i, 1);
        group[i].done(alone);
      }
    }
    if (!conn.reusable()) lease.reset(); // the pool replaces it
  }
}

asio::awaitable<Result<core::Unit>> PgGroupCommit::transaction(PgConnection &conn,
                                                               const std::vector<Unit> &units,
                                                               std::size_t first,
                                                               std::size_t count) {
  std::vector<const std::vector<sql::Statement> *> parts;
  for (std::size_t i = first; i < first + count; ++i) parts.push_back(&units[i].statements);
  auto merged = sql::mergedInserts(parts);
  std::vector<PgConnection::Statement> batch;
  batch.emplace_back(kBegin, Params{});
  auto add = [&batch](const sql::Statement &s) {
    batch.emplace_back(sql::postgresText(s.text).c_str(), textParams(s.params));
  };
  if (merged) {
    for (const auto &s : *merged) add(s);
  } else {
    for (const auto *part : parts)
      for (const auto &s : *part) add(s);
  }
  batch.emplace_back(kCommit, Params{});
  auto done = co_await conn.pipeline(batch);
  if (done) co_return core::Unit{};
  if (!conn.reusable()) { // the failed transaction is still open on the server: end it
    auto rolled_back = co_await conn.query(kRollback);
    if (!rolled_back) conn.markBroken();
  }
  co_return done.error();
}

} // namespace kelisim::storage::postgres
