#include "app/reception/reception_service.hpp"

#include "app/demo_seed.hpp"
#include "app/password_hasher.hpp"
#include "app/testing.hpp"

#include <gtest/gtest.h>

namespace kelisim::app::reception {
namespace {

using core::SpecialistKind;
using testing::run;
using namespace std::chrono_literals;

struct ReceptionServiceTest : ::testing::Test {
  testing::TempStore db;
  core::FakeClock clock{core::fromMillis(1'764'000'000'000)}; // 2025-11-24: long settled
  SodiumRandom random;
  PasswordHasher hasher{HashCost::minimal(), 1};
  QueueEngine engine;
  ReceptionCache cache{*db.store, clock};
  ReceptionService service{*db.store, clock, random, engine, cache};
  std::string org;
  std::string reception;
  Caller coordinator;

  void SetUp() override {
    ASSERT_TRUE(run(seedDemo(*db.store, clock, random, hasher, "Demo-password-1")));
    coordinator =
        Caller{run(db.store->findUserByEmail("coordinator.astana@demo.kelisim.kz")).value(),
               "127.0.0.1", "r"};
    org = *coordinator.user->organisation_id;
    const auto receptions = run(db.store->listReceptions(org, clock.now())).value();
    for (const auto &r : receptions)
      if (r.kind == rc::ReceptionKind::event) reception = r.id;
    ASSERT_FALSE(reception.empty());
  }

  // A phone consultation of `kind` that came `at` and waited `wait`, with `outcome`.
  void consultation(int n, core::Time at, std::chrono::seconds wait, SpecialistKind kind,
                    rc::Outcome outcome) {
    rc::Ticket t;
    t.id = "bench-" + std::to_string(n);
    t.reception_id = reception;
    t.organisation_id = org;
    t.region = n % 2 ? "KZ-71" : "KZ-75";
    t.category = n % 3 ? "family" : "labour";
    t.description = "—";
    t.channel = rc::Channel::phone;
    t.seats.push_back({kind, std::nullopt, std::nullopt});
    t.created_at = at;
    t.served_at = at + wait;
    t.ended_at = at + wait + 10min;
    rc::Room room;
    room.id = "room-" + t.id;
    room.reception_id = reception;
    room.organisation_id = org;
    room.created_at = *t.served_at;
    room.closed_at = t.ended_at;
    room.outcome = outcome;
    room.duration_seconds = 600;
    ASSERT_TRUE(run(db.store->recordPhoneConsultation(t, room)));
  }

  rc::Figures direct(core::Time from, core::Time to) {
    core::Store::ConsultationQuery q;
    q.organisation_id = org;
    q.from = from;
    q.to = to;
    return rc::computeFigures(run(db.store->listConsultations(q)).value());
  }
};

TEST_F(ReceptionServiceTest, AReceptionOffersVoiceAndVideoCalls) {
  ReceptionInput in;
  in.title = core::LocalText{"Қабылдау", "Приём", "Reception"};
  in.starts_at = clock.now() + 1h;
  in.ends_at = clock.now() + 3h;
  in.categories = std::vector<std::string>{"family"};
  in.channels = std::vector{rc::Channel::chat, rc::Channel::video};
  auto made = run(service.create(coordinator, in));
  ASSERT_TRUE(made);
  EXPECT_EQ(made->channels, (std::vector{rc::Channel::chat, rc::Channel::video}));
  ReceptionInput edit;
  edit.channels = std::vector{rc::Channel::voice};
  auto edited = run(service.update(coordinator, reception, edit));
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->channels, std::vector{rc::Channel::voice});
  edit.channels = std::vector<rc::Channel>{};
  EXPECT_EQ(run(service.update(coordinator, reception, edit)).error().fields.at(0).code,
            "required");
}

TEST_F(ReceptionServiceTest, FiguresFromKeptDaysAreTheFiguresOfTheRecords) {
  // Ten days of consultations at every hour of the day, waits that repeat across days.
  const core::Time start = rc::startOfDay(rc::dayOf(clock.now())) - 12 * 24h;
  int n = 0;
  for (int day = 0; day < 10; ++day)
    for (int hour = 0; hour < 24; hour += 5) {
      const auto kind = (day + hour) % 2 ? SpecialistKind::lawyer : SpecialistKind::mediator;
      consultation(n++, start + day * 24h + hour * 1h + 7min, std::chrono::seconds(n * 37 % 300),
                   kind, n % 4 ? rc::Outcome::advice_given : rc::Outcome::referred_to_court);
    }
  // A range that starts and ends inside days, so both ends are counted from the records.
  const core::Time from = start + 30h, to = start + 8 * 24h + 13h;
  const rc::Figures expected = direct(from, to);
  ASSERT_GT(expected.served, 30);

  auto cold = run(service.organisationFigures(coordinator, org, from, to));
  ASSERT_TRUE(cold);
  EXPECT_EQ(*cold, expected);
  core::Store::ConsultationQuery scope;
  scope.organisation_id = org;
  auto days = run(db.store->listFigureDays(scope, rc::dayOf(start), rc::dayOf(start) + 9)).value();
  ASSERT_EQ(days.days.size(), 10u);
  int kept = 0;
  for (const auto &d : days.days) kept += d.tally ? 1 : 0;
  EXPECT_EQ(kept, 6) << "the whole days of the range (2 to 7) keep their tallies";
  EXPECT_EQ(run(service.organisationFigures(coordinator, org, from, to)).value(), expected);

  // A rating given late, on a kept day: the figures follow.
  ASSERT_TRUE(run(db.store->createFeedback({"bench-30", reception, org, 2, "", "", clock.now()})));
  EXPECT_EQ(run(service.organisationFigures(coordinator, org, from, to)).value(), direct(from, to));
  EXPECT_EQ(run(service.organisationFigures(coordinator, org, from, to))->ratings, 1);
  // Two kept days apart (days 2 and 6) change at once: each is counted again on its own.
  ASSERT_TRUE(run(db.store->createFeedback({"bench-12", reception, org, 5, "", "", clock.now()})));
  ASSERT_TRUE(run(db.store->createFeedback({"bench-33", reception, org, 4, "", "", clock.now()})));
  EXPECT_EQ(run(service.organisationFigures(coordinator, org, from, to)).value(), direct(from, to));
  EXPECT_EQ(run(service.organisationFigures(coordinator, org, from, to))->ratings, 3);
  // The reception's own figures and the whole of time agree too.
  EXPECT_EQ(run(service.figures(coordinator, reception)).value(),
            direct(core::Time{}, core::Time::max()));
}

TEST_F(ReceptionServiceTest, FiguresAreTheCoordinatorsOwn) {
  auto other = run(db.store->findUserByEmail("coordinator.wko@demo.kelisim.kz"));
  ASSERT_TRUE(other);
  const Caller stranger{*other, "127.0.0.1", "r"};
  EXPECT_EQ(
      run(service.organisationFigures(stranger, org, core::Time{}, core::Time::max())).error().code,
      core::ErrorCode::forbidden);
  EXPECT_EQ(run(service.figures(stranger, reception)).error().code, core::ErrorCode::forbidden);
  EXPECT_EQ(run(service.figures(Caller{}, reception)).error().code,
            core::ErrorCode::unauthenticated);
}

} // namespace
} // namespace kelisim::app::reception
