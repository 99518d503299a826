#include "app/auth_service.hpp"
#include "core/consent.hpp"

#include "app/testing.hpp"
#include "core/ids.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

namespace kelisim::app {

using core::ErrorCode;
using namespace std::chrono_literals;
using testing::run;

struct AuthServiceTest : ::testing::Test {
  testing::TempStore db;
  core::FakeClock clock{core::fromMillis(1'764'000'000'000)};
  SodiumRandom random;
  PasswordHasher hasher{HashCost::minimal(), 1};
  reception::EventLog events;
  AuthService auth{*db.store, clock, random, hasher, AuthSettings{}, events};
  Caller caller{std::nullopt, "127.0.0.1", "req-1"};

  SignedIn signUp(const std::string &email) {
    SignUpInput in{email, "correct-horse-1", "Айгүл", core::Language::kk, true};
    return run(auth.signUp(std::move(in), caller)).value();
  }
};

TEST_F(AuthServiceTest, SignUpMakesACitizenWithAHashedPasswordAndASession) {
  auto s = signUp("Aigul@Example.kz");
  EXPECT_EQ(s.user.email, "aigul@example.kz");
  EXPECT_EQ(s.user.role, core::Role::citizen);
  EXPECT_TRUE(s.user.password_hash.starts_with("$argon2id$"));
  EXPECT_EQ(s.user.consent_version, core::kConsentVersion);
  EXPECT_EQ(run(db.store->getUser(s.user.id))->consent_at, clock.now());
  EXPECT_EQ(s.token.size(), 64u);
  auto who = run(auth.authenticate(s.token));
  ASSERT_TRUE(who);
  EXPECT_EQ(who->user.id, s.user.id);
  EXPECT_EQ(who->session.csrf_token, s.csrf_token);
  EXPECT_NE(who->session.token_hash, s.token) << "only the hash of the token is stored";
  EXPECT_EQ(who->session.token_hash, tokenKey(s.token));
  EXPECT_EQ(s.token.substr(0, 12), core::newId(clock.now(), random).substr(0, 12))
      << "a token starts with its creation time, so new sessions share index pages";
}

TEST_F(AuthServiceTest, SessionsStoredUnderTheOldPlainHashStillWorkAndSignOut) {
  auto s = signUp("old@b.kz");
  const std::string old_token(64, 'e');
  core::Session legacy{legacyTokenKey(old_token), s.user.id, "csrf", clock.now(), clock.now() + 1h};
  ASSERT_TRUE(run(db.store->createSession(legacy)));
  auto who = run(auth.authenticate(old_token));
  ASSERT_TRUE(who);
  EXPECT_EQ(who->user.id, s.user.id);
  ASSERT_TRUE(run(auth.signOut(old_token, caller)));
  EXPECT_EQ(run(auth.authenticate(old_token)).error().code, ErrorCode::unauthenticated);
}

TEST_F(AuthServiceTest, SignUpRefusesBadInputAndTakenEmails) {
  signUp("a@b.kz");
  SignUpInput again{"A@B.kz", "correct-horse-1", "Other", core::Language::ru, true};
  auto taken = run(auth.signUp(std::move(again), caller));
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().fields.at(0).code, "taken");
  SignUpInput bad{"not-an-email", "short", "", core::Language::ru};
  auto invalid = run(auth.signUp(std::move(bad), caller));
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().fields.size(), 4u) << "e-mail, password, name and consent";
  SignUpInput outdated{"c@b.kz", "correct-horse-1", "Айгүл", core::Language::kk,
                       true,     "2020-01-01"};
  auto old = run(auth.signUp(std::move(outdated), caller));
  ASSERT_FALSE(old);
  EXPECT_EQ(old.error().fields.at(0).field, "consent");
  EXPECT_EQ(old.error().fields.at(0).code, "outdated");
}

TEST_F(AuthServiceTest, SignInChecksThePasswordAndLocksAfterRepeatedFailures) {
  signUp("a@b.kz");
  EXPECT_TRUE(run(auth.signIn("a@b.kz", "correct-horse-1", caller)));
  EXPECT_EQ(run(auth.signIn("nobody@b.kz", "correct-horse-1", caller)).error().code,
            ErrorCode::invalid_credentials);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(run(auth.signIn("a@b.kz", "wrong-password", caller)).error().code,
              ErrorCode::invalid_credentials);
  auto locked = run(auth.signIn("a@b.kz", "correct-horse-1", caller));
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code, ErrorCode::account_locked);
  EXPECT_EQ(locked.error().params.at("minutes"), "15");
  clock.advance(16min);
  EXPECT_TRUE(run(auth.signIn("a@b.kz", "correct-horse-1", caller)));
  auto audit = run(db.store->listAudit(std::nullopt, 100));
  ASSERT_TRUE(audit);
  int failures = 0, lockouts = 0;
  for (const auto &e : *audit) {
    failures += e.action == "auth.sign_in_failed";
    lockouts += e.action == "auth.locked_out";
    EXPECT_EQ(e.detail.find("wrong-password"), std::string::npos) << "no password in the audit";
  }
  EXPECT_EQ(failures, 6);
  EXPECT_EQ(lockouts, 1);
}

TEST_F(AuthServiceTest, AnUnknownEmailCostsAFullPasswordCheck) {
  // Its check runs against a real hash of the same cost as every stored one, not against
  // nothing (which answered at once, so timing told which e-mails exist).
  const auto &decoy = hasher.decoy();
  const auto cost = HashCost::minimal();
  ASSERT_EQ(decoy.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(crypto_pwhash_argon2id_str_needs_rehash(decoy.c_str(), cost.ops, cost.memory_bytes), 0);
  EXPECT_EQ(&decoy, &hasher.decoy()) << "made once";
  EXPECT_FALSE(hasher.verifyNow(decoy, "correct-horse-1"));
}

TEST_F(AuthServiceTest, AFullHashingQueueAnswersBusyAtOnce) {
  signUp("a@b.kz");
  PasswordHasher small{HashCost::minimal(), 1, 2};
  AuthService limited{*db.store, clock, random, small, AuthSettings{}, events};
  auto first = small.reserve();
  auto second = small.reserve();
  ASSERT_TRUE(first && second);
  EXPECT_FALSE(small.reserve()) << "a third would wait behind two";
  auto refused = run(limited.signIn("a@b.kz", "correct-horse-1", caller));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::busy) << "told to retry, not queued";
  SignUpInput in{"new@b.kz", "correct-horse-1", "Жаңа", core::Language::kk, true};
  EXPECT_EQ(run(limited.signUp(in, caller)).error().code, ErrorCode::busy);
  second.reset(); // a place is given back
  EXPECT_TRUE(run(limited.signIn("a@b.kz", "correct-horse-1", caller)));
  EXPECT_TRUE(small.reserve()) << "the sign-in gave its place back";
}

TEST_F(AuthServiceTest, SessionsExpireAndSignOutEndsThem) {
  auto s = signUp("a@b.kz");
  clock.advance(std::chrono::hours(24 * 15));
  EXPECT_EQ(run(auth.authenticate(s.token)).error().code, ErrorCode::unauthenticated);
  auto fresh = run(auth.signIn("a@b.kz", "correct-horse-1", caller)).value();
  EXPECT_TRUE(run(auth.signOut(fresh.token, caller)));
  EXPECT_EQ(run(auth.authenticate(fresh.token)).error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(run(auth.authenticate("")).error().code, ErrorCode::unauthenticated);
}

} // namespace kelisim::app
