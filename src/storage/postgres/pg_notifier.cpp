#include "storage/postgres/pg_notifier.hpp"

#include "storage/postgres/pg_connection.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

namespace kelisim::storage::postgres {

namespace asio = boost::asio;

namespace {
constexpr auto kRetryDelay = std::chrono::seconds(1);
constexpr std::size_t kBatch = 256;

// '{"a","b"}' for a text[] parameter: each element quoted, with \ and " escaped.
std::string textArray(const std::deque<std::string> &items, std::size_t n) {
  std::string out = "{";
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

asio::awaitable<void> pause(asio::any_io_executor executor) {
  asio::steady_timer timer(executor, kRetryDelay);
  boost::system::error_code ec;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}
} // namespace

PgNotifier::PgNotifier(asio::any_io_executor executor, std::string conninfo, std::string channel,
                       Handler on_payload)
    : executor_(asio::make_strand(executor)), conninfo_(std::move(conninfo)),
      channel_(std::move(channel)), on_payload_(std::move(on_payload)), wake_(executor) {
  wake_.expires_at(asio::steady_timer::time_point::max());
}

void PgNotifier::start() {
  asio::co_spawn(executor_, listen(), asio::detached);
  asio::co_spawn(executor_, deliver(), asio::detached);
}

void PgNotifier::stop() {
  stopping_ = true;
  asio::post(executor_, [this] { wake_.cancel(); });
}

bool PgNotifier::send(std::string payload) {
  if (payload.size() > kMaxPayload) return false;
  {
    std::lock_guard lock(mutex_);
    outbox_.push_back(std::move(payload));
  }
  asio::post(executor_, [this] { wake_.cancel_one(); });
  return true;
}

asio::awaitable<void> PgNotifier::deliver() {
  std::unique_ptr<PgConnection> conn;
  const std::string sql = "SELECT pg_notify('" + channel_ + "', p) FROM unnest($1::text[]) AS p";
  while (!stopping_) {
    std::deque<std::string> batch;
    {
      std::lock_guard lock(mutex_);
      const auto n = std::min(kBatch, outbox_.size());
      batch.assign(std::make_move_iterator(outbox_.begin()),
                   std::make_move_iterator(outbox_.begin() + static_cast<std::ptrdiff_t>(n)));
      outbox_.erase(outbox_.begin(), outbox_.begin() + static_cast<std::ptrdiff_t>(n));
    }
    if (batch.empty()) {
      boost::system::error_code ec;
      co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    if (!conn || !conn->reusable()) {
      auto opened = co_await PgConnection::connect(executor_, conninfo_);
      if (!opened) {
        spdlog::warn("event relay: cannot connect to PostgreSQL: {}", opened.error().log);
        co_await pause(executor_);
        continue; // this batch is lost; see the header
      }
      conn = std::move(*opened);
    }
    const Params params{textArray(batch, batch.size())};
    auto sent = co_await conn->query(sql.c_str(), params);
    if (!sent) spdlog::warn("event relay: NOTIFY failed: {}", sent.error().log);
  }
}

asio::awaitable<void> PgNotifier::listen() {
  while (!stopping_) {
    auto opened = co_await PgConnection::connect(executor_, conninfo_);
    if (!opened) {
      co_await pause(executor_);
      continue;
    }
    auto conn = std::move(*opened);
    const std::string listen_sql = "LISTEN " + channel_;
    auto listening = co_await conn->query(listen_sql.c_str());
    if (!listening) {
      co_await pause(executor_);
      continue;
    }
    while (!stopping_) {
      auto input = co_await conn->awaitInput();
      if (!input) break;
      while (PGnotify *n = PQnotifies(conn->native())) {
        std::string payload(n->extra);
        PQfreemem(n);
        co_await on_payload_(std::move(payload));
      }
    }
    if (!stopping_) spdlog::warn("event relay: listener lost its connection; reconnecting");
  }
}

} // namespace kelisim::storage::postgres
