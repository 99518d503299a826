// The fixture of the Store contract suites (contract_test.cpp, reception_contract_test.cpp):
// the two backends, SQLite (a temporary file) always and PostgreSQL when KELISIM_TEST_PG_URL
// names a server (scripts/start-postgres.sh starts one; each test gets a database of its own,
// dropped afterwards), and StoreContract<Backend>, which opens and migrates a store per test.
#pragma once

#include "core/embedded.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>

namespace kelisim::storage::contract {

namespace asio = boost::asio;
using core::ErrorCode;
using core::Result;

constexpr std::int64_t kT0 = 1'764'079'654'123; // 2025-11-25T14:07:34.123Z

inline core::Time at(std::int64_t offset_ms) {
  return core::fromMillis(kT0 + offset_ms);
}

inline std::string randomHex() {
  std::random_device device;
  std::uniform_int_distribution<std::uint64_t> dist;
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(dist(device)));
  return text;
}

// --- backends ---------------------------------------------------------------------------

class SqliteBackend {
public:
  static constexpr const char *kName = "Sqlite";
  ~SqliteBackend() {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::optional<std::string> skipReason() const { return std::nullopt; }
  std::size_t migrationCount() const { return sqliteMigrations().size(); }
  Result<std::unique_ptr<Store>> open(asio::io_context &io) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "kelisim-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) return core::Error::make(ErrorCode::internal, "mkdtemp");
    dir_ = tmpl;
    return openAgain(io);
  }
  // Another store on the same database, as a second server instance would open it.
  Result<std::unique_ptr<Store>> openAgain(asio::io_context &) {
    return sqlite::openSqliteStore(dir_ + "/kelisim.db");
  }
  void dropConnections() {} // nothing to drop: SQLite has no server

private:
  std::string dir_;
};

// Runs one statement on a short-lived blocking connection (test set-up only); its error, if
// any, and the first value it returned in `*value`.
inline std::string adminExec(const std::string &conninfo, const std::string &sql,
                             std::string *value = nullptr) {
  PGconn *conn = PQconnectdb(conninfo.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult *r = PQexec(conn, sql.c_str());
    auto status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) error = PQresultErrorMessage(r);
    if (value && status == PGRES_TUPLES_OK && PQntuples(r) > 0) *value = PQgetvalue(r, 0, 0);
    PQclear(r);
  }
  PQfinish(conn);
  return error;
}

// The server URL's settings with another database name, as a key=value string.
inline std::string withDatabase(const std::string &conninfo, const std::string &database) {
  PQconninfoOption *options = PQconninfoParse(conninfo.c_str(), nullptr);
  std::string out;
  for (auto *o = options; o && o->keyword; ++o) {
    if (!o->val || std::string_view(o->keyword) == "dbname") continue;
    std::string value;
    for (char c : std::string_view(o->val)) {
      if (c == '\'' || c == '\\') value += '\\';
      value += c;
    }
    out += std::string(o->keyword) + "='" + value + "' ";
  }
  PQconninfoFree(options);
  return out + "dbname='" + database + "'";
}

class PostgresBackend {
public:
  static constexpr const char *kName = "Postgres";
  ~PostgresBackend() {
    if (!database_.empty())
      adminExec(server_, "DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
  }
  std::optional<std::string> skipReason() const {
    if (server_.empty())
      return "KELISIM_TEST_PG_URL is not set: PostgreSQL contract tests skipped (start a server "
             "with scripts/start-postgres.sh DIR and export the URL it prints)";
    return std::nullopt;
  }
  std::size_t migrationCount() const { return postgresMigrations().size(); }
  Result<std::unique_ptr<Store>> open(asio::io_context &io) {
    std::string name = "k_test_" + randomHex();
    if (auto error = adminExec(server_, "CREATE DATABASE " + name); !error.empty())
      return core::Error::make(ErrorCode::unavailable, error);
    database_ = name;
    return openAgain(io);
  }
  Result<std::unique_ptr<Store>> openAgain(asio::io_context &io) {
    return postgres::openPostgresStore(io.get_executor(), withDatabase(server_, database_), 4);
  }
  // As a server restart would: ends every session on the test database, and waits until
  // they are gone.
  void dropConnections() {
    adminExec(server_, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                           database_ + "'");
    for (int i = 0; i < 100 && countConnections() > 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }

private:
  int countConnections() {
    std::string n;
    adminExec(server_, "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database_ + "'",
              &n);
    return std::atoi(n.c_str());
  }

private:
  std::string server_ =
      std::getenv("KELISIM_TEST_PG_URL") ? std::getenv("KELISIM_TEST_PG_URL") : "";
  std::string database_;
};

// --- fixture ----------------------------------------------------------------------------

template <typename T> std::string describe(const Result<T> &r) {
  return r.ok()
             ? "ok"
             : "error " + std::to_string(static_cast<int>(r.error().code)) + ": " + r.error().log;
}

template <typename Backend> class StoreContract : public ::testing::Test {
protected:
  void SetUp() override {
    if (auto why = backend_.skipReason()) GTEST_SKIP() << *why;
    auto opened = backend_.open(io_);
    ASSERT_TRUE(opened.ok()) << describe(opened);
    store_ = std::move(opened).value();
    if (!migrateInSetUp()) return;
    auto applied = run(store_->migrate());
    ASSERT_TRUE(applied.ok()) << describe(applied);
    applied_ = *applied;
  }
  void TearDown() override { store_.reset(); }
  virtual bool migrateInSetUp() const { return true; }

  // Runs one store call to completion on the test's io_context.
  template <typename T> Result<T> run(Task<T> task) {
    std::optional<Result<T>> out;
    asio::co_spawn(
        io_,
        [&]() -> asio::awaitable<void> {
          auto result = co_await std::move(task);
          out.emplace(std::move(result));
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
    io_.restart();
    io_.run();
    return std::move(*out);
  }
  template <typename T> T must(Task<T> task) {
    auto r = run(std::move(task));
    if (!r.ok()) throw std::runtime_error("store call failed: " + describe(r));
    return std::move(r).value();
  }

  core::Organisation organisation(const std::string &id, std::int64_t offset = 0) {
    return {id, {"Ұйым " + id, "Организация " + id, "Organisation " + id}, "KZ-71", at(offset)};
  }
  core::User user(const std::string &id, std::int64_t offset = 0) {
    core::User u;
    u.id = id;
    u.email = id + "@example.kz";
    u.display_name = "Айгүл " + id;
    u.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
    u.created_at = at(offset);
    return u;
  }

  Backend backend_; // declared first: outlives the store (the database is dropped last)
  asio::io_context io_;
  std::unique_ptr<Store> store_;
  int applied_ = 0;
};

struct BackendNames {
  template <typename T> static std::string GetName(int) { return T::kName; }
};
using Backends = ::testing::Types<SqliteBackend, PostgresBackend>;

} // namespace kelisim::storage::contract
