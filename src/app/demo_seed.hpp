// `kelisim seed-demo`: the two Reconciliation Centres of the source article (West Kazakhstan
// region and Astana), a coordinator each, specialists of every kind in each, one admin and
// one citizen, all with the given password; for each centre its permanent line and a
// reception open from now for eight hours with all its specialists on the roster, so that a
// newcomer can try the whole flow at once. Runs once: a second call changes nothing.
#pragma once

#include "app/password_hasher.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/random.hpp"
#include "core/ports/store.hpp"

#include <string>
#include <vector>

namespace kelisim::app {

struct DemoAccount {
  std::string email;
  std::string role; // e.g. "specialist (lawyer)"
};

struct DemoSeed {
  bool created = false; // false: the demo data was already there
  std::vector<DemoAccount> accounts;
};

core::Task<DemoSeed> seedDemo(core::Store &store, const core::Clock &clock, core::Random &random,
                              PasswordHasher &hasher, const std::string &password);

} // namespace kelisim::app
