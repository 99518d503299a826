#include "storage/postgres/pg_connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <charconv>
#include <poll.h>
#include <string_view>
#include <variant>

#include <poll.h>

namespace kelisim::storage::postgres {

using core::Error;
using core::ErrorCode;
using core::Result;
using core::Unit;
namespace asio = boost::asio;
using asio::awaitable;

namespace {

constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);

std::int64_t parseInt64(const char *text) {
  std::int64_t value = 0;
  std::string_view s(text);
  std::from_chars(s.data(), s.data() + s.size(), value);
  return value;
}

void logNotice(void *, const char *message) {
  spdlog::debug("postgres: {}", message);
}

} // namespace

std::string PgResult::text(int row, int column) const {
  return {PQgetvalue(result_.get(), row, column),
          static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
}

std::optional<std::string> PgResult::optionalText(int row, int column) const {
  if (isNull(row, column)) return std::nullopt;
  return text(row, column);
}

std::int64_t PgResult::int64(int row, int column) const {
  return parseInt64(PQgetvalue(result_.get(), row, column));
}

std::int64_t PgResult::affectedRows() const {
  return parseInt64(PQcmdTuples(result_.get()));
}

Error toError(const PGresult *result, bool connection_lost) {
  const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result ? PQresultErrorMessage(result) : "no result";
  if (connection_lost || !state) return Error::make(ErrorCode::unavailable, message);
  std::string_view code(state);
  std::string_view sqlclass = code.substr(0, 2);
  if (code == "23505") return Error::make(ErrorCode::conflict, message);
  if (sqlclass == "23") return Error::make(ErrorCode::validation_failed, message);
  // connection exception, transaction rollback (serialization, deadlock), insufficient
  // resources, operator intervention (shutdown), system error: worth retrying later.
  if (sqlclass == "08" || sqlclass == "40" || sqlclass == "53" || sqlclass == "57" ||
      sqlclass == "58")
    return Error::make(ErrorCode::unavailable, message);
  return Error::make(ErrorCode::internal, message);
}

PgConnection::PgConnection(asio::any_io_executor executor, PGconn *conn)
    : conn_(conn, &PQfinish), socket_(std::move(executor)) {}

PgConnection::~PgConnection() {
  if (socket_.is_open()) socket_.release(); // the descriptor is libpq's to close
}

void PgConnection::watchSocket() {
  // PQconnectPoll may open a new socket (next host or address), possibly reusing the number:
  // re-registering every time keeps the reactor in step with libpq.
  if (socket_.is_open()) socket_.release();
  int fd = PQsocket(conn_.get());
  boost::system::error_code ec;
  if (fd >= 0) socket_.assign(fd, ec);
  if (ec) broken_ = true;
}

awaitable<Result<std::unique_ptr<PgConnection>>>
PgConnection::connect(asio::any_io_executor executor, std::string conninfo) {
  PGconn *raw = PQconnectStart(conninfo.c_str());
  if (!raw) co_return Error::make(ErrorCode::unavailable, "postgres: out of memory");
  std::unique_ptr<PgConnection> c(new PgConnection(std::move(executor), raw));
  if (PQstatus(raw) == CONNECTION_BAD) co_return c->fail("connect");
  PQsetNoticeProcessor(raw, &logNotice, nullptr);

  auto deadline = Clock::now() + kConnectTimeout;
  PostgresPollingStatusType poll = PGRES_POLLING_WRITING;
  while (poll != PGRES_POLLING_OK) {
    if (poll == PGRES_POLLING_FAILED) co_return c->fail("connect");
    c->watchSocket();
    if (c->broken_) co_return c->fail("connect: watching the socket");
    auto ready =
        co_await c->wait(poll == PGRES_POLLING_READING ? Wait::read : Wait::write, deadline);
    if (!ready) co_return ready.error();
    poll = PQconnectPoll(raw);
  }
  c->watchSocket();
  if (c->broken_ || PQsetnonblocking(raw, 1) != 0) co_return c->fail("connect: non-blocking");
  co_return std::move(c);
}

Error PgConnection::fail(const std::string &what) {
  broken_ = true;
  return Error::make(ErrorCode::unavailable,
                     "postgres " + what + ": " + PQerrorMessage(conn_.get()));
}

bool PgConnection::reusable() const {
  return !broken_ && PQstatus(conn_.get()) == CONNECTION_OK &&
         PQtransactionStatus(conn_.get()) == PQTRANS_IDLE;
}

bool PgConnection::stillAlive() {
  if (broken_ || PQstatus(conn_.get()) != CONNECTION_OK) return false;
  // An idle connection of the pool expects nothing from the server, so anything waiting on
  // its socket means it is going away: a terminated backend sends its FATAL error and then
  // closes, and the error may be read before the end-of-file arrives.
  pollfd waiting{PQsocket(conn_.get()), POLLIN, 0};
  if (::poll(&waiting, 1, 0) != 0) broken_ = true;
  return reusable();
}

awaitable<Result<Unit>> PgConnection::wait(Wait what, std::optional<Clock::time_point> deadline) {
  using namespace asio::experimental::awaitable_operators;
  using asio::posix::descriptor_base;
  if (!deadline) {
    auto [ec] = co_await socket_.async_wait(descriptor_base::wait_read, kAwait);
    if (ec) co_return fail("wait: " + ec.message());
    co_return Unit{};
  }
  asio::steady_timer timer(co_await asio::this_coro::executor, *deadline);
  auto socket_ready = [&]() -> awaitable<std::tuple<boost::system::error_code>> {
    if (what == Wait::read)
      co_return co_await socket_.async_wait(descriptor_base::wait_read, kAwait);
    if (what == Wait::write)
      co_return co_await socket_.async_wait(descriptor_base::wait_write, kAwait);
    auto either = co_await (socket_.async_wait(descriptor_base::wait_read, kAwait) ||
                            socket_.async_wait(descriptor_base::wait_write, kAwait));
    co_return std::visit([](auto t) { return t; }, either);
  };
  auto outcome = co_await (socket_ready() || timer.async_wait(kAwait));
  if (outcome.index() == 1) co_return fail("timed out");
  if (auto [ec] = std::get<0>(outcome); ec) co_return fail("wait: " + ec.message());
  co_return Unit{};
}

awaitable<Result<PgResult>> PgConnection::query(const char *sql, const Params &params) {
  if (broken_) co_return Error::make(ErrorCode::unavailable, "postgres: connection broken");
  std::vector<const char *> values;
  values.reserve(params.size());
  for (const auto &p : params) values.push_back(p ? p->c_str() : nullptr);
  const int count = static_cast<int>(values.size());
  // Each text is parsed and planned once per connection: prepared under a short name the
  // first time, executed by name after that. Past kMaxPrepared texts, one-off statements.
  auto known = prepared_.find(sql);
  if (known == prepared_.end() && prepared_.size() < kMaxPrepared) {
    std::string name = "k" + std::to_string(next_name_++);
    if (!PQsendPrepare(conn_.get(), name.c_str(), sql, count, nullptr)) co_return fail("send");
    auto parsed = co_await finish(Clock::now() + kQueryTimeout);
    if (!parsed) co_return parsed.error();
    known = prepared_.emplace(sql, std::move(name)).first;
  }
  const bool sent =
      known == prepared_.end()
          ? PQsendQueryParams(conn_.get(), sql, count, nullptr, values.data(), nullptr, nullptr, 0)
          : PQsendQueryPrepared(conn_.get(), known->second.c_str(), count, values.data(), nullptr,
                                nullptr, 0);
  if (!sent) co_return fail("send");
  co_return co_await finish(Clock::now() + kQueryTimeout);
}

awaitable<Result<std::vector<PgResult>>>
PgConnection::pipeline(const std::vector<Statement> &statements) {
  if (broken_) co_return Error::make(ErrorCode::unavailable, "postgres: connection broken");
  PGconn *c = conn_.get();
  if (!PQenterPipelineMode(c)) co_return fail("pipeline");
  // What comes back, in order: a prepare's result (its name, registered once it succeeded) or
  // a statement's (nullptr).
  std::vector<const std::string *> expected;
  std::vector<std::pair<std::string, std::string>> preparing; // text, name
  preparing.reserve(statements.size());
  for (const auto &[sql, params] : statements) {
    std::vector<const char *> values;
    values.reserve(params.size());
    for (const auto &p : params) values.push_back(p ? p->c_str() : nullptr);
    const int count = static_cast<int>(values.size());
    const char *name = nullptr;
    if (auto known = prepared_.find(sql); known != prepared_.end()) {
      name = known->second.c_str();
    } else if (prepared_.size() + preparing.size() < kMaxPrepared) {
      preparing.emplace_back(sql, "k" + std::to_string(next_name_++));
      if (!PQsendPrepare(c, preparing.back().second.c_str(), sql, count, nullptr))
        co_return fail("send");
      expected.push_back(&preparing.back().second);
      name = preparing.back().second.c_str();
    }
    const bool sent =
        name ? PQsendQueryPrepared(c, name, count, values.data(), nullptr, nullptr, 0)
             : PQsendQueryParams(c, sql, count, nullptr, values.data(), nullptr, nullptr, 0);
    if (!sent) co_return fail("send");
    expected.push_back(nullptr);
  }
  if (!PQpipelineSync(c)) co_return fail("send");
  const auto deadline = Clock::now() + kQueryTimeout;
  auto flushed = co_await flush(deadline);
  if (!flushed) co_return flushed.error();
  // Each statement's results end with a null; after an error the server skips the rest
  // (PIPELINE_ABORTED) up to the sync, whose own result closes the pipeline.
  std::vector<PgResult> out;
  std::optional<Error> error;
  std::size_t item = 0;
  for (bool synced = false; !synced;) {
    auto ready = co_await resultReady(deadline);
    if (!ready) co_return ready.error();
    PGresult *raw = PQgetResult(c);
    if (!raw) {
      ++item; // the end of one statement's results
      continue;
    }
    PgResult result(raw);
    switch (PQresultStatus(raw)) {
    case PGRES_PIPELINE_SYNC:
      synced = true;
      break;
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      if (item < expected.size() && expected[item]) {
        for (const auto &[text, name] : preparing)
          if (&name == expected[item]) prepared_.emplace(text, name);
      } else if (!error) {
        out.push_back(std::move(result));
      }
      break;
    case PGRES_PIPELINE_ABORTED:
      break;
    case PGRES_FATAL_ERROR:
      if (!error) error = toError(raw, PQstatus(c) == CONNECTION_BAD);
      break;
    default:
      if (!error) error = Error::make(ErrorCode::internal, "postgres: unexpected result");
      broken_ = true;
      break;
    }
    if (PQstatus(c) == CONNECTION_BAD) {
      broken_ = true;
      co_return error ? *error : fail("connection lost");
    }
  }
  if (!PQexitPipelineMode(c)) broken_ = true;
  if (error) co_return *error;
  co_return out;
}

awaitable<Result<PgResult>> PgConnection::script(const std::string &sql) {
  if (broken_) co_return Error::make(ErrorCode::unavailable, "postgres: connection broken");
  if (!PQsendQuery(conn_.get(), sql.c_str())) co_return fail("send");
  co_return co_await finish(Clock::now() + kQueryTimeout);
}

awaitable<Result<Unit>> PgConnection::awaitInput() {
  if (broken_) co_return Error::make(ErrorCode::unavailable, "postgres: connection broken");
  auto ready = co_await wait(Wait::read, std::nullopt);
  if (!ready) co_return ready.error();
  if (!PQconsumeInput(conn_.get())) co_return fail("read");
  co_return Unit{};
}

awaitable<Result<Unit>> PgConnection::flush(Clock::time_point deadline) {
  PGconn *c = conn_.get();
  for (int pending = PQflush(c); pending != 0; pending = PQflush(c)) {
    if (pending < 0) co_return fail("send");
    auto ready = co_await wait(Wait::read_or_write, deadline);
    if (!ready) co_return ready.error();
    if (!PQconsumeInput(c)) co_return fail("read");
  }
  co_return Unit{};
}

awaitable<Result<Unit>> PgConnection::resultReady(Clock::time_point deadline) {
  PGconn *c = conn_.get();
  while (PQisBusy(c)) {
    auto ready = co_await wait(Wait::read, deadline);
    if (!ready) co_return ready.error();
    if (!PQconsumeInput(c)) co_return fail("read");
  }
  co_return Unit{};
}

// Sends what libpq still buffers, then reads every result of the query (libpq requires
// reading up to the final null); keeps the last good result or the first error.
awaitable<Result<PgResult>> PgConnection::finish(Clock::time_point deadline) {
  PGconn *c = conn_.get();
  auto flushed = co_await flush(deadline);
  if (!flushed) co_return flushed.error();
  std::optional<PgResult> last;
  std::optional<Error> error;
  for (;;) {
    auto ready = co_await resultReady(deadline);
    if (!ready) co_return ready.error();
    PGresult *raw = PQgetResult(c);
    if (!raw) break;
    PgResult result(raw);
    switch (PQresultStatus(raw)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      if (!error) last.emplace(std::move(result));
      break;
    case PGRES_FATAL_ERROR:
      if (!error) error = toError(raw, PQstatus(c) == CONNECTION_BAD);
      break;
    default: // COPY and friends: never sent by the store
      if (!error) error = Error::make(ErrorCode::internal, "postgres: unexpected result");
      broken_ = true;
      break;
    }
  }
  if (PQstatus(c) == CONNECTION_BAD) {
    broken_ = true;
    co_return error ? *error : fail("connection lost");
  }
  if (error) co_return *error;
  if (!last) co_return Error::make(ErrorCode::internal, "postgres: no result");
  co_return std::move(*last);
}

} // namespace kelisim::storage::postgres
