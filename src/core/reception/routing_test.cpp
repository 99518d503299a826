#include "core/reception/routing.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <set>

namespace kelisim::core::reception {

using namespace std::chrono_literals;
using K = SpecialistKind;
using L = Language;

namespace {
const Time t0 = fromMillis(1'764'000'000'000);

TicketNeeds ticket(std::string id, std::vector<K> kinds, Time arrived, L lang = L::ru,
                   std::string category = "family", std::string region = "KZ-27",
                   int priority = 0) {
  return {std::move(id), std::move(kinds), std::move(category), lang, std::move(region),
          priority,      arrived};
}

SpecialistState specialist(std::string id, std::vector<K> kinds, std::vector<L> langs = {L::ru},
                           std::vector<std::string> categories = {}, std::string region = "") {
  SpecialistState s;
  s.id = std::move(id);
  s.kinds = std::move(kinds);
  s.languages = std::move(langs);
  s.categories = std::move(categories);
  s.region = std::move(region);
  s.on_duty = true;
  s.idle_since = t0;
  return s;
}
} // namespace

TEST(Routing, OldestTicketOfTheRightKindFirst) {
  RoutingQueue q;
  q.add(ticket("doctor-1", {K::doctor}, t0));
  q.add(ticket("lawyer-2", {K::lawyer}, t0 + 1s));
  q.add(ticket("lawyer-1", {K::lawyer}, t0 + 0s + 500ms));
  auto offer = q.nextFor(specialist("s", {K::lawyer}));
  ASSERT_TRUE(offer);
  EXPECT_EQ(offer->ticket_id, "lawyer-1");
  EXPECT_EQ(offer->kind, K::lawyer);
  EXPECT_FALSE(q.nextFor(specialist("s", {K::judge})));
}

TEST(Routing, ASpecialistIsNeverGivenTheirOwnQuestion) {
  RoutingQueue q;
  auto own = ticket("own", {K::lawyer}, t0);
  own.citizen_id = "s";
  q.add(own);
  EXPECT_FALSE(q.nextFor(specialist("s", {K::lawyer})));
  auto other = ticket("other", {K::lawyer}, t0 + 1s);
  other.citizen_id = "someone";
  q.add(other);
  auto offer = q.nextFor(specialist("s", {K::lawyer}));
  ASSERT_TRUE(offer);
  EXPECT_EQ(offer->ticket_id, "other");
  // Another lawyer still gets the older one.
  EXPECT_EQ(q.nextFor(specialist("t", {K::lawyer}))->ticket_id, "own");
}

TEST(Routing, LanguageIsAHardRule) {
  RoutingQueue q;
  q.add(ticket("kk", {K::mediator}, t0, L::kk));
  EXPECT_FALSE(q.nextFor(specialist("ru-only", {K::mediator}, {L::ru})));
  EXPECT_EQ(q.nextFor(specialist("both", {K::mediator}, {L::ru, L::kk}))->ticket_id, "kk");
}

TEST(Routing, CapacityAndDutyAreHardRules) {
  RoutingQueue q;
  q.add(ticket("t", {K::lawyer}, t0));
  auto s = specialist("s", {K::lawyer});
  s.capacity = 2;
  s.rooms = 2;
  EXPECT_FALSE(q.nextFor(s));
  s.rooms = 1;
  EXPECT_TRUE(q.nextFor(s));
  s.on_duty = false;
  EXPECT_FALSE(q.nextFor(s));
}

TEST(Routing, PriorityMovesATicketForwardButNeverStarvesOthers) {
  RoutingQueue q;
  q.add(ticket("old", {K::lawyer}, t0));
  q.add(ticket("urgent", {K::lawyer}, t0 + 5min, L::ru, "family", "KZ-27", 1));
  auto s = specialist("s", {K::lawyer});
  EXPECT_EQ(q.nextFor(s)->ticket_id, "urgent") << "one step of priority is worth 10 minutes";
  q.remove("urgent");
  q.add(ticket("urgent-late", {K::lawyer}, t0 + 11min, L::ru, "family", "KZ-27", 1));
  EXPECT_EQ(q.nextFor(s)->ticket_id, "old") << "after 10 minutes the old ticket is ahead";
}

TEST(Routing, CategoryThenRegionPreferredOnlyWithinTheWindow) {
  RoutingQueue q;
  q.add(ticket("family", {K::lawyer}, t0, L::ru, "family", "KZ-71"));
  q.add(ticket("labour-here", {K::lawyer}, t0 + 30s, L::ru, "labour", "KZ-27"));
  q.add(ticket("labour-far", {K::lawyer}, t0 + 10s, L::ru, "labour", "KZ-71"));
  auto labour = specialist("s", {K::lawyer}, {L::ru}, {"labour"}, "KZ-27");
  EXPECT_EQ(q.nextFor(labour)->ticket_id, "labour-here");
  q.remove("labour-here");
  q.remove("labour-far");
  q.add(ticket("labour-much-later", {K::lawyer}, t0 + 3min, L::ru, "labour", "KZ-27"));
  EXPECT_EQ(q.nextFor(labour)->ticket_id, "family") << "preferences never jump the window";
}

TEST(Routing, PanelTicketWaitsForEveryKind) {
  RoutingQueue q;
  q.add(ticket("panel", {K::lawyer, K::psychologist}, t0));
  auto lawyer = specialist("l", {K::lawyer});
  auto psychologist = specialist("p", {K::psychologist});
  EXPECT_EQ(q.nextFor(lawyer)->ticket_id, "panel");
  q.kindJoined("panel", K::lawyer);
  EXPECT_FALSE(q.nextFor(lawyer)) << "the lawyer's seat is taken";
  auto offer = q.nextFor(psychologist);
  ASSERT_TRUE(offer);
  EXPECT_EQ(offer->kind, K::psychologist);
  q.kindJoined("panel", K::psychologist);
  EXPECT_FALSE(q.contains("panel"));
}

TEST(Routing, PlaceInQueueCountsTicketsAhead) {
  RoutingQueue q;
  for (int i = 0; i < 5; ++i) q.add(ticket("t" + std::to_string(i), {K::doctor}, t0 + i * 1s));
  q.add(ticket("panel", {K::doctor, K::judge}, t0 + 10s));
  EXPECT_EQ(q.placeOf("t0"), 1u);
  EXPECT_EQ(q.placeOf("t4"), 5u);
  EXPECT_EQ(q.placeOf("panel"), 1u) << "first in the judges' lane";
  q.remove("t0");
  EXPECT_EQ(q.placeOf("t4"), 4u);
  EXPECT_EQ(q.placeOf("nobody"), 0u);
}

TEST(Routing, PlacesListsEveryWaitingTicketOnce) {
  RoutingQueue q;
  EXPECT_TRUE(q.places().empty());
  q.add(ticket("b", {K::doctor}, t0));
  q.add(ticket("a", {K::doctor}, t0)); // same arrival: the smaller id goes first
  q.add(ticket("panel", {K::doctor, K::judge}, t0 + 10s));
  q.add(ticket("kk", {K::doctor}, t0 + 20s, L::kk));
  q.add(ticket("urgent", {K::doctor}, t0 + 1min, L::ru, "family", "KZ-27", 1));
  auto places = q.places();
  std::sort(places.begin(), places.end());
  EXPECT_EQ(places, (std::vector<std::pair<std::string, std::size_t>>{
                        {"a", 2}, {"b", 3}, {"kk", 1}, {"panel", 1}, {"urgent", 1}}));
  EXPECT_EQ(q.placeOf("a"), 2u);
  EXPECT_EQ(q.placeOf("b"), 3u);
  q.kindJoined("panel", K::judge);
  EXPECT_EQ(q.placeOf("panel"), 4u) << "only the doctors' lane is left";
}

// Property: after any mix of arrivals, replacements, departures and seats taken, placeOf and
// places() agree with counting the tickets ahead by hand.
TEST(Routing, PlaceMatchesABruteForceCount) {
  struct Model {
    std::set<K> kinds;
    L language;
    Time key;
  };
  std::mt19937 rng(20261126);
  const std::vector<K> kinds(std::begin(kAllKinds), std::begin(kAllKinds) + 3);
  for (int round = 0; round < 20; ++round) {
    RoutingQueue q;
    std::map<std::string, Model> model;
    for (int step = 0; step < 400; ++step) {
      const std::string id = "t" + std::to_string(rng() % 150);
      switch (rng() % 4) {
      case 0:
      case 1: { // arrive, or come again with other needs
        std::vector<K> want;
        for (auto k : kinds)
          if (rng() % 2) want.push_back(k);
        const auto arrived = t0 + std::chrono::seconds(rng() % 120); // many ties
        const int priority = int(rng() % 3);
        const auto language = L(rng() % 2);
        q.add(ticket(id, want, arrived, language, "family", "KZ-27", priority));
        model.erase(id);
        if (!want.empty())
          model[id] = {std::set<K>(want.begin(), want.end()), language,
                       arrived - priority * std::chrono::milliseconds(kPriorityStep)};
        break;
      }
      case 2:
        q.remove(id);
        model.erase(id);
        break;
      default: {
        const K kind = kinds[rng() % kinds.size()];
        q.kindJoined(id, kind);
        if (auto it = model.find(id); it != model.end()) {
          it->second.kinds.erase(kind);
          if (it->second.kinds.empty()) model.erase(it);
        }
      }
      }
      if (step % 20 != 19) continue;
      ASSERT_EQ(q.size(), model.size());
      std::map<std::string, std::size_t> expected;
      for (const auto &[mine, m] : model) {
        std::size_t fewest = SIZE_MAX;
        for (auto kind : m.kinds) {
          std::size_t ahead = 0;
          for (const auto &[other, o] : model)
            if (o.language == m.language && o.kinds.contains(kind) &&
                std::pair(o.key, other) < std::pair(m.key, mine))
              ++ahead;
          fewest = std::min(fewest, ahead);
        }
        expected[mine] = fewest + 1;
        ASSERT_EQ(q.placeOf(mine), fewest + 1) << mine << " in round " << round;
      }
      const auto all = q.places();
      const std::map<std::string, std::size_t> listed(all.begin(), all.end());
      EXPECT_EQ(listed, expected);
      EXPECT_EQ(all.size(), expected.size()) << "each ticket once";
    }
  }
}

TEST(Routing, LongestIdleSpecialistGetsTheTicket) {
  auto a = specialist("a", {K::lawyer});
  auto b = specialist("b", {K::lawyer});
  auto busy = specialist("busy", {K::lawyer});
  a.idle_since = t0 + 5min;
  b.idle_since = t0 + 1min;
  busy.idle_since = t0;
  busy.rooms = 1;
  const auto t = ticket("t", {K::lawyer}, t0);
  EXPECT_EQ(pickSpecialist({a, b, busy}, t), "b");
  EXPECT_FALSE(pickSpecialist({busy}, t));
}

// Property: whatever the arrivals, every ticket is eventually served exactly once per kind,
// and a specialist is never offered a ticket they cannot serve.
TEST(Routing, RandomisedQueuesDrainWithoutDoubleSeats) {
  std::mt19937 rng(20261125);
  const std::vector<K> kinds(std::begin(kAllKinds), std::end(kAllKinds));
  for (int round = 0; round < 50; ++round) {
    RoutingQueue q;
    std::map<std::string, std::set<K>> awaited;
    for (int i = 0; i < 60; ++i) {
      std::vector<K> want;
      for (int k = 0; k < 1 + int(rng() % 3); ++k) {
        K kind = kinds[rng() % kinds.size()];
        if (std::find(want.begin(), want.end(), kind) == want.end()) want.push_back(kind);
      }
      const std::string id = "t" + std::to_string(i);
      q.add(ticket(id, want, t0 + std::chrono::seconds(rng() % 600), L(rng() % 3), "family",
                   "KZ-27", int(rng() % 2)));
      awaited[id] = std::set<K>(want.begin(), want.end());
    }
    std::vector<SpecialistState> staff;
    for (int i = 0; i < 7; ++i)
      staff.push_back(specialist("s" + std::to_string(i), {kinds[i]}, {L::kk, L::ru, L::en}));
    for (int step = 0; step < 1000 && q.size() > 0; ++step) {
      auto &s = staff[step % staff.size()];
      auto offer = q.nextFor(s);
      if (!offer) continue;
      ASSERT_TRUE(awaited[offer->ticket_id].contains(offer->kind)) << "double seat";
      ASSERT_TRUE(std::find(s.kinds.begin(), s.kinds.end(), offer->kind) != s.kinds.end());
      awaited[offer->ticket_id].erase(offer->kind);
      q.kindJoined(offer->ticket_id, offer->kind);
    }
    EXPECT_EQ(q.size(), 0u);
    for (const auto &[id, left] : awaited) EXPECT_TRUE(left.empty()) << id;
  }
}

} // namespace kelisim::core::reception
