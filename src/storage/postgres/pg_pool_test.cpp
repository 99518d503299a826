#include "storage/postgres/pg_pool.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <gtest/gtest.h>

#include <cstdlib>

namespace kelisim::storage::postgres {
namespace {

namespace asio = boost::asio;

asio::awaitable<std::string> showJit(PgPool &pool) {
  auto lease = co_await pool.acquire();
  if (!lease) co_return "acquire failed: " + lease.error().log;
  auto shown = co_await (*lease)->query("SHOW jit");
  if (!shown) co_return "SHOW failed: " + shown.error().log;
  co_return shown->text(0, 0);
}

// Kelisim's statements are short; PostgreSQL's JIT compiler only cost them time (62 of a
// report query's 174 ms), so every pooled session has it off.
TEST(PgPool, SessionsRunWithoutJit) {
  const char *url = std::getenv("KELISIM_TEST_PG_URL");
  if (!url || !*url) GTEST_SKIP() << "KELISIM_TEST_PG_URL is not set";
  asio::io_context io;
  PgPool pool(io.get_executor(), url, 2);
  auto shown = asio::co_spawn(io, showJit(pool), asio::use_future);
  io.run();
  EXPECT_EQ(shown.get(), "off");
}

} // namespace
} // namespace kelisim::storage::postgres
