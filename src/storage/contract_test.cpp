// The contract every Store backend keeps, as one typed suite: SQLite (a temporary file) always,
// PostgreSQL when KELISIM_TEST_PG_URL names a server (scripts/start-postgres.sh starts one);
// each PostgreSQL test gets a database of its own, dropped afterwards. The virtual receptions'
// part is in reception_contract_test.cpp; the fixture in contract_fixture.hpp.

#include "storage/contract_fixture.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace kelisim::storage {
namespace {

using namespace contract;
namespace asio = boost::asio;
using core::ErrorCode;
using core::Result;

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
  auto renamed = a;
  renamed.name = {"Жаңа", "Новый", "New"};
  renamed.region = "KZ-27";
  renamed.created_at = core::Time{}; // never written
  ASSERT_TRUE(this->run(this->store_->updateOrganisation(renamed)).ok());
  renamed.created_at = a.created_at;
  EXPECT_EQ(this->must(this->store_->getOrganisation("org-a")), renamed);
  EXPECT_EQ(this->run(this->store_->updateOrganisation(nowhere)).error().code,
            ErrorCode::not_found);
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
  specialist.capacity = 3;
  specialist.deactivated_at = at(950'000);
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

  // A stale read's password hash and sign-in failures are not written back.
  auto stale = u;
  stale.password_hash = "$argon2id$stale";
  stale.failed_sign_ins = 4;
  stale.locked_until = at(60'000);
  ASSERT_TRUE(this->run(this->store_->updateUser(stale)).ok());
  EXPECT_EQ(this->must(this->store_->getUser("u1")), u);

  auto changed = u;
  changed.display_name = "Ержан";
  changed.role = core::Role::coordinator;
  changed.kinds = {core::SpecialistKind::lawyer};
  changed.organisation_id = "org";
  changed.language = core::Language::en;
  changed.languages = {core::Language::ru};
  changed.categories = {"housing"};
  ASSERT_TRUE(this->run(this->store_->updateUser(changed)).ok());
  EXPECT_EQ(this->must(this->store_->getUser("u1")), changed);

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

TYPED_TEST(StoreContract, AProfileEditWritesOnlyTheProfile) {
  auto u = this->user("u1");
  u.role = core::Role::specialist;
  ASSERT_TRUE(this->run(this->store_->createUser(u)).ok());
  auto promoted = u;
  promoted.role = core::Role::coordinator; // an admin, meanwhile
  ASSERT_TRUE(this->run(this->store_->updateUser(promoted)).ok());
  ASSERT_TRUE(
      this->run(this->store_->updateProfile("u1", "Айгүл Серікқызы", core::Language::kk)).ok());
  const auto now = this->must(this->store_->getUser("u1"));
  EXPECT_EQ(now.role, core::Role::coordinator) << "the role change sticks";
  EXPECT_EQ(now.display_name, "Айгүл Серікқызы");
  EXPECT_EQ(now.language, core::Language::kk);
  EXPECT_EQ(this->run(this->store_->updateProfile("ghost", "x", core::Language::ru)).error().code,
            ErrorCode::not_found);
}

TYPED_TEST(StoreContract, WhoIsOnDutyIsKept) {
  ASSERT_TRUE(this->run(this->store_->createUser(this->user("b"))).ok());
  ASSERT_TRUE(this->run(this->store_->createUser(this->user("a"))).ok());
  EXPECT_TRUE(this->must(this->store_->listOnDuty()).empty());
  ASSERT_TRUE(this->run(this->store_->setOnDuty("b", true)).ok());
  ASSERT_TRUE(this->run(this->store_->setOnDuty("a", true)).ok());
  auto on = this->must(this->store_->listOnDuty());
  ASSERT_EQ(on.size(), 2u);
  EXPECT_EQ(on[0], this->must(this->store_->getUser("a")));
  EXPECT_EQ(on[1].id, "b");
  ASSERT_TRUE(this->run(this->store_->setOnDuty("a", false)).ok());
  on = this->must(this->store_->listOnDuty());
  ASSERT_EQ(on.size(), 1u);
  EXPECT_EQ(on[0].id, "b");
  EXPECT_EQ(this->run(this->store_->setOnDuty("ghost", true)).error().code, ErrorCode::not_found);
}

TYPED_TEST(StoreContract, FailedSignInsAtOnceEachCountAndLockOnce) {
  ASSERT_TRUE(this->run(this->store_->createUser(this->user("u1"))).ok());
  std::vector<Result<bool>> results;
  for (int i = 0; i < 12; ++i)
    asio::co_spawn(
        this->io_,
        [&]() -> asio::awaitable<void> {
          auto r = co_await this->store_->recordFailedSignIn("u1", 5, at(90'000));
          results.push_back(std::move(r));
        },
        asio::detached);
  this->io_.restart();
  this->io_.run();
  ASSERT_EQ(results.size(), 12u);
  int locks = 0;
  for (auto &r : results) {
    ASSERT_TRUE(r.ok()) << describe(r);
    locks += *r ? 1 : 0;
  }
  EXPECT_EQ(locks, 2) << "the 5th and the 10th failure lock";
  auto u = this->must(this->store_->getUser("u1"));
  EXPECT_EQ(u.failed_sign_ins, 2);
  EXPECT_EQ(u.locked_until, at(90'000));
  ASSERT_TRUE(this->run(this->store_->clearFailedSignIns("u1")).ok());
  u = this->must(this->store_->getUser("u1"));
  EXPECT_EQ(u.failed_sign_ins, 0);
  EXPECT_EQ(u.locked_until, std::nullopt);
  EXPECT_EQ(this->run(this->store_->recordFailedSignIn("ghost", 5, at(1))).error().code,
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

// The outbox: mails committed with their action, claimed by one worker at a time, sent,
// retried or given up.
TYPED_TEST(StoreContract, TheOutboxHandsEachDueMailToOneWorker) {
  core::Mail first;
  first.id = "m1";
  first.kind = core::MailKind::invitation;
  first.recipient = "aliya@example.kz";
  first.language = core::Language::kk;
  first.params = {{"link", "https://kelisim.kz/set-password#s"}, {"name", "Әлия"}};
  first.created_at = at(0);
  first.send_at = at(0);
  core::Mail later = first;
  later.id = "m2";
  later.kind = core::MailKind::reminder;
  later.send_at = at(60'000);
  core::UnitOfWork work;
  work.add(core::NewMail{first}).add(core::NewMail{later});
  ASSERT_TRUE(this->run(this->store_->commit(work)).ok());
  EXPECT_EQ(this->must(this->store_->pendingMail()), 2);

  auto due = this->must(this->store_->claimMail(at(1'000), at(301'000), 10));
  ASSERT_EQ(due.size(), 1u) << "the reminder is not due yet";
  EXPECT_EQ(due[0].id, "m1");
  EXPECT_EQ(due[0].params, first.params);
  EXPECT_EQ(due[0].language, core::Language::kk);
  EXPECT_EQ(due[0].attempts, 1);
  // Claimed: nobody else gets it until the lease ends.
  EXPECT_TRUE(this->must(this->store_->claimMail(at(2'000), at(302'000), 10)).empty());
  ASSERT_TRUE(this->run(this->store_->markMailFailed("m1", at(120'000), at(2'000), "421")).ok());
  auto again = this->must(this->store_->claimMail(at(120'000), at(420'000), 10));
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[0].attempts + again[1].attempts, 3);
  ASSERT_TRUE(this->run(this->store_->markMailSent("m1", at(121'000))).ok());
  ASSERT_TRUE(this->run(this->store_->markMailFailed("m2", std::nullopt, at(121'000), "550")).ok());
  EXPECT_EQ(this->must(this->store_->pendingMail()), 0);
  EXPECT_TRUE(this->must(this->store_->claimMail(at(9'000'000), at(9'300'000), 10)).empty());

  // A reminder taken back before it is sent.
  core::Mail reminder = first;
  reminder.id = "reminder-t1";
  reminder.send_at = at(5'000'000);
  core::UnitOfWork add_reminder;
  add_reminder.add(core::NewMail{reminder});
  ASSERT_TRUE(this->run(this->store_->commit(add_reminder)).ok());
  core::UnitOfWork cancel;
  cancel.add(core::MailCancelled{"reminder-t1"});
  ASSERT_TRUE(this->run(this->store_->commit(cancel)).ok());
  EXPECT_EQ(this->must(this->store_->pendingMail()), 0);
}

TYPED_TEST(StoreContract, ClaimsAtOnceNeverShareAMail) {
  core::UnitOfWork work;
  for (int i = 0; i < 40; ++i) {
    core::Mail m;
    m.id = "m" + std::to_string(i);
    m.recipient = "x@example.kz";
    m.created_at = at(0);
    m.send_at = at(i);
    work.add(core::NewMail{m});
  }
  ASSERT_TRUE(this->run(this->store_->commit(work)).ok());
  std::optional<Result<std::vector<core::Mail>>> ra, rb;
  asio::co_spawn(
      this->io_,
      [&]() -> asio::awaitable<void> {
        ra = co_await this->store_->claimMail(at(100), at(900), 25);
      },
      asio::detached);
  asio::co_spawn(
      this->io_,
      [&]() -> asio::awaitable<void> {
        rb = co_await this->store_->claimMail(at(100), at(900), 25);
      },
      asio::detached);
  this->io_.restart();
  this->io_.run();
  ASSERT_TRUE(ra && *ra && rb && *rb);
  std::set<std::string> ids;
  for (const auto &m : **ra) ids.insert(m.id);
  for (const auto &m : **rb) EXPECT_TRUE(ids.insert(m.id).second) << m.id << " claimed twice";
  EXPECT_EQ(ids.size(), 40u);
}

TYPED_TEST(StoreContract, AnAccountLinkIsUsedOnceAndEndsTheSessions) {
  auto u = this->user("u1");
  u.password_hash.clear(); // invited: no password yet
  ASSERT_TRUE(this->run(this->store_->createUser(u)).ok());
  core::Session s{std::string(64, 'a'), "u1", "csrf", at(0), at(3'600'000)};
  core::Session kept{std::string(64, 'k'), "u1", "csrf", at(0), at(3'600'000)};
  ASSERT_TRUE(this->run(this->store_->createSession(s)).ok());
  ASSERT_TRUE(this->run(this->store_->createSession(kept)).ok());
  core::AccountToken token{"hash-1",    core::TokenPurpose::invitation, "u1", at(0), at(1'000),
                           std::nullopt};
  core::UnitOfWork invite;
  invite.add(core::NewAccountToken{token});
  ASSERT_TRUE(this->run(this->store_->commit(invite)).ok());
  EXPECT_EQ(this->must(this->store_->findAccountToken("hash-1")), token);
  EXPECT_EQ(this->run(this->store_->findAccountToken("hash-2")).error().code, ErrorCode::not_found);

  const auto use = [&] {
    core::UnitOfWork w;
    w.add(core::AccountTokenUsed{"hash-1", at(500)})
        .add(core::PasswordSet{"u1", "$argon2id$new"})
        .add(core::SessionsEnded{"u1", kept.token_hash});
    return this->run(this->store_->commit(w));
  };
  ASSERT_TRUE(use().ok());
  EXPECT_EQ(this->must(this->store_->findAccountToken("hash-1")).used_at, at(500));
  EXPECT_EQ(this->must(this->store_->getUser("u1")).password_hash, "$argon2id$new");
  EXPECT_EQ(this->run(this->store_->findSession(s.token_hash, at(1))).error().code,
            ErrorCode::not_found);
  EXPECT_TRUE(this->run(this->store_->findSession(kept.token_hash, at(1))).ok());
  // A second use fails as a whole: the password stays as the first use left it.
  EXPECT_EQ(use().error().code, ErrorCode::conflict);

  core::UnitOfWork off;
  off.add(core::AccountActivity{"u1", at(700)}).add(core::SessionsEnded{"u1", std::nullopt});
  ASSERT_TRUE(this->run(this->store_->commit(off)).ok());
  EXPECT_EQ(this->must(this->store_->getUser("u1")).deactivated_at, at(700));
  EXPECT_EQ(this->run(this->store_->findSession(kept.token_hash, at(1))).error().code,
            ErrorCode::not_found);
  core::UnitOfWork on;
  on.add(core::AccountActivity{"u1", std::nullopt});
  ASSERT_TRUE(this->run(this->store_->commit(on)).ok());
  EXPECT_FALSE(this->must(this->store_->getUser("u1")).deactivated_at);
}

// A unit of work is one transaction: all its changes, in order, or none of them.
TYPED_TEST(StoreContract, AUnitOfWorkCommitsEverythingOrNothing) {
  core::UnitOfWork work;
  work.add(core::NewUser{this->user("g1")});
  work.add(core::NewSession{{std::string(64, 'c'), "g1", "csrf", at(0), at(3'600'000)}});
  core::AuditEvent audit;
  audit.at = at(0);
  audit.actor_id = "g1";
  audit.action = "ticket.created";
  audit.object_type = "ticket";
  audit.object_id = "t1";
  work.add(core::AuditRecord{audit});
  ASSERT_TRUE(this->run(this->store_->commit(work)).ok());
  EXPECT_EQ(this->must(this->store_->getUser("g1")).email, "g1@example.kz");
  EXPECT_EQ(this->must(this->store_->findSession(std::string(64, 'c'), at(1))).user_id, "g1");
  EXPECT_EQ(this->must(this->store_->listAudit(std::nullopt, 10)).size(), 1u);

  // The second change conflicts (g1's e-mail again): the first is not kept either.
  core::UnitOfWork failing;
  failing.add(core::NewUser{this->user("g2")});
  auto again = this->user("g3");
  again.email = "g1@example.kz";
  failing.add(core::NewUser{again});
  failing.add(core::AuditRecord{audit});
  EXPECT_EQ(this->run(this->store_->commit(failing)).error().code, ErrorCode::conflict);
  EXPECT_EQ(this->run(this->store_->getUser("g2")).error().code, ErrorCode::not_found);
  EXPECT_EQ(this->must(this->store_->listAudit(std::nullopt, 10)).size(), 1u);

  // And the store goes on working after the failed unit (the same connection, on PostgreSQL).
  core::UnitOfWork next;
  next.add(core::NewUser{this->user("g4")});
  next.add(core::AuditRecord{audit});
  ASSERT_TRUE(this->run(this->store_->commit(next)).ok());
  EXPECT_EQ(this->must(this->store_->getUser("g4")).id, "g4");
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
