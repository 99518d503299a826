// Group commit for PostgreSQL: units of work that arrive while others are being committed go
// together in one transaction (BEGIN, every unit's rows in a few multi-row INSERTs, COMMIT as
// one pipeline), so many actions share one round trip, a few statements and one WAL flush
// instead of paying for all of them each.
//
// A unit arriving while no group is in flight starts one at once (no waiting at low load);
// under load, the flusher that finishes takes everything that queued meanwhile, up to
// kMaxGroup units. One group at a time: with two, both transactions took FOR KEY SHARE locks
// on the same rows (the reception and organisation each ticket refers to), which PostgreSQL
// records as multixacts, and its CPU a ticket went from 107 to 180 µs. If a group fails on the
// server (a unit breaks a constraint), nothing of it was kept, and each unit is then committed on
// its own, so only the failing unit gets the error: a unit of work still commits everything or
// nothing, on its own. A lost connection fails the group's units with unavailable (their outcome is
// unknown to us, as for any commit whose answer is lost). Thread-safe.
#pragma once

#include "core/ports/task.hpp"
#include "storage/postgres/pg_pool.hpp"
#include "storage/sql/statement.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

namespace kelisim::storage::postgres {

class PgGroupCommit {
public:
  static constexpr int kFlushers = 1;          // groups in flight at once (see above)
  static constexpr std::size_t kMaxGroup = 64; // units in one transaction
  // Past this many units waiting, commit() answers busy at once (nothing written).
  static constexpr std::size_t kMaxQueued = 8192;

  PgGroupCommit(boost::asio::any_io_executor executor, PgPool &pool)
      : executor_(std::move(executor)), pool_(pool) {}

  // Commits `statements` (storage/sql's, from statementsOf) as one unit of work; resumes on
  // the caller's executor once committed (or failed).
  core::Task<core::Unit> commit(std::vector<sql::Statement> statements);

private:
  struct Unit {
    std::vector<sql::Statement> statements;
    std::function<void(core::Result<core::Unit>)> done;
  };

  void submit(Unit unit);
  boost::asio::awaitable<void> flush();
  // BEGIN, the units' statements (their rows merged: sql::mergedInserts), COMMIT in one
  // pipeline; rolls back what failed.
  static boost::asio::awaitable<core::Result<core::Unit>>
  transaction(PgConnection &conn, const std::vector<Unit> &units, std::size_t first,
              std::size_t count);

  boost::asio::any_io_executor executor_;
  PgPool &pool_;
  std::mutex mutex_;
  std::deque<Unit> queue_;
  int flushing_ = 0;
};

} // namespace kelisim::storage::postgres
