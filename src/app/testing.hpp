// Test support for the services: a real SQLite store in a temporary folder, a fake clock,
// and a way to run one coroutine to its end. Only *_test.cpp files include this.
#pragma once

#include "app/sodium_random.hpp"
#include "core/ports/clock.hpp"
#include "storage/sqlite/sqlite_store.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

namespace kelisim::app::testing {

template <typename T> T run(boost::asio::awaitable<T> task) {
  boost::asio::io_context io;
  auto future = boost::asio::co_spawn(io, std::move(task), boost::asio::use_future);
  io.run();
  return future.get();
}

struct TempStore {
  std::filesystem::path dir;
  std::unique_ptr<core::Store> store;

  TempStore() {
    dir = std::filesystem::temp_directory_path() / ("kelisim-app-test-" + SodiumRandom().hex(6));
    std::filesystem::create_directories(dir);
    auto opened = storage::sqlite::openSqliteStore((dir / "k.db").string());
    if (!opened) throw std::runtime_error("cannot open test store");
    store = std::move(opened).value();
    if (!run(store->migrate())) throw std::runtime_error("cannot migrate test store");
  }
  ~TempStore() {
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

} // namespace kelisim::app::testing
