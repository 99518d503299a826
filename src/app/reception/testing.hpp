// Test support for the reception services: the demo data (seed-demo) in a temporary SQLite
// store, a fake clock, and the services wired as `kelisim serve` wires them. Each test adds
// the room service with the settings it needs. Only *_test.cpp files include this.
#pragma once

#include "app/auth_service.hpp"
#include "app/demo_seed.hpp"
#include "app/reception/queue_service.hpp"
#include "app/reception/reception_cache.hpp"
#include "app/testing.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kelisim::app::reception::testing {

using app::testing::run;

struct DemoReception : ::testing::Test {
  app::testing::TempStore db;
  core::FakeClock clock{core::fromMillis(1'764'000'000'000)};
  SodiumRandom random;
  PasswordHasher hasher{HashCost::minimal(), 1};
  EventLog events;
  AuthService auth{*db.store, clock, random, hasher, {}, events};
  QueueEngine engine;
  ReceptionCache receptions{*db.store, clock};
  QueueService queue{*db.store, clock, random, auth, engine, receptions, events, {}};
  std::string astana_reception; // the Astana centre's event reception
  std::string astana_org;

  void SetUp() override {
    ASSERT_TRUE(run(seedDemo(*db.store, clock, random, hasher, "Demo-password-1")));
    astana_org = *as("lawyer@demo.kelisim.kz").user->organisation_id;
    const auto list = run(db.store->listReceptions(astana_org, clock.now())).value();
    for (const auto &r : list)
      if (r.kind == core::reception::ReceptionKind::event) astana_reception = r.id;
    ASSERT_FALSE(astana_reception.empty());
  }
  Caller as(const std::string &email) {
    return Caller{run(db.store->findUserByEmail(email)).value(), "127.0.0.1", "r"};
  }
};

} // namespace kelisim::app::reception::testing
