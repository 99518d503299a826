#include "app/user_service.hpp"

#include "app/demo_seed.hpp"
#include "app/testing.hpp"

#include <gtest/gtest.h>

namespace kelisim::app {

using core::ErrorCode;
using core::Role;
using testing::run;

// The demo data gives two organisations with people of every role.
struct UserServiceTest : ::testing::Test {
  testing::TempStore db;
  core::FakeClock clock{core::fromMillis(1'764'000'000'000)};
  SodiumRandom random;
  PasswordHasher hasher{HashCost::minimal(), 1};
  reception::EventLog events;
  UserService users{*db.store, clock, random, hasher, events};

  void SetUp() override {
    ASSERT_TRUE(run(seedDemo(*db.store, clock, random, hasher, "Demo-password-1")));
  }
  Caller as(const std::string &email) {
    return Caller{run(db.store->findUserByEmail(email)).value(), "127.0.0.1", "r"};
  }
  std::string idOf(const std::string &email) { return run(db.store->findUserByEmail(email))->id; }
  NewStaff staff(const std::string &email, Role role, std::optional<std::string> org) {
    return NewStaff{email,
                    "long-enough-1",
                    "Name",
                    role,
                    role == Role::specialist ? std::vector{core::SpecialistKind::lawyer}
                                             : std::vector<core::SpecialistKind>{},
                    std::move(org),
                    core::Language::ru,
                    {},
                    {"family"}};
  }
};

TEST_F(UserServiceTest, CoordinatorManagesOnlyTheirOwnOrganisation) {
  auto wko = as("coordinator.wko@demo.kelisim.kz");
  auto list = run(users.list(wko));
  ASSERT_TRUE(list);
  for (const auto &u : *list) EXPECT_EQ(u.organisation_id, wko.user->organisation_id);

  // The lawyer works in Astana: to the West Kazakhstan coordinator, that id does not exist.
  const auto astana_lawyer = idOf("lawyer@demo.kelisim.kz");
  EXPECT_EQ(run(users.get(wko, astana_lawyer)).error().code, ErrorCode::not_found);
  UserChanges promote;
  promote.role = Role::coordinator;
  EXPECT_EQ(run(users.update(wko, astana_lawyer, promote)).error().code, ErrorCode::not_found);

  auto mine = run(users.createStaff(wko, staff("new@wko.kz", Role::specialist, std::nullopt)));
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->organisation_id, wko.user->organisation_id);
  const auto astana_org = run(db.store->findUserByEmail("lawyer@demo.kelisim.kz"))->organisation_id;
  EXPECT_EQ(
      run(users.createStaff(wko, staff("x@wko.kz", Role::specialist, astana_org))).error().code,
      ErrorCode::forbidden);
  EXPECT_EQ(run(users.createStaff(wko, staff("y@wko.kz", Role::admin, std::nullopt))).error().code,
            ErrorCode::forbidden);
}

TEST_F(UserServiceTest, CitizensAndSpecialistsManageNobody) {
  for (const char *email : {"citizen@demo.kelisim.kz", "mediator@demo.kelisim.kz"}) {
    auto c = as(email);
    EXPECT_EQ(run(users.list(c)).error().code, ErrorCode::forbidden) << email;
    EXPECT_EQ(run(users.get(c, idOf("admin@demo.kelisim.kz"))).error().code, ErrorCode::not_found);
    EXPECT_EQ(
        run(users.createStaff(c, staff("z@z.kz", Role::specialist, std::nullopt))).error().code,
        ErrorCode::forbidden);
  }
  EXPECT_EQ(run(users.list(Caller{})).error().code, ErrorCode::unauthenticated);
}

TEST_F(UserServiceTest, RoleChangesAreAudited) {
  auto admin = as("admin@demo.kelisim.kz");
  UserChanges promote;
  promote.role = Role::coordinator;
  auto changed = run(users.update(admin, idOf("judge@demo.kelisim.kz"), promote));
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->role, Role::coordinator);
  EXPECT_TRUE(changed->kinds.empty());
  auto audit = run(db.store->listAudit(std::nullopt, 10));
  ASSERT_TRUE(audit);
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ(audit->front().action, "user.role_changed");
  EXPECT_EQ(audit->front().detail, R"({"from":"specialist","to":"coordinator"})");
}

TEST_F(UserServiceTest, NobodyChangesTheirOwnRoleOrKinds) {
  auto coordinator = as("coordinator.wko@demo.kelisim.kz");
  UserChanges become;
  become.role = Role::specialist;
  become.kinds = std::vector{core::SpecialistKind::lawyer};
  auto refused = run(users.update(coordinator, coordinator.user->id, become));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(run(db.store->getUser(coordinator.user->id))->role, Role::coordinator);

  auto lawyer = as("lawyer@demo.kelisim.kz");
  UserChanges kinds;
  kinds.kinds = std::vector{core::SpecialistKind::psychologist};
  EXPECT_FALSE(run(users.update(lawyer, lawyer.user->id, kinds)));
  // Their own name still goes through update.
  UserChanges name;
  name.display_name = "Renamed";
  EXPECT_TRUE(run(users.update(coordinator, coordinator.user->id, name)));
}

TEST_F(UserServiceTest, UpdateMeChangesOnlyNameAndLanguage) {
  auto citizen = as("citizen@demo.kelisim.kz");
  UserChanges lang;
  lang.language = core::Language::kk;
  EXPECT_EQ(run(users.updateMe(citizen, lang))->language, core::Language::kk);
  UserChanges escalate;
  escalate.role = Role::admin;
  EXPECT_EQ(run(users.updateMe(citizen, escalate)).error().code, ErrorCode::validation_failed);
}

TEST_F(UserServiceTest, DemoSeedRunsOnce) {
  auto again = run(seedDemo(*db.store, clock, random, hasher, "Demo-password-1"));
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->created);
}

} // namespace kelisim::app
