// The audit trail's chain on a real SQLite store: sealing, the admins-only search, and
// verify() finding an edited, a deleted and an unsealed entry (changed behind the server's
// back, straight in the database file, as an intruder would).
#include "app/audit_chain.hpp"

#include "app/audit.hpp"
#include "app/testing.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

namespace kelisim::app {

using core::ErrorCode;
using namespace std::chrono_literals;
using testing::run;

struct AuditChainTest : ::testing::Test {
  testing::TempStore db;
  core::FakeClock clock{core::fromMillis(1'764'000'000'000)};
  AuditService audit{*db.store};
  Caller from{std::nullopt, "10.0.0.7", "r"};

  void write(int n, const std::string &action = "user.role_changed") {
    for (int i = 0; i < n; ++i) {
      const AuditEntry entry{"u" + std::to_string(i % 3), action, "user", "x" + std::to_string(i),
                             R"({"to":"coordinator"})"};
      ASSERT_TRUE(run(recordAudit(*db.store, clock, from, entry)));
      clock.advance(1ms);
    }
  }
  void tamper(const std::string &sql) {
    SQLite::Database file((db.dir / "k.db").string(), SQLite::OPEN_READWRITE);
    file.exec(sql);
  }
};

TEST_F(AuditChainTest, EntriesAreSealedOnceSettledAndTheChainHolds) {
  write(5);
  EXPECT_EQ(run(audit.seal(clock.now())).value(), 0) << "too fresh: an older one may be on its way";
  clock.advance(11s);
  EXPECT_EQ(run(audit.seal(clock.now())).value(), 5);
  EXPECT_EQ(run(audit.seal(clock.now())).value(), 0) << "sealed once";
  write(3);
  clock.advance(11s);
  EXPECT_EQ(run(audit.seal(clock.now())).value(), 3);
  auto report = run(audit.verify());
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->broken_at) << report->reason;
  EXPECT_EQ(report->checked, 8);
  const auto all = run(db.store->listAudit(std::nullopt, 100)).value();
  for (const auto &e : all) EXPECT_EQ(e.hash.size(), 64u);
  // The address is not in the seal: erasing it (retention) keeps the chain whole.
  tamper("UPDATE audit_events SET ip = '' WHERE id = 2");
  EXPECT_FALSE(run(audit.verify())->broken_at);
}

TEST_F(AuditChainTest, AnEditedEntryIsFound) {
  write(6);
  clock.advance(11s);
  ASSERT_TRUE(run(audit.seal(clock.now())));
  tamper("UPDATE audit_events SET detail = '{\"to\":\"admin\"}' WHERE id = 4");
  auto report = run(audit.verify());
  ASSERT_TRUE(report);
  ASSERT_TRUE(report->broken_at);
  EXPECT_EQ(*report->broken_at, 4);
  EXPECT_EQ(report->checked, 3);
}

TEST_F(AuditChainTest, ADeletedEntryIsFound) {
  write(6);
  clock.advance(11s);
  ASSERT_TRUE(run(audit.seal(clock.now())));
  tamper("DELETE FROM audit_events WHERE id = 3");
  auto report = run(audit.verify());
  ASSERT_TRUE(report->broken_at);
  EXPECT_EQ(*report->broken_at, 4) << "the entry after the hole";
  tamper("DELETE FROM audit_events WHERE id = 1");
  EXPECT_EQ(*run(audit.verify())->broken_at, 2);
}

TEST_F(AuditChainTest, ARemovedSealIsFound) {
  write(4);
  clock.advance(11s);
  ASSERT_TRUE(run(audit.seal(clock.now())));
  tamper("UPDATE audit_events SET hash = NULL, prev_id = NULL WHERE id = 2");
  EXPECT_EQ(*run(audit.verify())->broken_at, 3);
}

TEST_F(AuditChainTest, OnlyAdminsSearchAndFiltersNarrowIt) {
  write(6);
  write(2, "auth.sign_in");
  core::User admin;
  admin.id = "a";
  admin.role = core::Role::admin;
  core::User coordinator = admin;
  coordinator.role = core::Role::coordinator;
  const Caller as_admin{admin, "127.0.0.1", "r"};
  const Caller as_coordinator{coordinator, "127.0.0.1", "r"};
  const Caller nobody{};
  EXPECT_EQ(run(audit.search(as_coordinator, {})).error().code, ErrorCode::forbidden);
  EXPECT_EQ(run(audit.search(nobody, {})).error().code, ErrorCode::unauthenticated);
  core::AuditQuery by_actor;
  by_actor.actor_id = "u1";
  auto found = run(audit.search(as_admin, by_actor));
  ASSERT_TRUE(found);
  for (const auto &e : *found) EXPECT_EQ(e.actor_id, "u1");
  EXPECT_EQ(found->size(), 3u);
  core::AuditQuery signins;
  signins.action = "auth.";
  EXPECT_EQ(run(audit.search(as_admin, signins))->size(), 2u);
  core::AuditQuery page;
  page.limit = 3;
  auto first = run(audit.search(as_admin, page)).value();
  ASSERT_EQ(first.size(), 3u);
  EXPECT_GT(first[0].id, first[2].id) << "newest first";
  page.before_id = first.back().id;
  auto second = run(audit.search(as_admin, page)).value();
  ASSERT_EQ(second.size(), 3u);
  EXPECT_LT(second[0].id, first.back().id);
  core::AuditQuery window;
  window.from = clock.now() - 3ms;
  EXPECT_EQ(run(audit.search(as_admin, window))->size(), 3u);
}

} // namespace kelisim::app
