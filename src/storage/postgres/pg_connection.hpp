// One libpq connection driven by Asio: connects, sends and reads without ever blocking a thread
// (libpq's asynchronous API; its socket is watched by a stream_descriptor that never owns it).
// Used by one coroutine at a time (PgPool sees to that); after an error that leaves the protocol
// state unknown it is broken() and must be dropped. Reusable as a LISTEN/NOTIFY listener.
#pragma once

#include "core/error.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace kelisim::storage::postgres {

// A query parameter in text form; nullopt is SQL NULL.
using Param = std::optional<std::string>;
using Params = std::vector<Param>;

// The rows (text format) or command status of one successful statement.
class PgResult {
public:
  explicit PgResult(PGresult *result) : result_(result, &PQclear) {}

  int rows() const { return PQntuples(result_.get()); }
  int columns() const { return PQnfields(result_.get()); }
  bool isNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string text(int row, int column) const;
  std::optional<std::string> optionalText(int row, int column) const;
  std::int64_t int64(int row, int column) const; // 0 when not a number (never, by the schema)
  std::int64_t affectedRows() const;             // of INSERT/UPDATE/DELETE

private:
  std::unique_ptr<PGresult, void (*)(PGresult *)> result_;
};

// Database error → the codes services understand: unique_violation is conflict, other integrity
// violations validation_failed, lost connections and overload unavailable, the rest internal.
core::Error toError(const PGresult *result, bool connection_lost);

class PgConnection {
public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::seconds kConnectTimeout{10};
  static constexpr std::chrono::seconds kQueryTimeout{60};
  static constexpr std::size_t kMaxPrepared = 512;

  // Opens a connection to `conninfo` (URL or key=value); unavailable when it cannot.
  static boost::asio::awaitable<core::Result<std::unique_ptr<PgConnection>>>
  connect(boost::asio::any_io_executor executor, std::string conninfo);

  ~PgConnection();
  PgConnection(const PgConnection &) = delete;
  PgConnection &operator=(const PgConnection &) = delete;

  // One statement with $1, $2, … text parameters; its result, or the error. The text is
  // prepared on this connection the first time it is seen and executed by name after that.
  boost::asio::awaitable<core::Result<PgResult>> query(const char *sql, const Params &params = {});
  // Several statements sent at once and answered in one round trip (libpq's pipeline mode),
  // each prepared by name like query(); the result of each in order, or the first error (the
  // server skips the statements after it). Between BEGIN and COMMIT: a unit of work.
  using Statement = std::pair<const char *, Params>;
  boost::asio::awaitable<core::Result<std::vector<PgResult>>>
  pipeline(const std::vector<Statement> &statements);
  // SQL text that may hold several statements and no parameters (a migration); the last result.
  boost::asio::awaitable<core::Result<PgResult>> script(const std::string &sql);
  // Waits (without deadline) until the server sends something and reads it in; for listeners,
  // which then take the notifications with PQnotifies(native()).
  boost::asio::awaitable<core::Result<core::Unit>> awaitInput();

  // False once the connection is lost or was left mid-transaction: drop it, do not reuse it.
  bool reusable() const;
  // Looks (without waiting) whether anything arrived while idle: false when something did,
  // which for an idle pooled connection means the server is closing it (restart,
  // pg_terminate_backend, idle timeout); the connection is then broken.
  bool stillAlive();
  void markBroken() { broken_ = true; }
  PGconn *native() const { return conn_.get(); }

private:
  enum class Wait { read, write, read_or_write };
  PgConnection(boost::asio::any_io_executor executor, PGconn *conn);

  boost::asio::awaitable<core::Result<core::Unit>> wait(Wait what,
                                                        std::optional<Clock::time_point> deadline);
  boost::asio::awaitable<core::Result<PgResult>> finish(Clock::time_point deadline);
  // Sends what libpq still buffers, reading meanwhile so that neither side blocks the other.
  boost::asio::awaitable<core::Result<core::Unit>> flush(Clock::time_point deadline);
  // Waits until PQgetResult can return without blocking.
  boost::asio::awaitable<core::Result<core::Unit>> resultReady(Clock::time_point deadline);
  core::Error fail(const std::string &what); // marks broken; unavailable with libpq's message
  void watchSocket();                        // (re)points the descriptor at PQsocket()

  std::unique_ptr<PGconn, void (*)(PGconn *)> conn_;
  boost::asio::posix::stream_descriptor socket_; // never closes: release()d before PQfinish
  bool broken_ = false;
  std::unordered_map<std::string, std::string> prepared_; // SQL text → statement name
  std::uint64_t next_name_ = 0;                           // names are never reused
};

} // namespace kelisim::storage::postgres
