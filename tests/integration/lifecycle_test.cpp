// The process: graceful stop on SIGTERM, online backup, durability across kill -9, and
// the same server on PostgreSQL when KELISIM_TEST_PG_URL names one.
#include "test_helpers.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <libpq-fe.h>

#include <csignal>
#include <random>
#include <unistd.h>

namespace kelisim::itest {
namespace {

void expectCleanExit(const Exit &e, const ServerProcess &server) {
  EXPECT_TRUE(e.exited) << "killed by signal " << e.signal << "\n" << server.log();
  EXPECT_EQ(e.code, 0) << server.log();
  EXPECT_LT(e.took, 10s) << "took " << e.took.count() << " ms";
}

TEST(Lifecycle, SigtermStopsWithExitZeroWithinTenSeconds) {
  ServerProcess server(relaxed());
  HttpClient c(server.port());
  ASSERT_EQ(c.signIn("citizen@demo.kelisim.kz").status, 200);
  ASSERT_EQ(c.get("/api/v1/me").status, 200);
  // An idle keep-alive connection must not hold the stop up.
  const int idle = openIdleConnection(server.port());
  ASSERT_GE(idle, 0);
  const Exit e = server.stop();
  ::close(idle);
  expectCleanExit(e, server);
}

TEST(Lifecycle, SigtermSendsGoingAwayToOpenWebSockets) {
  ServerProcess server(relaxed());
  HttpClient c(server.port());
  ASSERT_EQ(c.signIn("mediator@demo.kelisim.kz").status, 200);
  WsClient ws(server.port(), {{"Cookie", c.cookieHeader()}});
  ASSERT_TRUE(ws.open()) << ws.refusedStatus();
  ASSERT_TRUE(ws.readJson().has_value()); // hello
  server.signal(SIGTERM);
  const auto next = ws.read(15s);
  EXPECT_FALSE(next.has_value()) << *next;
  EXPECT_TRUE(ws.closed());
  EXPECT_EQ(ws.closeCode(), 1001) << "close code going away";
  expectCleanExit(server.wait(), server);
}

TEST(Lifecycle, BackupWhileServingHasTheDemoUsers) {
  ServerProcess server(relaxed());
  HttpClient c(server.port());
  ASSERT_EQ(
      c.post("/api/v1/auth/sign-up", signUpBody("backed.up@example.kz", "Backup-Pass-2026")).status,
      201);
  const auto copy = server.dir() / "backup.db";
  std::string output;
  ASSERT_EQ(server.runCommand({"backup", copy.string()}, &output), 0) << output;
  EXPECT_EQ(c.get("/healthz").status, 200) << "the server carries on";
  {
    SQLite::Database db(copy.string(), SQLite::OPEN_READONLY);
    SQLite::Statement check(db, "PRAGMA integrity_check");
    ASSERT_TRUE(check.executeStep());
    EXPECT_EQ(check.getColumn(0).getString(), "ok");
    SQLite::Statement users(db, "SELECT email FROM users");
    std::set<std::string> emails;
    while (users.executeStep()) emails.insert(users.getColumn(0).getString());
    for (const char *e :
         {"admin@demo.kelisim.kz", "coordinator.wko@demo.kelisim.kz", "lawyer@demo.kelisim.kz",
          "citizen@demo.kelisim.kz", "backed.up@example.kz"})
      EXPECT_TRUE(emails.contains(e)) << e;
    EXPECT_EQ(emails.size(), 19u); // 18 demo accounts and the one made here
  }
  // Never over an existing file.
  EXPECT_NE(server.runCommand({"backup", copy.string()}, &output), 0);
  expectCleanExit(server.stop(), server);
}

TEST(Lifecycle, NothingAcknowledgedIsLostOnKillMinusNine) {
  ServerProcess server(relaxed());
  {
    HttpClient c(server.port());
    auto r = c.post("/api/v1/auth/sign-up", signUpBody("durable@example.kz", "Durable-Pass-2026"));
    ASSERT_EQ(r.status, 201) << r.body;
    ASSERT_EQ(c.patch("/api/v1/me", R"({"display_name": "Still Here"})").status, 200);
  }
  server.kill9();
  server.start();
  HttpClient c(server.port());
  auto r = c.signIn("durable@example.kz", "Durable-Pass-2026");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(field(r.json(), "user.display_name"), "Still Here");
  EXPECT_EQ(c.get("/readyz").status, 200);
  EXPECT_EQ(HttpClient(server.port()).signIn("admin@demo.kelisim.kz").status, 200);
  expectCleanExit(server.stop(), server);
}

TEST(Lifecycle, ServesFromAFreshPostgresDatabase) {
  const char *url = std::getenv("KELISIM_TEST_PG_URL");
  if (!url || !*url)
    GTEST_SKIP() << "KELISIM_TEST_PG_URL is not set (e.g. from scripts/start-postgres.sh DIR)";
  const std::string name = "kelisim_it_" + std::to_string(::getpid()) + "_" +
                           std::to_string(std::random_device{}() % 100000);
  const auto created = pgExec(url, "CREATE DATABASE " + name);
  ASSERT_EQ(created, "") << "CREATE DATABASE failed";
  {
    ServerOptions options = relaxed();
    options.database = withDatabase(url, name);
    ServerProcess server(options);
    HttpClient c(server.port());
    EXPECT_EQ(c.get("/readyz").status, 200);
    auto me = signedIn(c, "coordinator.astana@demo.kelisim.kz");
    EXPECT_EQ(field(me, "role"), "coordinator");
    auto r =
        HttpClient(server.port())
            .post("/api/v1/auth/sign-up", signUpBody("pg.user@example.kz", "Postgres-Pass-2026"));
    EXPECT_EQ(r.status, 201) << r.body;
    server.kill9();
    server.start();
    EXPECT_EQ(HttpClient(server.port()).signIn("pg.user@example.kz", "Postgres-Pass-2026").status,
              200);
    expectCleanExit(server.stop(), server);
  }
  EXPECT_EQ(pgExec(url, "DROP DATABASE " + name + " WITH (FORCE)"), "");
}

} // namespace
} // namespace kelisim::itest
