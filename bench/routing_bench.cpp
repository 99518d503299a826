// Routing decision time: one free specialist, n waiting tickets (DESIGN.md target: under
// 20 µs at n = 10,000, growing no faster than log n). Tickets are spread over kinds,
// languages, categories and regions as at a real reception. Also the live place of one
// citizen (placeOf, O(log n)) and of everyone at once (places, broadcast after each change),
// up to the design target of 50,000 waiting citizens.
//   cmake --preset release && cmake --build build/release --target routing_bench
//   build/release/routing_bench
#include "core/reception/routing.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

using namespace kelisim::core;
using namespace kelisim::core::reception;

namespace {
// Appending (rather than "t" + to_string) keeps clear of a GCC 12 -Wrestrict false alarm.
std::string ticketId(std::size_t i) {
  std::string id = "t";
  id += std::to_string(i);
  return id;
}

RoutingQueue makeQueue(std::size_t n) {
  std::mt19937 rng(7);
  const char *categories[] = {"family", "civil", "labour", "housing", "health", "consumer"};
  const char *regions[] = {"KZ-27", "KZ-71", "KZ-75", "KZ-79", "KZ-35"};
  RoutingQueue q;
  const Time t0 = fromMillis(1'764'000'000'000);
  for (std::size_t i = 0; i < n; ++i) {
    TicketNeeds t;
    t.id = ticketId(i);
    t.kinds = {kAllKinds[rng() % 7]};
    if (rng() % 5 == 0) t.kinds.push_back(SpecialistKind::psychologist);
    t.language = Language(rng() % 2);
    t.category = categories[rng() % 6];
    t.region = regions[rng() % 5];
    t.priority = rng() % 20 == 0 ? 1 : 0;
    t.arrived = t0 + std::chrono::milliseconds(rng() % 3'600'000);
    q.add(t);
  }
  return q;
}

void BM_NextTicketForFreeSpecialist(benchmark::State &state) {
  const auto q = makeQueue(static_cast<std::size_t>(state.range(0)));
  SpecialistState s;
  s.id = "lawyer";
  s.kinds = {SpecialistKind::lawyer, SpecialistKind::mediator};
  s.languages = {Language::kk, Language::ru};
  s.categories = {"labour", "housing"};
  s.region = "KZ-27";
  s.on_duty = true;
  for (auto _ : state) benchmark::DoNotOptimize(q.nextFor(s));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_NextTicketForFreeSpecialist)->RangeMultiplier(10)->Range(100, 100'000)->Complexity();

void BM_AddAndServeOne(benchmark::State &state) {
  auto q = makeQueue(static_cast<std::size_t>(state.range(0)));
  TicketNeeds t;
  t.id = "new";
  t.kinds = {SpecialistKind::doctor};
  t.category = "health";
  t.arrived = fromMillis(1'764'000'000'000);
  for (auto _ : state) {
    q.add(t);
    q.kindJoined("new", SpecialistKind::doctor);
  }
}
BENCHMARK(BM_AddAndServeOne)->Arg(10'000);

// One citizen's place, for tickets picked at random over the whole queue.
void BM_PlaceOf(benchmark::State &state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto q = makeQueue(n);
  std::mt19937 rng(11);
  std::vector<std::string> ids(4096);
  for (auto &id : ids) id = ticketId(rng() % n);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(q.placeOf(ids[i++ % ids.size()]));
}
BENCHMARK(BM_PlaceOf)->Arg(10'000)->Arg(50'000);

// Every citizen's place, as broadcast after a change.
void BM_Places(benchmark::State &state) {
  const auto q = makeQueue(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(q.places());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_Places)->Arg(10'000)->Arg(50'000)->Unit(benchmark::kMillisecond);
} // namespace

BENCHMARK_MAIN();
