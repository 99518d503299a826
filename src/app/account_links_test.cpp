// Accounts managed by e-mail: invitations, password resets, changed passwords, sign-out
// everywhere and deactivation, through the services on a real SQLite store. The mails are
// read back from the outbox as the worker would claim them.
#include "app/account_links.hpp"

#include "app/auth_service.hpp"
#include "app/demo_seed.hpp"
#include "app/testing.hpp"
#include "app/user_service.hpp"

#include <gtest/gtest.h>

namespace kelisim::app {

using core::ErrorCode;
using core::Role;
using namespace std::chrono_literals;
using testing::run;

struct AccountLinksTest : ::testing::Test {
  testing::TempStore db;
  core::FakeClock clock{core::fromMillis(1'764'000'000'000)};
  SodiumRandom random;
  PasswordHasher hasher{HashCost::minimal(), 1};
  reception::EventLog events;
  MailSettings mail{"https://kelisim.example.kz/"};
  AuthService auth{*db.store, clock, random, hasher, AuthSettings{}, events, mail};
  UserService users{*db.store, clock, random, hasher, events, mail};
  Caller anonymous{std::nullopt, "127.0.0.1", "r"};

  void SetUp() override {
    ASSERT_TRUE(run(seedDemo(*db.store, clock, random, hasher, "Demo-password-1")));
  }
  Caller as(const std::string &email) {
    return Caller{run(db.store->findUserByEmail(email)).value(), "127.0.0.1", "r"};
  }
  // The mails now due, as the worker takes them.
  std::vector<core::Mail> mails() {
    auto due = run(db.store->claimMail(clock.now(), clock.now() + 1s, 100));
    EXPECT_TRUE(due);
    for (const auto &m : *due) EXPECT_TRUE(run(db.store->markMailSent(m.id, clock.now())));
    return due ? *due : std::vector<core::Mail>{};
  }
  static std::string secretOf(const core::Mail &m) {
    const auto &link = m.params.at("link");
    EXPECT_TRUE(link.starts_with("https://kelisim.example.kz/set-password#")) << link;
    return link.substr(link.find('#') + 1);
  }
  NewStaff invitee(const std::string &email) {
    NewStaff s;
    s.email = email;
    s.display_name = "Әлия Нұрланқызы";
    s.role = Role::specialist;
    s.kinds = {core::SpecialistKind::mediator};
    s.language = core::Language::kk;
    s.capacity = 2;
    return s;
  }
  bool accessEventFor(const std::string &user_id) {
    for (const auto &e : events.events)
      if (e.type == reception::Event::Type::access && e.id == user_id && e.session.empty())
        return true;
    return false;
  }
};

TEST_F(AccountLinksTest, AnInvitedSpecialistSetsTheirOwnPasswordOnce) {
  const auto coordinator = as("coordinator.wko@demo.kelisim.kz");
  auto invited = run(users.createStaff(coordinator, invitee("aliya@example.kz")));
  ASSERT_TRUE(invited) << invited.error().log;
  EXPECT_TRUE(invited->password_hash.empty()) << "nobody typed a password for them";
  EXPECT_EQ(invited->capacity, 2);
  EXPECT_EQ(invited->organisation_id, coordinator.user->organisation_id);
  // Nothing signs in to an invited account before the link is used.
  EXPECT_EQ(run(auth.signIn("aliya@example.kz", "", anonymous)).error().code,
            ErrorCode::invalid_credentials);

  auto sent = mails();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].kind, core::MailKind::invitation);
  EXPECT_EQ(sent[0].recipient, "aliya@example.kz");
  EXPECT_EQ(sent[0].language, core::Language::kk);
  EXPECT_EQ(sent[0].params.at("inviter"), coordinator.user->display_name);
  const std::string secret = secretOf(sent[0]);

  auto info = run(auth.accountLink(secret));
  ASSERT_TRUE(info);
  EXPECT_EQ(info->purpose, core::TokenPurpose::invitation);
  EXPECT_EQ(info->email, "aliya@example.kz");
  EXPECT_EQ(run(auth.setPassword(secret, "short", anonymous)).error().code,
            ErrorCode::validation_failed);
  auto in = run(auth.setPassword(secret, "my-own-password-1", anonymous));
  ASSERT_TRUE(in) << in.error().log;
  EXPECT_EQ(in->user.id, invited->id);
  EXPECT_TRUE(run(auth.authenticate(in->token)));
  EXPECT_TRUE(run(auth.signIn("aliya@example.kz", "my-own-password-1", anonymous)));
  // Used: the link is no good any more, for looking or for setting.
  EXPECT_EQ(run(auth.accountLink(secret)).error().code, ErrorCode::link_expired);
  EXPECT_EQ(run(auth.setPassword(secret, "someone-elses-1", anonymous)).error().code,
            ErrorCode::link_expired);
  EXPECT_EQ(run(auth.accountLink("nothing-like-it")).error().code, ErrorCode::not_found);
  // Joined: no invitation to send again.
  EXPECT_EQ(run(users.resendInvitation(coordinator, invited->id)).error().code,
            ErrorCode::validation_failed);
}

TEST_F(AccountLinksTest, AnInvitationExpiresAndCanBeSentAgain) {
  const auto admin = as("admin@demo.kelisim.kz");
  auto staff = invitee("late@example.kz");
  staff.organisation_id = run(db.store->findUserByEmail("lawyer@demo.kelisim.kz"))->organisation_id;
  auto invited = run(users.createStaff(admin, staff));
  ASSERT_TRUE(invited);
  const std::string old_secret = secretOf(mails().at(0));
  clock.advance(24h * 8);
  EXPECT_EQ(run(auth.accountLink(old_secret)).error().code, ErrorCode::link_expired);
  ASSERT_TRUE(run(users.resendInvitation(admin, invited->id)));
  const std::string secret = secretOf(mails().at(0));
  EXPECT_TRUE(run(auth.setPassword(secret, "finally-mine-1", anonymous)));
  // Another organisation's coordinator cannot see them, let alone invite them.
  EXPECT_EQ(
      run(users.resendInvitation(as("coordinator.wko@demo.kelisim.kz"), invited->id)).error().code,
      ErrorCode::not_found);
}

TEST_F(AccountLinksTest, AForgottenPasswordIsResetByMailWithoutTellingWhoExists) {
  auto before = run(auth.signIn("citizen@demo.kelisim.kz", "Demo-password-1", anonymous));
  ASSERT_TRUE(before);
  ASSERT_TRUE(run(auth.requestPasswordReset("Citizen@Demo.Kelisim.kz", anonymous)));
  ASSERT_TRUE(run(auth.requestPasswordReset("nobody@example.kz", anonymous)))
      << "the same answer for an e-mail nobody has";
  auto sent = mails();
  ASSERT_EQ(sent.size(), 1u) << "a mail only to the account that exists";
  EXPECT_EQ(sent[0].kind, core::MailKind::password_reset);
  const std::string secret = secretOf(sent[0]);
  // The old password keeps working until the new one is set.
  EXPECT_TRUE(run(auth.signIn("citizen@demo.kelisim.kz", "Demo-password-1", anonymous)));
  auto after = run(auth.setPassword(secret, "a-new-password-1", anonymous));
  ASSERT_TRUE(after);
  EXPECT_EQ(run(auth.authenticate(before->token)).error().code, ErrorCode::unauthenticated)
      << "a reset ends the sessions someone else may hold";
  EXPECT_TRUE(run(auth.authenticate(after->token)));
  EXPECT_EQ(run(auth.signIn("citizen@demo.kelisim.kz", "Demo-password-1", anonymous)).error().code,
            ErrorCode::invalid_credentials);
  EXPECT_TRUE(accessEventFor(after->user.id));

  // A reset link lasts an hour.
  ASSERT_TRUE(run(auth.requestPasswordReset("citizen@demo.kelisim.kz", anonymous)));
  const std::string second = secretOf(mails().at(0));
  clock.advance(61min);
  EXPECT_EQ(run(auth.setPassword(second, "too-late-now-1", anonymous)).error().code,
            ErrorCode::link_expired);
  // A flood of requests sends at most 3 mails an hour.
  for (int i = 0; i < 10; ++i)
    ASSERT_TRUE(run(auth.requestPasswordReset("citizen@demo.kelisim.kz", anonymous)));
  EXPECT_EQ(mails().size(), 3u);
}

TEST_F(AccountLinksTest, ChangingThePasswordKeepsThisDeviceAndEndsTheOthers) {
  auto here =
      run(auth.signIn("psychologist@demo.kelisim.kz", "Demo-password-1", anonymous)).value();
  auto there =
      run(auth.signIn("psychologist@demo.kelisim.kz", "Demo-password-1", anonymous)).value();
  const auto who = as("psychologist@demo.kelisim.kz");
  EXPECT_EQ(run(auth.changePassword(who, tokenKey(here.token), "wrong-one-123", "new-pass-123"))
                .error()
                .fields.at(0)
                .code,
            "wrong_password");
  ASSERT_TRUE(
      run(auth.changePassword(who, tokenKey(here.token), "Demo-password-1", "new-pass-123")));
  EXPECT_TRUE(run(auth.authenticate(here.token)));
  EXPECT_EQ(run(auth.authenticate(there.token)).error().code, ErrorCode::unauthenticated);
  EXPECT_TRUE(run(auth.signIn("psychologist@demo.kelisim.kz", "new-pass-123", anonymous)));

  ASSERT_TRUE(run(auth.signOutEverywhere(who)));
  EXPECT_EQ(run(auth.authenticate(here.token)).error().code, ErrorCode::unauthenticated);
}

TEST_F(AccountLinksTest, ADeactivatedAccountLosesItsSessionsAndCannotSignIn) {
  const auto coordinator = as("coordinator.wko@demo.kelisim.kz");
  auto session = run(auth.signIn("mediator@demo.kelisim.kz", "Demo-password-1", anonymous));
  ASSERT_TRUE(session);
  const std::string id = session->user.id;
  auto off = run(users.setActive(coordinator, id, false));
  ASSERT_TRUE(off);
  EXPECT_TRUE(off->deactivated_at);
  EXPECT_TRUE(accessEventFor(id)) << "their open pages end at once";
  EXPECT_EQ(run(auth.authenticate(session->token)).error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(run(auth.signIn("mediator@demo.kelisim.kz", "Demo-password-1", anonymous)).error().code,
            ErrorCode::account_deactivated);
  // No reset mail reopens it.
  ASSERT_TRUE(run(auth.requestPasswordReset("mediator@demo.kelisim.kz", anonymous)));
  EXPECT_TRUE(mails().empty());

  ASSERT_TRUE(run(users.setActive(coordinator, id, true)));
  EXPECT_TRUE(run(auth.signIn("mediator@demo.kelisim.kz", "Demo-password-1", anonymous)));

  // Not oneself; not someone of another organisation; not by a specialist.
  EXPECT_EQ(run(users.setActive(coordinator, coordinator.user->id, false)).error().code,
            ErrorCode::validation_failed);
  const auto astana_lawyer = run(db.store->findUserByEmail("lawyer@demo.kelisim.kz"))->id;
  EXPECT_EQ(run(users.setActive(coordinator, astana_lawyer, false)).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(run(users.setActive(as("lawyer.wko@demo.kelisim.kz"), id, false)).error().code,
            ErrorCode::not_found);
}

} // namespace kelisim::app
