#include "app/mediation/mediator_service.hpp"

#include "app/reception/testing.hpp"

#include <gtest/gtest.h>

namespace kelisim::app::mediation {
namespace {

using core::ErrorCode;
using reception::testing::run;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

// The demo seed's register: Гүлнар Бекова and Ольга Ким (professional, linked to the demo
// mediators' accounts), Арман Досжанов (professional, suspended), Бақыт Нұрғалиева and Виктор
// Ли (public).
struct MediatorServiceTest : reception::testing::DemoReception {
  MediatorService mediators{*db.store, clock, random};

  std::vector<std::string> names(const DirectoryQuery &q) {
    std::vector<std::string> out;
    const auto listed = run(mediators.directory(q)).value();
    for (const auto &m : listed) out.push_back(m.name);
    return out;
  }

  MediatorInput input() {
    MediatorInput in;
    in.name = "Жанар Оспанова";
    in.kind = md::MediatorKind::professional;
    in.keeper = "Палата профессиональных медиаторов «Келісім»";
    in.certificate = md::Certificate{"ПМ-2024-0001", md::Date{year{2024}, month{1}, day{9}}};
    in.specialisations = {md::Specialisation::labour};
    in.languages = {core::Language::kk};
    in.regions = {"KZ-71"};
    return in;
  }
};

TEST_F(MediatorServiceTest, AnyoneReadsTheWholeRegisterSuspendedIncluded) {
  const auto all = run(mediators.directory({})).value();
  ASSERT_EQ(all.size(), 5u);
  const auto suspended = std::find_if(all.begin(), all.end(), [](const md::Mediator &m) {
    return m.status == md::MediatorStatus::suspended;
  });
  ASSERT_NE(suspended, all.end());
  EXPECT_EQ(suspended->name, "Арман Досжанов");
  EXPECT_FALSE(suspended->status_reason.empty());
  EXPECT_TRUE(suspended->status_since);
}

TEST_F(MediatorServiceTest, SearchesNamesAndKeepersInAnyCaseAndFilters) {
  DirectoryQuery q;
  q.text = "ОЛЬГА";
  EXPECT_EQ(names(q), std::vector<std::string>{"Ольга Ким"});
  q.text = "акимат";
  EXPECT_EQ(names(q), std::vector<std::string>{"Виктор Ли"});
  q.text = "әкімдігі";
  EXPECT_EQ(names(q), std::vector<std::string>{"Бақыт Нұрғалиева"});
  q = {};
  q.filters.kind = md::MediatorKind::public_;
  q.filters.language = core::Language::ru;
  EXPECT_EQ(names(q), std::vector<std::string>{"Виктор Ли"});
  q = {};
  q.filters.status = md::MediatorStatus::active;
  q.filters.region = "KZ-27";
  EXPECT_EQ(names(q), (std::vector<std::string>{"Бақыт Нұрғалиева", "Гүлнар Бекова"}));
  q = {};
  q.text = std::string(kMaxSearchText + 1, 'a');
  EXPECT_EQ(run(mediators.directory(q)).error().fields.at(0).field, "q");
}

TEST_F(MediatorServiceTest, OnlyTheAdminKeepsTheRegisterAndEveryChangeIsAudited) {
  EXPECT_EQ(run(mediators.create(Caller{}, input())).error().code, ErrorCode::unauthenticated);
  for (const char *email : {"coordinator.astana@demo.kelisim.kz", "mediator@demo.kelisim.kz",
                            "citizen@demo.kelisim.kz"})
    EXPECT_EQ(run(mediators.create(as(email), input())).error().code, ErrorCode::forbidden)
        << email;
  const auto admin = as("admin@demo.kelisim.kz");
  auto made = run(mediators.create(admin, input()));
  ASSERT_TRUE(made);
  EXPECT_EQ(run(mediators.get(made->id)).value(), *made);
  auto edited = input();
  edited.regions = {"KZ-71", "KZ-27"};
  EXPECT_EQ(run(mediators.update(admin, made->id, edited)).value().regions.size(), 2u);
  EXPECT_EQ(run(mediators.update(as("coordinator.astana@demo.kelisim.kz"), made->id, edited))
                .error()
                .code,
            ErrorCode::forbidden);
  auto suspended = run(
      mediators.changeStatus(admin, made->id, md::MediatorStatus::suspended, "Проверка жалобы"));
  ASSERT_TRUE(suspended);
  EXPECT_FALSE(md::mayTakeCases(*suspended));
  auto excluded =
      run(mediators.changeStatus(admin, made->id, md::MediatorStatus::excluded, "Решение"));
  ASSERT_TRUE(excluded);
  EXPECT_EQ(
      run(mediators.changeStatus(admin, made->id, md::MediatorStatus::active, {})).error().code,
      ErrorCode::conflict);
  core::AuditQuery audit;
  audit.object_id = made->id;
  std::vector<std::string> actions;
  const auto entries = run(db.store->searchAudit(audit)).value();
  for (const auto &e : entries) actions.push_back(e.action);
  std::sort(actions.begin(), actions.end());
  EXPECT_EQ(actions, (std::vector<std::string>{"mediator.added", "mediator.excluded",
                                               "mediator.suspended", "mediator.updated"}));
}

TEST_F(MediatorServiceTest, ARecordIsCheckedAgainstItsRulesTheRegionsAndTheAccount) {
  const auto admin = as("admin@demo.kelisim.kz");
  auto in = input();
  in.regions = {"KZ-99"};
  EXPECT_EQ(run(mediators.create(admin, in)).error().fields.at(0).field, "regions");
  in = input();
  in.certificate.reset();
  EXPECT_EQ(run(mediators.create(admin, in)).error().fields.at(0).field, "certificate_number");
  in = input();
  in.user_id = as("citizen@demo.kelisim.kz").user->id;
  EXPECT_EQ(run(mediators.create(admin, in)).error().fields.at(0).code, "invalid_value");
  in.user_id = "nobody";
  EXPECT_EQ(run(mediators.create(admin, in)).error().fields.at(0).code, "not_found");
  // An account already linked to another record is taken.
  in.user_id = as("mediator@demo.kelisim.kz").user->id;
  EXPECT_EQ(run(mediators.create(admin, in)).error().code, ErrorCode::conflict);
  EXPECT_EQ(run(mediators.get("nope")).error().code, ErrorCode::not_found);
}

} // namespace
} // namespace kelisim::app::mediation
