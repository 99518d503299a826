// The contract every Store backend keeps, as one typed suite: SQLite (a temporary file) always,
// PostgreSQL when KELISIM_TEST_PG_URL names a server (scripts/start-postgres.sh starts one);
// each PostgreSQL test gets a database of its own, dropped afterwards.

#include "embedded.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <thread>

namespace kelisim::storage {
namespace {

namespace asio = boost::asio;
using core::ErrorCode;
using core::Result;

constexpr std::int64_t kT0 = 1'764'079'654'123; // 2025-11-25T14:07:34.123Z

core::Time at(std::int64_t offset_ms) {
  return core::fromMillis(kT0 + offset_ms);
}

std::string randomHex() {
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
std::string adminExec(const std::string &conninfo, const std::string &sql,
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
std::string withDatabase(const std::string &conninfo, const std::string &database) {
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

public:
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
TYPED_TEST_SUITE(StoreContract, Backends, BackendNames);

// The same, on a database nobody has migrated yet.
template <typename Backend> class FreshStoreContract : public StoreContract<Backend> {
protected:
  bool migrateInSetUp() const override { return false; }
};
TYPED_TEST_SUITE(FreshStoreContract, Backends, BackendNames);

// --- the contract -----------------------------------------------------------------------

TYPED_TEST(StoreContract, MigrateAppliesEachMigrationOnceThenNothing) {
  EXPECT_EQ(this->applied_, static_cast<int>(this->backend_.migrationCount()));
  EXPECT_GE(this->applied_, 1);
  EXPECT_EQ(this->must(this->store_->migrate()), 0);
  EXPECT_TRUE(this->run(this->store_->ping()).ok());
}

TYPED_TEST(StoreContract, RegionsAreTheTwentyOfKazakhstan) {
  auto regions = this->must(this->store_->listRegions());
  ASSERT_EQ(regions.size(), 20u);
  EXPECT_TRUE(std::is_sorted(regions.begin(), regions.end(),
                             [](auto &a, auto &b) { return a.code < b.code; }));
  auto astana =
      std::find_if(regions.begin(), regions.end(), [](auto &r) { return r.code == "KZ-71"; });
  ASSERT_NE(astana, regions.end());
  EXPECT_EQ(*astana, (core::Region{"KZ-71", "city", {"Астана", "Астана", "Astana"}}));
  EXPECT_EQ(regions.front().name.kk, "Абай облысы");
}

TYPED_TEST(StoreContract, OrganisationsRoundTrip) {
  auto b = this->organisation("org-b", 1);
  auto a = this->organisation("org-a", 2);
  ASSERT_TRUE(this->run(this->store_->createOrganisation(b)).ok());
  ASSERT_TRUE(this->run(this->store_->createOrganisation(a)).ok());
  EXPECT_EQ(this->must(this->store_->getOrganisation("org-a")), a);
  EXPECT_EQ(this->must(this->store_->listOrganisations()), (std::vector<core::Organisation>{b, a}));
  EXPECT_EQ(this->run(this->store_->getOrganisation("nope")).error().code, ErrorCode::not_found);
  EXPECT_EQ(this->run(this->store_->createOrganisation(a)).error().code, ErrorCode::conflict);
  auto nowhere = this->organisation("org-c");
  nowhere.region = "KZ-00";
  EXPECT_EQ(this->run(this->store_->createOrganisation(nowhere)).error().code,
            ErrorCode::validation_failed);
}

TYPED_TEST(StoreContract, UsersRoundTripEveryField) {
  ASSERT_TRUE(this->run(this->store_->createOrganisation(this->organisation("org"))).ok());
  auto citizen = this->user("u-citizen", 1);
  auto specialist = this->user("u-specialist", 2);
  specialist.role = core::Role::specialist;
  specialist.kinds = {core::SpecialistKind::mediator, core::SpecialistKind::anticorruption};
  specialist.organisation_id = "org";
  specialist.language = core::Language::kk;
  specialist.languages = {core::Language::kk, core::Language::ru, core::Language::en};
  specialist.categories = {"family", "labour"};
  specialist.failed_sign_ins = 3;
  specialist.locked_until = at(900'000);
  ASSERT_TRUE(this->run(this->store_->createUser(specialist)).ok());
  ASSERT_TRUE(this->run(this->store_->createUser(citizen)).ok());

  EXPECT_EQ(this->must(this->store_->getUser("u-specialist")), specialist);
  EXPECT_EQ(this->must(this->store_->getUser("u-citizen")), citizen);
  EXPECT_EQ(this->must(this->store_->findUserByEmail("u-specialist@example.kz")), specialist);
  EXPECT_EQ(this->run(this->store_->getUser("nope")).error().code, ErrorCode::not_found);
  EXPECT_EQ(this->run(this->store_->findUserByEmail("nope@example.kz")).error().code,
            ErrorCode::not_found);

  auto twin = this->user("u-twin", 3);
  twin.email = citizen.email;
  EXPECT_EQ(this->run(this->store_->createUser(twin)).error().code, ErrorCode::conflict);
  auto stray = this->user("u-stray", 4);
  stray.organisation_id = "no-such-org";
  EXPECT_EQ(this->run(this->store_->createUser(stray)).error().code, ErrorCode::validation_failed);

  EXPECT_EQ(this->must(this->store_->listUsers(std::nullopt)),
            (std::vector<core::User>{citizen, specialist}));
  EXPECT_EQ(this->must(this->store_->listUsers(std::string("org"))),
            (std::vector<core::User>{specialist}));
  EXPECT_TRUE(this->must(this->store_->listUsers(std::string("other"))).empty());
}

TYPED_TEST(StoreContract, UpdateUserReplacesTheEditableFields) {
  ASSERT_TRUE(this->run(this->store_->createOrganisation(this->organisation("org"))).ok());
  auto u = this->user("u1");
  ASSERT_TRUE(this->run(this->store_->createUser(u)).ok());

  auto changed = u;
  changed.display_name = "Ержан";
  changed.role = core::Role::coordinator;
  changed.kinds = {core::SpecialistKind::lawyer};
  changed.organisation_id = "org";
  changed.language = core::Language::en;
  changed.languages = {core::Language::ru};
  changed.categories = {"housing"};
  changed.password_hash = "$argon2id$new";
  changed.failed_sign_ins = 5;
  changed.locked_until = at(60'000);
  ASSERT_TRUE(this->run(this->store_->updateUser(changed)).ok());
  EXPECT_EQ(this->must(this->store_->getUser("u1")), changed);

  changed.locked_until.reset();
  changed.organisation_id.reset();
  changed.kinds.clear();
  ASSERT_TRUE(this->run(this->store_->updateUser(changed)).ok());
  EXPECT_EQ(this->must(this->store_->getUser("u1")), changed);

  // id, email and created_at are not editable.
  auto renamed = changed;
  renamed.email = "other@example.kz";
  renamed.created_at = at(5);
  ASSERT_TRUE(this->run(this->store_->updateUser(renamed)).ok());
  EXPECT_EQ(this->must(this->store_->getUser("u1")), changed);

  EXPECT_EQ(this->run(this->store_->updateUser(this->user("ghost"))).error().code,
            ErrorCode::not_found);
}

TYPED_TEST(StoreContract, SessionsExpireAndCanBeDeleted) {
  ASSERT_TRUE(this->run(this->store_->createUser(this->user("u1"))).ok());
  core::Session s{std::string(64, 'a'), "u1", "csrf-token", at(0), at(3'600'000)};
  ASSERT_TRUE(this->run(this->store_->createSession(s)).ok());
  EXPECT_EQ(this->must(this->store_->findSession(s.token_hash, at(1'000))), s);
  EXPECT_EQ(this->run(this->store_->findSession(s.token_hash, at(3'600'000))).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(this->run(this->store_->findSession(std::string(64, 'b'), at(0))).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(this->run(this->store_->createSession(s)).error().code, ErrorCode::conflict);
  ASSERT_TRUE(this->run(this->store_->deleteSession(s.token_hash)).ok());
  EXPECT_EQ(this->run(this->store_->findSession(s.token_hash, at(1'000))).error().code,
            ErrorCode::not_found);
  EXPECT_TRUE(this->run(this->store_->deleteSession(s.token_hash)).ok()); // idempotent
}

TYPED_TEST(StoreContract, AuditIsAppendOnlyAndListedNewestFirst) {
  std::vector<core::AuditEvent> events;
  for (int i = 0; i < 5; ++i) {
    core::AuditEvent e;
    e.at = at(i);
    if (i % 2 == 0) e.actor_id = "u" + std::to_string(i);
    e.action = i == 0 ? "auth.sign_in" : "user.role_changed";
    e.object_type = "user";
    e.object_id = "u" + std::to_string(i);
    e.detail = R"({"role":"specialist"})";
    e.ip = "203.0.113." + std::to_string(i);
    e.id = this->must(this->store_->appendAudit(e));
    if (!events.empty()) {
      EXPECT_GT(e.id, events.back().id);
    }
    events.push_back(e);
  }
  std::vector<core::AuditEvent> newest_first(events.rbegin(), events.rend());
  EXPECT_EQ(this->must(this->store_->listAudit(std::nullopt, 100)), newest_first);
  EXPECT_EQ(this->must(this->store_->listAudit(std::nullopt, 2)),
            (std::vector<core::AuditEvent>{events[4], events[3]}));
  EXPECT_EQ(this->must(this->store_->listAudit(events[3].id, 2)),
            (std::vector<core::AuditEvent>{events[2], events[1]}));
  EXPECT_TRUE(this->must(this->store_->listAudit(events[0].id, 10)).empty());
}

TYPED_TEST(StoreContract, ConcurrentWritesAllCommit) {
  constexpr int kUsers = 200;
  std::mutex mutex;
  std::map<std::string, int> failures;
  int succeeded = 0;
  for (int i = 0; i < kUsers; ++i) {
    asio::co_spawn(
        this->io_,
        [&, u = this->user("c" + std::to_string(i), i)]() -> asio::awaitable<void> {
          auto r = co_await this->store_->createUser(u);
          std::lock_guard lock(mutex);
          if (r.ok())
            ++succeeded;
          else
            ++failures[describe(r)];
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
  }
  this->io_.restart();
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) threads.emplace_back([this] { this->io_.run(); });
  this->io_.run();
  for (auto &t : threads) t.join();

  EXPECT_EQ(succeeded, kUsers);
  for (const auto &[why, count] : failures) ADD_FAILURE() << count << " × " << why;
  auto users = this->must(this->store_->listUsers(std::nullopt));
  ASSERT_EQ(users.size(), static_cast<std::size_t>(kUsers));
  for (int i = 0; i < kUsers; ++i) EXPECT_EQ(users[i], this->user("c" + std::to_string(i), i));
}

TYPED_TEST(FreshStoreContract, TwoInstancesMigratingAtOnceApplyEachMigrationOnce) {
  auto second = this->backend_.openAgain(this->io_);
  ASSERT_TRUE(second.ok()) << describe(second);
  std::unique_ptr<Store> other = std::move(second).value();
  std::mutex mutex;
  std::vector<Result<int>> outcomes;
  for (Store *store : {this->store_.get(), other.get()}) {
    asio::co_spawn(
        this->io_,
        [&, store]() -> asio::awaitable<void> {
          auto r = co_await store->migrate();
          std::lock_guard lock(mutex);
          outcomes.push_back(std::move(r));
        },
        asio::detached);
  }
  this->io_.restart();
  std::thread helper([this] { this->io_.run(); });
  this->io_.run();
  helper.join();

  ASSERT_EQ(outcomes.size(), 2u);
  int applied = 0;
  for (const auto &r : outcomes) {
    ASSERT_TRUE(r.ok()) << describe(r);
    applied += r.value();
  }
  EXPECT_EQ(applied, static_cast<int>(this->backend_.migrationCount()));
  EXPECT_EQ(this->must(this->store_->listRegions()).size(), 20u);
  other.reset();
}

TYPED_TEST(StoreContract, RecoversWhenTheDatabaseDropsItsConnections) {
  ASSERT_TRUE(this->run(this->store_->createUser(this->user("u1"))).ok());
  this->backend_.dropConnections();
  auto again = this->run(this->store_->getUser("u1"));
  ASSERT_TRUE(again.ok()) << describe(again);
  ASSERT_TRUE(this->run(this->store_->createUser(this->user("u2", 1))).ok());
  EXPECT_EQ(this->must(this->store_->listUsers(std::nullopt)).size(), 2u);
}

TEST(PostgresStore, RejectsAMalformedUrlWithoutConnecting) {
  asio::io_context io;
  auto store = postgres::openPostgresStore(io.get_executor(), "postgresql://host:port:x/?=", 2);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::unavailable);
  EXPECT_TRUE(postgres::openPostgresStore(io.get_executor(), "host=127.0.0.1 port=1", 2).ok());
}

} // namespace
} // namespace kelisim::storage
